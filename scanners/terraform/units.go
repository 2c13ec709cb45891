package terraform

import (
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/tollgate/tollgate/scanners"
)

// localSource finds the local module sources of a file, in native syntax
// (source = "../x") and in JSON ("source": "./x"). Terraform requires a
// module source to be a literal, so reading them takes no evaluation. It
// may also match an unrelated attribute named source (a Lambda's zip),
// which only joins units that could have been read apart.
var localSourceAttr = regexp.MustCompile(`"?\bsource"?\s*[=:]\s*"(\.\.?(?:/[^"]*)?)"`)

// Units implements scanners.Partitioner: the directories of the files that
// call one another as local modules, directly or through directories
// outside the scan, are read together, since a called directory is
// evaluated as part of its caller's configuration and not on its own.
// Every other directory is a unit of its own, so a repository of many
// configurations is read, evaluated and dropped one configuration at a
// time.
func (s *Scanner) Units(fsys fs.FS, files []string) [][]string {
	byDir := map[string][]string{}
	var dirs []string
	for _, f := range files {
		d := path.Dir(f)
		if _, ok := byDir[d]; !ok {
			dirs = append(dirs, d)
		}
		byDir[d] = append(byDir[d], f)
	}
	parent := map[string]string{}
	var find func(string) string
	find = func(d string) string {
		p, ok := parent[d]
		if !ok || p == d {
			return d
		}
		r := find(p)
		parent[d] = r
		return r
	}
	union := func(a, b string) {
		ra, rb := find(a), find(b)
		if ra != rb {
			// The smaller name leads, so units do not depend on the order
			// files were found in.
			if rb < ra {
				ra, rb = rb, ra
			}
			parent[rb] = ra
		}
	}
	// Follow every local call, through directories outside the scan too
	// (a scanned directory called only through an unscanned one is still
	// part of its caller's configuration).
	seen := map[string]bool{}
	queue := append([]string(nil), dirs...)
	for len(queue) > 0 {
		d := queue[0]
		queue = queue[1:]
		if seen[d] {
			continue
		}
		seen[d] = true
		srcFiles := byDir[d]
		if srcFiles == nil {
			srcFiles, _, _ = moduleFiles(fsys, d)
		}
		for _, f := range srcFiles {
			for _, target := range localCalls(fsys, f) {
				union(d, target)
				if !seen[target] {
					queue = append(queue, target)
				}
			}
		}
	}
	groups := map[string][]string{}
	for _, d := range dirs {
		r := find(d)
		groups[r] = append(groups[r], byDir[d]...)
	}
	out := make([][]string, 0, len(groups))
	for _, g := range groups {
		sort.Strings(g)
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// localCalls lists the directories a file names as local module sources.
func localCalls(fsys fs.FS, file string) []string {
	if !isConfigFile(path.Base(file)) {
		return nil
	}
	src, err := scanners.ReadFile(fsys, file)
	if err != nil || !strings.Contains(string(src), "source") {
		return nil // the scan reports what cannot be read
	}
	var out []string
	for _, m := range localSourceAttr.FindAllSubmatch(src, -1) {
		target := path.Join(path.Dir(file), string(m[1]))
		if target == ".." || strings.HasPrefix(target, "../") || slices.Contains(out, target) {
			continue // outside the scan root: never read
		}
		out = append(out, target)
	}
	return out
}
