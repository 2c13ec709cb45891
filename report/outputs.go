package report

import (
	"fmt"
	"io"
	"strings"
)

// WriteOutputs writes the verdict as GitHub Actions step outputs
// (name=value lines for $GITHUB_OUTPUT): result, findings, one count per
// gated severity, errors, suppressed, baselined, images and digest (the
// first image's).
func WriteOutputs(w io.Writer, r *Report) error {
	if r == nil {
		return fmt.Errorf("nil report")
	}
	s := r.Summary
	var b strings.Builder
	line := func(k string, v any) { fmt.Fprintf(&b, "%s=%v\n", k, v) }
	line("result", s.Result)
	line("findings", s.Findings)
	for _, sev := range Severities {
		line(sev, s.Counts[sev])
	}
	line("errors", len(r.Errors))
	line("suppressed", s.Suppressed)
	line("baselined", s.Baselined)
	line("images", len(r.Images))
	digest := ""
	if len(r.Images) > 0 {
		digest = r.Images[0].Digest
	}
	line("digest", digest)
	_, err := io.WriteString(w, b.String())
	return err
}
