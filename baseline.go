package tollgate

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/tollgate/tollgate/report"
)

// loadBaseline reads the fingerprints of a previous tollgate report, JSON
// or SARIF.
func loadBaseline(path string) (map[string]bool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	var doc struct {
		Findings []struct {
			Fingerprint string `json:"fingerprint"`
		} `json:"findings"`
		Runs []struct {
			Results []struct {
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("baseline %s: not a tollgate JSON or SARIF report: %w", path, err)
	}
	seen := map[string]bool{}
	for _, f := range doc.Findings {
		seen[f.Fingerprint] = true
	}
	for _, run := range doc.Runs {
		for _, r := range run.Results {
			if fp := r.PartialFingerprints[report.SARIFFingerprintKey]; fp != "" {
				seen[fp] = true
			}
		}
	}
	if doc.Findings == nil && doc.Runs == nil {
		return nil, fmt.Errorf("baseline %s: neither a tollgate JSON report (findings) nor SARIF (runs)", path)
	}
	return seen, nil
}

// applyBaseline marks the findings already known.
func applyBaseline(rep *report.Report, known map[string]bool) {
	for i := range rep.Findings {
		if known[rep.Findings[i].Fingerprint] {
			rep.Findings[i].InBaseline = true
		}
	}
}
