package tollgate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The config file and the inline exception comments are written by whoever
// opens the pull request. Their readers never panic, and what they accept
// holds together: every exception has a reason and a date that parses.

func FuzzConfig(f *testing.F) {
	for _, p := range []string{"testdata/exceptions/tollgate.yaml"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("fail_on: high\n"))
	f.Add([]byte("fail_on: {default: high, encryption: medium}\nparams: {min_backup_retention_days: 14}\n"))
	f.Add([]byte("exceptions:\n  - rule: TG-AWS-001\n    reason: r\n    expires: 2027-01-31\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join("repo", ".tollgate.yaml")
		c, err := parseConfig(path, b)
		if err != nil {
			if !strings.Contains(err.Error(), "config") {
				t.Errorf("error %q does not say it is about the config file", err)
			}
			return
		}
		for _, e := range c.Exceptions {
			if strings.TrimSpace(e.Reason) == "" {
				t.Errorf("exception without a reason accepted: %+v", e)
			}
			if e.Rule == "" && e.Path == "" && e.Resource == "" {
				t.Errorf("exception matching everything accepted: %+v", e)
			}
			if e.Expires != "" {
				if _, err := parseDate(e.Expires); err != nil {
					t.Errorf("bad expiry accepted: %q", e.Expires)
				}
			}
		}
	})
}

func FuzzInlineExceptions(f *testing.F) {
	b, err := os.ReadFile("testdata/exceptions/main.tf")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b, true)
	f.Add([]byte("# tollgate:ignore:TG-AWS-001 reason=\"x\" expires=2027-06-30 owner=web\nresource \"a\" \"b\" {}\n"), true)
	f.Add([]byte("# tollgate:ignore:TG-AWS-001 expires=notadate\n"), false)
	now := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, b []byte, allowed bool) {
		ex, errs := fileExceptions("main.tf", b, now, allowed)
		lines := strings.Count(string(b), "\n") + 1
		for _, e := range ex {
			if e.line < 1 || e.line > lines || e.file != "main.tf" {
				t.Errorf("exception at %s:%d of a %d-line file", e.file, e.line, lines)
			}
			if allowed && strings.TrimSpace(e.reason) == "" {
				t.Errorf("exception without a reason accepted at line %d", e.line)
			}
		}
		for _, e := range errs {
			if e.Path != "main.tf" || e.Line < 1 || e.Line > lines {
				t.Errorf("error %+v has no place in the file", e)
			}
		}
	})
}
