package helm

// This file is a copy of Helm v3.22.0's pkg/engine (engine.go and files.go,
// Copyright The Helm Authors, Apache License 2.0), changed where a chart
// from a hostile pull request could exhaust the scan: Helm's engine offers
// no way to replace its template functions, to bound its output or to stop
// a render (Engine.CustomTemplateFuncs does not exist in v3), so the render
// is reproduced here with the same functions, the same values and the same
// error messages, and the limits of limits.go. TestEngineMatchesHelm checks
// that it renders what Helm renders. The one difference a template can see:
// typeOf .Values is "helm.chartValues", not "chartutil.Values" (the type
// carries the same methods, with YAML and Encode bounded).

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"text/template"

	"github.com/gobwas/glob"
	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chartutil"
)

// renderable is a template and the values it is rendered with.
type renderable struct {
	tpl      string
	vals     chartutil.Values
	basePath string
}

const (
	warnStartDelim   = "HELM_ERR_START"
	warnEndDelim     = "HELM_ERR_END"
	recursionMaxNums = 1000
)

var warnRegex = regexp.MustCompile(warnStartDelim + `((?s).*)` + warnEndDelim)

func warnWrap(warn string) string { return warnStartDelim + warn + warnEndDelim }

// render is Helm's Engine.render for the templates of c, with vals, under
// the renderer's limits.
func (r *renderer) render(c *chart.Chart, vals chartutil.Values) (rendered map[string]string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("rendering template failed: %v", p)
		}
	}()
	tpls := allTemplates(c, vals)
	t := template.New("gotpl")
	t.Option("missingkey=zero")
	r.initFuncMap(t)

	keys := sortTemplates(tpls)
	for _, filename := range keys {
		if _, err := t.New(filename).Parse(tpls[filename].tpl); err != nil {
			return map[string]string{}, cleanupParseError(filename, err)
		}
	}
	r.guardTrees(t)

	rendered = make(map[string]string, len(keys))
	for _, filename := range keys {
		if strings.HasPrefix(path.Base(filename), "_") {
			continue
		}
		r.current.Store(filename)
		vals := tpls[filename].vals
		vals["Template"] = chartutil.Values{"Name": filename, "BasePath": tpls[filename].basePath}
		var buf strings.Builder
		if err := t.ExecuteTemplate(&limitedWriter{r: r, w: &buf}, filename, vals); err != nil {
			return map[string]string{}, cleanupExecError(filename, err)
		}
		rendered[filename] = strings.ReplaceAll(buf.String(), "<no value>", "")
	}
	return rendered, nil
}

// limitedWriter writes a template's output, failing once the chart's output
// reaches the limit or the render has been abandoned.
type limitedWriter struct {
	r *renderer
	w io.Writer
}

func (w *limitedWriter) Write(p []byte) (int, error) {
	if err := w.r.alive(); err != nil {
		return 0, err
	}
	if w.r.written+int64(len(p)) > w.r.limits.MaxRenderedSize {
		return 0, &limitError{fmt.Sprintf("the chart renders more than %d MiB (the rendered output limit)", w.r.limits.MaxRenderedSize>>20)}
	}
	w.r.written += int64(len(p))
	return w.w.Write(p)
}

// includeFun is Helm's include, with the nesting of include and tpl
// bounded as a whole.
func (r *renderer) includeFun(t *template.Template, includedNames map[string]int) func(string, any) (string, error) {
	return func(name string, data any) (string, error) {
		if err := r.enter(); err != nil {
			return "", err
		}
		defer r.leave()
		var buf strings.Builder
		if v, ok := includedNames[name]; ok {
			if v > recursionMaxNums {
				return "", fmt.Errorf("rendering template has a nested reference name: %s: %w", name, errors.New("unable to execute template"))
			}
			includedNames[name]++
		} else {
			includedNames[name] = 1
		}
		err := t.ExecuteTemplate(&limitedWriter{r: r, w: &buf}, name, data)
		includedNames[name]--
		return buf.String(), err
	}
}

// tplFun is Helm's tpl; the templates it parses are guarded as the chart's.
func (r *renderer) tplFun(parent *template.Template, includedNames map[string]int) func(string, any) (string, error) {
	return func(tpl string, vals any) (string, error) {
		if err := r.enter(); err != nil {
			return "", err
		}
		defer r.leave()
		t, err := parent.Clone()
		if err != nil {
			return "", fmt.Errorf("cannot clone template: %w", err)
		}
		t.Option("missingkey=zero")
		t.Funcs(r.guardFuncs(template.FuncMap{
			"include": r.includeFun(t, includedNames),
			"tpl":     r.tplFun(t, includedNames),
		}))
		t, err = t.New(parent.Name()).Parse(tpl)
		if err != nil {
			return "", fmt.Errorf("cannot parse template %q: %w", tpl, err)
		}
		r.guardTrees(t)
		var buf strings.Builder
		if err := t.Execute(&limitedWriter{r: r, w: &buf}, vals); err != nil {
			return "", fmt.Errorf("error during tpl function execution for %q: %w", tpl, err)
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
}

// initFuncMap is Helm's initFunMap, with the functions of funcs.go.
func (r *renderer) initFuncMap(t *template.Template) {
	funcMap := r.funcMap()
	includedNames := make(map[string]int)
	funcMap["include"] = r.includeFun(t, includedNames)
	funcMap["tpl"] = r.tplFun(t, includedNames)
	funcMap["required"] = func(warn string, val any) (any, error) {
		if val == nil {
			return val, errors.New(warnWrap(warn))
		} else if _, ok := val.(string); ok {
			if val == "" {
				return val, errors.New(warnWrap(warn))
			}
		}
		return val, nil
	}
	funcMap["fail"] = func(msg string) (string, error) {
		return "", errors.New(warnWrap(msg))
	}
	// No cluster: lookup finds nothing; no DNS: getHostByName is empty,
	// as in `helm template`.
	funcMap["getHostByName"] = func(string) string { return "" }
	t.Funcs(r.guardFuncs(funcMap))
}

func cleanupParseError(filename string, err error) error {
	tokens := strings.Split(err.Error(), ": ")
	if len(tokens) == 1 {
		return fmt.Errorf("parse error in (%s): %s", filename, err)
	}
	location := tokens[1]
	errMsg := tokens[len(tokens)-1]
	return fmt.Errorf("parse error at (%s): %s", location, errMsg)
}

func cleanupExecError(filename string, err error) error {
	var execErr template.ExecError
	if !errors.As(err, &execErr) || errors.As(err, new(*limitError)) {
		return err
	}
	tokens := strings.SplitN(err.Error(), ": ", 3)
	if len(tokens) != 3 {
		return fmt.Errorf("execution error in (%s): %s", filename, err)
	}
	location := tokens[1]
	parts := warnRegex.FindStringSubmatch(tokens[2])
	if len(parts) >= 2 {
		return fmt.Errorf("execution error at (%s): %s", location, parts[1])
	}
	return err
}

func sortTemplates(tpls map[string]renderable) []string {
	keys := make([]string, 0, len(tpls))
	for key := range tpls {
		keys = append(keys, key)
	}
	sort.Sort(sort.Reverse(byPathLen(keys)))
	return keys
}

type byPathLen []string

func (p byPathLen) Len() int      { return len(p) }
func (p byPathLen) Swap(i, j int) { p[j], p[i] = p[i], p[j] }
func (p byPathLen) Less(i, j int) bool {
	a, b := p[i], p[j]
	ca, cb := strings.Count(a, "/"), strings.Count(b, "/")
	if ca == cb {
		return strings.Compare(a, b) == -1
	}
	return ca < cb
}

// allTemplates returns the templates of c and its dependencies, each with
// the values of its chart's scope.
func allTemplates(c *chart.Chart, vals chartutil.Values) map[string]renderable {
	templates := make(map[string]renderable)
	recAllTpls(c, templates, vals)
	return templates
}

func recAllTpls(c *chart.Chart, templates map[string]renderable, vals chartutil.Values) map[string]any {
	subCharts := make(map[string]any)
	chartMetaData := struct {
		chart.Metadata
		IsRoot bool
	}{*c.Metadata, c.IsRoot()}

	next := map[string]any{
		"Chart":        chartMetaData,
		"Files":        newFiles(c.Files),
		"Release":      vals["Release"],
		"Capabilities": vals["Capabilities"],
		"Values":       make(chartValues),
		"Subcharts":    subCharts,
	}
	if c.IsRoot() {
		next["Values"] = asValues(vals["Values"])
	} else if vs, err := (chartutil.Values{"Values": map[string]any(asValues(vals["Values"]))}).Table("Values." + c.Name()); err == nil {
		next["Values"] = chartValues(vs)
	}

	for _, child := range c.Dependencies() {
		subCharts[child.Name()] = recAllTpls(child, templates, next)
	}

	newParentID := c.ChartFullPath()
	for _, t := range c.Templates {
		if t == nil {
			continue
		}
		if !isTemplateValid(c, t.Name) {
			continue
		}
		templates[path.Join(newParentID, t.Name)] = renderable{
			tpl:      string(t.Data),
			vals:     next,
			basePath: path.Join(newParentID, "templates"),
		}
	}
	return next
}

func asValues(v any) chartValues {
	switch x := v.(type) {
	case chartValues:
		return x
	case chartutil.Values:
		return chartValues(x)
	case map[string]any:
		return chartValues(x)
	}
	return chartValues{}
}

func isTemplateValid(ch *chart.Chart, templateName string) bool {
	if strings.EqualFold(ch.Metadata.Type, "library") {
		return strings.HasPrefix(filepath.Base(templateName), "_")
	}
	return true
}

// chartValues is chartutil.Values as templates see it (.Values), with the same
// methods; YAML and Encode refuse values over the size limit, as toYaml
// does, since a template can build a value whose serialization is
// exponentially larger than its memory (a list that holds itself twice).
type chartValues map[string]any

func (v chartValues) YAML() (string, error) {
	if err := checkSize(map[string]any(v), maxValueSizeDefault); err != nil {
		return "", err
	}
	return chartutil.Values(v).YAML()
}

func (v chartValues) Table(name string) (chartValues, error) {
	t, err := chartutil.Values(v).Table(name)
	return chartValues(t), err
}

func (v chartValues) AsMap() map[string]any { return chartutil.Values(v).AsMap() }

func (v chartValues) Encode(w io.Writer) error {
	if err := checkSize(map[string]any(v), maxValueSizeDefault); err != nil {
		return err
	}
	return chartutil.Values(v).Encode(w)
}

func (v chartValues) PathValue(p string) (any, error) { return chartutil.Values(v).PathValue(p) }

// files is Helm's .Files.
type files map[string][]byte

func newFiles(from []*chart.File) files {
	out := make(map[string][]byte)
	for _, f := range from {
		out[f.Name] = f.Data
	}
	return out
}

func (f files) GetBytes(name string) []byte {
	if v, ok := f[name]; ok {
		return v
	}
	return []byte{}
}

func (f files) Get(name string) string { return string(f.GetBytes(name)) }

func (f files) Glob(pattern string) files {
	g, err := glob.Compile(pattern, '/')
	if err != nil {
		g, _ = glob.Compile("**")
	}
	nf := newFiles(nil)
	for name, contents := range f {
		if g.Match(name) {
			nf[name] = contents
		}
	}
	return nf
}

func (f files) AsConfig() string {
	if f == nil {
		return ""
	}
	m := make(map[string]string)
	for k, v := range f {
		m[path.Base(k)] = string(v)
	}
	return toYAML(m)
}

func (f files) AsSecrets() string {
	if f == nil {
		return ""
	}
	m := make(map[string]string)
	for k, v := range f {
		m[path.Base(k)] = base64.StdEncoding.EncodeToString(v)
	}
	return toYAML(m)
}

func (f files) Lines(p string) []string {
	if f == nil || len(f[p]) == 0 {
		return []string{}
	}
	s := string(f[p])
	if s[len(s)-1] == '\n' {
		s = s[:len(s)-1]
	}
	return strings.Split(s, "\n")
}
