package image

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"strings"
	"syscall"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// Bounds on a docker-save tar's own structure.
const (
	maxArchiveEntries = 1 << 16
	maxArchiveImages  = 1024
	maxLinkHops       = 8
)

// archive is the index of a docker-save tar: where each entry's data lies,
// so that a layer is read straight from the file, once, when it is needed.
type archive struct {
	path    string
	entries map[string]*archiveEntry
}

type archiveEntry struct {
	name      string
	typ       byte
	link      string
	off, size int64
	// dup marks a name the tar holds more than once: which copy a reader
	// takes is ambiguous, so such an entry is never read.
	dup    bool
	sparse bool
}

// openRegular opens a file that must be a regular file: a FIFO or a device
// named as an archive is an error, not a hang.
func openRegular(p string) (*os.File, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", p)
	}
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	if st, err = f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s: not a regular file", p)
	}
	return f, nil
}

func cleanName(n string) string {
	return path.Clean(strings.TrimLeft(n, "/"))
}

// indexArchive reads the tar's headers, seeking past the data.
func indexArchive(ctx context.Context, p string) (*archive, error) {
	f, err := openRegular(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var magic [4]byte
	if n, _ := f.ReadAt(magic[:], 0); bytes.HasPrefix(magic[:n], gzipMagic) || bytes.HasPrefix(magic[:n], zstdMagic) {
		return nil, errors.New("the archive is compressed: decompress it first (docker save writes a plain tar)")
	}
	a := &archive{path: p, entries: map[string]*archiveEntry{}}
	tr := tar.NewReader(f)
	for n := 0; ; n++ {
		if err := checkCtx(ctx); err != nil {
			return nil, err
		}
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read tar: %w", err)
		}
		if n >= maxArchiveEntries {
			return nil, fmt.Errorf("more than %d tar entries: %w", maxArchiveEntries, ErrLimit)
		}
		// The reader has read exactly the header blocks: the data follows.
		off, err := f.Seek(0, io.SeekCurrent)
		if err != nil {
			return nil, err
		}
		e := &archiveEntry{name: cleanName(hdr.Name), typ: hdr.Typeflag, link: hdr.Linkname, off: off, size: hdr.Size}
		e.sparse = hdr.Typeflag == tar.TypeGNUSparse
		for k := range hdr.PAXRecords {
			if strings.HasPrefix(k, "GNU.sparse.") {
				e.sparse = true
			}
		}
		if old, ok := a.entries[e.name]; ok {
			old.dup = true
			continue
		}
		a.entries[e.name] = e
	}
	return a, nil
}

// resolve finds the regular file an entry name means, following links
// inside the tar (docker save links a layer that appears twice).
func (a *archive) resolve(name string) (*archiveEntry, error) {
	name = cleanName(name)
	for range maxLinkHops {
		e, ok := a.entries[name]
		if !ok {
			return nil, fmt.Errorf("no %s in the archive", name)
		}
		if e.dup {
			return nil, fmt.Errorf("the archive holds %s more than once", name)
		}
		switch e.typ {
		case tar.TypeReg:
			if e.sparse {
				return nil, fmt.Errorf("%s is a sparse file", name)
			}
			if e.size < 0 {
				return nil, fmt.Errorf("%s: negative size", name)
			}
			return e, nil
		case tar.TypeSymlink:
			target := e.link
			if !path.IsAbs(target) {
				target = path.Join(path.Dir(name), target)
			}
			name = cleanName(target)
		case tar.TypeLink:
			name = cleanName(e.link)
		default:
			return nil, fmt.Errorf("%s is not a regular file", name)
		}
	}
	return nil, fmt.Errorf("%s: more than %d links", name, maxLinkHops)
}

func (a *archive) open(e *archiveEntry) (io.ReadCloser, error) {
	f, err := openRegular(a.path)
	if err != nil {
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{io.NewSectionReader(f, e.off, e.size), f}, nil
}

func (a *archive) readSmall(ctx context.Context, name string) (*archiveEntry, []byte, error) {
	e, err := a.resolve(name)
	if err != nil {
		return nil, nil, err
	}
	if e.size > maxMetadataSize {
		return nil, nil, fmt.Errorf("%s: %d bytes, over the %s limit for metadata: %w", name, e.size, sizeString(maxMetadataSize), ErrLimit)
	}
	rc, err := a.open(e)
	if err != nil {
		return nil, nil, err
	}
	defer rc.Close()
	b, err := readSmall(ctx, rc, maxMetadataSize, name)
	return e, b, err
}

func (a *archive) peek(e *archiveEntry, n int) []byte {
	rc, err := a.open(e)
	if err != nil {
		return nil
	}
	defer rc.Close()
	b := make([]byte, n)
	k, _ := io.ReadFull(rc, b)
	return b[:k]
}

// nameDigest matches the entry names that say their content's digest:
// blobs/sha256/HEX (docker 25+), sha256:HEX and HEX.tar.gz
// (go-containerregistry), HEX.json (the config as docker names it).
// Legacy docker's ID/layer.tar is an ID, not a digest.
var nameDigest = regexp.MustCompile(`^(?:blobs/sha256/|sha256:)?([0-9a-f]{64})(?:\.json|\.tar|\.tar\.gz|\.tar\.zst)?$`)

func digestInName(n string) (v1.Hash, bool) {
	m := nameDigest.FindStringSubmatch(cleanName(n))
	if m == nil {
		return v1.Hash{}, false
	}
	return v1.Hash{Algorithm: "sha256", Hex: m[1]}, true
}

func sha256Of(b []byte) v1.Hash {
	h, _, _ := v1.SHA256(bytes.NewReader(b))
	return h
}

// fromArchive reads the image of a docker-save tar that the reference
// chooses (see choose; the digest of a docker-save image is its ID, the
// config's digest). A docker-save tar holds no manifest, so one is made
// from manifest.json: every layer keeps the digest its name says, or the
// config's diff_id when it is stored uncompressed, and the image is then
// read and verified as any other.
func (im *Image) fromArchive(ctx context.Context, o Options, b *budget) error {
	return im.fromArchiveFile(ctx, im.Ref.Ref, im.Ref, "docker archive "+im.Ref.Ref, o, b)
}

// fromArchiveFile reads the image ref chooses of the docker-save tar at p.
func (im *Image) fromArchiveFile(ctx context.Context, p string, ref Ref, kind string, o Options, b *budget) error {
	ac, err := readArchiveContents(ctx, p)
	if err != nil {
		return err
	}
	c, err := choose(ac.candidates, ref, platformOf(o), kind)
	if err != nil {
		return err
	}
	raw, open, err := ac.a.manifest(ctx, ac.m[c.index], ac.configs[c.index], b)
	if err != nil {
		return err
	}
	im.Image, err = newVerifiedImage(ctx, b, raw, sha256Of(raw), open)
	return err
}

// archiveContents is what a docker-save tar holds: its index, its
// manifest.json, each image's config and the candidates they make.
type archiveContents struct {
	a          *archive
	m          tarball.Manifest
	configs    [][]byte
	candidates []candidate
}

func readArchiveContents(ctx context.Context, p string) (*archiveContents, error) {
	a, err := indexArchive(ctx, p)
	if err != nil {
		return nil, err
	}
	_, raw, err := a.readSmall(ctx, "manifest.json")
	if err != nil {
		return nil, err
	}
	var m tarball.Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("manifest.json: %w", err)
	}
	if len(m) > maxArchiveImages {
		return nil, fmt.Errorf("manifest.json: more than %d images: %w", maxArchiveImages, ErrLimit)
	}
	var cs []candidate
	configs := make([][]byte, len(m))
	byEntry := map[*archiveEntry][]byte{} // a config named twice is read once
	var meta metaBudget
	for i, d := range m {
		e, err := a.resolve(d.Config)
		if err != nil {
			return nil, fmt.Errorf("manifest.json image %d: config: %w", i, err)
		}
		cfg, ok := byEntry[e]
		if !ok {
			if _, cfg, err = a.readSmall(ctx, d.Config); err != nil {
				return nil, fmt.Errorf("manifest.json image %d: config: %w", i, err)
			}
			if err := meta.spend(len(cfg)); err != nil {
				return nil, fmt.Errorf("manifest.json: %w", err)
			}
			byEntry[e] = cfg
		}
		configs[i] = cfg
		c := candidate{digest: sha256Of(cfg), refs: d.RepoTags, index: i}
		if cf, err := v1.ParseConfigFile(bytes.NewReader(cfg)); err == nil && cf.OS != "" {
			c.platform = &v1.Platform{OS: cf.OS, Architecture: cf.Architecture, Variant: cf.Variant}
		}
		cs = append(cs, c)
	}
	return &archiveContents{a: a, m: m, configs: configs, candidates: cs}, nil
}

// manifest makes the manifest of one docker-save image, and the opener of
// its blobs.
func (a *archive) manifest(ctx context.Context, d tarball.Descriptor, rawConfig []byte, b *budget) ([]byte, blobOpener, error) {
	cfgEntry, err := a.resolve(d.Config)
	if err != nil {
		return nil, nil, err
	}
	id := sha256Of(rawConfig)
	if claimed, ok := digestInName(d.Config); ok && claimed != id {
		return nil, nil, fmt.Errorf("config %s: content is %s, not the digest its name says", d.Config, id)
	}
	cf, err := v1.ParseConfigFile(bytes.NewReader(rawConfig))
	if err != nil {
		return nil, nil, fmt.Errorf("config %s: %w", d.Config, err)
	}
	if len(d.Layers) > b.o.MaxLayers {
		return nil, nil, fmt.Errorf("%d layers, over the limit of %d: %w", len(d.Layers), b.o.MaxLayers, ErrLimit)
	}
	if len(d.Layers) != len(cf.RootFS.DiffIDs) {
		return nil, nil, fmt.Errorf("config %s lists %d diff_ids for manifest.json's %d layers", d.Config, len(cf.RootFS.DiffIDs), len(d.Layers))
	}
	blobs := map[v1.Hash]*archiveEntry{id: cfgEntry}
	m := v1.Manifest{
		SchemaVersion: 2,
		MediaType:     types.DockerManifestSchema2,
		Config:        v1.Descriptor{MediaType: types.DockerConfigJSON, Size: int64(len(rawConfig)), Digest: id},
	}
	for i, ln := range d.Layers {
		e, err := a.resolve(ln)
		if err != nil {
			return nil, nil, fmt.Errorf("layer %d: %w", i, err)
		}
		if e.size > b.o.MaxLayerSize {
			return nil, nil, fmt.Errorf("layer %d (%s): %d bytes, over the %s limit per layer: %w", i, ln, e.size, sizeString(b.o.MaxLayerSize), ErrLimit)
		}
		desc := v1.Descriptor{Size: e.size}
		claimed, hasClaim := digestInName(ln)
		magic := a.peek(e, len(zstdMagic))
		switch {
		case bytes.HasPrefix(magic, gzipMagic), bytes.HasPrefix(magic, zstdMagic):
			desc.MediaType = types.DockerLayer
			if bytes.HasPrefix(magic, zstdMagic) {
				desc.MediaType = types.OCILayerZStd
			}
			if desc.Digest = claimed; !hasClaim {
				if desc.Digest, err = a.hash(ctx, e); err != nil {
					return nil, nil, fmt.Errorf("layer %d (%s): %w", i, ln, err)
				}
			}
		default:
			// Stored uncompressed: its digest is its diff_id, which the
			// read then checks.
			desc.MediaType = types.DockerUncompressedLayer
			desc.Digest = cf.RootFS.DiffIDs[i]
			if hasClaim && claimed != desc.Digest {
				return nil, nil, fmt.Errorf("layer %d (%s): named %s, but the config's diff_id is %s", i, ln, claimed, desc.Digest)
			}
		}
		if _, ok := blobs[desc.Digest]; !ok {
			blobs[desc.Digest] = e
		}
		m.Layers = append(m.Layers, desc)
	}
	raw, err := json.Marshal(m)
	if err != nil {
		return nil, nil, err
	}
	open := func(_ context.Context, d v1.Descriptor) (io.ReadCloser, error) {
		e, ok := blobs[d.Digest]
		if !ok {
			return nil, fmt.Errorf("no blob %s in the archive", d.Digest)
		}
		return a.open(e)
	}
	return raw, open, nil
}

// hash computes the digest of an entry whose name does not say it.
func (a *archive) hash(ctx context.Context, e *archiveEntry) (v1.Hash, error) {
	rc, err := a.open(e)
	if err != nil {
		return v1.Hash{}, err
	}
	defer rc.Close()
	h, _, err := v1.SHA256(ctxReader{ctx, rc})
	return h, err
}
