package scanners

import (
	"context"
	"errors"
	"io/fs"
	"reflect"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

func TestReadFile(t *testing.T) {
	fsys := fstest.MapFS{
		"ok.tf":    {Data: []byte("resource")},
		"limit.tf": {Data: make([]byte, MaxFileSize)},
		"big.tf":   {Data: make([]byte, MaxFileSize+1)},
	}
	if b, err := ReadFile(fsys, "ok.tf"); err != nil || string(b) != "resource" {
		t.Errorf("ok.tf: %q, %v", b, err)
	}
	if b, err := ReadFile(fsys, "limit.tf"); err != nil || len(b) != MaxFileSize {
		t.Errorf("a file of exactly MaxFileSize: %d bytes, %v", len(b), err)
	}
	if _, err := ReadFile(fsys, "big.tf"); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("big.tf: error %v, want the size limit", err)
	}
	if _, err := ReadFile(fsys, "gone.tf"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("gone.tf: error %v, want not-exist", err)
	}
}

func TestEachFile(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var scanned []string
	scan := func(f string) Result {
		scanned = append(scanned, f)
		if f == "b" {
			cancel()
		}
		return Result{Path: f, Format: "x", Documents: []Document{{Address: f}}}
	}
	res := EachFile(ctx, "x", []string{"a", "b", "c", "d"}, scan)
	if !reflect.DeepEqual(scanned, []string{"a", "b"}) || len(res) != 4 {
		t.Fatalf("scanned %q, %d results; want a and b scanned, 4 results", scanned, len(res))
	}
	for i, f := range []string{"a", "b", "c", "d"} {
		r := res[i]
		done := i >= 2
		if r.Path != f || r.Format != "x" || (len(r.Documents) == 0) != done ||
			(done && (len(r.Errors) != 1 || r.Errors[0].Path != f || !errors.Is(r.Errors[0], context.Canceled))) {
			t.Errorf("result %d: %+v", i, r)
		}
	}
}

func TestSecretName(t *testing.T) {
	for name, want := range map[string]bool{
		"AWS_SECRET_ACCESS_KEY": true,
		"DB_PASSWORD":           true,
		"db_passwd":             true,
		"GITHUB_TOKEN":          true,
		"API_KEY":               true,
		"apikey":                true,
		"PRIVATE_KEY":           true,
		"AWS_ACCESS_KEY_ID":     true,
		"GOOGLE_CREDENTIALS":    true,
		"BASIC_AUTH":            true,
		"LOG_LEVEL":             false,
		"PATH":                  false,
		"REPLICAS":              false,
		"":                      false,
	} {
		// The second answer comes from the memo: it must be the same.
		for range 2 {
			if got := SecretName(name); got != want {
				t.Errorf("SecretName(%q) = %v, want %v", name, got, want)
			}
		}
	}
}

func TestLocationValid(t *testing.T) {
	for _, tc := range []struct {
		l    Location
		want bool
	}{
		{Location{"a.tf", 1, 1}, true},
		{Location{"a.tf", 3, 9}, true},
		{Location{"", 1, 1}, false},
		{Location{"a.tf", 0, 0}, false},
		{Location{"a.tf", 5, 4}, false},
	} {
		if got := tc.l.Valid(); got != tc.want {
			t.Errorf("%+v.Valid() = %v, want %v", tc.l, got, tc.want)
		}
	}
}

func TestAttrLoc(t *testing.T) {
	obj := map[string]any{LocKey: Loc("a.tf", 1, 9)}
	SetAttrLoc(obj, "acl", 3, 3)
	SetAttrLoc(obj, "policy", 4, 8)
	MarkUnknown(obj, "kms_key_id")
	MarkUnknown(obj, "policy")
	SetAttrFlag(obj, "acl", "interpolated")
	SetAttrFlag(obj, "password", "sensitive")
	want := map[string]any{
		"path": "a.tf", "start_line": 1, "end_line": 9,
		"attrs": map[string]any{
			"acl":        map[string]any{"start_line": 3, "end_line": 3, "interpolated": true},
			"policy":     map[string]any{"start_line": 4, "end_line": 8, "unknown": true},
			"kms_key_id": map[string]any{"unknown": true},
			"password":   map[string]any{"sensitive": true},
		},
	}
	if !reflect.DeepEqual(obj[LocKey], want) {
		t.Errorf("__loc = %v\nwant %v", obj[LocKey], want)
	}
	// Attributes without lines of their own are on the object's first line.
	for key, want := range map[string]int{"acl": 3, "policy": 4, "kms_key_id": 1, "missing": 1} {
		if got := AttrLine(obj, key); got != want {
			t.Errorf("AttrLine(%s) = %d, want %d", key, got, want)
		}
	}
	// Without a __loc there is nowhere to record lines: no-ops.
	bare := map[string]any{}
	SetAttrLoc(bare, "a", 1, 1)
	MarkUnknown(bare, "b")
	SetAttrFlag(bare, "c", "sensitive")
	if len(bare) != 0 {
		t.Errorf("bare object changed: %v", bare)
	}
	if l := AttrLine(bare, "a"); l != 0 {
		t.Errorf("AttrLine of an object without a position = %d, want 0", l)
	}
}

func TestFileError(t *testing.T) {
	base := errors.New("boom")
	for _, tc := range []struct {
		e    *FileError
		want string
	}{
		{&FileError{Path: "a.yaml", Line: 7, Err: base}, "a.yaml:7: boom"},
		{&FileError{Path: "a.yaml", Err: base}, "a.yaml: boom"},
	} {
		if tc.e.Error() != tc.want || !errors.Is(tc.e, base) {
			t.Errorf("%q, want %q wrapping the cause", tc.e.Error(), tc.want)
		}
	}
}

func TestSecretNameSkipsReferences(t *testing.T) {
	for name, want := range map[string]bool{
		"DB_PASSWORD": true, "master_password": true, "GITHUB_TOKEN": true, "aws_secret_access_key": true,
		"client_key": true, "password_length": false, "secret_arn": false, "POSTGRES_PASSWORD_FILE": false,
		"kms_key_id": false, "authorization_type": false, "iam_database_authentication_enabled": false,
		"token_ttl": false, "secret_name": false,
	} {
		if got := SecretName(name); got != want {
			t.Errorf("SecretName(%q) = %v, want %v", name, got, want)
		}
	}
	got := SecretValues(map[string]any{
		"__loc": map[string]any{"path": "x"}, "password": "hunter2-long", "pin": "1",
		"nested": []any{map[string]any{"api_key": "abcd1234", "token": "on"}}, "name": "db",
	})
	if strings.Join(sortedStrings(got), ",") != "abcd1234,hunter2-long" {
		t.Errorf("SecretValues = %v", got)
	}
}

func sortedStrings(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}
