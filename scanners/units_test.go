package scanners

import (
	"context"
	"io/fs"
	"path"
	"reflect"
	"sort"
	"sync"
	"testing"
)

// dirScanner is a fakeScanner whose units are directories.
type dirScanner struct {
	fakeScanner
	mu sync.Mutex
}

func (d *dirScanner) Units(_ fs.FS, files []string) [][]string {
	byDir := map[string][]string{}
	var dirs []string
	for _, f := range files {
		k := path.Dir(f)
		if byDir[k] == nil {
			dirs = append(dirs, k)
		}
		byDir[k] = append(byDir[k], f)
	}
	out := make([][]string, 0, len(dirs))
	for _, k := range dirs {
		out = append(out, byDir[k])
	}
	return out
}

func (d *dirScanner) Scan(ctx context.Context, fsys fs.FS, files []string) []Result {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.fakeScanner.Scan(ctx, fsys, files)
}

func unitTree(t *testing.T) string {
	dir := t.TempDir()
	tree(t, dir, map[string]string{
		"a/main.tf": "a1", "a/vars.tf": "a2", "b/main.tf": "b1", "c/x/main.tf": "c1", "c/x/out.tf": "c2",
		"k/one.yaml": "kind: A", "k/two.yaml": "kind: B", "k/three.yaml": "kind: C",
		"README.md": "not IaC", "docs/notes.txt": "not IaC",
	})
	return dir
}

func TestWalkStreamsUnits(t *testing.T) {
	dir := unitTree(t)
	tf := &dirScanner{fakeScanner: fakeScanner{name: "terraform", ext: ".tf"}}
	k8s := &fakeScanner{name: "kubernetes", ext: ".yaml", want: "kind:"}
	var mu sync.Mutex
	var got []string
	w, err := Walk(context.Background(), dir, []string{dir}, []FileScanner{tf, k8s}, WithResults(func(r Result) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, r.Path)
	}))
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Results) != 0 {
		t.Errorf("streamed walk kept %d results", len(w.Results))
	}
	sort.Strings(got)
	want := []string{"a/main.tf", "a/vars.tf", "b/main.tf", "c/x/main.tf", "c/x/out.tf", "k/one.yaml", "k/three.yaml", "k/two.yaml"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("streamed %v, want %v", got, want)
	}
	// One Scan per directory for the partitioner, one for all the files
	// of the scanner without units.
	calls := tf.calls
	sort.Slice(calls, func(i, j int) bool { return calls[i][0] < calls[j][0] })
	if want := [][]string{{"a/main.tf", "a/vars.tf"}, {"b/main.tf"}, {"c/x/main.tf", "c/x/out.tf"}}; !reflect.DeepEqual(calls, want) {
		t.Errorf("terraform units %v, want %v", calls, want)
	}
	if len(k8s.calls) != 1 || len(k8s.calls[0]) != 3 {
		t.Errorf("kubernetes calls %v, want one of 3 files", k8s.calls)
	}
	if len(w.Skipped) != 2 {
		t.Errorf("skipped %v, want README.md and docs/notes.txt", w.Skipped)
	}
}

// TestWalkShards checks that the shards of a walk together read every
// file exactly once, never split a unit, and deal the same way each time.
func TestWalkShards(t *testing.T) {
	dir := unitTree(t)
	walk := func(opts ...WalkOption) (files, skipped []string, units [][]string) {
		tf := &dirScanner{fakeScanner: fakeScanner{name: "terraform", ext: ".tf"}}
		k8s := &dirScanner{fakeScanner: fakeScanner{name: "kubernetes", ext: ".yaml", want: "kind:"}}
		w, err := Walk(context.Background(), dir, []string{dir}, []FileScanner{tf, k8s}, opts...)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range w.Results {
			files = append(files, r.Path)
		}
		for _, s := range w.Skipped {
			skipped = append(skipped, s.Path)
		}
		return files, skipped, append(tf.calls, k8s.calls...)
	}
	allFiles, allSkipped, allUnits := walk()
	for _, n := range []int{1, 2, 3, 5} {
		var files, skipped []string
		var units [][]string
		for k := 1; k <= n; k++ {
			f, s, u := walk(WithShard(k, n))
			f2, s2, _ := walk(WithShard(k, n))
			if !reflect.DeepEqual(f, f2) || !reflect.DeepEqual(s, s2) {
				t.Errorf("shard %d/%d dealt differently on a second walk: %v %v, then %v %v", k, n, f, s, f2, s2)
			}
			files, skipped, units = append(files, f...), append(skipped, s...), append(units, u...)
		}
		sort.Strings(files)
		sort.Strings(skipped)
		if !reflect.DeepEqual(files, allFiles) || !reflect.DeepEqual(skipped, allSkipped) {
			t.Errorf("%d shards read %v and skipped %v; one walk reads %v and skips %v", n, files, skipped, allFiles, allSkipped)
		}
		sortUnits := func(u [][]string) { sort.Slice(u, func(i, j int) bool { return u[i][0] < u[j][0] }) }
		sortUnits(units)
		sortUnits(allUnits)
		if !reflect.DeepEqual(units, allUnits) {
			t.Errorf("%d shards read units %v, one walk %v", n, units, allUnits)
		}
	}
}

func TestShardOfSpreads(t *testing.T) {
	counts := map[int]int{}
	for i := range 1000 {
		k := ShardOf(path.Join("infra", string(rune('a'+i%26)), string(rune('a'+i/26))), 4)
		if k < 1 || k > 4 {
			t.Fatalf("ShardOf = %d, want 1..4", k)
		}
		counts[k]++
	}
	for k := 1; k <= 4; k++ {
		if counts[k] < 150 {
			t.Errorf("shard %d got %d of 1000 keys: %v", k, counts[k], counts)
		}
	}
}

func TestMergeResults(t *testing.T) {
	e1 := &FileError{Path: "m/main.tf", Line: 3, Err: errString("bad")}
	e1again := &FileError{Path: "m/main.tf", Line: 3, Err: errString("bad")}
	got := MergeResults([]Result{
		{Path: "m/main.tf", Format: "terraform", Documents: []Document{{Name: "a"}}, Errors: []*FileError{e1}, Secrets: []string{"s1"}},
		{Path: "a/main.tf", Format: "terraform"},
		{Path: "m/main.tf", Format: "terraform", Documents: []Document{{Name: "b"}}, Errors: []*FileError{e1again}, Secrets: []string{"s2"}},
	})
	if len(got) != 2 || got[0].Path != "m/main.tf" || len(got[0].Documents) != 2 || len(got[0].Errors) != 1 || len(got[0].Secrets) != 2 {
		t.Errorf("MergeResults = %+v", got)
	}
}

type errString string

func (e errString) Error() string { return string(e) }
