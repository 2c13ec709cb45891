package image

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"

	stimage "github.com/anchore/stereoscope/pkg/image"
	"github.com/anchore/syft/syft/format/syftjson"
	"github.com/anchore/syft/syft/source"
	"github.com/anchore/syft/syft/source/stereoscopesource"
	"github.com/google/go-containerregistry/pkg/v1/types"

	"github.com/tollgate/tollgate/secrets"
)

// sbomCacheFormat is the version of the SBOM cache's entries: their
// layout, and what tollgate puts in an SBOM and in an image's file facts.
// An entry of another version is never found (it is in the key).
const sbomCacheFormat = 2

// maxSBOMCacheEntry bounds an entry of the SBOM cache, written or read:
// an image whose SBOM is larger is catalogued every time.
const maxSBOMCacheEntry = 256 << 20

// sbomCache keeps what an image's layers came to (its SBOM in syft-json,
// syft's own lossless format, and the facts of its file system), found by
// a key naming everything that outcome depends on: the image's manifest
// and config digests, its source scheme and platform, the versions of
// tollgate, syft and stereoscope, syft's configuration, the secret
// detection and the limits. A second scan of an image replays the entry
// without fetching or reading a layer. Anything in doubt (an unreadable,
// oversized, corrupt or mismatched entry) is a miss.
//
// Secrets never reach the disk: an entry keeps the secret findings of the
// layers without their values (rule, file, layer, lines, the preview a
// report shows and the fingerprint), the config's are found again from the
// config at each scan, and the key says whether detection was on and with
// which rules, so an entry made without it never answers a scan with it.
type sbomCache struct {
	dir string
	max int // maxSBOMCacheEntry, unless set (tests)
}

// sbomEntry is the first line of an entry file; the SBOM in syft-json
// follows it.
type sbomEntry struct {
	Format int    `json:"format"`
	Key    string `json:"key"`
	Digest string `json:"digest"`
	// Configuration is syft's configuration audit trail as syft-json
	// writes it: decoded, it would be a map, whose keys encode in another
	// order than the struct's fields.
	Configuration json.RawMessage `json:"configuration"`
	Files         cachedFacts     `json:"files"`
	Secrets       []cachedSecret  `json:"secrets,omitempty"`
	SBOMSize      int             `json:"sbom_size"`
	SBOMSHA256    string          `json:"sbom_sha256"`
}

type cachedFacts struct {
	Notable   []cachedFile `json:"notable"`
	Shells    []string     `json:"shells"`
	Truncated bool         `json:"truncated"`
	Read      bool         `json:"read"`
}

type cachedFile struct {
	Path          string `json:"path"`
	Mode          uint32 `json:"mode"`
	Dir           bool   `json:"dir"`
	UID           int    `json:"uid"`
	GID           int    `json:"gid"`
	Layer         int    `json:"layer"`
	Setuid        bool   `json:"setuid"`
	Setgid        bool   `json:"setgid"`
	WorldWritable bool   `json:"world_writable"`
}

// cachedSecret is a secret of a layer as an entry keeps it: everything
// its finding shows, never its value.
type cachedSecret struct {
	Layer       string `json:"layer"`
	Path        string `json:"path"`
	RuleID      string `json:"rule_id"`
	Description string `json:"description"`
	StartLine   int    `json:"start_line"`
	EndLine     int    `json:"end_line"`
	StartColumn int    `json:"start_column"`
	Preview     string `json:"preview"`
	Fingerprint string `json:"fingerprint"`
	// Value is false for a rule on the file's kind alone, which has none.
	Value bool `json:"value"`
}

// layerSecretsToCache keeps the secrets found in the layers, without their
// values; those of the config are left out (found again at each scan).
func layerSecretsToCache(found []Secret) []cachedSecret {
	var out []cachedSecret
	for _, s := range found {
		if s.Field != "" {
			continue
		}
		out = append(out, cachedSecret{Layer: s.Layer, Path: s.Path, RuleID: s.RuleID, Description: s.Description,
			StartLine: s.StartLine, EndLine: s.EndLine, StartColumn: s.StartColumn, Preview: s.Preview,
			Fingerprint: s.Fingerprint, Value: s.Secret != "" || s.Replayed})
	}
	return out
}

func layerSecretsFromCache(c []cachedSecret) []Secret {
	var out []Secret
	for _, s := range c {
		out = append(out, Secret{Layer: s.Layer, Path: s.Path, Fingerprint: s.Fingerprint, Replayed: s.Value,
			Finding: secrets.Finding{RuleID: s.RuleID, Description: s.Description, StartLine: s.StartLine,
				EndLine: s.EndLine, StartColumn: s.StartColumn, Preview: s.Preview}})
	}
	return out
}

func factsToCache(ff fileFacts) cachedFacts {
	c := cachedFacts{Shells: ff.shells, Truncated: ff.truncated, Read: ff.read}
	for _, f := range ff.notable {
		c.Notable = append(c.Notable, cachedFile{Path: f.path, Mode: uint32(f.mode), Dir: f.dir, UID: f.uid, GID: f.gid,
			Layer: f.layer, Setuid: f.setuid, Setgid: f.setgid, WorldWritable: f.worldWritable})
	}
	return c
}

func factsFromCache(c cachedFacts) fileFacts {
	ff := fileFacts{shells: c.Shells, truncated: c.Truncated, read: c.Read}
	for _, f := range c.Notable {
		ff.notable = append(ff.notable, notableFile{path: f.Path, mode: fs.FileMode(f.Mode), dir: f.Dir, uid: f.UID, gid: f.GID,
			layer: f.Layer, setuid: f.Setuid, setgid: f.Setgid, worldWritable: f.WorldWritable})
	}
	return ff
}

// sbomCacheKey names the entry of the image im resolved to, read with
// options o (defaults filled in); "" when there is no key to trust.
func sbomCacheKey(im *Image, o Options) string {
	build := buildIdentity()
	if build == "" {
		return ""
	}
	cfgDigest, err := im.Image.ConfigName()
	if err != nil {
		return ""
	}
	syftCfg, err := json.Marshal(SBOMConfig(o.ToolName, o.ToolVersion))
	if err != nil {
		return ""
	}
	h := sha256.New()
	put := func(parts ...string) {
		for _, p := range parts {
			fmt.Fprintf(h, "%d:%s", len(p), p)
		}
	}
	put("tollgate-image-sbom", fmt.Sprint(sbomCacheFormat))
	put("scheme", im.Ref.Scheme)
	put("manifest", im.Digest, "config", cfgDigest.String())
	platform := ""
	if o.Platform != nil {
		platform = PlatformString(*o.Platform)
	}
	put("platform", platform)
	put("tool", o.ToolName, o.ToolVersion, o.ToolBuild)
	put("build", build)
	put("syft-config", string(syftCfg))
	if o.Secrets == nil {
		put("secrets", "off")
	} else {
		put("secrets", o.Secrets.Digest(), fmt.Sprint(MaxSecretFileSize))
		put(secretSkipDirs...)
		put(secretSkipTrees...)
		put(secretSkipCaches...)
	}
	put("limits", fmt.Sprint(o.MaxLayerSize), fmt.Sprint(o.MaxImageSize), fmt.Sprint(o.MaxLayers), fmt.Sprint(o.MaxFiles))
	return hex.EncodeToString(h.Sum(nil))
}

// catalogModules are the modules whose code makes an SBOM.
var catalogModules = []string{"github.com/anchore/syft", "github.com/anchore/stereoscope"}

// buildIdentity names the code that catalogues: the versions and sums of
// syft and stereoscope from the build information, or, in a build that
// does not list them (a test binary), the digest of the executable itself;
// "" when neither is known.
var buildIdentity = sync.OnceValue(func() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		var parts []string
		for _, want := range catalogModules {
			for _, d := range bi.Deps {
				if d.Path != want {
					continue
				}
				if d.Replace != nil {
					d = d.Replace
				}
				if d.Version != "" && d.Version != "(devel)" && d.Sum != "" {
					parts = append(parts, d.Path+"@"+d.Version+" "+d.Sum)
				}
			}
		}
		if len(parts) == len(catalogModules) {
			return strings.Join(parts, "\n")
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return "executable " + hex.EncodeToString(h.Sum(nil))
})

func (c *sbomCache) path(key string) string {
	return filepath.Join(c.dir, key[:2], key+".sbom")
}

// load replays the entry of key into im: its SBOM (with the source
// metadata of im's own reference) and file facts. Any problem is a miss.
func (c *sbomCache) load(key string, im *Image) bool {
	f, err := os.Open(c.path(key))
	if err != nil {
		return false
	}
	defer f.Close()
	limit := c.max
	if limit == 0 {
		limit = maxSBOMCacheEntry
	}
	b, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil || len(b) > limit {
		return false
	}
	head, body, ok := bytes.Cut(b, []byte("\n"))
	if !ok {
		return false
	}
	var e sbomEntry
	if err := json.Unmarshal(head, &e); err != nil || e.Format != sbomCacheFormat || e.Key != key || e.Digest != im.Digest ||
		e.SBOMSize != len(body) || e.SBOMSHA256 != hashHex(body) || !json.Valid(e.Configuration) {
		return false
	}
	s, id, _, err := syftjson.NewFormatDecoder().Decode(bytes.NewReader(body))
	if err != nil || id != syftjson.ID || s == nil {
		return false
	}
	desc, ok := im.sourceDescription(s.Source)
	if !ok {
		return false
	}
	s.Source = desc
	s.Descriptor.Configuration = e.Configuration
	im.SBOM, im.files, im.Secrets = s, factsFromCache(e.Files), layerSecretsFromCache(e.Secrets)
	return true
}

// store writes im's entry whole or not at all (a temporary file renamed
// into place, so a scan sharing the directory reads the old entry or the
// new one, never half of one), its secrets without their values.
func (c *sbomCache) store(key string, im *Image) error {
	var cfg bytes.Buffer
	enc := json.NewEncoder(&cfg)
	enc.SetEscapeHTML(false) // as syft-json writes it
	if err := enc.Encode(im.SBOM.Descriptor.Configuration); err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	var body bytes.Buffer
	if err := syftjson.NewFormatEncoder().Encode(&body, *im.SBOM); err != nil {
		return err
	}
	head, err := json.Marshal(sbomEntry{Format: sbomCacheFormat, Key: key, Digest: im.Digest,
		Configuration: bytes.TrimSuffix(cfg.Bytes(), []byte("\n")), Files: factsToCache(im.files),
		Secrets: layerSecretsToCache(im.Secrets), SBOMSize: body.Len(), SBOMSHA256: hashHex(body.Bytes())})
	if err != nil {
		return err
	}
	if len(head)+1+body.Len() > maxSBOMCacheEntry {
		return fmt.Errorf("entry of %d bytes is over the %s limit", len(head)+1+body.Len(), sizeString(maxSBOMCacheEntry))
	}
	p := c.path(key)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(append(head, '\n'))
	if werr == nil {
		_, werr = f.Write(body.Bytes())
	}
	if err := errors.Join(werr, f.Close()); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), p); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

// sourceDescription is the source of im's SBOM as a fresh read of im
// would describe it: the image's metadata from the cached description,
// the reference (user input, tags, repository digests, hence name and
// version) im's own, made by syft's own code from a stereoscope image
// holding that metadata.
func (im *Image) sourceDescription(cached source.Description) (source.Description, bool) {
	md, ok := cached.Metadata.(source.ImageMetadata)
	if !ok || md.ManifestDigest != im.Digest {
		return source.Description{}, false
	}
	si := &stimage.Image{Metadata: stimage.Metadata{
		ID: md.ID, Size: md.Size, MediaType: types.MediaType(md.MediaType),
		RawManifest: md.RawManifest, ManifestDigest: md.ManifestDigest, RawConfig: md.RawConfig,
		Architecture: md.Architecture, Variant: md.Variant, OS: md.OS,
	}}
	si.Metadata.Config.Config.Labels = md.Labels
	for _, l := range md.Layers {
		si.Layers = append(si.Layers, &stimage.Layer{Metadata: stimage.LayerMetadata{
			MediaType: types.MediaType(l.MediaType), Digest: l.Digest, Size: l.Size}})
	}
	for _, m := range im.referenceMetadata() {
		if err := m(si); err != nil {
			return source.Description{}, false
		}
	}
	d := stereoscopesource.New(si, stereoscopesource.ImageConfig{Reference: im.displayRef()}).Describe()
	if d.ID != cached.ID {
		return source.Description{}, false
	}
	return d, true
}

func hashHex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
