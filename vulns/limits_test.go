package vulns

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestInputFilesBounded: an SBOM or VEX path that is a FIFO is refused
// before it is opened (which would block), as is one over the limit.
func TestInputFilesBounded(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "sbom.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	if err := checkInputFile(fifo, MaxSBOMSize); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("FIFO: %v", err)
	}
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, make([]byte, 2<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := checkInputFile(big, 1<<20); err == nil || !strings.Contains(err.Error(), "over the 1 MiB limit") {
		t.Errorf("over the limit: %v", err)
	}
	if err := checkInputFile(big, MaxSBOMSize); err != nil {
		t.Errorf("under the limit: %v", err)
	}
}
