package kustomize

import (
	"path"
	"sort"
	"strings"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/kubernetes"
	"github.com/tollgate/tollgate/scanners/yamlpos"
)

// secretSet collects the credential values of the files a build reads, so
// that kustomize's error messages, which may quote the content of a
// resource, never print them.
type secretSet struct {
	values map[string]bool
}

// minSecret is the shortest value masked: masking "on" or "1" would mangle
// messages and protect nothing (the scan's own masker agrees).
const minSecret = 4

func (s *secretSet) add(values ...string) {
	for _, v := range values {
		v = strings.TrimSpace(v)
		if len(v) < minSecret {
			continue
		}
		if s.values == nil {
			s.values = map[string]bool{}
		}
		s.values[v] = true
	}
}

// addFile records the secrets of a file read: those of its Kubernetes
// objects (Secret data, credential env values), values under
// credential-like keys, and, for a secretGenerator source, its content and
// the values of its KEY=VALUE lines.
func (s *secretSet) addFile(name string, docs []yamlpos.Document, data []byte, secretSource bool) {
	for _, d := range docs {
		s.add(scanners.SecretValues(d.Value)...)
		if m, ok := d.Value.(map[string]any); ok {
			objs, _ := kubernetes.Documents(name, m, d.StartLine)
			for _, o := range objs {
				s.add(o.Secrets...)
			}
		}
	}
	if secretSource {
		s.add(string(data))
		s.add(envValues(string(data), func(string) bool { return true })...)
	}
}

// addKustomization records the literals of k's secretGenerator entries and
// the credential-like literals of its configMapGenerator entries.
func (s *secretSet) addKustomization(k *kustomization) {
	for _, field := range []string{"secretGenerator", "configMapGenerator"} {
		all := field == "secretGenerator"
		for _, it := range items(get(k.top, field)) {
			for _, lit := range items(get(it, "literals")) {
				if all {
					s.add(str(lit)) // a literal without key= is quoted whole
				}
				s.add(envValues(str(lit), func(key string) bool { return all || scanners.SecretName(key) })...)
			}
		}
	}
}

// envValues returns the values of the KEY=VALUE lines of text whose key
// keep accepts.
func envValues(text string, keep func(key string) bool) []string {
	var out []string
	for line := range strings.SplitSeq(text, "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), "=")
		if ok && keep(strings.TrimSpace(k)) {
			out = append(out, strings.Trim(strings.TrimSpace(v), `"'`))
		}
	}
	return out
}

// secretSources are the files k's secretGenerator entries read (files may
// be written key=path).
func (k *kustomization) secretSources() []string {
	var out []string
	for _, it := range items(get(k.top, "secretGenerator")) {
		var entries []string
		for _, f := range items(get(it, "files")) {
			v := str(f)
			if _, p, ok := strings.Cut(v, "="); ok {
				v = p
			}
			entries = append(entries, v)
		}
		for _, e := range items(get(it, "envs")) {
			entries = append(entries, str(e))
		}
		entries = append(entries, str(get(it, "env")))
		for _, e := range entries {
			if e != "" && !isRemote(e) {
				out = append(out, path.Join(k.dir, e))
			}
		}
	}
	return out
}

// list returns the secrets, sorted.
func (s *secretSet) list() []string {
	out := make([]string, 0, len(s.values))
	for v := range s.values {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

// mask replaces every secret in msg, the longest first, with "****".
func (s *secretSet) mask(msg string) string {
	list := s.list()
	sort.SliceStable(list, func(i, j int) bool { return len(list[i]) > len(list[j]) })
	for _, v := range list {
		msg = strings.ReplaceAll(msg, v, "****")
	}
	return msg
}
