package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"
	"unicode/utf8"
)

// WriteHTML writes r as one self-contained HTML page for reviewers: the
// verdict and the gated counts (the summary's) with the number suppressed
// and in the baseline, a bar chart of the gated findings by category and
// severity (an inline SVG drawn here, no script library), the findings in a
// table that can be filtered by severity, category, gate (all, gated only,
// not gated) and free text (a few lines of inline JavaScript; the filter is
// kept in the URL fragment, so a filtered view can be shared), where a
// suppressed or baselined finding carries a "suppressed" or "baseline"
// badge with the reason as its title, the errors, the exceptions with what
// became of each, the compliance view when there is one (a table per
// framework), the rules with their remediation, and the coverage of
// targets and images.
//
// The page loads nothing: its Content-Security-Policy allows no source but
// its own inline style and script, by hash. The only URLs in it are links
// to the rules' references. Every value is escaped by html/template.
func WriteHTML(w io.Writer, r *Report) error {
	p, err := prepare(r)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, htmlPageOf(p)); err != nil {
		return fmt.Errorf("render html: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// htmlPage is what the template renders.
type htmlPage struct {
	Tool, Version, Verdict, VerdictClass, FailOn, Overview, Signing string

	Counts []htmlCount
	// NotGated counts the suppressed and baselined findings, "" when none.
	NotGated string
	Chart    *htmlChart
	Findings []htmlFinding
	// Gated and Accepted count the findings listed that count towards the
	// gate and those that do not, for the gate filter.
	Gated, Accepted int
	Severities      []htmlOption
	Categories      []htmlOption
	Errors          []string
	Warnings        []string
	Exceptions      []Exception
	Compliance      []htmlCompliance
	Rules           []htmlRule
	Targets         []Target
	Images          []Image

	CSP    string
	Style  template.CSS
	Script template.JS
}

type htmlCount struct {
	Severity, Class string
	N               int
	Fails           bool
}

type htmlOption struct {
	Value string
	N     int
}

type htmlFinding struct {
	Severity, Class, RuleID, Title, Category, Location, FullLocation, Resource, Message string
	// Status is findingGated, findingSuppressed or findingBaselined; Note
	// says why a finding is not gated.
	Status, Note string
	// Documented says the rule is in the Rules section, to link to.
	Documented bool
}

type htmlRule struct {
	Rule
	Class string
	Links []htmlLink
}

// htmlCompliance is one framework of the compliance view.
type htmlCompliance struct {
	Framework, Summary string
	Controls           []htmlControl
}

type htmlControl struct {
	ComplianceControl
	// Class is the verdict class of its status, passed or failed;
	// FindingsText the findings with those not gated.
	Class, FindingsText string
	FailedRules         []htmlRuleRef
}

// htmlRuleRef is a rule id, linked when the Rules section documents it.
type htmlRuleRef struct {
	ID         string
	Documented bool
}

// htmlLink is a reference: a link when it is an absolute http(s) URL, text
// otherwise.
type htmlLink struct {
	Text string
	URL  string
}

func htmlPageOf(r *Report) htmlPage {
	page := htmlPage{
		Tool:         firstNonEmpty(r.Tool.Name, "tollgate"),
		Version:      r.Tool.Version,
		Verdict:      verdict(r.Summary.Result),
		VerdictClass: verdictClass(r.Summary.Result),
		FailOn:       r.Summary.FailOn,
		Overview:     markdownOverview(r),
		Signing:      signingText(r.Signing),
		Targets:      r.Targets,
		Images:       r.Images,
		Exceptions:   r.Exceptions,
		CSP:          htmlCSP,
		Style:        template.CSS(htmlStyle),
		Script:       template.JS(htmlScript),
	}
	summary := gateSummary(r)
	failRank := SeverityRank(summary.FailOn)
	for _, s := range Severities {
		page.Counts = append(page.Counts, htmlCount{Severity: s, Class: severityClass(s), N: summary.Counts[s],
			Fails: failRank > 0 && SeverityRank(s) >= failRank})
	}
	if n := otherCount(summary.Counts); n > 0 {
		page.Counts = append(page.Counts, htmlCount{Severity: "other", Class: severityClass(""), N: n})
	}
	page.NotGated = notGatedLine(summary)
	documented := make(map[string]bool, len(r.Rules))
	for _, rule := range r.Rules {
		documented[rule.ID] = true
	}
	categories := make(map[string]int)
	severities := make(map[string]int)
	for _, f := range bySeverity(r.Findings) {
		hf := htmlFinding{
			Severity:     htmlSeverity(f.Severity),
			Class:        severityClass(f.Severity),
			RuleID:       f.RuleID,
			Title:        f.Title,
			Category:     htmlCategory(f.Category),
			Location:     tableLocation(f.Location),
			FullLocation: f.Location.String(),
			Resource:     f.Resource,
			Message:      f.Message,
			Status:       findingStatus(f),
			Note:         notGatedNote(f),
			Documented:   documented[f.RuleID],
		}
		if hf.Status == findingGated {
			page.Gated++
		} else {
			page.Accepted++
		}
		if hf.Resource == f.Location.Image {
			hf.Resource = ""
		}
		categories[hf.Category]++
		severities[hf.Severity]++
		page.Findings = append(page.Findings, hf)
	}
	for _, v := range r.Compliance {
		hv := htmlCompliance{Framework: v.Framework, Summary: complianceLine(v)}
		for _, c := range v.Controls {
			hc := htmlControl{ComplianceControl: c, Class: ResultPassed, FindingsText: controlFindings(c)}
			if c.Status != ControlPass {
				hc.Class = ResultFailed
			}
			for _, id := range c.FailedRules {
				hc.FailedRules = append(hc.FailedRules, htmlRuleRef{ID: id, Documented: documented[id]})
			}
			hv.Controls = append(hv.Controls, hc)
		}
		page.Compliance = append(page.Compliance, hv)
	}
	page.Severities = severityOptions(severities)
	page.Categories = sortedOptions(categories)
	page.Chart = newHTMLChart(gatedFindings(page.Findings))
	for _, e := range r.Errors {
		page.Errors = append(page.Errors, e.String())
	}
	for _, e := range r.Warnings {
		page.Warnings = append(page.Warnings, e.String())
	}
	for _, rule := range r.Rules {
		hr := htmlRule{Rule: rule, Class: severityClass(rule.Severity)}
		for _, ref := range rule.References {
			link := htmlLink{Text: ref}
			if absoluteURL(ref) && (strings.HasPrefix(ref, "https://") || strings.HasPrefix(ref, "http://")) {
				link.URL = ref
			}
			hr.Links = append(hr.Links, link)
		}
		page.Rules = append(page.Rules, hr)
	}
	return page
}

// gatedFindings are the findings that count towards the gate, which the
// chart draws.
func gatedFindings(findings []htmlFinding) []htmlFinding {
	var gated []htmlFinding
	for _, f := range findings {
		if f.Status == findingGated {
			gated = append(gated, f)
		}
	}
	return gated
}

func verdictClass(result string) string {
	switch result {
	case ResultPassed, ResultFailed, ResultError:
		return result
	}
	return "unknown"
}

// htmlSeverity is the lower-case severity the filter matches on.
func htmlSeverity(s string) string {
	return firstNonEmpty(strings.ToLower(s), "unknown")
}

// severityClass is the CSS class of a severity's colour.
func severityClass(s string) string {
	if SeverityRank(s) == 0 {
		return "sev-other"
	}
	return "sev-" + strings.ToLower(s)
}

func htmlCategory(c string) string {
	return firstNonEmpty(c, "uncategorized")
}

// severityOptions lists the severities present, most severe first.
func severityOptions(n map[string]int) []htmlOption {
	opts := make([]htmlOption, 0, len(n))
	for v, c := range n {
		opts = append(opts, htmlOption{Value: v, N: c})
	}
	sort.Slice(opts, func(i, j int) bool {
		ri, rj := SeverityRank(opts[i].Value), SeverityRank(opts[j].Value)
		if ri != rj {
			return ri > rj
		}
		return opts[i].Value < opts[j].Value
	})
	return opts
}

func sortedOptions(n map[string]int) []htmlOption {
	opts := make([]htmlOption, 0, len(n))
	for v, c := range n {
		opts = append(opts, htmlOption{Value: v, N: c})
	}
	sort.Slice(opts, func(i, j int) bool { return opts[i].Value < opts[j].Value })
	return opts
}

// The chart's geometry, in SVG user units.
const (
	chartLabelWidth = 180.0
	chartBarWidth   = 440.0
	chartWidth      = chartLabelWidth + chartBarWidth + 60
	chartRowHeight  = 28.0
	chartBarHeight  = 18.0
	chartTop        = 6.0
	chartLegend     = 34.0
	chartLegendStep = 112.0
	chartMaxLabel   = 24
)

// htmlChart is a horizontal stacked bar chart: one bar per category, one
// segment per severity, most severe first.
type htmlChart struct {
	Width, Height float64
	Rows          []htmlChartRow
	Legend        []htmlLegend
}

type htmlChartRow struct {
	Category, Label                     string
	LabelX, Y, BarHeight, TextY, TotalX float64
	Total                               int
	Segments                            []htmlSegment
}

type htmlSegment struct {
	Severity, Class string
	X, Width        float64
	N               int
}

type htmlLegend struct {
	Label, Class       string
	X, Y, TextX, TextY float64
}

// newHTMLChart lays out the chart of the findings, nil when there is none.
func newHTMLChart(findings []htmlFinding) *htmlChart {
	if len(findings) == 0 {
		return nil
	}
	counts := make(map[string]map[string]int)
	totals := make(map[string]int)
	severities := make(map[string]int)
	for _, f := range findings {
		if counts[f.Category] == nil {
			counts[f.Category] = make(map[string]int)
		}
		counts[f.Category][f.Severity]++
		totals[f.Category]++
		severities[f.Severity]++
	}
	order := severityOptions(severities)
	categories := sortedOptions(totals)
	// Largest category first.
	sort.SliceStable(categories, func(i, j int) bool { return categories[i].N > categories[j].N })
	scale := chartBarWidth / float64(categories[0].N)

	c := &htmlChart{Width: chartWidth}
	for i, cat := range categories {
		y := chartTop + float64(i)*chartRowHeight
		row := htmlChartRow{
			Category:  cat.Value,
			Label:     truncate(cat.Value, chartMaxLabel),
			LabelX:    chartLabelWidth - 8,
			Y:         y,
			BarHeight: chartBarHeight,
			TextY:     y + chartBarHeight/2,
			Total:     cat.N,
			TotalX:    chartLabelWidth + float64(cat.N)*scale + 6,
		}
		done := 0
		for _, sev := range order {
			n := counts[cat.Value][sev.Value]
			if n == 0 {
				continue
			}
			row.Segments = append(row.Segments, htmlSegment{
				Severity: sev.Value,
				Class:    severityClass(sev.Value),
				X:        chartLabelWidth + float64(done)*scale,
				Width:    float64(n) * scale,
				N:        n,
			})
			done += n
		}
		c.Rows = append(c.Rows, row)
	}
	legendY := chartTop + float64(len(categories))*chartRowHeight + 10
	x := chartLabelWidth
	for _, sev := range order {
		label := fmt.Sprintf("%s (%d)", sev.Value, sev.N)
		c.Legend = append(c.Legend, htmlLegend{Label: label, Class: severityClass(sev.Value),
			X: x, Y: legendY, TextX: x + 16, TextY: legendY + 6})
		// A fixed step keeps the legend even; a long label takes more.
		x += max(chartLegendStep, 16+7*float64(utf8.RuneCountInString(label))+12)
	}
	c.Height = legendY + chartLegend - 10
	return c
}

// truncate shortens s to at most n runes, ending it with an ellipsis.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

func cspHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// htmlCSP forbids every load: the page runs only its own style and script,
// named by hash, and cannot submit or be re-based anywhere.
var htmlCSP = "default-src 'none'; style-src " + cspHash(htmlStyle) + "; script-src " + cspHash(htmlScript) +
	"; base-uri 'none'; form-action 'none'"

var htmlTemplate = template.Must(template.New("report").Parse(htmlPageTemplate))

const htmlPageTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{{.Tool}} report: {{.Verdict}}</title>
<style>{{.Style}}</style>
</head>
<body>
<header>
<h1>{{.Tool}} report <span class="verdict {{.VerdictClass}}">{{.Verdict}}</span></h1>
<p class="meta">{{if .Version}}{{.Tool}} {{.Version}} · {{end}}{{.Overview}}</p>
</header>
<main>
<section id="summary">
<h2>Gated findings by severity</h2>
<table class="counts">
<thead><tr><th>Severity</th><th>Findings</th><th>Gate</th></tr></thead>
<tbody>
{{- range .Counts}}
<tr><td><span class="badge {{.Class}}">{{.Severity}}</span></td><td class="num">{{.N}}</td><td>{{if .Fails}}fails the gate{{end}}</td></tr>
{{- end}}
</tbody>
</table>
{{- if .NotGated}}
<p id="not-gated" class="meta">{{.NotGated}}</p>
{{- end}}
{{with .Chart}}
<h2>Gated findings by category</h2>
<svg id="chart" class="chart" role="img" aria-labelledby="chart-title" viewBox="0 0 {{printf "%.1f" .Width}} {{printf "%.1f" .Height}}" width="{{printf "%.1f" .Width}}" height="{{printf "%.1f" .Height}}">
<title id="chart-title">Gated findings by category and severity</title>
{{- range .Rows}}
<g class="row">
<text class="label" x="{{printf "%.1f" .LabelX}}" y="{{printf "%.1f" .TextY}}">{{.Label}}<title>{{.Category}}</title></text>
{{- $cat := .Category}}{{$y := .Y}}{{$h := .BarHeight}}
{{- range .Segments}}
<rect class="seg {{.Class}}" data-severity="{{.Severity}}" data-category="{{$cat}}" x="{{printf "%.1f" .X}}" y="{{printf "%.1f" $y}}" width="{{printf "%.1f" .Width}}" height="{{printf "%.1f" $h}}"><title>{{$cat}}: {{.N}} {{.Severity}}</title></rect>
{{- end}}
<text class="total" x="{{printf "%.1f" .TotalX}}" y="{{printf "%.1f" .TextY}}">{{.Total}}</text>
</g>
{{- end}}
{{- range .Legend}}
<rect class="{{.Class}}" x="{{printf "%.1f" .X}}" y="{{printf "%.1f" .Y}}" width="12" height="12"></rect><text class="legend" x="{{printf "%.1f" .TextX}}" y="{{printf "%.1f" .TextY}}">{{.Label}}</text>
{{- end}}
</svg>
{{end}}
</section>
<section id="findings-section">
<h2>Findings</h2>
{{- if .Findings}}
<form id="filters" class="filters" role="search">
<label>Severity <select id="f-severity"><option value="">all</option>{{range .Severities}}<option value="{{.Value}}">{{.Value}} ({{.N}})</option>{{end}}</select></label>
<label>Category <select id="f-category"><option value="">all</option>{{range .Categories}}<option value="{{.Value}}">{{.Value}} ({{.N}})</option>{{end}}</select></label>
<label>Gate <select id="f-gate"><option value="">all</option><option value="gated">gated only ({{.Gated}})</option><option value="not-gated">not gated ({{.Accepted}})</option></select></label>
<label>Text <input id="f-text" type="search" placeholder="rule, file, resource, message" autocomplete="off"></label>
<output id="f-count" aria-live="polite">{{len .Findings}} findings</output>
</form>
<table id="findings" class="findings">
<thead><tr><th>Severity</th><th>Rule</th><th>Category</th><th>Location</th><th>Message</th></tr></thead>
<tbody>
{{- range .Findings}}
<tr data-severity="{{.Severity}}" data-category="{{.Category}}" data-gate="{{.Status}}"><td><span class="badge {{.Class}}">{{.Severity}}</span>{{if .Note}} <span class="badge gate-{{.Status}}" title="{{.Note}}">{{.Status}}</span>{{end}}</td><td>{{if .Documented}}<a href="#rule-{{.RuleID}}">{{.RuleID}}</a>{{else}}{{.RuleID}}{{end}}<div class="sub">{{.Title}}</div></td><td>{{.Category}}</td><td class="loc" title="{{.FullLocation}}">{{.Location}}</td><td>{{.Message}}{{if .Resource}}<div class="sub">{{.Resource}}</div>{{end}}</td></tr>
{{- end}}
</tbody>
</table>
{{- else}}
<p>No findings.</p>
{{- end}}
</section>
<section id="errors">
<h2>Errors</h2>
{{- if .Errors}}
<ul class="errors">
{{- range .Errors}}
<li>{{.}}</li>
{{- end}}
</ul>
{{- else}}
<p>None: every input was read.</p>
{{- end}}
</section>
{{- if .Warnings}}
<section id="warnings">
<h2>Warnings</h2>
<ul class="warnings">
{{- range .Warnings}}
<li>{{.}}</li>
{{- end}}
</ul>
</section>
{{- end}}
{{- if .Exceptions}}
<section id="exceptions">
<h2>Exceptions</h2>
<table class="exceptions">
<thead><tr><th>Status</th><th>Rule</th><th>Matched</th><th>Source</th><th>Reason</th><th>Owner</th><th>Expires</th></tr></thead>
<tbody>
{{- range .Exceptions}}
<tr class="exception-{{.Status}}"><td>{{.Status}}</td><td>{{if .RuleID}}{{.RuleID}}{{else}}any{{end}}</td><td class="num">{{.Matched}}</td><td class="loc">{{.Source}}</td><td>{{.Reason}}</td><td>{{.Owner}}</td><td>{{.Expires}}</td></tr>
{{- end}}
</tbody>
</table>
</section>
{{- end}}
{{- if .Compliance}}
<section id="compliance">
<h2>Compliance</h2>
{{- range .Compliance}}
<article class="rule" id="compliance-{{.Framework}}">
<h3>{{.Framework}}</h3>
<p class="sub">{{.Summary}}</p>
{{- if .Controls}}
<table class="compliance">
<thead><tr><th>Control</th><th>Status</th><th>Rules passed</th><th>Rules failed</th><th>Findings</th><th>Failing rules</th></tr></thead>
<tbody>
{{- range .Controls}}
<tr class="control-{{.Class}}"><td class="loc">{{.ID}}</td><td><span class="verdict {{.Class}}">{{.Status}}</span></td><td class="num">{{.Passed}}</td><td class="num">{{.Failed}}</td><td class="num">{{.FindingsText}}</td><td>{{range $i, $r := .FailedRules}}{{if $i}}, {{end}}{{if $r.Documented}}<a href="#rule-{{$r.ID}}">{{$r.ID}}</a>{{else}}{{$r.ID}}{{end}}{{end}}</td></tr>
{{- end}}
</tbody>
</table>
{{- end}}
</article>
{{- end}}
</section>
{{- end}}
{{- if .Rules}}
<section id="rules">
<h2>Rules</h2>
{{- range .Rules}}
<article class="rule" id="rule-{{.ID}}">
<h3><span class="badge {{.Class}}">{{.Severity}}</span> {{.ID}} {{.Title}}</h3>
{{- if .Category}}<p class="sub">Category: {{.Category}}</p>{{end}}
{{- if .Description}}<p>{{.Description}}</p>{{end}}
{{- if .Remediation}}<p><strong>Remediation:</strong> {{.Remediation}}</p>{{end}}
{{- if .Links}}
<ul class="refs">
{{- range .Links}}
<li>{{if .URL}}<a href="{{.URL}}" rel="noreferrer">{{.Text}}</a>{{else}}{{.Text}}{{end}}</li>
{{- end}}
</ul>
{{- end}}
</article>
{{- end}}
</section>
{{- end}}
<section id="coverage">
<h2>Targets</h2>
{{- if .Targets}}
<table class="targets">
<thead><tr><th>Path</th><th>Format</th><th>Status</th><th>Resources</th><th>Reason</th></tr></thead>
<tbody>
{{- range .Targets}}
<tr class="status-{{.Status}}"><td class="loc">{{.Path}}</td><td>{{.Format}}</td><td>{{.Status}}</td><td class="num">{{.Resources}}</td><td>{{.Reason}}</td></tr>
{{- end}}
</tbody>
</table>
{{- else}}
<p>No targets.</p>
{{- end}}
{{- if .Images}}
<h2>Images</h2>
<table class="images">
<thead><tr><th>Reference</th><th>Digest</th><th>Packages</th></tr></thead>
<tbody>
{{- range .Images}}
<tr><td class="loc">{{.Reference}}</td><td class="loc">{{.Digest}}</td><td class="num">{{.Packages}}</td></tr>
{{- end}}
</tbody>
</table>
{{- end}}
<h2>Signing</h2>
<p>{{.Signing}}</p>
</section>
</main>
<script>{{.Script}}</script>
</body>
</html>
`

const htmlStyle = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg-alt: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); }
header { padding: 16px 24px; border-bottom: 1px solid var(--line); background: var(--bg-alt); }
h1 { margin: 0; font-size: 22px; display: flex; align-items: center; gap: 12px; }
h2 { font-size: 17px; margin: 24px 0 8px; }
h3 { font-size: 15px; margin: 0 0 4px; }
main { padding: 0 24px 32px; max-width: 1400px; }
.meta, .sub { color: var(--muted); }
.sub { font-size: 12px; }
.meta { margin: 6px 0 0; }
.verdict { font-size: 14px; padding: 2px 10px; border-radius: 12px; color: #fff; }
.verdict.passed { background: #1a7f37; }
.verdict.failed { background: #cf222e; }
.verdict.error { background: #82071e; }
.verdict.unknown { background: #59636e; }
table { border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: 5px 10px; border-bottom: 1px solid var(--line); }
th { background: var(--bg-alt); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.loc { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
table.findings, table.targets { width: 100%; }
.badge { display: inline-block; min-width: 64px; text-align: center; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; }
.badge.sev-critical { background: #6e2594; }
.badge.sev-high { background: #cf222e; }
.badge.sev-medium { background: #bc4c00; }
.badge.sev-low { background: #9a6700; }
.badge.sev-info { background: #0969da; }
.badge.sev-other { background: #59636e; }
.badge.gate-suppressed, .badge.gate-baseline { min-width: 0; color: var(--muted); background: #fff; border: 1px solid var(--line); cursor: help; }
tr[data-gate="suppressed"] td, tr[data-gate="baseline"] td { color: var(--muted); }
.exception-expired td, .exception-ignored td { color: #82071e; }
.exception-unused td { color: #9a6700; }
.chart { max-width: 100%; height: auto; font-size: 13px; }
.chart text { fill: var(--fg); dominant-baseline: middle; }
.chart text.label { text-anchor: end; }
.chart text.total { fill: var(--muted); }
.chart rect.seg { cursor: pointer; }
.chart rect.seg:hover { opacity: 0.8; }
.chart .sev-critical { fill: #6e2594; }
.chart .sev-high { fill: #cf222e; }
.chart .sev-medium { fill: #bc4c00; }
.chart .sev-low { fill: #9a6700; }
.chart .sev-info { fill: #0969da; }
.chart .sev-other { fill: #59636e; }
.filters { display: flex; flex-wrap: wrap; gap: 16px; align-items: center; margin: 8px 0 12px; }
.filters input { width: 260px; }
.filters output { color: var(--muted); }
.errors li { color: #82071e; }
.rule { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; margin: 0 0 10px; }
.rule p { margin: 4px 0; }
.status-failed td { color: #82071e; }
.status-skipped td { color: var(--muted); }
tr[hidden] { display: none; }
@media print { .filters { display: none; } tr[hidden] { display: table-row; } }
`

const htmlScript = `
(function () {
  "use strict";
  var table = document.getElementById("findings");
  if (table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var severity = document.getElementById("f-severity");
    var category = document.getElementById("f-category");
    var gate = document.getElementById("f-gate");
    var text = document.getElementById("f-text");
    var count = document.getElementById("f-count");
    var select = function (el, value) {
      for (var i = 0; i < el.options.length; i++) {
        if (el.options[i].value === value) { el.selectedIndex = i; return; }
      }
      el.selectedIndex = 0;
    };
    var apply = function (remember) {
      var s = severity.value, c = category.value, g = gate.value, q = text.value.trim().toLowerCase(), shown = 0;
      rows.forEach(function (row) {
        var gated = row.getAttribute("data-gate") === "gated";
        var ok = (!s || row.getAttribute("data-severity") === s) &&
          (!c || row.getAttribute("data-category") === c) &&
          (!g || (g === "gated") === gated) &&
          (!q || row.textContent.toLowerCase().indexOf(q) >= 0);
        row.hidden = !ok;
        if (ok) { shown++; }
      });
      count.textContent = shown + " of " + rows.length + " findings";
      if (remember) {
        var params = new URLSearchParams();
        if (s) { params.set("severity", s); }
        if (c) { params.set("category", c); }
        if (g) { params.set("gate", g); }
        if (q) { params.set("q", q); }
        try { history.replaceState(null, "", "#" + params.toString()); } catch (e) { /* file: URLs may refuse */ }
      }
    };
    var load = function () {
      var params = new URLSearchParams(location.hash.slice(1));
      select(severity, params.get("severity") || "");
      select(category, params.get("category") || "");
      select(gate, params.get("gate") || "");
      text.value = params.get("q") || "";
      apply(false);
    };
    severity.addEventListener("change", function () { apply(true); });
    category.addEventListener("change", function () { apply(true); });
    gate.addEventListener("change", function () { apply(true); });
    text.addEventListener("input", function () { apply(true); });
    document.getElementById("filters").addEventListener("submit", function (e) { e.preventDefault(); });
    window.addEventListener("hashchange", load);
    var segments = document.querySelectorAll("#chart rect.seg");
    Array.prototype.forEach.call(segments, function (seg) {
      seg.addEventListener("click", function () {
        select(severity, seg.getAttribute("data-severity"));
        select(category, seg.getAttribute("data-category"));
        // The chart counts the gated findings only.
        select(gate, "gated");
        apply(true);
        table.scrollIntoView();
      });
    });
    load();
  }
  document.body.setAttribute("data-ready", "1");
})();
`
