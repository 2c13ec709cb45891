// Command binsize tells what each dependency costs in the tollgate binary:
// for every package, the bytes of code and data that would leave the binary
// if that package were no longer imported (the package and everything only
// it brings in). Sizes come from the symbol table (go tool nm -size) of an
// unstripped build, without the zero-filled sections that take no room in
// the file; the import graph from go list.
//
//	go run ./bench/binsize [-top N] [-pkg ./cmd/tollgate]
package main

import (
	"bufio"
	"bytes"
	"debug/elf"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

func main() {
	top := flag.Int("top", 25, "how many packages to list")
	pkg := flag.String("pkg", "./cmd/tollgate", "the main package to measure")
	flag.Parse()
	if err := run(os.Stdout, *pkg, *top); err != nil {
		fmt.Fprintln(os.Stderr, "binsize:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, pkg string, top int) error {
	dir, err := os.MkdirTemp("", "binsize")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	full, stripped := filepath.Join(dir, "full"), filepath.Join(dir, "stripped")
	for _, b := range []struct{ out, ldflags string }{{full, "-buildid="}, {stripped, "-s -w -buildid="}} {
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags", b.ldflags, "-o", b.out, pkg)
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build %s: %w", pkg, err)
		}
	}
	graph, root, err := importGraph(pkg)
	if err != nil {
		return err
	}
	sizes, unattributed, err := symbolSizes(full, graph)
	if err != nil {
		return err
	}
	fi, err := os.Stat(full)
	if err != nil {
		return err
	}
	si, err := os.Stat(stripped)
	if err != nil {
		return err
	}
	var total int64
	for _, s := range sizes {
		total += s
	}
	fmt.Fprintf(w, "binary %s: %.1f MB unstripped, %.1f MB stripped (-s -w); %d packages\n",
		pkg, mb(fi.Size()), mb(si.Size()), len(graph))
	fmt.Fprintf(w, "symbols in the file: %.1f MB attributed to packages, %.1f MB runtime tables\n\n", mb(total), mb(unattributed))
	fmt.Fprintf(w, "| exclusive cost | packages | package (and what only it brings in) |\n|---:|---:|---|\n")
	for _, c := range exclusiveCosts(graph, root, sizes, top) {
		fmt.Fprintf(w, "| %.2f MB | %d | %s |\n", mb(c.size), c.packages, c.pkg)
	}
	return nil
}

func mb(n int64) float64 { return float64(n) / 1e6 }

// importGraph returns every package the main package needs, with its imports.
func importGraph(pkg string) (map[string][]string, string, error) {
	cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", pkg)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	out, err := cmd.Output()
	if err != nil {
		return nil, "", fmt.Errorf("go list %s: %w", pkg, err)
	}
	graph := map[string][]string{}
	var last string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		graph[f[0]] = f[1:]
		last = f[0] // -deps lists the main package last
	}
	return graph, last, nil
}

// symbolSizes adds up the sizes of the symbols that take room in the file,
// by the package that defines them.
func symbolSizes(bin string, graph map[string][]string) (map[string]int64, int64, error) {
	f, err := elf.Open(bin)
	if err != nil {
		return nil, 0, err
	}
	var nobits [][2]uint64
	for _, s := range f.Sections {
		if s.Type == elf.SHT_NOBITS {
			nobits = append(nobits, [2]uint64{s.Addr, s.Addr + s.Size})
		}
	}
	f.Close()
	out, err := exec.Command("go", "tool", "nm", "-size", bin).Output()
	if err != nil {
		return nil, 0, fmt.Errorf("go tool nm: %w", err)
	}
	sizes := map[string]int64{}
	var unattributed int64
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 {
			continue
		}
		addr, err1 := strconv.ParseUint(f[0], 16, 64)
		size, err2 := strconv.ParseInt(f[1], 10, 64)
		if err1 != nil || err2 != nil || inAny(addr, nobits) {
			continue
		}
		if p := packageOf(strings.Join(f[3:], " "), graph); p != "" {
			sizes[p] += size
		} else {
			unattributed += size
		}
	}
	return sizes, unattributed, sc.Err()
}

func inAny(a uint64, ranges [][2]uint64) bool {
	for _, r := range ranges {
		if a >= r[0] && a < r[1] {
			return true
		}
	}
	return false
}

// packageOf finds the package of a symbol such as
// "github.com/a/b.(*T).M", "type:.eq.github.com/a/b.T" or "go:itab.*x/y.T,z.I".
func packageOf(sym string, graph map[string][]string) string {
	for _, p := range []string{"type:.eq.", "type:.hash.", "type:", "go:itab.", "go:info."} {
		sym = strings.TrimPrefix(sym, p)
	}
	sym = strings.TrimLeft(sym, "*(")
	// The path ends at the first dot after its last slash; type arguments
	// and receivers come later and may hold other paths.
	head := sym
	if i := strings.IndexAny(head, "[(, "); i >= 0 {
		head = head[:i]
	}
	slash := strings.LastIndex(head, "/")
	dot := strings.Index(head[slash+1:], ".")
	if dot < 0 {
		return ""
	}
	if p := head[:slash+1+dot]; graph[p] != nil || hasKey(graph, p) {
		return p
	}
	return ""
}

func hasKey(m map[string][]string, k string) bool {
	_, ok := m[k]
	return ok
}

type cost struct {
	pkg      string
	size     int64
	packages int
}

// exclusiveCosts measures, for each package, what is reachable from root
// only through it: what removing that import would save.
func exclusiveCosts(graph map[string][]string, root string, sizes map[string]int64, top int) []cost {
	reach := func(skip string) map[string]bool {
		seen := map[string]bool{root: true}
		stack := []string{root}
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, m := range graph[n] {
				if m != skip && !seen[m] {
					seen[m] = true
					stack = append(stack, m)
				}
			}
		}
		return seen
	}
	all := reach("")
	var out []cost
	for p := range graph {
		if p == root {
			continue
		}
		without := reach(p)
		c := cost{pkg: p}
		for q := range all {
			if !without[q] {
				c.size += sizes[q]
				c.packages++
			}
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].size != out[j].size {
			return out[i].size > out[j].size
		}
		if out[i].packages != out[j].packages {
			return out[i].packages > out[j].packages
		}
		return out[i].pkg < out[j].pkg
	})
	// A package whose cost is all one importer's is listed once, under the
	// importer: keep only the first of a chain of equal costs.
	var kept []cost
	for _, c := range out {
		if len(kept) == top {
			break
		}
		if n := len(kept); n > 0 && kept[n-1].size == c.size && kept[n-1].packages == c.packages+1 {
			continue
		}
		kept = append(kept, c)
	}
	return kept
}
