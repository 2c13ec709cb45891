package terraform

import (
	"bytes"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/tollgate/tollgate/scanners"
)

// localSourceAt finds the local module sources of a file, in native syntax
// (source = "../x") and in JSON ("source": "./x"), at the start of its
// text. Terraform requires a module source to be a literal, so reading them
// takes no evaluation. It may also match an unrelated attribute named
// source (a Lambda's zip), which only joins units that could have been read
// apart. It is tried only where the word source starts (localSources): one
// unanchored pattern over whole files was most of the time a warm rescan
// spent splitting the tree into units.
var localSourceAt = regexp.MustCompile(`^source"?\s*[=:]\s*"(\.\.?(?:/[^"]*)?)"`)

// localSources returns the local paths of the module source attributes in
// src, in order.
func localSources(src []byte) [][]byte {
	var out [][]byte
	word := []byte("source")
	for i := 0; ; {
		j := bytes.Index(src[i:], word)
		if j < 0 {
			return out
		}
		j += i
		if j == 0 || !isWordByte(src[j-1]) {
			if m := localSourceAt.FindSubmatch(src[j:]); m != nil {
				out = append(out, m[1])
			}
		}
		i = j + len(word)
	}
}

func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// Units implements scanners.Partitioner: a unit is a root configuration,
// a directory no other scanned directory calls, with the scanned
// directories it calls as local modules, directly or through directories
// outside the scan, since a called directory is evaluated as part of its
// caller's configuration and never on its own. A module several roots call
// is in each of their units: each reads it with its own arguments, as the
// single scan of the whole tree did, and the walker's consumer merges the
// results of its files. A repository of many configurations is so read,
// evaluated and dropped one configuration at a time.
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
	sort.Strings(dirs)
	// The local module calls of the files given, read in parallel first:
	// reading thousands of small files is most of this function's time.
	given := make([][]string, len(files))
	scanners.Parallel(len(files), func(i int) { given[i] = localCalls(fsys, files[i]) })
	callsIn := make(map[string][]string, len(files))
	for i, f := range files {
		callsIn[f] = given[i]
	}
	// calls maps each directory read to the directories it calls.
	calls := map[string][]string{}
	var callsOf func(d string) []string
	callsOf = func(d string) []string {
		if c, ok := calls[d]; ok {
			return c
		}
		calls[d] = nil // a cycle ends here
		srcFiles := byDir[d]
		if srcFiles == nil {
			srcFiles, _, _ = moduleFiles(fsys, d)
		}
		var out []string
		for _, f := range srcFiles {
			fc, ok := callsIn[f]
			if !ok {
				fc = localCalls(fsys, f)
			}
			for _, t := range fc {
				if !slices.Contains(out, t) && t != d {
					out = append(out, t)
				}
			}
		}
		calls[d] = out
		return out
	}
	// reach lists the scanned directories d calls, transitively.
	reach := func(d string) []string {
		seen := map[string]bool{d: true}
		queue := []string{d}
		var out []string
		for len(queue) > 0 {
			c := queue[0]
			queue = queue[1:]
			for _, t := range callsOf(c) {
				if !seen[t] {
					seen[t] = true
					queue = append(queue, t)
					if byDir[t] != nil {
						out = append(out, t)
					}
				}
			}
		}
		return out
	}
	called := map[string]bool{}
	reached := map[string][]string{}
	for _, d := range dirs {
		reached[d] = reach(d)
		for _, t := range reached[d] {
			called[t] = true
		}
	}
	covered := map[string]bool{}
	var out [][]string
	add := func(root string) {
		// The root's files first: its first file names the unit (for
		// sharding), whichever modules it calls.
		unit := append([]string(nil), byDir[root]...)
		sort.Strings(unit)
		covered[root] = true
		var mods []string
		for _, t := range reached[root] {
			mods = append(mods, byDir[t]...)
			covered[t] = true
		}
		sort.Strings(mods)
		out = append(out, append(unit, mods...))
	}
	for _, d := range dirs {
		if !called[d] {
			add(d)
		}
	}
	// Directories that only call one another (a cycle Terraform refuses)
	// are read from the first of them, where the cycle is reported.
	for _, d := range dirs {
		if !covered[d] {
			add(d)
		}
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
	if err != nil {
		return nil // the scan reports what cannot be read
	}
	var out []string
	for _, m := range localSources(src) {
		target := path.Join(path.Dir(file), string(m))
		if target == ".." || strings.HasPrefix(target, "../") || slices.Contains(out, target) {
			continue // outside the scan root: never read
		}
		out = append(out, target)
	}
	return out
}
