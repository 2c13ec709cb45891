package helm

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/ignore"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/yamlpos"
)

// maxDepth bounds directory nesting in a chart, so that a symbolic link
// loop fails instead of recursing forever.
const maxDepth = 64

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// loadedChart is a chart read from the scanned file system, with the file
// every template was read from.
type loadedChart struct {
	chart *chart.Chart
	// source maps each template of the chart and of its subcharts to the
	// file it was read from: templates/x.yaml under the chart's directory,
	// or the subchart archive for a subchart vendored as a .tgz.
	source map[*chart.File]string
	// archived marks the templates read from an archive: their lines are
	// not lines of any file in the scanned tree.
	archived map[*chart.File]bool
	// archivedLine is the line archived templates are reported on: the
	// dependency's entry in Chart.yaml for a downloaded one (else line 1).
	archivedLine map[*chart.File]int
	// ids number the templates whose lines carry markers (see mark).
	ids map[*chart.File]int
}

// loadChart reads the chart at dir of fsys as `helm template` reads a chart
// directory: .helmignore rules applied, subcharts from charts/ (directories
// and .tgz archives).
func loadChart(fsys fs.FS, dir string) (*loadedChart, *scanners.FileError) {
	files, ferr := readChartFiles(fsys, dir)
	if ferr != nil {
		return nil, ferr
	}
	l := &loadedChart{source: map[*chart.File]string{}, archived: map[*chart.File]bool{}, archivedLine: map[*chart.File]int{}}
	c, ferr := l.build(files, dir)
	if ferr != nil {
		return nil, ferr
	}
	l.chart = c
	return l, nil
}

// readChartFiles reads every file of the chart at dir that .helmignore does
// not exclude, with names relative to dir.
func readChartFiles(fsys fs.FS, dir string) ([]*loader.BufferedFile, *scanners.FileError) {
	rules := ignore.Empty()
	ignoreFile := path.Join(dir, ignore.HelmIgnore)
	if data, err := fs.ReadFile(fsys, ignoreFile); err == nil {
		r, err := ignore.Parse(bytes.NewReader(data))
		if err != nil {
			return nil, &scanners.FileError{Path: ignoreFile, Err: fmt.Errorf("parse %s: %w", ignore.HelmIgnore, err)}
		}
		rules = r
	}
	rules.AddDefaults()
	r := &chartReader{fsys: fsys, rules: rules}
	if err := r.walk(dir, "", 0); err != nil {
		return nil, err
	}
	return r.files, nil
}

type chartReader struct {
	fsys  fs.FS
	rules *ignore.Rules
	files []*loader.BufferedFile
	size  int64 // bytes read
}

// walk reads the directory p (name rel in the chart), following symbolic
// links as Helm does.
func (r *chartReader) walk(p, rel string, depth int) *scanners.FileError {
	if depth > maxDepth {
		return &scanners.FileError{Path: p, Err: fmt.Errorf("chart directories nested over %d levels (symbolic link loop?)", maxDepth)}
	}
	entries, err := fs.ReadDir(r.fsys, p)
	if err != nil {
		return &scanners.FileError{Path: p, Err: err}
	}
	for _, e := range entries {
		fp, name := path.Join(p, e.Name()), path.Join(rel, e.Name())
		fi, err := fs.Stat(r.fsys, fp)
		if err != nil {
			return &scanners.FileError{Path: fp, Err: unwrapPathErr(err)}
		}
		if r.rules.Ignore(name, fi) {
			continue
		}
		if fi.IsDir() {
			if ferr := r.walk(fp, name, depth+1); ferr != nil {
				return ferr
			}
			continue
		}
		if !fi.Mode().IsRegular() {
			return &scanners.FileError{Path: fp, Err: errors.New("chart holds an irregular file (device, socket, pipe)")}
		}
		// helm template refuses the same (loader.LoadDir).
		if fi.Size() > loader.MaxDecompressedFileSize {
			return &scanners.FileError{Path: fp, Err: fmt.Errorf("chart file is larger than Helm's maximum file size (%d MiB)", loader.MaxDecompressedFileSize>>20)}
		}
		data, err := scanners.ReadFile(r.fsys, fp)
		if err != nil {
			return &scanners.FileError{Path: fp, Err: unwrapPathErr(err)}
		}
		if int64(len(data)) > loader.MaxDecompressedFileSize {
			return &scanners.FileError{Path: fp, Err: fmt.Errorf("chart file is larger than Helm's maximum file size (%d MiB)", loader.MaxDecompressedFileSize>>20)}
		}
		r.size += int64(len(data))
		if r.size > MaxChartSize {
			return &scanners.FileError{Path: fp, Err: fmt.Errorf("the chart's files are larger than %d MiB together (the chart size limit)", MaxChartSize>>20)}
		}
		r.files = append(r.files, &loader.BufferedFile{Name: name, Data: bytes.TrimPrefix(data, utf8BOM)})
	}
	return nil
}

// build loads the chart of files read from dir, then its subcharts, as
// loader.LoadFiles does, but keeping the directory of every subchart.
func (l *loadedChart) build(files []*loader.BufferedFile, dir string) (*chart.Chart, *scanners.FileError) {
	var own []*loader.BufferedFile
	subs := map[string][]*loader.BufferedFile{}
	for _, f := range files {
		rest, ok := strings.CutPrefix(f.Name, "charts/")
		if !ok || path.Ext(f.Name) == ".prov" {
			own = append(own, f)
			continue
		}
		name, inner, _ := strings.Cut(rest, "/")
		subs[name] = append(subs[name], &loader.BufferedFile{Name: inner, Data: f.Data})
	}
	c, err := loader.LoadFiles(own)
	if err != nil {
		return nil, loadError(dir, own, err)
	}
	for _, t := range c.Templates {
		l.source[t] = path.Join(dir, t.Name)
	}
	names := make([]string, 0, len(subs))
	for n := range subs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if strings.IndexAny(n, "_.") == 0 {
			continue // loader.LoadFiles skips these too
		}
		subDir := path.Join(dir, "charts", n)
		var sc *chart.Chart
		if path.Ext(n) == ".tgz" {
			sc, err = loader.LoadArchive(bytes.NewReader(subs[n][0].Data))
			if err != nil {
				return nil, &scanners.FileError{Path: subDir, Err: fmt.Errorf("load subchart archive: %w", err)}
			}
			l.addArchived(sc, subDir)
		} else {
			var ferr *scanners.FileError
			if sc, ferr = l.build(subs[n], subDir); ferr != nil {
				return nil, ferr
			}
		}
		c.AddDependency(sc)
	}
	return c, nil
}

// addArchived records the templates of a chart read from archive, and of
// its own subcharts.
func (l *loadedChart) addArchived(c *chart.Chart, archive string) {
	for _, t := range c.Templates {
		l.source[t] = archive
		l.archived[t] = true
	}
	for _, d := range c.Dependencies() {
		l.addArchived(d, archive)
	}
}

var (
	// loader errors name the file they could not parse:
	// "cannot load values.yaml: error converting YAML to JSON: yaml: line 3: ...".
	cannotLoadRE = regexp.MustCompile(`cannot load ([^:\s]+):`)
	yamlLineRE   = regexp.MustCompile(`\bline (\d+):`)
)

// loadError locates a loader error: the chart file it names (Chart.yaml by
// default) and the line of a YAML error.
func loadError(dir string, files []*loader.BufferedFile, err error) *scanners.FileError {
	msg := err.Error()
	file := "Chart.yaml"
	if m := cannotLoadRE.FindStringSubmatch(msg); m != nil {
		file = m[1]
	}
	if file == "Chart.yaml" && !hasFile(files, file) {
		return &scanners.FileError{Path: path.Join(dir, file), Err: errors.New("chart has no Chart.yaml")}
	}
	line := 0
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
	}
	return &scanners.FileError{Path: path.Join(dir, file), Line: line, Err: fmt.Errorf("load chart: %w", err)}
}

func hasFile(files []*loader.BufferedFile, name string) bool {
	for _, f := range files {
		if f.Name == name {
			return true
		}
	}
	return false
}

// fetchDependencies downloads the dependencies Chart.yaml lists that are
// not in charts/ and adds them to the chart; their templates are reported
// on the dependency's line of Chart.yaml. A download that fails is an
// error there; a dependency the fetcher does not download is left for
// missingDependencies to report.
func (l *loadedChart) fetchDependencies(ctx context.Context, f *ChartFetcher, dir string) []*scanners.FileError {
	have := l.vendored()
	var errs []*scanners.FileError
	file := path.Join(dir, "Chart.yaml")
	for _, dep := range l.chart.Metadata.Dependencies {
		if dep == nil || have[dep.Name] {
			continue
		}
		c, _, err := f.fetch(ctx, dep)
		if errors.Is(err, errNotFetched) {
			continue
		}
		line := l.dependencyLine(dep.Name)
		if err != nil {
			errs = append(errs, &scanners.FileError{Path: file, Line: line,
				Err: fmt.Errorf("dependency %q: download failed: %w", dep.Name, err)})
			continue
		}
		l.addArchived(c, file)
		l.lineArchived(c, line)
		l.chart.AddDependency(c)
		have[dep.Name] = true
	}
	return errs
}

// vendored names the subcharts the chart holds.
func (l *loadedChart) vendored() map[string]bool {
	have := map[string]bool{}
	for _, d := range l.chart.Dependencies() {
		have[d.Name()] = true
	}
	return have
}

// lineArchived reports the templates of c and its subcharts on line.
func (l *loadedChart) lineArchived(c *chart.Chart, line int) {
	for _, t := range c.Templates {
		l.archivedLine[t] = line
	}
	for _, d := range c.Dependencies() {
		l.lineArchived(d, line)
	}
}

// missingDependencies reports the dependencies Chart.yaml lists that are not
// in charts/, as `helm template` refuses them (action.CheckDependencies):
// their templates would silently go unchecked.
func (l *loadedChart) missingDependencies(dir string) []*scanners.FileError {
	have := l.vendored()
	var out []*scanners.FileError
	file := path.Join(dir, "Chart.yaml")
	for _, dep := range l.chart.Metadata.Dependencies {
		if dep == nil || have[dep.Name] {
			continue
		}
		out = append(out, &scanners.FileError{
			Path: file,
			Line: l.dependencyLine(dep.Name),
			Err:  fmt.Errorf("dependency %q is not in charts/ (run `helm dependency build`, or scan with --download-charts for https:// and oci:// repositories): its templates cannot be checked", dep.Name),
		})
	}
	return out
}

// dependencyLine is the line of the dependencies entry named name in
// Chart.yaml, 0 when it cannot be found.
func (l *loadedChart) dependencyLine(name string) int {
	for _, f := range l.chart.Raw {
		if f.Name != "Chart.yaml" {
			continue
		}
		docs, _ := yamlpos.Decode(f.Name, f.Data)
		if len(docs) == 0 {
			return 0
		}
		root, _ := docs[0].Value.(map[string]any)
		deps, _ := root["dependencies"].([]any)
		for _, d := range deps {
			m, _ := d.(map[string]any)
			if n, _ := m["name"].(string); n == name {
				loc, _ := m[scanners.LocKey].(map[string]any)
				line, _ := loc["start_line"].(int)
				return line
			}
		}
	}
	return 0
}

// unwrapPathErr drops the *fs.PathError wrapper, whose path is already the
// error's Path.
func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
