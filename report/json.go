package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// WriteJSON writes r as indented JSON (two spaces, trailing newline), the
// contract described by report/schema/report.schema.json: findings, errors,
// rules and targets are always arrays, summary.counts always holds every
// severity, and version defaults to SchemaVersion.
func WriteJSON(w io.Writer, r *Report) error {
	p, err := prepare(r)
	if err != nil {
		return err
	}
	// The encoder renders the whole report before it writes a byte, so an
	// encoding error leaves w untouched: no second buffer is needed (it
	// held another copy of a report of hundreds of thousands of findings).
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// Messages quote HCL and YAML ("a && b", "<none>"); keep them readable.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	return nil
}

// prepare returns the copy of r that every writer renders, leaving r as it
// was: findings, errors, rules and targets sorted (Report.Sort) and never nil,
// summary counts present for every severity, version set, and IaC line ranges
// complete (start_line at least 1, end_line at least start_line), so that the
// three formats show the same report.
func prepare(r *Report) (*Report, error) {
	if r == nil {
		return nil, errors.New("nil report")
	}
	p := *r
	if p.Version == "" {
		p.Version = SchemaVersion
	}
	p.Findings = append(make([]Finding, 0, len(r.Findings)), r.Findings...)
	p.Errors = append(make([]Error, 0, len(r.Errors)), r.Errors...)
	if r.Warnings != nil {
		p.Warnings = append(make([]Error, 0, len(r.Warnings)), r.Warnings...)
	}
	p.Rules = append(make([]Rule, 0, len(r.Rules)), r.Rules...)
	p.Targets = append(make([]Target, 0, len(r.Targets)), r.Targets...)
	if r.Images != nil {
		p.Images = append(make([]Image, 0, len(r.Images)), r.Images...)
	}
	if r.Compliance != nil {
		p.Compliance = compliancePrepared(r.Compliance)
	}
	p.Summary.Counts = make(map[string]int, len(Severities))
	for _, s := range Severities {
		p.Summary.Counts[s] = 0
	}
	for s, n := range r.Summary.Counts {
		p.Summary.Counts[s] = n
	}
	for i := range p.Findings {
		l := &p.Findings[i].Location
		if l.Image != "" || l.Path == "" {
			continue
		}
		// A finding on a whole file points at its first line.
		if l.StartLine < 1 {
			l.StartLine = 1
		}
		if l.EndLine < l.StartLine {
			l.EndLine = l.StartLine
		}
	}
	p.Sort()
	return &p, nil
}
