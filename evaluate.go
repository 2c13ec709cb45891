package tollgate

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/tollgate/tollgate/policies"
	"github.com/tollgate/tollgate/report"
	"github.com/tollgate/tollgate/scanners"
)

// evaluator evaluates documents as the scanners hand them over, from
// several goroutines at once, and keeps only what the report needs: the
// findings, the files' outcomes and the values to mask. A document is
// dropped as soon as it is evaluated, so a scan holds one unit of files at
// a time per worker, not the repository.
type evaluator struct {
	ctx      context.Context
	engine   *policies.Engine
	selected func(ruleID string) bool

	mu  sync.Mutex
	rep *report.Report
	// resStart holds, for each finding, the first line of its resource,
	// which inline exceptions written above the resource refer to.
	resStart []int
	// seen maps a finding's identity to its index: the same problem read
	// twice (a plan and the .tf it maps back to, two count instances of
	// one block) is one finding at one place.
	seen    map[string]int
	rules   map[string]report.Rule
	secrets map[string]bool
	// targets maps a file to its target, and problems the errors and
	// warnings already recorded: a module several configurations call is
	// read, and handed over, once with each.
	targets  map[string]int
	problems map[string]bool
	// progress, when set, is told of each file read (Options.Progress).
	progress func(Progress)
	// extraRules describes the rules of findings that come from no
	// policy: the secret detector's.
	extraRules map[string]policies.Rule

	// unmarked tells, of the files read whole during the scan, those that
	// hold no inline exception (true): the exceptions pass need not read
	// them again. A file seen with one once is false for good.
	unmarked map[string]bool

	// pend queues the evaluations asked for while the library compiles
	// (whenReady); abort, when set, stops the scan when it cannot compile.
	pend  pending
	abort func()
}

// pending is the queue of evaluations waiting for the library's compile.
type pending struct {
	mu      sync.Mutex
	work    []func()
	started bool
	// drained is set once the queue has been run and is no longer used.
	drained bool
	done    chan struct{}
	err     error
}

// maxPending is how many units' evaluations may wait for the library's
// compile before the walkers wait too: enough to keep every core reading
// for the 1 to 2 s a compile takes, few enough that the documents held
// meanwhile stay small.
const maxPending = 256

// whenReady runs f, which evaluates, once the library is compiled: at
// once on the calling goroutine when it is (the commonest case); else
// later, on every core, while the caller goes on reading. A scan's walkers
// so read while the library compiles (policies.WithBackgroundCompile)
// instead of each waiting for it at its first file.
func (e *evaluator) whenReady(f func()) {
	p := &e.pend
	p.mu.Lock()
	if p.drained || e.engine.Compiled() {
		p.mu.Unlock()
		f()
		return
	}
	if len(p.work) >= maxPending {
		p.mu.Unlock()
		// f's own evaluation waits for the compile, and fails with it.
		f()
		return
	}
	p.work = append(p.work, f)
	if !p.started {
		p.started = true
		p.done = make(chan struct{})
		go e.drain()
	}
	p.mu.Unlock()
}

// drain waits for the compile, then runs what was queued, on every core,
// until nothing is; after a failed compile it drops the queue and stops the
// scan.
func (e *evaluator) drain() {
	p := &e.pend
	defer close(p.done)
	err := e.engine.Wait(e.ctx)
	for {
		p.mu.Lock()
		work := p.work
		p.work = nil
		if err != nil || len(work) == 0 {
			p.drained, p.err = true, err
			p.mu.Unlock()
			if err != nil && e.abort != nil {
				e.abort()
			}
			return
		}
		p.mu.Unlock()
		scanners.Parallel(len(work), func(i int) { work[i]() })
	}
}

// flush waits until every queued evaluation has run, and returns the
// compile's error when one failed for it.
func (e *evaluator) flush() error {
	p := &e.pend
	p.mu.Lock()
	started := p.started
	p.mu.Unlock()
	if !started {
		return nil
	}
	<-p.done
	return p.err
}

// libraryError waits for the evaluations queued for the library's compile
// and returns the compile's error as the user's (a *UsageError), or ctx's
// when ctx ended. It waits for a compile not yet done only when need is set
// (documents are about to be evaluated): a rescan the cache answered whole
// never compiles. Files evaluated after a failed compile hold its error, so
// a compile that is done is always asked.
func (e *evaluator) libraryError(ctx context.Context, need bool) error {
	err := e.flush()
	if err == nil && (need || e.engine.Compiled()) {
		err = e.engine.Wait(ctx)
	}
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return ctx.Err()
	}
	return &UsageError{Err: err}
}

// report tells progress how far the scan has got; e.mu is held unless
// image is set.
func (e *evaluator) report(image string) {
	if image != "" {
		e.mu.Lock()
		defer e.mu.Unlock()
	}
	e.progress(Progress{Files: e.rep.Summary.FilesScanned + e.rep.Summary.FilesFailed, Resources: e.rep.Summary.Resources, Image: image})
}

func newEvaluator(ctx context.Context, engine *policies.Engine, rep *report.Report, selected func(ruleID string) bool) *evaluator {
	// The warnings about the user's policies (a Conftest rule never
	// evaluated, a deny rule with no id...) travel with the report.
	for _, w := range engine.Warnings() {
		rep.Warnings = append(rep.Warnings, report.Error{Path: w.File, Line: w.Line, Message: w.Message})
	}
	return &evaluator{ctx: ctx, engine: engine, selected: selected, rep: rep, seen: map[string]int{}, rules: map[string]report.Rule{},
		secrets: map[string]bool{}, targets: map[string]int{}, problems: map[string]bool{}}
}

// saw is shown the content of a file read whole during the scan
// (scanners.Recorder.See, scanners.UnchangedSeeing).
func (e *evaluator) saw(name string, content []byte) {
	marked := bytes.Contains(content, inlineMarker)
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.unmarked == nil {
		e.unmarked = map[string]bool{}
	}
	if seen, ok := e.unmarked[name]; !ok || seen {
		// Read twice (a module with each caller, or edited meanwhile):
		// one read that saw a marker is enough to read it again.
		e.unmarked[name] = !marked
	}
}

// mayHoldExceptions are the files, of files, not known to hold no inline
// exception.
func (e *evaluator) mayHoldExceptions(files []string) []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []string
	for _, f := range files {
		if !e.unmarked[f] {
			out = append(out, f)
		}
	}
	return out
}

// parallelDocs is how many documents a file must hold for them to be
// evaluated in parallel rather than on the calling goroutine (which is
// already one of several walking the tree).
const parallelDocs = 64

// file evaluates one file's documents and records its outcome.
func (e *evaluator) file(r scanners.Result) {
	if len(r.Documents) == 0 {
		// Nothing to evaluate (a file that could not be read): the
		// library need not be compiled for it.
		e.apply(e.outcomeOf(r))
		return
	}
	e.whenReady(func() { e.apply(e.outcomeOf(r)) })
}

// outcome is what one file, or a batch of documents from no file,
// contributes to the report before rule selection and deduplication: what
// a cache keeps of a file (see cache.go).
type outcome struct {
	// Target is the file's entry; nil for documents from no file.
	Target    *report.Target `json:"target,omitempty"`
	Errors    []report.Error `json:"errors,omitempty"`
	Warnings  []report.Error `json:"warnings,omitempty"`
	Findings  []found        `json:"findings,omitempty"`
	Resources int            `json:"resources,omitempty"`
	// Secrets are the values to mask; never written anywhere.
	Secrets []string `json:"-"`
}

// found is one policy result on one document: a finding before its rule's
// metadata and fingerprint are filled in.
type found struct {
	Finding report.Finding `json:"finding"`
	// ResStart is the first line of the finding's resource, which inline
	// exceptions written above the resource refer to.
	ResStart int `json:"res_start"`
	// MessageSum digests the message as the policy wrote it, before any
	// masking, for telling the same finding read twice (the fingerprint,
	// already set, is made from it too).
	MessageSum string `json:"message_sum"`
}

// outcomeOf evaluates one file's documents; it needs no lock.
func (e *evaluator) outcomeOf(r scanners.Result) outcome {
	results, errs := e.eval(r.Documents)
	o := distill(r.Documents, results, errs)
	o.Secrets = append(o.Secrets, r.Secrets...)
	t := report.Target{Path: r.Path, Format: r.Format, Status: report.StatusScanned, Resources: len(r.Documents)}
	evalErrs := o.Errors
	o.Errors = nil
	for _, err := range r.Errors {
		o.Errors = append(o.Errors, report.Error{Path: err.Path, Line: err.Line, Message: err.Err.Error()})
	}
	o.Errors = append(o.Errors, evalErrs...)
	for _, w := range r.Warnings {
		o.Warnings = append(o.Warnings, report.Error{Path: w.Path, Line: w.Line, Message: w.Err.Error()})
	}
	if len(r.Errors) > 0 {
		t.Status = report.StatusFailed
		t.Reason = r.Errors[0].Error()
	}
	o.Target = &t
	return o
}

// docs evaluates documents that come from no file (images, SBOMs).
func (e *evaluator) docs(docs []scanners.Document) {
	results, errs := e.eval(docs)
	e.apply(distill(docs, results, errs))
}

func (e *evaluator) eval(docs []scanners.Document) ([][]policies.Result, []error) {
	if len(docs) >= parallelDocs {
		inputs := make([]map[string]any, len(docs))
		for i := range docs {
			inputs[i] = docs[i].Input()
		}
		return e.engine.Evaluate(e.ctx, inputs)
	}
	results := make([][]policies.Result, len(docs))
	var errs []error
	for i := range docs {
		rs, err := e.engine.EvaluateOne(e.ctx, docs[i].Input())
		if err != nil {
			errs = append(errs, &policies.EvalError{Index: i, Err: err})
			continue
		}
		results[i] = rs
	}
	return results, errs
}

// distill turns evaluated documents into an outcome.
func distill(docs []scanners.Document, results [][]policies.Result, errs []error) outcome {
	var o outcome
	for _, err := range errs {
		var ee *policies.EvalError
		if errors.As(err, &ee) {
			d := docs[ee.Index]
			l := locationOf(d.Resource[scanners.LocKey])
			o.Errors = append(o.Errors, report.Error{Path: d.Path, Line: l.StartLine, Message: fmt.Sprintf("%s: %v", d.Address, ee.Err)})
			continue
		}
		o.Errors = append(o.Errors, report.Error{Message: err.Error()})
	}
	for i, rs := range results {
		d := docs[i]
		o.Secrets = append(o.Secrets, d.Secrets...)
		for _, r := range rs {
			resLoc := locationOf(d.Resource[scanners.LocKey])
			loc := locationOf(r.Location)
			if !validLocation(loc) {
				loc = resLoc
			}
			sum := sha256.Sum256([]byte(r.Message))
			o.Findings = append(o.Findings, found{ResStart: resLoc.StartLine, MessageSum: hex.EncodeToString(sum[:16]), Finding: report.Finding{
				RuleID: r.RuleID, Message: r.Message, Resource: d.Address, Location: loc, Related: relatedOf(d),
				Fingerprint: fingerprint(r.RuleID, d.Address, r.Message)}})
		}
	}
	o.Resources = len(docs)
	return o
}

// apply adds an outcome to the report: the selected rules' findings, each
// problem once.
func (e *evaluator) apply(o outcome) {
	e.mu.Lock()
	defer e.mu.Unlock()
	rep := e.rep
	for _, v := range o.Secrets {
		e.secrets[v] = true
	}
	// A module several configurations call comes once with each: its
	// target is one (resources added up), its problems are listed once.
	for _, l := range []struct {
		list *[]report.Error
		add  []report.Error
	}{{&rep.Errors, o.Errors}, {&rep.Warnings, o.Warnings}} {
		for _, p := range l.add {
			key := fmt.Sprintf("%p\x00%s\x00%d\x00%s", l.list, p.Path, p.Line, p.Message)
			if !e.problems[key] {
				e.problems[key] = true
				*l.list = append(*l.list, p)
			}
		}
	}
	if t := o.Target; t != nil {
		key := t.Format + "\x00" + t.Path
		if i, again := e.targets[key]; again {
			prev := &rep.Targets[i]
			prev.Resources += t.Resources
			if t.Status == report.StatusFailed && prev.Status != report.StatusFailed {
				prev.Status, prev.Reason = t.Status, t.Reason
				rep.Summary.FilesScanned--
				rep.Summary.FilesFailed++
			}
		} else {
			if t.Status == report.StatusFailed {
				rep.Summary.FilesFailed++
			} else {
				rep.Summary.FilesScanned++
			}
			e.targets[key] = len(rep.Targets)
			rep.Targets = append(rep.Targets, *t)
		}
	}
	for _, fd := range o.Findings {
		r := fd.Finding
		if !e.selected(r.RuleID) {
			continue
		}
		loc := r.Location
		key := fmt.Sprintf("%s\x00%s\x00%d\x00%d\x00%s\x00%s\x00%v", r.RuleID, loc.Path, loc.StartLine, loc.EndLine, loc.Image, fd.MessageSum, r.Related)
		if j, dup := e.seen[key]; dup {
			// Documents arrive in no fixed order: keep the smallest
			// address, so the report is the same on every run.
			if f := &rep.Findings[j]; r.Resource < f.Resource {
				f.Resource, f.Fingerprint = r.Resource, r.Fingerprint
				e.resStart[j] = fd.ResStart
			}
			continue
		}
		e.seen[key] = len(rep.Findings)
		e.resStart = append(e.resStart, fd.ResStart)
		meta, ok := e.engine.Rule(r.RuleID)
		if !ok {
			meta, ok = e.extraRules[r.RuleID]
		}
		if !ok {
			meta = policies.Rule{ID: r.RuleID, Title: r.RuleID, Severity: report.SeverityHigh, Category: "custom"}
		}
		r.Title, r.Severity, r.Category = meta.Title, meta.Severity, meta.Category
		rep.Findings = append(rep.Findings, r)
		if _, seen := e.rules[r.RuleID]; !seen {
			rule := report.Rule{ID: meta.ID, Title: meta.Title, Description: meta.Description, Severity: meta.Severity,
				Category: meta.Category, Remediation: meta.Remediation, References: meta.References, Frameworks: meta.Frameworks}
			if meta.Builtin {
				rule.HelpURI = policies.RuleDocURL(meta.ID)
			}
			e.rules[r.RuleID] = rule
		}
	}
	rep.Summary.Resources += o.Resources
	if o.Target != nil && e.progress != nil {
		e.report("")
	}
}

// secretValues lists the values to mask, sorted.
func (e *evaluator) secretValues() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]string, 0, len(e.secrets))
	for v := range e.secrets {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

// finish adds the skipped files and the rules that produced findings, and
// returns each finding's resource start line.
func (e *evaluator) finish(skipped []scanners.Skipped) []int {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, s := range skipped {
		e.rep.Targets = append(e.rep.Targets, report.Target{Path: s.Path, Status: report.StatusSkipped, Reason: s.Reason})
		e.rep.Summary.FilesSkipped++
	}
	for _, r := range e.rules {
		e.rep.Rules = append(e.rep.Rules, r)
	}
	return e.resStart
}

// relatedOf are the places that explain a document's findings besides
// their own location: the module call that instantiated a Terraform
// resource.
func relatedOf(d scanners.Document) []report.RelatedLocation {
	call := locationOf(d.Resource[scanners.CallKey])
	if !validLocation(call) {
		return nil
	}
	return []report.RelatedLocation{{Message: "module call", Location: call}}
}

// locationOf reads a position object returned by a policy or carried by a
// document.
func locationOf(v any) report.Location {
	m, _ := v.(map[string]any)
	if m == nil {
		return report.Location{}
	}
	str := func(k string) string { s, _ := m[k].(string); return s }
	return report.Location{
		Path:      str("path"),
		StartLine: toInt(m["start_line"]),
		EndLine:   toInt(m["end_line"]),
		Image:     str("image"),
		Digest:    str("digest"),
	}
}

func validLocation(l report.Location) bool {
	if l.Image != "" {
		return true
	}
	return l.Path != "" && l.StartLine > 0 && l.EndLine >= l.StartLine
}

func toInt(v any) int {
	switch n := v.(type) {
	case int:
		return n
	case int64:
		return int(n)
	case float64:
		return int(n)
	case json.Number:
		i, _ := n.Int64()
		return int(i)
	}
	return 0
}

// fingerprint identifies a finding across runs from the rule, the resource
// address and the message, never from line numbers.
func fingerprint(ruleID, address, message string) string {
	h := sha256.Sum256([]byte(ruleID + "\x00" + address + "\x00" + message))
	return hex.EncodeToString(h[:16])
}

// secretPatterns are credential formats masked wherever they appear in an
// output, whether or not a scanner recognised them: a user policy may print
// any value of its input. Each has a literal hint that any match contains,
// checked first, so clean text costs no regular expression.
var secretPatterns = []struct {
	hint string
	re   *regexp.Regexp
}{
	{"PRIVATE KEY", regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)`)},
	{"AKIA", regexp.MustCompile(`\bAKIA[0-9A-Z]{16}\b`)},         // AWS access key ids
	{"ASIA", regexp.MustCompile(`\bASIA[0-9A-Z]{16}\b`)},         // AWS temporary key ids
	{"gh", regexp.MustCompile(`\bgh[pousr]_[A-Za-z0-9]{36,}\b`)}, // GitHub tokens
	{"github_pat_", regexp.MustCompile(`\bgithub_pat_[A-Za-z0-9_]{22,}\b`)},
	{"glpat-", regexp.MustCompile(`\bglpat-[A-Za-z0-9_-]{20,}\b`)},                              // GitLab tokens
	{"xox", regexp.MustCompile(`\bxox[abprs]-[A-Za-z0-9-]{10,}\b`)},                             // Slack tokens
	{"AIza", regexp.MustCompile(`\bAIza[0-9A-Za-z_-]{35}\b`)},                                   // Google API keys
	{"eyJ", regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+`)}, // JWTs
	{"@", regexp.MustCompile(`(://)[^/\s:@]+:[^/\s@]+@`)},                                       // URL user:password
}

// masker hides secrets in report text: the values the scanners marked
// secret, and anything of a known credential format.
//
// Masking is precise: a marked value is masked only where it stands as a
// token of its own (so a password "test" never turns "latest" into
// "la****"), and values that are ordinary words or small numbers are not
// masked at all (an attribute named like a credential can hold an
// enumeration, such as http_tokens = "required"; masking every "required"
// in a report would protect nothing and make it unreadable).
//
// Values a secret detector found (marked with forcedSecret) are masked
// wherever they appear, inside a longer word too, whatever they look like:
// the detector judged them credentials.
type masker struct {
	values []string
	forced map[string]bool
}

// forcedMark prefixes, in a list of values to mask, a value to mask
// wherever it appears (forcedSecret).
const forcedMark = "\x00forced\x00"

// forcedSecret marks v, in a list of values to mask, as one to mask
// everywhere: a value a secret detector found.
func forcedSecret(v string) string { return forcedMark + v }

// minForced is the shortest value masked everywhere; a shorter one is
// masked as a token of its own, as other values are.
const minForced = 6

func newMasker(secrets []string) *masker {
	seen := map[string]bool{}
	m := &masker{forced: map[string]bool{}}
	add := func(s string) {
		v, forced := strings.CutPrefix(s, forcedMark)
		forced = forced && len(v) >= minForced
		if forced && !m.forced[v] {
			m.forced[v] = true
			if !seen[v] {
				seen[v] = true
				m.values = append(m.values, v)
			}
			return
		}
		if maskable(v) && !seen[v] {
			seen[v] = true
			m.values = append(m.values, v)
		}
	}
	for _, s := range secrets {
		add(s)
	}
	// Longest first, so that a value containing another is masked whole.
	sort.Slice(m.values, func(i, j int) bool { return len(m.values[i]) > len(m.values[j]) })
	return m
}

// maskable reports whether a value marked secret is worth masking: not
// too short to be a credential ("on", "1"), not a plain word of letters
// ("required", "enabled", "test"), not a small number (a port, a count).
func maskable(v string) bool {
	if len(v) < 4 {
		return false
	}
	letters, digits := 0, 0
	for _, r := range v {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		}
	}
	n := utf8.RuneCountInString(v)
	if letters == n && n <= 12 {
		return false
	}
	if digits == n && n < 8 {
		return false
	}
	return true
}

func (m *masker) mask(s string) string {
	for _, v := range m.values {
		if m.forced[v] {
			s = strings.ReplaceAll(s, v, "****")
			continue
		}
		s = maskToken(s, v)
	}
	for _, p := range secretPatterns {
		if !strings.Contains(s, p.hint) {
			continue
		}
		if p.hint == "@" {
			s = p.re.ReplaceAllString(s, "${1}****@")
		} else {
			s = p.re.ReplaceAllString(s, "****")
		}
	}
	return s
}

// maskToken replaces v in s where it is not part of a longer word: a
// letter, digit or underscore next to the value's own such character
// means the match is part of something else.
func maskToken(s, v string) string {
	if !strings.Contains(s, v) {
		return s
	}
	var b strings.Builder
	i := 0
	for {
		j := strings.Index(s[i:], v)
		if j < 0 {
			break
		}
		j += i
		end := j + len(v)
		before := j > 0 && wordByte(v[0]) && wordByte(s[j-1])
		after := end < len(s) && wordByte(v[len(v)-1]) && wordByte(s[end])
		if before || after {
			b.WriteString(s[i : j+1])
			i = j + 1
			continue
		}
		b.WriteString(s[i:j])
		b.WriteString("****")
		i = end
	}
	b.WriteString(s[i:])
	return b.String()
}

// wordByte reports whether c belongs to a word: an ASCII letter, digit or
// underscore, or a byte of a multi-byte character.
func wordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// mask hides secrets in every text of the report that comes from the
// inputs: finding messages, errors, target reasons, exception reasons.
func mask(rep *report.Report, secrets []string) *masker {
	m := newMasker(secrets)
	for i := range rep.Findings {
		// Resource addresses are identifiers the author wrote, never
		// masked: a secret in one would be a value of its own.
		rep.Findings[i].Message = m.mask(rep.Findings[i].Message)
	}
	for i := range rep.Errors {
		rep.Errors[i].Message = m.mask(rep.Errors[i].Message)
	}
	for i := range rep.Warnings {
		rep.Warnings[i].Message = m.mask(rep.Warnings[i].Message)
	}
	for i := range rep.Targets {
		rep.Targets[i].Reason = m.mask(rep.Targets[i].Reason)
	}
	return m
}
