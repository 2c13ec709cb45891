package tollgate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tollgate/tollgate/report"
)

// Threshold is the gate: the lowest severity that fails the scan, overall
// and per category.
type Threshold struct {
	// Default applies to categories without their own threshold: a
	// severity, or "none".
	Default string
	// Categories maps a category (access, encryption, backup, audit...) to
	// its own threshold.
	Categories map[string]string
}

// ParseThreshold reads "high", "none", "encryption=medium,access=high" or a
// mix ("high,encryption=medium"). Categories without a threshold of their
// own use the plain severity, high when none is given.
func ParseThreshold(s string) (Threshold, error) {
	t := Threshold{Default: report.SeverityHigh}
	if strings.TrimSpace(s) == "" {
		return t, nil
	}
	defaultSet := false
	for _, part := range strings.Split(s, ",") {
		part = strings.ToLower(strings.TrimSpace(part))
		cat, sev, perCategory := strings.Cut(part, "=")
		if !perCategory {
			sev = cat
		}
		if sev != "none" && report.SeverityRank(sev) == 0 {
			return t, usagef("--fail-on %q: %q is not critical, high, medium, low, info or none", s, sev)
		}
		if !perCategory {
			if defaultSet {
				return t, usagef("--fail-on %q: more than one threshold without a category", s)
			}
			t.Default, defaultSet = sev, true
			continue
		}
		if _, dup := t.Categories[cat]; dup {
			return t, usagef("--fail-on %q: category %s given twice", s, cat)
		}
		if cat == "" {
			return t, usagef("--fail-on %q: category missing before =", s)
		}
		if t.Categories == nil {
			t.Categories = map[string]string{}
		}
		t.Categories[cat] = sev
	}
	return t, nil
}

// checkCategories refuses a per-category threshold for a category no rule
// has: a misspelt one would silently leave its category on the default.
func (t Threshold) checkCategories(known map[string]bool) error {
	for c := range t.Categories {
		if !known[c] {
			names := make([]string, 0, len(known))
			for k := range known {
				names = append(names, k)
			}
			sort.Strings(names)
			return usagef("fail-on: no rule has category %q (categories: %s)", c, strings.Join(names, ", "))
		}
	}
	return nil
}

// String renders the threshold as ParseThreshold reads it.
func (t Threshold) String() string {
	parts := []string{t.Default}
	cats := make([]string, 0, len(t.Categories))
	for c := range t.Categories {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	for _, c := range cats {
		parts = append(parts, c+"="+t.Categories[c])
	}
	return strings.Join(parts, ",")
}

// trips returns the threshold a finding reaches ("high",
// "encryption=medium"), if any.
func (t Threshold) trips(f report.Finding) (string, bool) {
	sev, name := t.Default, t.Default
	if c, ok := t.Categories[f.Category]; ok {
		sev, name = c, f.Category+"="+c
	}
	if sev == "none" {
		return "", false
	}
	return name, report.SeverityRank(f.Severity) >= report.SeverityRank(sev)
}

// gate sets the verdict: error when an input failed (unless skipErrors),
// failed when a gated finding reaches the threshold, passed otherwise.
// Suppressed and baselined findings are reported but never gated.
func gate(rep *report.Report, t Threshold, skipErrors bool) {
	s := &rep.Summary
	s.FailOn = t.String()
	s.Counts = map[string]int{}
	for _, sev := range report.Severities {
		s.Counts[sev] = 0
	}
	s.Suppressed, s.Baselined, s.Tripped = 0, 0, nil
	tripped := map[string]bool{}
	for _, f := range rep.Findings {
		switch {
		case f.Suppression != nil:
			s.Suppressed++
			continue
		case f.InBaseline:
			s.Baselined++
			continue
		}
		s.Counts[f.Severity]++
		if name, ok := t.trips(f); ok {
			tripped[name] = true
		}
	}
	for name := range tripped {
		s.Tripped = append(s.Tripped, name)
	}
	sort.Strings(s.Tripped)
	s.Findings = len(rep.Findings)
	s.Errors = len(rep.Errors)
	s.ImagesScanned = len(rep.Images)
	switch {
	case len(rep.Errors) > 0 && !skipErrors:
		s.Result = report.ResultError
	case len(tripped) > 0:
		s.Result = report.ResultFailed
	default:
		s.Result = report.ResultPassed
	}
}

// Verdict is the one line printed on stderr after a scan.
func Verdict(rep *report.Report) string {
	s := rep.Summary
	var counts []string
	for _, sev := range report.Severities {
		if n := s.Counts[sev]; n > 0 {
			counts = append(counts, fmt.Sprintf("%d %s", n, sev))
		}
	}
	found := "no findings"
	if len(counts) > 0 {
		found = strings.Join(counts, ", ")
	}
	var extra []string
	if s.Suppressed > 0 {
		extra = append(extra, fmt.Sprintf("%d suppressed", s.Suppressed))
	}
	if s.Baselined > 0 {
		extra = append(extra, fmt.Sprintf("%d in baseline", s.Baselined))
	}
	if s.Errors > 0 && s.Result != report.ResultError {
		extra = append(extra, fmt.Sprintf("%s allowed by --skip-errors", plural(s.Errors, "input error")))
	}
	if len(extra) > 0 {
		found += "; " + strings.Join(extra, ", ")
	}
	switch s.Result {
	case report.ResultPassed:
		return fmt.Sprintf("tollgate: PASSED: %s; fail-on %s; %s, %s scanned", found, s.FailOn, plural(s.FilesScanned, "file"), plural(s.ImagesScanned, "image"))
	case report.ResultFailed:
		return fmt.Sprintf("tollgate: FAILED: %s; threshold %s tripped", found, strings.Join(s.Tripped, ", "))
	}
	first := ""
	if len(rep.Errors) > 0 {
		first = "; first: " + rep.Errors[0].String()
	}
	return fmt.Sprintf("tollgate: ERROR: %s, failing closed; %s%s", plural(len(rep.Errors), "input error"), found, first)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
