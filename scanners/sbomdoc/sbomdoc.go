// Package sbomdoc turns the packages of a syft SBOM into the policy input
// that image and source-tree documents both carry, so the SBOM rules read
// one shape.
package sbomdoc

import (
	"github.com/anchore/syft/syft/pkg"

	"github.com/tollgate/tollgate/scanners"
)

// Package is the policy view of p: name, version, type, purl and licenses
// (SPDX expressions where syft has them), located at loc.
func Package(p pkg.Package, loc map[string]any) map[string]any {
	lic := []any{}
	for _, l := range p.Licenses.ToSlice() {
		if l.SPDXExpression != "" {
			lic = append(lic, l.SPDXExpression)
		} else {
			lic = append(lic, l.Value)
		}
	}
	return map[string]any{
		scanners.LocKey: loc,
		"name":          p.Name,
		"version":       p.Version,
		"type":          string(p.Type),
		"purl":          p.PURL,
		"licenses":      lic,
	}
}
