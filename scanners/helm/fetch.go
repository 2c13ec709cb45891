package helm

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/Masterminds/semver/v3"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chart/loader"
	"sigs.k8s.io/yaml"
)

// Chart dependencies that are not vendored in charts/ are downloaded only
// when the user asks for it (--download-charts), as `helm dependency build`
// would fetch them, but in process and without writing into the chart:
// from a chart repository (https://.../index.yaml, the newest version
// meeting the dependency's constraint) or an OCI registry (oci://...,
// Helm's chart layer, verified against its digest). Each archive is
// bounded in bytes, loaded by Helm's own loader (with its limits), kept in a
// cache by repository, name and version, and its templates rendered with
// the chart; what they create is reported on the dependency's line of
// Chart.yaml. Repositories named by alias (@name, from the user's Helm
// repositories.yaml) and file:// dependencies are not fetched.

// ChartFetcher downloads chart dependencies. CacheDir is required.
type ChartFetcher struct {
	// CacheDir keeps downloaded chart archives.
	CacheDir string
	// Client makes chart repository requests; nil: a client with
	// RequestTimeout.
	Client *http.Client
	// Registry are the options of OCI registry requests (authentication,
	// transport); InsecureRegistries are registries reached over plain HTTP.
	Registry           []remote.Option
	InsecureRegistries []string
	// MaxBytes bounds one archive, and one repository index (0:
	// DefaultChartBytes).
	MaxBytes int64
}

// Defaults of a ChartFetcher.
const (
	RequestTimeout    = 30 * time.Second
	DefaultChartBytes = 64 << 20
)

// helmChartLayer is the media type of a chart's archive in an OCI artifact.
const helmChartLayer = "application/vnd.cncf.helm.chart.content.v1.tar+gzip"

// errNotFetched marks a dependency the fetcher does not download.
var errNotFetched = errors.New("not downloaded by tollgate")

// fetch returns the chart a dependency names, and the id it is reported
// under (oci://registry/repo/name:1.2.3, https://repo/name-1.2.3.tgz).
func (f *ChartFetcher) fetch(ctx context.Context, dep *chart.Dependency) (*chart.Chart, string, error) {
	var data []byte
	var id string
	var err error
	switch {
	case strings.HasPrefix(dep.Repository, "oci://"):
		data, id, err = f.fetchOCI(ctx, dep)
	case strings.HasPrefix(dep.Repository, "https://"):
		data, id, err = f.fetchRepo(ctx, dep)
	case dep.Repository == "":
		return nil, "", fmt.Errorf("%w: it names no repository", errNotFetched)
	default:
		return nil, "", fmt.Errorf("%w: repository %q (only https:// chart repositories and oci:// registries are)", errNotFetched, dep.Repository)
	}
	if err != nil {
		return nil, "", err
	}
	c, err := loader.LoadArchive(bytes.NewReader(data))
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", id, err)
	}
	if c.Name() != dep.Name {
		return nil, "", fmt.Errorf("%s: the archive holds chart %q, not %q", id, c.Name(), dep.Name)
	}
	return c, id, nil
}

func (f *ChartFetcher) maxBytes() int64 {
	if f.MaxBytes > 0 {
		return f.MaxBytes
	}
	return DefaultChartBytes
}

// cached returns the archive cached under key, or calls get and caches it.
func (f *ChartFetcher) cached(key string, get func() ([]byte, error)) ([]byte, error) {
	sum := sha256.Sum256([]byte(key))
	file := filepath.Join(f.CacheDir, hex.EncodeToString(sum[:12])+".tgz")
	if data, err := os.ReadFile(file); err == nil {
		return data, nil
	}
	data, err := get()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(f.CacheDir, 0o755); err == nil {
		if tmp, err := os.CreateTemp(f.CacheDir, ".chart-"); err == nil {
			_, werr := tmp.Write(data)
			if cerr := tmp.Close(); werr == nil && cerr == nil {
				os.Rename(tmp.Name(), file)
			}
			os.Remove(tmp.Name())
		}
	}
	return data, nil
}

// fetchRepo downloads a dependency from a chart repository.
func (f *ChartFetcher) fetchRepo(ctx context.Context, dep *chart.Dependency) ([]byte, string, error) {
	base := strings.TrimSuffix(dep.Repository, "/")
	raw, err := f.get(ctx, base+"/index.yaml")
	if err != nil {
		return nil, "", err
	}
	// The repository index, as Helm reads it (helm.sh/helm/v3/pkg/repo,
	// which would bring kubectl into the binary): entries by chart name.
	var idx struct {
		Entries map[string][]struct {
			Version string   `json:"version"`
			URLs    []string `json:"urls"`
		} `json:"entries"`
	}
	if err := yaml.Unmarshal(raw, &idx); err != nil {
		return nil, "", fmt.Errorf("%s/index.yaml: %w", base, err)
	}
	urls := map[string]string{}
	var versions []string
	for _, e := range idx.Entries[dep.Name] {
		if len(e.URLs) > 0 {
			urls[e.Version] = e.URLs[0]
			versions = append(versions, e.Version)
		}
	}
	version, err := newestTag(versions, dep.Version)
	if err != nil {
		return nil, "", fmt.Errorf("%s: chart %q: %w", base, dep.Name, err)
	}
	baseURL, _ := url.Parse(base + "/")
	ref, err := baseURL.Parse(urls[version])
	if err != nil {
		return nil, "", fmt.Errorf("%s: chart URL %q: %w", base, urls[version], err)
	}
	u := ref.String()
	id := u
	data, err := f.cached(base+"\x00"+dep.Name+"\x00"+version, func() ([]byte, error) { return f.get(ctx, u) })
	return data, id, err
}

// get GETs u over HTTPS, bounded in time and bytes.
func (f *ChartFetcher) get(ctx context.Context, u string) ([]byte, error) {
	pu, err := url.Parse(u)
	if err != nil || pu.Scheme != "https" {
		return nil, fmt.Errorf("%s: only https URLs are fetched", u)
	}
	ctx, cancel := context.WithTimeout(ctx, RequestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	c := f.Client
	if c == nil {
		c = &http.Client{Timeout: RequestTimeout}
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", pu.Redacted(), resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, f.maxBytes()+1))
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", pu.Redacted(), err)
	}
	if int64(len(data)) > f.maxBytes() {
		return nil, fmt.Errorf("GET %s: larger than %d bytes", pu.Redacted(), f.maxBytes())
	}
	return data, nil
}

// fetchOCI pulls a dependency's chart from an OCI registry: the tag is the
// version (Helm writes + as _), the newest tag meeting a constraint.
func (f *ChartFetcher) fetchOCI(ctx context.Context, dep *chart.Dependency) ([]byte, string, error) {
	repoRef := strings.TrimSuffix(strings.TrimPrefix(dep.Repository, "oci://"), "/") + "/" + dep.Name
	var nopts []name.Option
	if reg, _, _ := strings.Cut(repoRef, "/"); insecureHost(reg, f.InsecureRegistries) {
		nopts = append(nopts, name.Insecure)
	}
	r, err := name.NewRepository(repoRef, nopts...)
	if err != nil {
		return nil, "", fmt.Errorf("oci://%s: %w", repoRef, err)
	}
	ctx, cancel := context.WithTimeout(ctx, 2*RequestTimeout)
	defer cancel()
	opts := append([]remote.Option{remote.WithContext(ctx)}, f.Registry...)
	tag := dep.Version
	if _, err := semver.StrictNewVersion(tag); err != nil {
		tags, err := remote.List(r, opts...)
		if err != nil {
			return nil, "", fmt.Errorf("oci://%s: list tags: %w", repoRef, err)
		}
		if tag, err = newestTag(tags, dep.Version); err != nil {
			return nil, "", fmt.Errorf("oci://%s: %w", repoRef, err)
		}
	}
	ref := r.Tag(strings.ReplaceAll(tag, "+", "_"))
	id := "oci://" + ref.String()
	data, err := f.cached(id, func() ([]byte, error) {
		img, err := remote.Image(ref, opts...)
		if err != nil {
			return nil, err
		}
		m, err := img.Manifest()
		if err != nil {
			return nil, err
		}
		for _, l := range m.Layers {
			if string(l.MediaType) != helmChartLayer {
				continue
			}
			if l.Size > f.maxBytes() {
				return nil, fmt.Errorf("chart layer of %d bytes, over %d", l.Size, f.maxBytes())
			}
			layer, err := img.LayerByDigest(l.Digest)
			if err != nil {
				return nil, err
			}
			rc, err := layer.Compressed() // verified against its digest as it is read
			if err != nil {
				return nil, err
			}
			defer rc.Close()
			return io.ReadAll(io.LimitReader(rc, f.maxBytes()+1))
		}
		return nil, errors.New("the artifact has no Helm chart layer")
	})
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", id, err)
	}
	return data, id, nil
}

// newestTag is the newest semantic version among tags meeting constraint
// (as Helm picks a dependency's version: prereleases only when the
// constraint allows them).
func newestTag(tags []string, constraint string) (string, error) {
	c, err := semver.NewConstraint(strings.TrimSpace(constraint))
	if constraint == "" {
		c, err = semver.NewConstraint("*")
	}
	if err != nil {
		return "", fmt.Errorf("version %q: %w", constraint, err)
	}
	var vs []*semver.Version
	for _, t := range tags {
		v, err := semver.NewVersion(strings.ReplaceAll(t, "_", "+"))
		if err == nil && c.Check(v) {
			vs = append(vs, v)
		}
	}
	if len(vs) == 0 {
		return "", fmt.Errorf("no version meets %q", constraint)
	}
	sort.Sort(semver.Collection(vs))
	return vs[len(vs)-1].Original(), nil
}

// insecureHost reports whether reg is listed as reached over plain HTTP
// (go-containerregistry already uses HTTP for loopback registries).
func insecureHost(reg string, hosts []string) bool {
	for _, h := range hosts {
		if strings.EqualFold(h, reg) {
			return true
		}
	}
	return false
}
