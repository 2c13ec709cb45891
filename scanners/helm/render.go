package helm

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chartutil"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/fetch"
	"github.com/tollgate/tollgate/scanners/kubernetes"
	"github.com/tollgate/tollgate/scanners/yamlpos"
)

// chartRun collects the results of the given files of one chart.
type chartRun struct {
	dir     string
	files   []string
	results map[string]*scanners.Result
	limits  limits
	fetcher *ChartFetcher // nil: dependencies are never downloaded
	// chart and values are the chart loaded and its merged values, for
	// the secrets of the results.
	chart  *chart.Chart
	values chartutil.Values
	// urlSecrets are credentials written in dependency repository URLs,
	// or quoted by download errors.
	urlSecrets []string
}

// scanChart renders the chart at dir and returns the results of files, the
// files of that chart the walker gave.
func (s *Scanner) scanChart(ctx context.Context, fsys fs.FS, dir string, files []string) map[string]scanners.Result {
	run := &chartRun{dir: dir, files: files, results: map[string]*scanners.Result{}, limits: s.limits, fetcher: s.fetcher}
	for _, f := range files {
		run.results[f] = &scanners.Result{Path: f, Format: s.Name()}
	}
	run.render(ctx, fsys, s.values)
	// Values under credential-like keys (a --helm-set password, a
	// values.yaml token) must not be printed by an error that quotes them:
	// a tpl or fail message, a schema error.
	secrets := scanners.SecretValues(s.values)
	if run.chart != nil {
		secrets = append(secrets, scanners.SecretValues(run.chart.Values)...)
	}
	secrets = append(secrets, scanners.SecretValues(map[string]any(run.values))...)
	secrets = append(secrets, run.urlSecrets...)
	out := make(map[string]scanners.Result, len(files))
	for f, r := range run.results {
		for _, e := range r.Errors {
			if msg := e.Err.Error(); mask(msg, secrets) != msg {
				e.Err = errors.New(mask(msg, secrets))
			}
		}
		r.Secrets = append(r.Secrets, secrets...)
		out[f] = *r
	}
	return out
}

// mask replaces the secrets in msg, the longest first.
func mask(msg string, secrets []string) string {
	list := slices.Clone(secrets)
	sort.SliceStable(list, func(i, j int) bool { return len(list[i]) > len(list[j]) })
	for _, s := range list {
		if len(s) >= 4 {
			msg = strings.ReplaceAll(msg, s, "****")
		}
	}
	return msg
}

func (run *chartRun) render(ctx context.Context, fsys fs.FS, values map[string]any) {
	l, ferr := loadChart(fsys, run.dir)
	if ferr != nil {
		run.failed(ferr)
		return
	}
	run.chart = l.chart
	for _, dep := range l.chart.Metadata.Dependencies {
		if dep != nil {
			run.urlSecrets = append(run.urlSecrets, fetch.Secrets(dep.Repository)...)
		}
	}
	if run.fetcher != nil {
		for _, e := range l.fetchDependencies(ctx, run.fetcher, run.dir) {
			run.urlSecrets = append(run.urlSecrets, fetch.Secrets(e.Err.Error())...)
			run.addError(e)
		}
	}
	for _, e := range l.missingDependencies(run.dir) {
		run.addError(e)
	}
	vals, err := renderValues(l.chart, values)
	if err != nil {
		run.failed(&scanners.FileError{Path: path.Join(run.dir, "Chart.yaml"), Err: fmt.Errorf("chart values: %w", err)})
		return
	}
	if v, ok := vals["Values"].(chartutil.Values); ok {
		run.values = v
	}
	l.mark()
	rendered, ferr := run.renderTemplates(ctx, l, vals)
	if ferr != nil {
		run.failed(ferr)
		return
	}
	keys := make([]string, 0, len(rendered))
	for k := range rendered {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	templates := l.templates()
	for _, k := range keys {
		t := templates[k]
		if t == nil || strings.HasSuffix(k, "NOTES.txt") {
			continue
		}
		run.addManifests(l, t, rendered[k])
	}
}

// renderValues merges the user's values into the chart's as `helm template`
// does: subchart conditions, tags and import-values, then the chart's
// values.yaml under the user's, checked against values.schema.json.
func renderValues(c *chart.Chart, user map[string]any) (chartutil.Values, error) {
	vals, _ := deepCopy(user).(map[string]any)
	if err := chartutil.ProcessDependenciesWithMerge(c, vals); err != nil {
		return nil, err
	}
	opts := chartutil.ReleaseOptions{Name: releaseName, Namespace: releaseNamespace, IsInstall: true, Revision: 1}
	return chartutil.ToRenderValues(c, vals, opts, chartutil.DefaultCapabilities)
}

// renderTemplates renders the chart. Helm stops at the first template that
// fails; that template's error is recorded on its file, the template is
// left out, and the others are rendered again, so that one broken template
// does not hide the findings of the rest. An error that no single template
// can be blamed for (a broken partial) fails the chart, and so does a
// render that takes longer than the time limit, naming the template it
// was in.
func (run *chartRun) renderTemplates(ctx context.Context, l *loadedChart, vals chartutil.Values) (map[string]string, *scanners.FileError) {
	chartFile := path.Join(run.dir, "Chart.yaml")
	// The time limit is the chart's, across the renders that leave a
	// failed template out: a slow template must not be run again for each
	// of many failing ones.
	deadline := time.Now().Add(run.limits.RenderTimeout)
	for {
		lim := run.limits
		lim.RenderTimeout = time.Until(deadline)
		out, current, err := renderWithLimits(ctx, l.chart, vals, lim)
		if err == nil {
			return out, nil
		}
		templates := l.templates()
		var te *timeoutError
		if errors.As(err, &te) {
			te.after = run.limits.RenderTimeout
			ferr := &scanners.FileError{Path: chartFile, Err: fmt.Errorf("render chart %s: %w", run.dir, err)}
			if t := templates[current]; t != nil && !l.archived[t] {
				ferr.Path = l.source[t]
			}
			return nil, ferr
		}
		key, line := errorSite(err.Error(), templates)
		if key == "" && isLimit(err) {
			key = current // a write over the output limit: the template being run
		}
		t := templates[key]
		ferr := &scanners.FileError{Path: chartFile, Line: line, Err: fmt.Errorf("render chart: %s", clip(unmarkText(err.Error())))}
		if t != nil {
			ferr.Path = l.source[t]
			if l.archived[t] {
				ferr.Line = 0
			}
		}
		if t == nil || isPartial(key) {
			return nil, ferr
		}
		run.addError(ferr)
		removeTemplate(l.chart, t)
	}
}

// maxMessage bounds the message of a render error: an error inside nested
// includes repeats the position of every level.
const maxMessage = 4096

// clip cuts msg to maxMessage bytes, keeping both ends.
func clip(msg string) string {
	if len(msg) <= maxMessage {
		return msg
	}
	head, tail := msg[:maxMessage/2], msg[len(msg)-maxMessage/2:]
	return fmt.Sprintf("%s ... (%d bytes left out) ... %s", strings.ToValidUTF8(head, ""), len(msg)-maxMessage, strings.ToValidUTF8(tail, ""))
}

// timeoutError is a render abandoned at the time limit.
type timeoutError struct {
	after    time.Duration
	template string
	cause    error
}

func (e *timeoutError) Error() string {
	msg := fmt.Sprintf("rendering stopped after %v (the render time limit)", e.after)
	if e.cause != nil {
		msg = fmt.Sprintf("rendering stopped: %v", e.cause)
	}
	if e.template != "" {
		msg += ", in " + e.template
	}
	return msg
}

// renderWithLimits renders c with the renderer's limits and returns the
// rendered templates, or the error, and the template being rendered when
// it stopped. text/template cannot be cancelled: the render runs in a
// goroutine, which is abandoned when the time limit passes or ctx is done.
// The abandoned render fails at its next function call, range iteration or
// write (renderer.alive), so it ends soon after; a step that never returns
// (one very slow function call) ends with the process.
func renderWithLimits(ctx context.Context, c *chart.Chart, vals chartutil.Values, lim limits) (map[string]string, string, error) {
	r := newRenderer(lim)
	type result struct {
		out map[string]string
		err error
	}
	done := make(chan result, 1)
	go func() {
		out, err := r.render(c, vals)
		done <- result{out, err}
	}()
	timer := time.NewTimer(max(lim.RenderTimeout, 0))
	defer timer.Stop()
	select {
	case res := <-done:
		return res.out, r.current.Load().(string), res.err
	case <-timer.C:
		r.stopped.Store(true)
		cur := r.current.Load().(string)
		return nil, cur, &timeoutError{after: lim.RenderTimeout, template: cur}
	case <-ctx.Done():
		r.stopped.Store(true)
		cur := r.current.Load().(string)
		return nil, cur, &timeoutError{template: cur, cause: ctx.Err()}
	}
}

// templates maps the name Helm's engine gives every template (its chart's
// full path and its own name: mychart/charts/sub/templates/x.yaml) to it,
// for the charts left after dependency processing (aliases included).
func (l *loadedChart) templates() map[string]*chart.File {
	out := map[string]*chart.File{}
	var walk func(c *chart.Chart)
	walk = func(c *chart.Chart) {
		for _, t := range c.Templates {
			out[path.Join(c.ChartFullPath(), t.Name)] = t
		}
		for _, d := range c.Dependencies() {
			walk(d)
		}
	}
	walk(l.chart)
	return out
}

func isPartial(name string) bool { return strings.HasPrefix(path.Base(name), "_") }

// removeTemplate drops t from c and its subcharts (an aliased subchart
// shares its templates with the original).
func removeTemplate(c *chart.Chart, t *chart.File) {
	kept := c.Templates[:0:0]
	for _, x := range c.Templates {
		if x != t {
			kept = append(kept, x)
		}
	}
	c.Templates = kept
	for _, d := range c.Dependencies() {
		removeTemplate(d, t)
	}
}

// errorSite finds the template an engine error is about and the line in
// it: Helm reports "parse error at (mychart/templates/x.yaml:12): ..." and
// "execution error at (mychart/templates/x.yaml:12:3): ...". The first
// template named wins: for an error inside an include, the including
// template and the line of the include.
func errorSite(msg string, templates map[string]*chart.File) (string, int) {
	name0, bestAt, line := "", -1, 0
	for name := range templates {
		i := strings.Index(msg, name+":")
		if i < 0 || bestAt >= 0 && i >= bestAt {
			continue
		}
		digits := msg[i+len(name)+1:]
		n := 0
		for n < len(digits) && digits[n] >= '0' && digits[n] <= '9' {
			n++
		}
		if n == 0 {
			continue
		}
		name0, bestAt = name, i
		line, _ = strconv.Atoi(digits[:n])
	}
	return name0, line
}

// addManifests decodes the rendered output of template t into documents
// located on the template's lines.
func (run *chartRun) addManifests(l *loadedChart, t *chart.File, rendered string) {
	file := l.source[t]
	res := run.results[file]
	if res == nil || l.archived[t] {
		// A template the walker did not give (Match does not claim every
		// name Helm renders), or one of an archived subchart, which has no
		// lines in the scanned tree: its documents belong to the chart as
		// a whole when the chart is a target. Otherwise only some templates
		// of the chart were asked for, and this is not one of them.
		res = run.results[path.Join(run.dir, "Chart.yaml")]
	}
	if res == nil {
		return
	}
	text, lines := unmark(rendered, l.ids[t])
	if strings.TrimSpace(text) == "" {
		return
	}
	lineOf := func(n int) int {
		if l.archived[t] || n < 1 {
			return max(l.archivedLine[t], 1)
		}
		return lines[min(n, len(lines))-1]
	}
	docs, err := kubernetes.Decode(file, []byte(text))
	if err != nil {
		res.Errors = append(res.Errors, renderedYAMLError(file, err, lineOf))
	}
	for _, d := range docs {
		yamlpos.Remap(d.Value, lineOf)
		obj, ok := d.Value.(map[string]any)
		if !ok {
			res.Errors = append(res.Errors, &scanners.FileError{Path: file, Line: lineOf(d.StartLine), Err: errors.New("rendered document is not a Kubernetes object (not a mapping)")})
			continue
		}
		releaseNamespaceOut(obj)
		objs, errs := kubernetes.Documents(file, obj, lineOf(d.StartLine))
		res.Documents = append(res.Documents, objs...)
		res.Errors = append(res.Errors, errs...)
	}
}

func renderedYAMLError(file string, err error, lineOf func(int) int) *scanners.FileError {
	var ye *yamlpos.Error
	if errors.As(err, &ye) {
		line := 0
		if ye.Line > 0 {
			line = lineOf(ye.Line)
		}
		return &scanners.FileError{Path: file, Line: line, Err: fmt.Errorf("rendered template: %s", ye.Msg)}
	}
	return &scanners.FileError{Path: file, Err: fmt.Errorf("rendered template: %w", err)}
}

// addError records e on the result of its file, or, when the walker did
// not give that file (Chart.yaml of a chart scanned through one template),
// on the first file of the chart, so that the error is never lost.
func (run *chartRun) addError(e *scanners.FileError) {
	if r, ok := run.results[e.Path]; ok {
		r.Errors = append(r.Errors, e)
		return
	}
	r := run.results[run.files[0]]
	r.Errors = append(r.Errors, e)
}

// failed records that the chart could not be rendered: the cause on its
// file, and on every other file of the chart that nothing was checked.
func (run *chartRun) failed(cause *scanners.FileError) {
	run.addError(cause)
	for _, f := range run.files {
		if r := run.results[f]; len(r.Errors) == 0 {
			r.Errors = append(r.Errors, &scanners.FileError{Path: f, Err: fmt.Errorf("not checked: the chart in %s could not be rendered", run.dir)})
		}
	}
}

// releaseNamespaceOut undoes the release namespace of a rendered object: an
// object's metadata.namespace that is the release's (.Release.Namespace) is
// chosen at install time, so it is removed, as if the template named no
// namespace; anywhere else (a RoleBinding subject, a service URL) the
// release namespace reads "default", as `helm template` prints it. Items of
// a List are objects of their own.
func releaseNamespaceOut(obj map[string]any) {
	if meta, ok := obj["metadata"].(map[string]any); ok && meta["namespace"] == releaseNamespace {
		delete(meta, "namespace")
		if loc, ok := meta[scanners.LocKey].(map[string]any); ok {
			if attrs, ok := loc["attrs"].(map[string]any); ok {
				delete(attrs, "namespace")
			}
		}
	}
	if items, ok := obj["items"].([]any); ok {
		for _, it := range items {
			if m, ok := it.(map[string]any); ok {
				releaseNamespaceOut(m)
			}
		}
	}
	replaceReleaseNamespace(obj)
}

// replaceReleaseNamespace rewrites the release namespace to "default" in
// every string of v, keys included.
func replaceReleaseNamespace(v any) any {
	switch t := v.(type) {
	case string:
		if strings.Contains(t, releaseNamespace) {
			return strings.ReplaceAll(t, releaseNamespace, helmNamespace)
		}
	case map[string]any:
		for k, e := range t {
			if k == scanners.LocKey {
				continue
			}
			ne := replaceReleaseNamespace(e)
			if strings.Contains(k, releaseNamespace) {
				delete(t, k)
				k = strings.ReplaceAll(k, releaseNamespace, helmNamespace)
			}
			t[k] = ne
		}
	case []any:
		for i, e := range t {
			t[i] = replaceReleaseNamespace(e)
		}
	}
	return v
}
