package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// WriteJSON writes r as indented JSON (two spaces, trailing newline), the
// contract described by report/schema/report.schema.json: findings, errors,
// rules and targets are always arrays, summary.counts always holds every
// severity, and version defaults to SchemaVersion.
//
// The findings are written one at a time: json.Encoder renders a whole
// value before it writes a byte, and a report of hundreds of thousands of
// findings rendered whole took more memory than the scan that found them.
// The bytes are exactly what encoding the whole report would give
// (TestWriteJSONStreamsWhatTheEncoderWrites). A finding cannot fail to
// encode (it holds strings, numbers and booleans only), so an encoding error
// can only come before the first byte is written; a write error leaves a
// partial stream, which is why report files are written through
// WriteFileAtomic.
func WriteJSON(w io.Writer, r *Report) error {
	p, err := prepare(r)
	if err != nil {
		return err
	}
	findings := p.Findings
	p.Findings = []Finding{}
	var rest bytes.Buffer
	if err := newJSONEncoder(&rest, "").Encode(p); err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	if len(findings) == 0 {
		_, err := w.Write(rest.Bytes())
		return err
	}
	// The report's own findings are the only member at this indentation
	// (compliance controls' findings are nested deeper).
	const empty = "\n  \"findings\": [],\n"
	head, tail, ok := bytes.Cut(rest.Bytes(), []byte(empty))
	if !ok {
		return errors.New("encode: the findings member is missing") // a change to Report's JSON shape
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	bw.Write(head)
	bw.WriteString("\n  \"findings\": [")
	var one bytes.Buffer
	enc := newJSONEncoder(&one, "    ")
	for i := range findings {
		one.Reset()
		if err := enc.Encode(&findings[i]); err != nil {
			return fmt.Errorf("encode finding %s at %s: %w", findings[i].RuleID, findings[i].Location, err)
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(bytes.TrimSuffix(one.Bytes(), []byte("\n")))
	}
	bw.WriteString("\n  ],\n")
	bw.Write(tail)
	return bw.Flush()
}

// newJSONEncoder indents by two spaces after prefix, and leaves <, > and &
// alone: messages quote HCL and YAML ("a && b", "<none>").
func newJSONEncoder(w io.Writer, prefix string) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	return enc
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
