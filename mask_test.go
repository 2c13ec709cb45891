package tollgate

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
)

// TestMaskingIsPrecise: a secret's value is masked where it stands as a
// value, never inside other words, and enumeration-like values of
// credential-named attributes are not secrets (issue 9: http_tokens =
// "required" turned every "required" into "****", a password "test"
// turned "latest" into "la****").
func TestMaskingIsPrecise(t *testing.T) {
	m := newMasker([]string{"required", "test", "hunter2-x", "s3cr3t", "80", "443", "Sup3rS3cretDbPw", "tok_9f8e7d6c"})
	for in, want := range map[string]string{
		"http_tokens must be required":                  "http_tokens must be required",
		"aws_cloudfront_distribution.required logs off": "aws_cloudfront_distribution.required logs off",
		"image uses the latest tag":                     "image uses the latest tag",
		"password is test":                              "password is test",
		"password is hunter2-x, again hunter2-x.":       "password is ****, again ****.",
		"password=s3cr3t;":                              "password=****;",
		"not s3cr3ts nor xs3cr3t":                       "not s3cr3ts nor xs3cr3t",
		"port 443 open":                                 "port 443 open",
		"invalid boolean: Sup3rS3cretDbPw":              "invalid boolean: ****",
		`token "tok_9f8e7d6c"`:                          `token "****"`,
		"key AKIAABCDEFGHIJKLMNOP":                      "key ****",
	} {
		if got := m.mask(in); got != want {
			t.Errorf("mask(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCodeLinesHideAssignedSecrets: source lines shown with a finding hide
// the value of a credential-named key, short or not, and nothing else.
func TestCodeLinesHideAssignedSecrets(t *testing.T) {
	for in, want := range map[string]string{
		`  admin_password = "test"`:               `  admin_password = "****"`,
		`  password: hunter2`:                     `  password: ****`,
		`    - DB_PASSWORD=x1`:                    `    - DB_PASSWORD=****`,
		`DB_PASSWORD=x1`:                          `DB_PASSWORD=****`,
		`  "api_key": "abc", "name": "n"`:         `  "api_key": "****", "name": "n"`,
		`  password = var.db_password`:            `  password = var.db_password`,
		`  secret_arn = "arn:aws:secretsmanager"`: `  secret_arn = "arn:aws:secretsmanager"`,
		`  http_tokens = "required"`:              `  http_tokens = "required"`,
		`  bucket = "logs"`:                       `  bucket = "logs"`,
		`  token: ${TOKEN} # from CI`:             `  token: ${TOKEN} # from CI`,
	} {
		if got := maskAssignedSecret(in); got != want {
			t.Errorf("maskAssignedSecret(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCredentialsInSourcesAreMasked: a token written in a remote module
// source, a chart repository URL or a Kustomize base (and quoted by the
// warning or error that says it was not read) never reaches a report; the
// rest of the message stays.
func TestCredentialsInSourcesAreMasked(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"tf/main.tf":              "module \"m\" {\n  source = \"git::https://deploy:tfTok3nValue9@git.example.com/infra/mods.git//s3?ref=v1\"\n}\n",
		"chart/Chart.yaml":        "apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: db\n    version: 1.0.0\n    repository: https://helm:chartPassw0rd77@charts.example.com/stable\n",
		"chart/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n",
		"k/kustomization.yaml":    "resources:\n  - https://ghp_kustomizeToken123@github.com/org/repo//base?ref=v1\n",
	})
	res, err := Scan(context.Background(), Options{Root: dir, Targets: []string{dir}, FailOn: "none"})
	if err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(res.Report)
	for _, secret := range []string{"tfTok3nValue9", "chartPassw0rd77", "ghp_kustomizeToken123"} {
		if bytes.Contains(out, []byte(secret)) {
			t.Errorf("%s reached the report", secret)
		}
	}
	for _, kept := range []string{"git.example.com/infra/mods.git", `dependency \"db\"`, "github.com/org/repo"} {
		if !bytes.Contains(out, []byte(kept)) {
			t.Errorf("the report no longer names %s: masking is not precise", kept)
		}
	}
}
