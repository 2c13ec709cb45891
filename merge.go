package tollgate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/tollgate/tollgate/report"
)

// ErrReportsDiffer is wrapped by the errors of Merge about reports that
// cannot be one scan's parts: different tollgate versions or rule sets,
// different compliance views, a shard missing or given twice.
var ErrReportsDiffer = errors.New("the reports are not parts of one scan")

// MergeOptions describes how Merge combines reports.
type MergeOptions struct {
	// Names name the reports, in order, in errors (their files); a report
	// without one is "report N".
	Names []string
	// FailOn is the gate threshold as ParseThreshold reads it; "" means
	// the one the reports were gated with, which must then be the same in
	// all of them.
	FailOn string
	// SkipErrors is Options.SkipErrors: the merged report passes or fails
	// on its findings even when an input of a shard could not be read.
	SkipErrors bool
}

// ReadReport reads a JSON report (report/schema/report.schema.json)
// strictly: it must be tollgate's, of this SchemaVersion, with every
// required field and none this tollgate does not know (a report written
// by another version is refused, not half read). Errors name the file,
// and the line when the JSON itself is wrong.
func ReadReport(path string) (*report.Report, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(b, &top); err != nil {
		return nil, jsonError(path, b, err)
	}
	for _, k := range []string{"version", "tool", "findings", "errors", "rules", "targets", "summary"} {
		if v, ok := top[k]; !ok || string(v) == "null" {
			return nil, fmt.Errorf("%s: not a tollgate JSON report: %q is missing", path, k)
		}
	}
	var version string
	if err := json.Unmarshal(top["version"], &version); err != nil || version != report.SchemaVersion {
		return nil, fmt.Errorf("%s: report version %s, want %q: not a tollgate JSON report this version reads", path, top["version"], report.SchemaVersion)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var r report.Report
	if err := dec.Decode(&r); err != nil {
		if strings.Contains(err.Error(), "unknown field") {
			return nil, fmt.Errorf("%s: %v: written by another tollgate version than %s", path, strings.TrimPrefix(err.Error(), "json: "), Version)
		}
		return nil, jsonError(path, b, err)
	}
	if r.Tool.Name != "tollgate" {
		return nil, fmt.Errorf("%s: a report of %q, not of tollgate", path, r.Tool.Name)
	}
	return &r, nil
}

// jsonError names the file, and the line of a syntax or type error.
func jsonError(path string, b []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("%s:%d: not JSON: %v", path, lineAt(b, syn.Offset), err)
	case errors.As(err, &typ) && typ.Field == "":
		return fmt.Errorf("%s:%d: not a tollgate JSON report: want a JSON object, got %s", path, lineAt(b, typ.Offset), typ.Value)
	case errors.As(err, &typ):
		return fmt.Errorf("%s:%d: %s is %s, want %s", path, lineAt(b, typ.Offset), typ.Field, typ.Value, typ.Type)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return fmt.Errorf("%s:%d: not JSON: unexpected end of the file", path, lineAt(b, int64(len(b))))
	}
	return fmt.Errorf("%s: %w", path, err)
}

// lineAt is the 1-based line holding byte offset off of b.
func lineAt(b []byte, off int64) int {
	off = min(max(off, 0), int64(len(b)))
	return bytes.Count(b[:off], []byte("\n")) + 1
}

// Merge combines the reports of the shards of one scan (tollgate scan
// --shard K/N) into the report that scan would have written unsharded, and
// gates it again: findings, errors, warnings, targets and images are
// united (an item several shards report is one item), rules by id,
// exceptions by their source (used when a shard used it), the compliance
// view is recomputed from the merged findings, and the summary counts are
// the shards' added up, then gated with the same code Scan gates with.
//
// Reports of different tollgate versions or rule sets, of shards of
// different totals, with a shard missing or given twice, or signed, are
// refused (ErrReportsDiffer, or a signing misuse): a verdict over
// reports that are not one scan's would be no verdict. Merge reads
// nothing and signs nothing.
func Merge(reports []*report.Report, o MergeOptions) (*Result, error) {
	if len(reports) == 0 {
		return nil, usagef("merge: no report to merge")
	}
	name := func(i int) string {
		if i < len(o.Names) && o.Names[i] != "" {
			return o.Names[i]
		}
		return fmt.Sprintf("report %d", i+1)
	}
	first := reports[0]
	for i, r := range reports {
		if r == nil {
			return nil, usagef("merge: %s is nil", name(i))
		}
		if r.Version != "" && r.Version != report.SchemaVersion {
			return nil, usagef("%s: report version %q, want %q", name(i), r.Version, report.SchemaVersion)
		}
		if r.Signing != nil {
			return nil, usagef("%s: the shard was scanned with --sign: sign after the merged verdict, never a shard's images on its own", name(i))
		}
		if r.Tool != first.Tool {
			return nil, differ("%s is of %s %s and %s of %s %s: merge reports of one tollgate version", name(0), first.Tool.Name, first.Tool.Version, name(i), r.Tool.Name, r.Tool.Version)
		}
		if r.Summary.RulesEvaluated != first.Summary.RulesEvaluated {
			return nil, differ("%s evaluated %d rules and %s %d: scan every shard with the same policies, config and rule selection",
				name(0), first.Summary.RulesEvaluated, name(i), r.Summary.RulesEvaluated)
		}
	}
	if err := checkShards(reports, name); err != nil {
		return nil, err
	}
	threshold, err := mergeThreshold(reports, o.FailOn, name)
	if err != nil {
		return nil, err
	}

	rep := &report.Report{
		Version:  report.SchemaVersion,
		Tool:     first.Tool,
		Findings: []report.Finding{},
		Errors:   []report.Error{},
		Rules:    []report.Rule{},
		Targets:  []report.Target{},
	}
	s := &rep.Summary
	s.RulesEvaluated = first.Summary.RulesEvaluated
	findings := newUnion[report.Finding](findingKey)
	errs, warnings := newUnion[report.Error](anyKey), newUnion[report.Error](anyKey)
	targets, images := newUnion[report.Target](anyKey), newUnion[report.Image](anyKey)
	rules := map[string]int{} // id -> index in rep.Rules
	ruleFrom := map[string]int{}
	for i, r := range reports {
		findings.add(r.Findings)
		errs.add(r.Errors)
		warnings.add(r.Warnings)
		images.add(r.Images)
		s.FilesScanned += r.Summary.FilesScanned
		s.FilesSkipped += r.Summary.FilesSkipped
		s.FilesFailed += r.Summary.FilesFailed
		s.Resources += r.Summary.Resources
		// A target two shards both report was read once, as by one scan.
		for _, t := range targets.add(r.Targets) {
			s.Resources -= t.Resources
			if t.Format == "image" || t.Format == "sbom" {
				continue
			}
			switch t.Status {
			case report.StatusScanned:
				s.FilesScanned--
			case report.StatusSkipped:
				s.FilesSkipped--
			case report.StatusFailed:
				s.FilesFailed--
			}
		}
		for _, ru := range r.Rules {
			j, seen := rules[ru.ID]
			if !seen {
				rules[ru.ID], ruleFrom[ru.ID] = len(rep.Rules), i
				rep.Rules = append(rep.Rules, ru)
				continue
			}
			if !reflect.DeepEqual(rep.Rules[j], ru) {
				return nil, differ("rule %s is not the same in %s and %s: scan every shard with the same policies and config", ru.ID, name(ruleFrom[ru.ID]), name(i))
			}
		}
	}
	rep.Findings, rep.Errors, rep.Targets = findings.items, errs.items, targets.items
	if len(warnings.items) > 0 {
		rep.Warnings = warnings.items
	}
	if len(images.items) > 0 {
		rep.Images = images.items
	}
	rep.Exceptions = mergeExceptions(reports)
	s.Checks = mergeChecks(reports)
	if rep.Compliance, err = mergeCompliance(reports, rep.Findings, name); err != nil {
		return nil, err
	}
	if first.Summary.Shard != nil && !readAnything(rep.Targets) {
		// A shard may read nothing; the whole scan must have read
		// something, or it would pass as if it had checked.
		rep.Errors = append(rep.Errors, report.Error{
			Message: fmt.Sprintf("nothing to scan: no IaC file tollgate reads under the given paths in any shard (%s skipped)", plural(s.FilesSkipped, "file"))})
	}
	gate(rep, threshold, o.SkipErrors)
	rep.Sort()
	return &Result{Report: rep}, nil
}

// readAnything reports whether a target was read, or failed to be: a
// file, an image or the source tree.
func readAnything(targets []report.Target) bool {
	for _, t := range targets {
		if t.Status == report.StatusScanned || t.Status == report.StatusFailed {
			return true
		}
	}
	return false
}

func differ(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf("%w: %s", ErrReportsDiffer, fmt.Sprintf(format, args...))}
}

// mergeThreshold is the threshold given, else the one every report was
// gated with. A per-category threshold given here must name a category
// the reports know: one of their rules', or one their own thresholds named
// (scan checked those against the policies; merge has no policies).
func mergeThreshold(reports []*report.Report, failOn string, name func(int) string) (Threshold, error) {
	known := map[string]bool{"custom": true, report.CategoryVulnerability: true}
	for i, r := range reports {
		for _, ru := range r.Rules {
			known[ru.Category] = true
		}
		t, err := ParseThreshold(r.Summary.FailOn)
		if err != nil {
			return Threshold{}, usagef("%s: summary.fail_on: %v", name(i), err)
		}
		for c := range t.Categories {
			known[c] = true
		}
		if failOn == "" && r.Summary.FailOn != reports[0].Summary.FailOn {
			return Threshold{}, usagef("%s was gated at %q and %s at %q: give merge --fail-on", name(0), reports[0].Summary.FailOn, name(i), r.Summary.FailOn)
		}
	}
	if failOn == "" {
		failOn = reports[0].Summary.FailOn
	}
	t, err := ParseThreshold(failOn)
	if err != nil {
		return t, err
	}
	if err := t.checkCategories(known); err != nil {
		return t, usagef("%v; give the shards' scans the same --fail-on, which they check against the policies", err)
	}
	return t, nil
}

// union collects items from several reports: an item several reports hold
// is kept once, while an item one report holds twice stays twice (each
// report is one scan's, which may legitimately repeat it).
type union[T any] struct {
	key   func(T) string
	items []T
	taken map[string]int
}

func newUnion[T any](key func(T) string) *union[T] {
	return &union[T]{key: key, items: []T{}, taken: map[string]int{}}
}

// add adds one report's items and returns those another report had
// already added.
func (u *union[T]) add(items []T) (dropped []T) {
	mine := map[string]int{}
	for _, it := range items {
		k := u.key(it)
		mine[k]++
		if mine[k] <= u.taken[k] {
			dropped = append(dropped, it)
			continue
		}
		u.items = append(u.items, it)
	}
	for k, n := range mine {
		u.taken[k] = max(u.taken[k], n)
	}
	return dropped
}

// findingKey identifies a finding across shards: its fingerprint at its
// location. Whether it counts towards the gate is part of it, so that two
// shards disagreeing on a finding's exception keep the gated copy.
func findingKey(f report.Finding) string {
	return fmt.Sprintf("%s\x00%s\x00%t", f.Fingerprint, anyKey(f.Location), f.Gated())
}

// anyKey identifies an item by its whole content.
func anyKey[T any](v T) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%#v", v)
	}
	return string(b)
}

// mergeExceptions unites the reports' exceptions by what they are (kind,
// source, rule, reason, owner, expiry): one used in any shard is used,
// with the findings each matched added up; sorted by source file and line.
func mergeExceptions(reports []*report.Report) []report.Exception {
	var out []report.Exception
	index := map[string]int{}
	for _, r := range reports {
		for _, e := range r.Exceptions {
			k := anyKey(struct {
				report.Suppression
				Rule string
			}{e.Suppression, e.RuleID})
			j, seen := index[k]
			if !seen {
				index[k] = len(out)
				out = append(out, e)
				continue
			}
			m := &out[j]
			m.Matched += e.Matched
			if exceptionRank(e.Status) > exceptionRank(m.Status) {
				m.Status = e.Status
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	sortExceptions(out)
	return out
}

// sortExceptions orders exceptions by the file and line they are written
// at, then rule: a config file's in the order written.
func sortExceptions(list []report.Exception) {
	sort.SliceStable(list, func(i, j int) bool {
		pi, li := splitSource(list[i].Source)
		pj, lj := splitSource(list[j].Source)
		if pi != pj {
			return pi < pj
		}
		if li != lj {
			return li < lj
		}
		return list[i].RuleID < list[j].RuleID
	})
}

// exceptionRank orders the statuses one exception can have in different
// shards: ignored (inline exceptions forbidden) and expired hold in every
// shard, whatever it matched; used in one shard beats unused in another.
func exceptionRank(status string) int {
	switch status {
	case report.ExceptionIgnored:
		return 3
	case report.ExceptionExpired:
		return 2
	case report.ExceptionUsed:
		return 1
	}
	return 0
}

// splitSource splits path:line; a source without a line has line 0.
func splitSource(s string) (string, int) {
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		if n, err := strconv.Atoi(s[i+1:]); err == nil {
			return s[:i], n
		}
	}
	return s, 0
}

// mergeCompliance recomputes the compliance view from the merged findings.
// Every shard evaluated the same rules, so each holds the same controls
// and rules, only tallied over its own findings: the controls map each
// rule to is read back from them, and must agree.
func mergeCompliance(reports []*report.Report, findings []report.Finding, name func(int) string) ([]report.Compliance, error) {
	frameworks := func(r *report.Report) []string {
		var out []string
		for _, c := range r.Compliance {
			out = append(out, c.Framework)
		}
		return out
	}
	// mapping is, per framework, each rule's controls.
	mapping := func(r *report.Report) map[string]map[string][]string {
		m := map[string]map[string][]string{}
		for _, c := range r.Compliance {
			for _, ctl := range c.Controls {
				for _, id := range ctl.Rules {
					if m[id] == nil {
						m[id] = map[string][]string{}
					}
					m[id][c.Framework] = append(m[id][c.Framework], ctl.ID)
				}
			}
		}
		return m
	}
	want, wantMap := frameworks(reports[0]), mapping(reports[0])
	for i, r := range reports[1:] {
		if got := frameworks(r); !reflect.DeepEqual(got, want) {
			return nil, differ("%s has the compliance view of %v and %s of %v: scan every shard with the same --compliance",
				name(0), strings.Join(want, ", "), name(i+1), strings.Join(got, ", "))
		}
		if !reflect.DeepEqual(mapping(r), wantMap) {
			return nil, differ("the compliance controls of %s and %s map different rules: scan every shard with the same policies and rule selection", name(0), name(i+1))
		}
	}
	if len(want) == 0 {
		return nil, nil
	}
	ids := make([]string, 0, len(wantMap))
	for id := range wantMap {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	rules := make([]report.Rule, 0, len(ids))
	for _, id := range ids {
		rules = append(rules, report.Rule{ID: id, Frameworks: wantMap[id]})
	}
	return report.NewCompliance(want, rules, findings), nil
}

// checkShards refuses a set of reports that is not one sharded scan whole:
// sharded and unsharded reports mixed, shards of different totals, one
// shard twice, or one missing ("shard 2/3 missing"). Unsharded reports
// are merged as they are.
func checkShards(reports []*report.Report, name func(int) string) error {
	shards := make([]*report.Shard, len(reports))
	for i, r := range reports {
		shards[i] = r.Summary.Shard
	}
	return checkShardSet(shards, name)
}

func checkShardSet(shards []*report.Shard, name func(int) string) error {
	first := shards[0]
	seen := map[int]int{}
	for i, s := range shards {
		switch {
		case (s == nil) != (first == nil):
			sharded, whole := 0, i
			if first == nil {
				sharded, whole = i, 0
			}
			return differ("%s is a shard and %s a whole scan", name(sharded), name(whole))
		case s == nil:
			continue
		case s.Index < 1 || s.Index > s.Total:
			return differ("%s: shard %d/%d is not a shard", name(i), s.Index, s.Total)
		case s.Total != first.Total:
			return differ("%s is shard %d/%d and %s shard %d/%d: merge the shards of one scan", name(0), first.Index, first.Total, name(i), s.Index, s.Total)
		}
		if j, dup := seen[s.Index]; dup {
			return differ("%s and %s are both shard %d/%d", name(j), name(i), s.Index, s.Total)
		}
		seen[s.Index] = i
	}
	if first == nil {
		return nil
	}
	for k := 1; k <= first.Total; k++ {
		if _, ok := seen[k]; !ok {
			return differ("shard %d/%d missing: merge every shard's report", k, first.Total)
		}
	}
	return nil
}
