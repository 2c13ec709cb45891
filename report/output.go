package report

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// WriteFileAtomic writes path through a temporary file in the same
// directory, renamed into place only once write succeeded, so a reader never
// sees a half-written report and a failed run leaves no stale file behind.
//
// A path that exists and is not a regular file (/dev/null, /dev/stdout, a
// named pipe) is written in place: renaming over it would replace the
// device with a file.
func WriteFileAtomic(path string, write func(*os.File) error) (err error) {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real // a link is followed: its target is replaced, the link kept
	}
	if st, serr := os.Stat(path); serr == nil && !st.Mode().IsRegular() {
		if st.IsDir() {
			return fmt.Errorf("%s is a directory", path)
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		if err := write(f); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = write(f); err != nil {
		return err
	}
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("rename into place: %w", err)
	}
	return nil
}

// Output is one report to write: a format and a path ("" or "-" means the
// given standard output).
type Output struct {
	Format string
	Path   string
}

// ParseOutput reads "FORMAT" or "FORMAT=PATH".
func ParseOutput(s string) (Output, error) {
	format, path, _ := strings.Cut(s, "=")
	if _, ok := Formats[format]; !ok {
		return Output{}, fmt.Errorf("unknown report format %q (want one of %s)", format, strings.Join(FormatNames(), ", "))
	}
	return Output{Format: format, Path: path}, nil
}

// textFormats are read by people (or line by line, as GitHub reads
// annotations), so several may share standard output.
var textFormats = map[string]bool{"table": true, "github": true, "markdown": true}

// CheckOutputs refuses two reports written to one file, and a
// machine-readable report sharing standard output with another: the result
// could be parsed by nothing.
func CheckOutputs(outs []Output) error {
	paths := map[string]string{}
	stdout := 0
	machine := false
	for _, o := range outs {
		if o.Path == "" || o.Path == "-" {
			stdout++
			machine = machine || !textFormats[o.Format]
			continue
		}
		if prev, ok := paths[o.Path]; ok {
			return fmt.Errorf("the %s and %s reports are both written to %s", prev, o.Format, o.Path)
		}
		paths[o.Path] = o.Format
	}
	if stdout > 1 && machine {
		return fmt.Errorf("a json, sarif, junit, html or outputs report cannot share stdout with another report: give it =PATH")
	}
	return nil
}

// WriteAll writes r in every output; files are written atomically.
func WriteAll(r *Report, outs []Output, stdout io.Writer) error {
	var errs []error
	for _, o := range outs {
		w := Formats[o.Format]
		if w == nil {
			errs = append(errs, fmt.Errorf("unknown report format %q", o.Format))
			continue
		}
		if o.Path == "" || o.Path == "-" {
			if err := w(stdout, r); err != nil {
				errs = append(errs, fmt.Errorf("write %s report: %w", o.Format, err))
			}
			continue
		}
		if err := WriteFileAtomic(o.Path, func(f *os.File) error { return w(f, r) }); err != nil {
			errs = append(errs, fmt.Errorf("write %s report to %s: %w", o.Format, o.Path, err))
		}
	}
	return errors.Join(errs...)
}

// FilterSeverity returns a copy of r whose findings are only those of the
// given severities, for display (--severity); the summary, and so the gate
// verdict, still describes every finding. No severities means all.
func FilterSeverity(r *Report, severities []string) *Report {
	if len(severities) == 0 {
		return r
	}
	keep := map[string]bool{}
	for _, s := range severities {
		keep[strings.ToLower(s)] = true
	}
	cp := *r
	cp.Findings = make([]Finding, 0, len(r.Findings))
	for _, f := range r.Findings {
		if keep[f.Severity] {
			cp.Findings = append(cp.Findings, f)
		}
	}
	return &cp
}
