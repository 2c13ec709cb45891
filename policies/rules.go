package policies

import (
	"errors"
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Rule is a policy rule's documentation, read from its # METADATA block.
type Rule struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Severity    string   `json:"severity"`
	Category    string   `json:"category"`
	Remediation string   `json:"remediation,omitempty"`
	References  []string `json:"references,omitempty"`
	// Provider is the platform the rule is about: aws, azure, gcp,
	// kubernetes, docker, image, sbom...
	Provider string `json:"provider,omitempty"`
	// Frameworks maps a compliance framework (cis-aws-2.0, nist-800-53,
	// soc2, pci-dss-4.0...) to the controls the rule checks.
	Frameworks map[string][]string `json:"frameworks,omitempty"`
	// Package is the Rego package path, e.g. "data.tollgate.access.aws".
	Package string `json:"package"`
	// File and Line locate the rule in its module.
	File string `json:"file"`
	Line int    `json:"line"`
	// Builtin is true for rules shipped with tollgate.
	Builtin bool `json:"builtin"`
}

func collectRules(as *ast.AnnotationSet, builtinFiles map[string]bool) (map[string]Rule, error) {
	rules := map[string]Rule{}
	var errs []error
	for _, ref := range as.Flatten() {
		a := ref.Annotations
		if a == nil || a.Scope != "rule" {
			continue
		}
		id, _ := a.Custom["id"].(string)
		if id == "" {
			continue
		}
		r := Rule{
			ID:          id,
			Title:       a.Title,
			Description: strings.TrimSpace(a.Description),
			Severity:    strings.ToLower(str(a.Custom["severity"])),
			Category:    strings.ToLower(str(a.Custom["category"])),
			Remediation: strings.TrimSpace(str(a.Custom["remediation"])),
			Package:     pkgOf(ref.Path),
			Provider:    strings.ToLower(str(a.Custom["provider"])),
			Frameworks:  frameworks(a.Custom["frameworks"]),
		}
		for _, rr := range a.RelatedResources {
			if rr.Ref.String() != "" {
				r.References = append(r.References, rr.Ref.String())
			}
		}
		if parts := strings.Split(r.Package, "."); r.Provider == "" && len(parts) >= 4 && parts[1] == "tollgate" {
			r.Provider = parts[3] // data.tollgate.<category>.<provider>...
		}
		if ref.Location != nil {
			r.File, r.Line = ref.Location.File, ref.Location.Row
		}
		r.Builtin = builtinFiles[r.File]
		if prev, dup := rules[id]; dup && (prev.File != r.File || prev.Line != r.Line) {
			errs = append(errs, fmt.Errorf("%s:%d: rule id %s already used at %s:%d", r.File, r.Line, id, prev.File, prev.Line))
			continue
		}
		if r.Title == "" || !validSeverity(r.Severity) {
			errs = append(errs, fmt.Errorf("%s:%d: rule %s needs a title and a severity (critical, high, medium, low, info)", r.File, r.Line, id))
			continue
		}
		rules[id] = r
	}
	return rules, errors.Join(errs...)
}

// frameworks reads custom.frameworks: {framework: [control, ...]}.
func frameworks(v any) map[string][]string {
	m, _ := v.(map[string]any)
	if len(m) == 0 {
		return nil
	}
	out := make(map[string][]string, len(m))
	for fw, controls := range m {
		switch c := controls.(type) {
		case []any:
			for _, x := range c {
				out[fw] = append(out[fw], fmt.Sprint(x))
			}
		case string:
			out[fw] = []string{c}
		}
	}
	return out
}

func validSeverity(s string) bool {
	switch s {
	case "critical", "high", "medium", "low", "info":
		return true
	}
	return false
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// pkgOf turns data.a.b.deny into data.a.b.
func pkgOf(r ast.Ref) string {
	s := r.String()
	if i := strings.LastIndex(s, "."); i > 0 {
		return s[:i]
	}
	return s
}
