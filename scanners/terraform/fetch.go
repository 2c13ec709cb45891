package terraform

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"

	version "github.com/hashicorp/go-version"

	"github.com/tollgate/tollgate/scanners/fetch"
)

// Remote module sources are downloaded only when the user asks for it
// (--download-modules, WithModuleFetcher): then a module call whose source
// is the Terraform registry (or another registry speaking its protocol), a
// git repository over HTTPS (git::https://..., github.com/owner/repo) or an
// HTTPS archive (.zip, .tar.gz) is fetched as `terraform init` would fetch
// it, with package fetch (bounds, cache, no program run), and read from
// there. Sources fetch does not download (s3::, gcs::, SSH, file://, plain
// HTTP) are reported as not read, as without the flag.

// fetchModule downloads the module of a call's source and version
// constraint.
func fetchModule(ctx context.Context, g *fetch.Getter, source, constraint string) (*fetch.Package, error) {
	ctx, cancel := g.WithTimeout(ctx)
	defer cancel()
	if reg, ok := parseRegistrySource(source); ok {
		return fetchRegistry(ctx, g, reg, constraint)
	}
	if constraint != "" {
		return nil, fmt.Errorf("version = %q is only allowed for registry modules", constraint)
	}
	return g.Get(ctx, source, "")
}

// registrySource is a module registry address.
type registrySource struct {
	host, namespace, name, system, sub string
}

var registryPart = regexp.MustCompile(`^[0-9A-Za-z](?:[0-9A-Za-z_-]{0,62}[0-9A-Za-z])?$`)

// parseRegistrySource recognizes [host/]namespace/name/system[//subdir], as
// Terraform does: a source that is not a local path, has no getter prefix
// or scheme, and has three or four parts whose first, with four, is a host.
func parseRegistrySource(s string) (registrySource, bool) {
	if localSource(s) || strings.Contains(s, "::") || strings.Contains(s, "://") {
		return registrySource{}, false
	}
	addr, sub, _ := strings.Cut(s, "//")
	parts := strings.Split(addr, "/")
	var r registrySource
	switch len(parts) {
	case 3:
		r.host = "registry.terraform.io"
	case 4:
		if !strings.Contains(parts[0], ".") && !strings.HasPrefix(parts[0], "localhost") {
			return registrySource{}, false
		}
		r.host, parts = strings.ToLower(parts[0]), parts[1:]
		if r.host == "github.com" || r.host == "bitbucket.org" {
			return registrySource{}, false
		}
	default:
		return registrySource{}, false
	}
	for _, p := range parts {
		if !registryPart.MatchString(p) {
			return registrySource{}, false
		}
	}
	r.namespace, r.name, r.system, r.sub = parts[0], parts[1], parts[2], sub
	return r, true
}

// fetchRegistry resolves a registry module's version and downloads the
// package its registry points at.
func fetchRegistry(ctx context.Context, g *fetch.Getter, r registrySource, constraint string) (*fetch.Package, error) {
	base, err := discover(ctx, g, r.host)
	if err != nil {
		return nil, err
	}
	modURL := base.JoinPath(r.namespace, r.name, r.system)
	var versions struct {
		Modules []struct {
			Versions []struct {
				Version string `json:"version"`
			} `json:"versions"`
		} `json:"modules"`
	}
	if _, err := g.GetJSON(ctx, modURL.JoinPath("versions").String(), &versions); err != nil {
		return nil, err
	}
	var all []string
	for _, m := range versions.Modules {
		for _, v := range m.Versions {
			all = append(all, v.Version)
		}
	}
	v, err := pickVersion(all, constraint)
	if err != nil {
		return nil, fmt.Errorf("%s/%s/%s/%s: %w", r.host, r.namespace, r.name, r.system, err)
	}
	dl := modURL.JoinPath(v, "download")
	loc, err := downloadLocation(ctx, g, dl.String())
	if err != nil {
		return nil, err
	}
	id := fetch.SafeID(fmt.Sprintf("%s/%s/%s/%s@%s", r.host, r.namespace, r.name, r.system, v))
	fe, err := g.Get(ctx, loc, id)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", id, err)
	}
	fe.Sub = path.Join(fe.Sub, r.sub)
	if fe.Sub == "." {
		fe.Sub = ""
	}
	return fe, nil
}

// discover reads a registry host's service discovery document for its
// modules.v1 endpoint.
func discover(ctx context.Context, g *fetch.Getter, host string) (*url.URL, error) {
	wk := &url.URL{Scheme: "https", Host: host, Path: "/.well-known/terraform.json"}
	var doc map[string]any
	if _, err := g.GetJSON(ctx, wk.String(), &doc); err != nil {
		return nil, fmt.Errorf("module registry %s: %w", host, err)
	}
	p, _ := doc["modules.v1"].(string)
	if p == "" {
		return nil, fmt.Errorf("module registry %s: its service discovery document offers no modules.v1", host)
	}
	u, err := wk.Parse(p)
	if err != nil || u.Scheme != "https" {
		return nil, fmt.Errorf("module registry %s: bad modules.v1 %q", host, p)
	}
	return u, nil
}

// pickVersion is the newest version meeting constraint, as Terraform picks
// it: prereleases only when the constraint names one exactly.
func pickVersion(all []string, constraint string) (string, error) {
	var cons version.Constraints
	if constraint != "" {
		c, err := version.NewConstraint(constraint)
		if err != nil {
			return "", fmt.Errorf("version constraint %q: %w", constraint, err)
		}
		cons = c
	}
	var vs []*version.Version
	for _, s := range all {
		v, err := version.NewVersion(s)
		if err != nil {
			continue
		}
		if v.Prerelease() != "" && !strings.Contains(constraint, v.Original()) {
			continue
		}
		if cons == nil || cons.Check(v) {
			vs = append(vs, v)
		}
	}
	if len(vs) == 0 {
		if constraint == "" {
			return "", errors.New("the registry lists no versions")
		}
		return "", fmt.Errorf("no version meets %q", constraint)
	}
	sort.Sort(version.Collection(vs))
	return vs[len(vs)-1].Original(), nil
}

// downloadLocation asks a registry where a module version's package is:
// X-Terraform-Get (204), or {"location": ...} (200), relative to the
// download URL.
func downloadLocation(ctx context.Context, g *fetch.Getter, dl string) (string, error) {
	var body struct {
		Location string `json:"location"`
	}
	resp, err := g.GetJSON(ctx, dl, &body)
	if err != nil {
		return "", err
	}
	loc := resp.Header.Get("X-Terraform-Get")
	if loc == "" {
		loc = body.Location
	}
	if loc == "" {
		return "", fmt.Errorf("%s: the registry gave no download location", dl)
	}
	if strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "./") || strings.HasPrefix(loc, "../") {
		base, _ := url.Parse(dl)
		u, err := base.Parse(loc)
		if err != nil {
			return "", fmt.Errorf("%s: bad download location %q", dl, loc)
		}
		loc = u.String()
	}
	return loc, nil
}
