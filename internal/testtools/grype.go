package testtools

import "testing"

// Grype returns the path of the pinned grype CLI installed by
// scripts/tools.sh ($TOLLGATE_GRYPE, $TOLLGATE_TOOLS/bin/grype, then PATH).
func Grype(t testing.TB) string {
	t.Helper()
	return tool(t, "grype", "TOLLGATE_GRYPE")
}
