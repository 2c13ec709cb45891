package report

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func TestWriteHTMLGolden(t *testing.T) {
	got := render(t, WriteHTML, testReport())
	golden(t, "golden.html", got)
	s := string(got)
	for _, want := range []string{
		`<span class="verdict error">ERROR</span>`,
		`<output id="f-count" aria-live="polite">4 findings</output>`,
		`<tr data-severity="high" data-category="storage" data-gate="gated">`,
		// The counts are the gate's; the accepted findings are counted apart.
		`<td><span class="badge sev-medium">medium</span></td><td class="num">0</td>`,
		`<p id="not-gated" class="meta">1 suppressed, 1 in baseline (not gated)</p>`,
		`<tr data-severity="medium" data-category="workload" data-gate="suppressed"><td><span class="badge sev-medium">medium</span> ` +
			`<span class="badge gate-suppressed" title="suppressed: batch job needs setuid binary (k8s/deployment.yaml:20)">suppressed</span></td>`,
		`<span class="badge gate-baseline" title="in baseline">baseline</span>`,
		`<option value="gated">gated only (2)</option><option value="not-gated">not gated (2)</option>`,
		`<tr class="exception-expired"><td>expired</td><td>TG-AWS-001</td><td class="num">1</td><td class="loc">.tollgate.yaml:9</td>` +
			`<td>public log viewer, reviewed by secteam</td><td>web</td><td>2025-01-31</td></tr>`,
		`<tr class="exception-unused"><td>unused</td><td>TG-AWS-020</td><td class="num">0</td>`,
		`<a href="#rule-TG-AWS-001">TG-AWS-001</a>`,
		`bucket ACL &#34;public-read&#34; lets anyone list &amp; read objects (&lt;anonymous&gt;)`,
		`<td class="loc" title="terraform/main.tf:19">terraform/main.tf:19</td>`,
		`<li>k8s/broken.yaml:7: yaml: line 7: mapping values are not allowed in this context</li>`,
		`<tr class="status-skipped"><td class="loc">README.md</td><td></td><td>skipped</td><td class="num">0</td><td>no scanner for this file type</td></tr>`,
		`<li>CIS AWS Foundations 2.1.5</li>`,
		`<p>Not signed: the scan did not pass.</p>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("html lacks %q", want)
		}
	}
	// The chart draws the gated findings only: one critical container
	// segment, one high storage segment.
	segs := regexp.MustCompile(`<rect class="seg [^"]*" data-severity="([a-z]+)" data-category="([a-z]+)"`).FindAllStringSubmatch(s, -1)
	if len(segs) != 2 || segs[0][1]+"/"+segs[0][2] != "critical/container" || segs[1][1]+"/"+segs[1][2] != "high/storage" {
		t.Errorf("chart segments %v, want critical/container and high/storage", segs)
	}
}

func TestWriteHTMLEmpty(t *testing.T) {
	s := string(render(t, WriteHTML, emptyReport()))
	for _, want := range []string{`<span class="verdict passed">PASSED</span>`, "<p>No findings.</p>",
		"<p>None: every input was read.</p>", "<p>No targets.</p>"} {
		if !strings.Contains(s, want) {
			t.Errorf("empty report lacks %q", want)
		}
	}
	for _, bad := range []string{"<svg", `id="findings"`, `id="rules"`} {
		if strings.Contains(s, bad) {
			t.Errorf("empty report has %q", bad)
		}
	}
}

// resourceAttrs are the attributes through which a page loads or sends
// something.
var resourceAttrs = map[string]bool{
	"src": true, "srcset": true, "href": true, "action": true, "formaction": true, "data": true,
	"poster": true, "background": true, "xlink:href": true, "ping": true, "manifest": true, "codebase": true,
}

// TestWriteHTMLLoadsNothing walks every tag: nothing is loaded from
// anywhere, the only URLs are links to the rules' references, and the
// Content-Security-Policy allows nothing else.
func TestWriteHTMLLoadsNothing(t *testing.T) {
	r := testReport()
	out := render(t, WriteHTML, r)
	refs := map[string]bool{}
	for _, rule := range r.Rules {
		for _, ref := range rule.References {
			if strings.HasPrefix(ref, "https://") || strings.HasPrefix(ref, "http://") {
				refs[ref] = true
			}
		}
	}
	if len(refs) != 2 {
		t.Fatalf("fixture should have 2 reference URLs, has %d", len(refs))
	}

	var csp, styleText, scriptText string
	linked := map[string]bool{}
	var inStyle, inScript bool
	z := html.NewTokenizer(bytes.NewReader(out))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if !errors.Is(z.Err(), io.EOF) {
				t.Fatal(z.Err())
			}
			break
		}
		tok := z.Token()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			switch tok.Data {
			case "link", "img", "iframe", "object", "embed", "frame", "audio", "video", "source", "image", "use", "base":
				t.Errorf("html has a <%s> element", tok.Data)
			}
			inStyle, inScript = tok.Data == "style", tok.Data == "script"
			for _, a := range tok.Attr {
				key := a.Key
				if a.Namespace != "" {
					key = a.Namespace + ":" + a.Key
				}
				if tok.Data == "meta" && a.Key == "content" && strings.Contains(a.Val, "default-src") {
					csp = a.Val
				}
				if strings.HasPrefix(key, "on") {
					t.Errorf("<%s> has an inline handler %s", tok.Data, key)
				}
				if !resourceAttrs[key] || strings.HasPrefix(a.Val, "#") {
					continue
				}
				if tok.Data == "a" && key == "href" && refs[a.Val] {
					linked[a.Val] = true
					continue
				}
				t.Errorf("<%s %s=%q> may load or send something", tok.Data, key, a.Val)
			}
		case html.TextToken:
			if inStyle {
				styleText += tok.Data
			}
			if inScript {
				scriptText += tok.Data
			}
		case html.EndTagToken:
			inStyle, inScript = false, false
		}
	}
	if len(linked) != len(refs) {
		t.Errorf("reference links %v, want all of %v", linked, refs)
	}
	if strings.Contains(styleText, "url(") || strings.Contains(styleText, "@import") {
		t.Errorf("the stylesheet loads something")
	}
	for _, bad := range []string{"fetch(", "XMLHttpRequest", "import(", "WebSocket", "sendBeacon", "http"} {
		if strings.Contains(scriptText, bad) {
			t.Errorf("the script contains %q", bad)
		}
	}

	// The only URLs in the file are the reference links.
	text := string(out)
	for ref := range refs {
		text = strings.ReplaceAll(text, `<a href="`+ref+`" rel="noreferrer">`+ref+`</a>`, "")
	}
	if i := regexp.MustCompile(`https?://`).FindStringIndex(text); i != nil {
		t.Errorf("html has a URL outside the reference links: %q", text[max(0, i[0]-60):min(len(text), i[1]+60)])
	}

	want := "default-src 'none'; style-src " + cspHash(styleText) + "; script-src " + cspHash(scriptText) +
		"; base-uri 'none'; form-action 'none'"
	if csp != want {
		t.Errorf("Content-Security-Policy %q, want %q (the hashes must match the inline style and script)", csp, want)
	}
}

// Text from scanned inputs stays text: no tag, attribute or script gets in.
func TestWriteHTMLEscapes(t *testing.T) {
	r := emptyReport()
	r.Findings = []Finding{{
		RuleID: `TG-1"><script>alert(1)</script>`, Title: "<b>t</b>", Severity: SeverityLow,
		Category: `x" onmouseover="alert(1)`,
		Message:  "</td></tr></table><script>alert(2)</script>",
		Location: Location{Path: "<img src=x onerror=alert(3)>.tf", StartLine: 1},
	}}
	r.Rules = []Rule{{ID: "TG-1", Title: "t", Severity: SeverityLow, References: []string{"javascript:alert(4)"}}}
	s := string(render(t, WriteHTML, r))
	for _, bad := range []string{"<script>alert", "<img", `" onmouseover="`, "<b>t</b>", `href="javascript:`} {
		if strings.Contains(s, bad) {
			t.Errorf("html contains %q", bad)
		}
	}
	if strings.Contains(s, `href="#rule-`) {
		t.Errorf("a finding links to a rule the report does not document")
	}
	if !strings.Contains(s, "<li>javascript:alert(4)</li>") {
		t.Errorf("a reference that is not an http(s) URL is text, not a link")
	}
	if strings.Count(s, "<script>") != 1 {
		t.Errorf("want exactly the page's own script")
	}
}

func TestHTMLChart(t *testing.T) {
	c := newHTMLChart([]htmlFinding{
		{Severity: "high", Category: "storage"},
		{Severity: "critical", Category: "storage"},
		{Severity: "high", Category: "storage"},
		{Severity: "medium", Category: "a-very-long-category-name-indeed"},
	})
	if len(c.Rows) != 2 || c.Rows[0].Category != "storage" || c.Rows[0].Total != 3 {
		t.Fatalf("rows %+v, want the largest category first", c.Rows)
	}
	segs := c.Rows[0].Segments
	if len(segs) != 2 || segs[0].Severity != "critical" || segs[1].Severity != "high" || segs[1].N != 2 {
		t.Fatalf("segments %+v, want critical then high", segs)
	}
	if segs[0].X != chartLabelWidth || segs[1].X != segs[0].X+segs[0].Width ||
		segs[1].X+segs[1].Width != chartLabelWidth+chartBarWidth {
		t.Errorf("segments %+v do not stack to the full bar width", segs)
	}
	if w := c.Rows[1].Segments[0].Width; w != chartBarWidth/3 {
		t.Errorf("one finding of three is %.1f wide, want %.1f", w, chartBarWidth/3)
	}
	if l := c.Rows[1].Label; l != "a-very-long-category-na…" {
		t.Errorf("label %q, want it cut at %d runes", l, chartMaxLabel)
	}
	if len(c.Legend) != 3 || c.Legend[0].Label != "critical (1)" || c.Legend[2].Label != "medium (1)" {
		t.Errorf("legend %+v", c.Legend)
	}
	if newHTMLChart(nil) != nil {
		t.Errorf("no findings, no chart")
	}
}

// chromium finds Debian's chromium. Without it the browser tests skip,
// except in CI, where they must run.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is required in CI (apt-get install -y chromium)")
	}
	t.Skip("chromium not installed (apt-get install -y chromium)")
	return ""
}

// runChromium runs headless Chromium on url with extra flags and returns
// its standard output.
func runChromium(t *testing.T, bin, url string, extra ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	args := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--user-data-dir=" + t.TempDir(), "--virtual-time-budget=2000",
	}, extra...)
	args = append(args, url)
	cmd := exec.CommandContext(ctx, bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(extra, " "), err, stderr.String())
	}
	return stdout.String()
}

var hiddenRow = regexp.MustCompile(`<tr [^>]*\bhidden\b`)

// TestWriteHTMLInBrowser opens the report in headless Chromium: the script
// runs under the page's own Content-Security-Policy, counts the rows,
// applies a filter read from the URL fragment, and the page renders.
func TestWriteHTMLInBrowser(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, render(t, WriteHTML, testReport()), 0o644); err != nil {
		t.Fatal(err)
	}
	url := "file://" + filepath.ToSlash(page)

	dom := runChromium(t, bin, url, "--dump-dom")
	for _, want := range []string{`data-ready="1"`, `4 of 4 findings</output>`,
		`<tr data-severity="critical" data-category="container" data-gate="gated">`} {
		if !strings.Contains(dom, want) {
			t.Errorf("DOM after the script ran lacks %q:\n%s", want, dom)
		}
	}
	if hiddenRow.MatchString(dom) {
		t.Errorf("no row should be hidden without a filter")
	}

	dom = runChromium(t, bin, url+"#severity=high", "--dump-dom")
	if !strings.Contains(dom, `1 of 4 findings</output>`) {
		t.Errorf("the severity filter from the fragment was not applied:\n%s", dom)
	}
	if n := len(hiddenRow.FindAllString(dom, -1)); n != 3 {
		t.Errorf("%d rows hidden by severity=high, want 3", n)
	}
	dom = runChromium(t, bin, url+"#gate=gated", "--dump-dom")
	if !strings.Contains(dom, `2 of 4 findings</output>`) {
		t.Errorf("the gated-only filter was not applied:\n%s", dom)
	}
	for _, hidden := range hiddenRow.FindAllString(dom, -1) {
		if strings.Contains(hidden, `data-gate="gated"`) {
			t.Errorf("gated only hides a gated finding: %s", hidden)
		}
	}
	dom = runChromium(t, bin, url+"#gate=not-gated&severity=low", "--dump-dom")
	if !strings.Contains(dom, `1 of 4 findings</output>`) {
		t.Errorf("the not-gated filter was not applied:\n%s", dom)
	}
	dom = runChromium(t, bin, url+"#category=storage&q=ANONYMOUS", "--dump-dom")
	if !strings.Contains(dom, `1 of 4 findings</output>`) {
		t.Errorf("the category and text filters were not applied:\n%s", dom)
	}
	dom = runChromium(t, bin, url+"#q=no-such-text", "--dump-dom")
	if !strings.Contains(dom, `0 of 4 findings</output>`) {
		t.Errorf("the text filter should hide every row:\n%s", dom)
	}

	// The policy is enforced: a script that is not the page's own does not run.
	tampered := bytes.Replace(render(t, WriteHTML, testReport()), []byte("</script>"), []byte("/* */</script>"), 1)
	other := filepath.Join(dir, "tampered.html")
	if err := os.WriteFile(other, tampered, 0o644); err != nil {
		t.Fatal(err)
	}
	dom = runChromium(t, bin, "file://"+filepath.ToSlash(other), "--dump-dom")
	if strings.Contains(dom, `data-ready="1"`) || !strings.Contains(dom, `>4 findings</output>`) {
		t.Errorf("a script outside the Content-Security-Policy ran:\n%s", dom)
	}

	shot := filepath.Join(dir, "shot.png")
	runChromium(t, bin, url, "--screenshot="+shot, "--window-size=1200,900", "--hide-scrollbars")
	png, err := os.ReadFile(shot)
	if err != nil {
		t.Fatal(err)
	}
	if len(png) < 10_000 || !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("screenshot is not a rendered PNG (%d bytes)", len(png))
	}
	// To look at the page: TOLLGATE_HTML_SCREENSHOT=/tmp/shot.png go test ./report/ -run InBrowser
	if dst := os.Getenv("TOLLGATE_HTML_SCREENSHOT"); dst != "" {
		if err := os.WriteFile(dst, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
