package ansible_test

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners/ansible"
)

// FuzzScan: the Ansible reader never panics or hangs on a playbook, and
// reports every problem as a FileError naming the file.
func FuzzScan(f *testing.F) {
	for _, b := range scantest.Seeds(f, "ansible", ".yml", ".yaml") {
		f.Add(b)
	}
	f.Add([]byte("- hosts: all\n  tasks:\n    - block:\n        - shell: echo a=b c=\"d e\"\n      rescue: [{command: x}]\n"))
	s := ansible.New()
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{"tasks/main.yml": {Data: src}}
		start := time.Now()
		results := s.Scan(t.Context(), fsys, []string{"tasks/main.yml"})
		if d := time.Since(start); d > scantest.FuzzMaxDuration {
			t.Fatalf("took %v", d)
		}
		scantest.CheckFuzzResults(t, results, 1)
	})
}
