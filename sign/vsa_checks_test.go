package sign

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestBuildVSANamesChecks(t *testing.T) {
	b, err := BuildVSA(VSAInput{Version: "1.0.0", ResourceURI: "r@sha256:00", Policy: ResourceDescriptor{URI: "p"},
		Checks: []string{"vulnerabilities"}, Components: map[string]string{"grype-db": "v6.1.10 built 2026-12-07T00:00:00Z"}})
	if err != nil {
		t.Fatal(err)
	}
	var v VSA
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(v.VerifiedLevels, []string{DefaultVerifiedLevel, "TOLLGATE_VULNERABILITIES_PASSED"}) {
		t.Errorf("levels %v", v.VerifiedLevels)
	}
	if !v.HasCheck("policies") || !v.HasCheck("vulnerabilities") || v.HasCheck("secrets") {
		t.Errorf("HasCheck wrong for %v", v.VerifiedLevels)
	}
	if v.Verifier.Version["tollgate"] != "1.0.0" || v.Verifier.Version["grype-db"] != "v6.1.10 built 2026-12-07T00:00:00Z" {
		t.Errorf("verifier version %v", v.Verifier.Version)
	}
	// Without checks: the policy level only, as before.
	b, _ = BuildVSA(VSAInput{ResourceURI: "r@sha256:00", Policy: ResourceDescriptor{URI: "p"}})
	v = VSA{}
	json.Unmarshal(b, &v)
	if !slices.Equal(v.VerifiedLevels, []string{DefaultVerifiedLevel}) || v.Verifier.Version != nil {
		t.Errorf("no checks: levels %v version %v", v.VerifiedLevels, v.Verifier.Version)
	}
}
