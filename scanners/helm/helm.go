// Package helm renders Helm charts with Helm's own engine and reads the
// rendered manifests as Kubernetes documents located on template lines.
package helm

import (
	"context"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/kubernetes"
)

// The release every chart is rendered as, as `helm template` names it when
// given no name. `helm template` puts the release in namespace "default";
// the scanner renders it in releaseNamespace, a name no chart writes, so
// that a namespace taken from the release (.Release.Namespace, chosen at
// install time with -n) can be told from a literal one: it is dropped from
// metadata.namespace and reads "default" everywhere else (see
// releaseNamespaceOut).
const (
	releaseName      = "release-name"
	releaseNamespace = "tollgate-release-namespace"
	helmNamespace    = "default"
)

// Scanner renders Helm charts.
//
// A chart is the directory holding Chart.yaml. The scanner renders each
// chart once, as `helm template` would (release "release-name" in namespace
// "default", the default capabilities, no cluster), with the values given
// by WithValuesFiles and WithSet, and maps every rendered line back to the
// template line it came from (see lines.go): a finding on
// `privileged: {{ .Values.privileged }}` points at that line of
// templates/deployment.yaml. Lines produced by include, toYaml or a define
// point at the line of the action that produced them. Documents from a
// subchart vendored as a .tgz are located on line 1 of the archive and
// belong to the result of the parent's Chart.yaml.
//
// Files that Match claims but that belong to no chart (a templates/
// directory without a Chart.yaml above it) are read as plain Kubernetes
// manifests when they look like one, and otherwise yield an empty result.
// MatchFS, which sees the file system, claims only files of a chart.
//
// Charts are rendered under limits (limits.go): a render time limit, a
// bound on the rendered output, and bounded versions of the template
// functions that allocate in proportion to a number (until, untilStep,
// seq, repeat, indent, randAlpha...). The rendered manifests are decoded as
// kubectl decodes `helm template` output (kubernetes.Decode, YAML 1.1).
type Scanner struct {
	// values are the user-supplied values (values files, then --set),
	// merged as Helm merges them; they apply to every chart scanned.
	values  map[string]any
	limits  limits
	fetcher *ChartFetcher
}

// Option configures a Scanner.
type Option func(*options) error

type options struct {
	valuesFiles []string
	sets        []string
	limits      limits
	fetcher     *ChartFetcher
}

// WithChartFetcher downloads the chart dependencies that are not vendored
// in charts/ (see ChartFetcher); without it, as by default, nothing is
// downloaded and such a dependency is an error.
func WithChartFetcher(f *ChartFetcher) Option {
	return func(o *options) error {
		o.fetcher = f
		return nil
	}
}

// WithRenderTimeout bounds the time one chart's render may take
// (DefaultRenderTimeout when not given or not positive).
func WithRenderTimeout(d time.Duration) Option {
	return func(o *options) error {
		if d > 0 {
			o.limits.RenderTimeout = d
		}
		return nil
	}
}

// WithMaxRenderedSize bounds the bytes one chart's templates may render,
// together (DefaultMaxRenderedSize when not given or not positive).
func WithMaxRenderedSize(n int64) Option {
	return func(o *options) error {
		if n > 0 {
			o.limits.MaxRenderedSize = n
		}
		return nil
	}
}

// WithValuesFiles adds values files applied to every chart, in order, as
// `helm template -f FILE` does: later files win, maps merge key by key.
// Paths are OS paths, read when the scanner is built.
func WithValuesFiles(paths ...string) Option {
	return func(o *options) error {
		o.valuesFiles = append(o.valuesFiles, paths...)
		return nil
	}
}

// WithSet adds `--set` expressions (k=v,a.b=c, list[0]=x), applied after
// every values file, as Helm applies them.
func WithSet(exprs ...string) Option {
	return func(o *options) error {
		o.sets = append(o.sets, exprs...)
		return nil
	}
}

// New returns a Helm scanner. It fails when a values file cannot be read or
// parsed, or a --set expression is malformed.
func New(opts ...Option) (*Scanner, error) {
	o := options{limits: defaultLimits()}
	for _, opt := range opts {
		if err := opt(&o); err != nil {
			return nil, err
		}
	}
	vals, err := userValues(o.valuesFiles, o.sets)
	if err != nil {
		return nil, err
	}
	return &Scanner{values: vals, limits: o.limits, fetcher: o.fetcher}, nil
}

// Name implements scanners.FileScanner.
func (*Scanner) Name() string { return "helm" }

// chartFiles are the names of files at a chart's root that are the chart's.
var chartFiles = map[string]bool{
	"Chart.yaml":         true,
	"Chart.lock":         true,
	".helmignore":        true,
	"values.schema.json": true,
	"requirements.yaml":  true,
	"requirements.lock":  true,
}

// Match takes every file that may belong to a chart: Chart.yaml and its
// siblings (Chart.lock, .helmignore, values.schema.json), values files
// (values.yaml, values-*.yaml, values.*.yaml, also .yml), and the templates
// under a templates/ directory (.yaml, .yml, .json, .tpl partials,
// NOTES.txt). Whether a file really is in a chart is decided in Scan, which
// can see the file system.
func (*Scanner) Match(p string, _ []byte) bool {
	base := path.Base(p)
	if chartFiles[base] || isValuesFile(base) {
		return true
	}
	if !strings.HasPrefix(p, "templates/") && !strings.Contains(p, "/templates/") {
		return false
	}
	switch path.Ext(base) {
	case ".yaml", ".yml", ".json", ".tpl":
		return base != "kustomization.yaml" && base != "kustomization.yml"
	}
	return base == "NOTES.txt"
}

// MatchFS is Match for a walker that can show the file system: it takes
// only the files Match takes that are in a chart (that have a Chart.yaml
// above them), so that a templates/ directory of another tool (CloudFormation
// templates, plain manifests) is left to its own scanner.
func (s *Scanner) MatchFS(fsys fs.FS, p string, head []byte) bool {
	if !s.Match(p, head) {
		return false
	}
	_, ok := chartRoot(fsys, p)
	return ok
}

// isValuesFile reports whether base is named like a Helm values file.
func isValuesFile(base string) bool {
	ext := path.Ext(base)
	if ext != ".yaml" && ext != ".yml" {
		return false
	}
	stem := strings.TrimSuffix(base, ext)
	return stem == "values" || strings.HasPrefix(stem, "values-") || strings.HasPrefix(stem, "values.")
}

// Scan groups files by chart (the outermost chart whose Chart.yaml is found
// above the file, subcharts included), renders each chart once and returns
// one result per file, in the order given.
func (s *Scanner) Scan(ctx context.Context, fsys fs.FS, files []string) []scanners.Result {
	byChart := map[string][]string{}
	var roots, orphans []string
	for _, f := range files {
		root, ok := chartRoot(fsys, f)
		if !ok {
			orphans = append(orphans, f)
			continue
		}
		if _, seen := byChart[root]; !seen {
			roots = append(roots, root)
		}
		byChart[root] = append(byChart[root], f)
	}
	results := map[string]scanners.Result{}
	for _, root := range roots {
		if ctx.Err() != nil {
			for _, f := range byChart[root] {
				results[f] = scanners.Result{Path: f, Format: s.Name(), Errors: []*scanners.FileError{{Path: f, Err: ctx.Err()}}}
			}
			continue
		}
		for f, r := range s.scanChart(ctx, fsys, root, byChart[root]) {
			results[f] = r
		}
	}
	for f, r := range scanOrphans(ctx, fsys, orphans) {
		results[f] = r
	}
	out := make([]scanners.Result, 0, len(files))
	for _, f := range files {
		out = append(out, results[f])
	}
	return out
}

// chartRoot returns the directory of the chart file belongs to: the nearest
// directory above it holding Chart.yaml, climbing out of charts/<sub>/
// directories to the parent chart, which renders its subcharts.
func chartRoot(fsys fs.FS, file string) (string, bool) {
	dir := path.Dir(file)
	for !isChartDir(fsys, dir) {
		if dir == "." {
			return "", false
		}
		dir = path.Dir(dir)
	}
	for {
		parent := path.Dir(dir)
		if path.Base(parent) != "charts" {
			return dir, true
		}
		grand := path.Dir(parent)
		if !isChartDir(fsys, grand) {
			return dir, true
		}
		dir = grand
	}
}

func isChartDir(fsys fs.FS, dir string) bool {
	st, err := fs.Stat(fsys, path.Join(dir, "Chart.yaml"))
	return err == nil && !st.IsDir()
}

// scanOrphans reads the claimed files that belong to no chart: Kubernetes
// manifests as the Kubernetes scanner would, anything else as an empty
// result (a values.yaml that feeds no chart says nothing to check).
func scanOrphans(ctx context.Context, fsys fs.FS, files []string) map[string]scanners.Result {
	out := map[string]scanners.Result{}
	k8s := kubernetes.New()
	var manifests []string
	for _, f := range files {
		head, err := readHead(fsys, f)
		if err != nil {
			out[f] = scanners.Result{Path: f, Format: "helm", Errors: []*scanners.FileError{{Path: f, Err: err}}}
			continue
		}
		if k8s.Match(f, head) {
			manifests = append(manifests, f)
			continue
		}
		out[f] = scanners.Result{Path: f, Format: "helm"}
	}
	for _, r := range k8s.Scan(ctx, fsys, manifests) {
		out[r.Path] = r
	}
	return out
}

// headSize is what the Kubernetes scanner's Match is shown, as the walker
// shows it.
const headSize = 8 << 10

func readHead(fsys fs.FS, name string) ([]byte, error) {
	b, err := scanners.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	return b[:min(len(b), headSize)], nil
}
