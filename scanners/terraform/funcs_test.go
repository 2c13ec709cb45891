package terraform_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tollgate/tollgate/scanners"
)

// evalAll evaluates each expression of exprs as attribute vN of one resource
// of a module holding files, and returns the resource body.
func evalAll(t *testing.T, files map[string]string, exprs []string) map[string]any {
	t.Helper()
	var src strings.Builder
	src.WriteString("resource \"t\" \"n\" {\n")
	for i, e := range exprs {
		src.WriteString("  v" + itoa(i) + " = " + e + "\n")
	}
	src.WriteString("}\n")
	all := map[string]string{"main.tf": src.String()}
	for k, v := range files {
		all[k] = v
	}
	return documents(t, scan(t, memFS(all)))["t.n"].Resource
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// unknownValue is the expected result of an expression that must stay unknown.
type unknownValue struct{}

func TestFunctions(t *testing.T) {
	files := map[string]string{
		"policy.tpl": "%{ for b in buckets ~}\narn:aws:s3:::${b}\n%{ endfor ~}",
		"plain.txt":  "hello\n",
		"vars.tf": `variable "unset" {}
locals {
  m = { a = "x", b = "y" }
}
`,
	}
	cases := []struct {
		expr string
		want any
	}{
		{`tostring(12)`, "12"},
		{`tonumber("12.5")`, 12.5},
		{`tobool("true")`, true},
		{`tolist(["a", "b"])`, []any{"a", "b"}},
		{`toset(["b", "a", "b"])`, []any{"a", "b"}},
		{`tomap({ a = 1 })["a"]`, 1},
		{`tonumber("x")`, unknownValue{}},
		{`coalesce("", null, "c")`, "c"}, // Terraform skips empty strings
		{`coalescelist([], ["x"])`, []any{"x"}},
		{`one(["only"])`, "only"},
		{`one([])`, nil},
		{`one(["a", "b"])`, unknownValue{}},
		{`alltrue([true, true])`, true},
		{`alltrue([])`, true},
		{`anytrue([false, true])`, true},
		{`anytrue([])`, false},
		{`endswith("main.tf", ".tf")`, true},
		{`startswith("main.tf", "x")`, false},
		{`strcontains("a-b-c", "-b-")`, true},
		{`sum([1, 2, 3.5])`, 6.5},
		{`sum([])`, unknownValue{}},
		{`base64encode("hello")`, "aGVsbG8="},
		{`base64decode("aGVsbG8=")`, "hello"},
		{`base64decode("***")`, unknownValue{}},
		{`md5("hello")`, "5d41402abc4b2a76b9719d911017c592"},
		{`sha256("hello")`, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"},
		{`length("héllo")`, 5},
		{`length({ a = 1, b = 2 })`, 2},
		{`length(var.unset)`, unknownValue{}},
		{`index(["a", "b"], "b")`, 1},
		{`lookup(local.m, "a")`, "x"},
		{`lookup(local.m, "z", "default")`, "default"},
		{`lookup(local.m, "z")`, unknownValue{}},
		{`replace("a-b-c", "-", "_")`, "a_b_c"},
		{`replace("a1b22c", "/[0-9]+/", "#")`, "a#b#c"}, // a regular expression in slashes
		{`cidrsubnet("10.1.2.3/16", 8, 2)`, "10.1.2.0/24"},
		{`cidrsubnet("10.0.0.0/24", 9, 0)`, unknownValue{}},
		{`cidrsubnet("fd00::/56", 8, 255)`, "fd00:0:0:ff::/64"},
		{`cidrhost("10.0.0.0/24", 5)`, "10.0.0.5"},
		{`cidrhost("10.0.0.0/24", -2)`, "10.0.0.254"},
		{`cidrnetmask("172.16.0.0/12")`, "255.240.0.0"},
		{`urlencode("a b&c")`, "a+b%26c"},
		{`sensitive("s3cr3t")`, "s3cr3t"},
		{`file("plain.txt")`, "hello\n"},
		{`file("${path.module}/plain.txt")`, "hello\n"},
		{`fileexists("plain.txt")`, true},
		{`fileexists("missing.txt")`, false},
		{`filebase64("plain.txt")`, "aGVsbG8K"},
		{`templatefile("policy.tpl", { buckets = ["a", "b"] })`, "arn:aws:s3:::a\narn:aws:s3:::b\n"},
		{`templatefile("policy.tpl", {})`, unknownValue{}}, // the template refers to a missing variable
		{`path.module`, "."},
		{`path.root`, "."},
		{`path.cwd`, unknownValue{}},
		{`terraform.workspace`, "default"},
		{`timestamp()`, unknownValue{}}, // not reproducible
		{`try(var.unset.x, "fallback")`, unknownValue{}},
		{`try(local.m.z, "fallback")`, "fallback"},
	}
	exprs := make([]string, len(cases))
	for i, c := range cases {
		exprs[i] = c.expr
	}
	body := evalAll(t, files, exprs)
	for i, c := range cases {
		key := "v" + itoa(i)
		got, present := body[key]
		if _, wantUnknown := c.want.(unknownValue); wantUnknown {
			if present {
				t.Errorf("%s = %#v, want unknown", c.expr, got)
			}
			continue
		}
		if m, ok := got.(map[string]any); ok {
			delete(m, scanners.LocKey)
		}
		if !present || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s = %#v (present %v), want %#v", c.expr, got, present, c.want)
		}
	}
}
