package terraform_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/terraform"
)

// scanFiles scans every file of files, in lexical order. The limits under
// test end a scan with an error; how long it took is never a test result.
func scanFiles(t *testing.T, files map[string]string, opts ...terraform.Option) []scanners.Result {
	t.Helper()
	return terraform.New(opts...).Scan(context.Background(), memFS(files), sortedKeys(files))
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

const nested = "nested deeper than 256 levels"

// TestDeepNesting is D06: pathological nesting is refused before HCL's
// parser recurses into it (100,000 parentheses overflowed the stack), at
// the line where the limit is crossed, in every syntax the scanner parses.
func TestDeepNesting(t *testing.T) {
	deep := func(open, mid, close string, n int) string {
		return strings.Repeat(open, n) + mid + strings.Repeat(close, n)
	}
	const n = 300
	for _, tc := range []struct {
		name, file, src string
		line            int
	}{
		{"parentheses (the reproduction)", "main.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = " + deep("(", `"x"`, ")", 100000) + "\n}\n", 2},
		{"brackets", "main.tf", "locals {\n  x = 1\n  y = " + deep("[", "1", "]", n) + "\n}\n", 3},
		{"objects", "main.tf", "locals {\n  x = " + deep("{a = ", "1", "}", n) + "\n}\n", 2},
		{"nested blocks", "main.tf", "resource \"a\" \"b\" {\n" + deep("x {\n", "", "}\n", n), 257},
		{"unary operators", "main.tf", "locals {\n  x = " + strings.Repeat("!", n) + "true\n}\n", 2},
		{"negations", "main.tf", "locals {\n  x = " + strings.Repeat("- ", n) + "1\n}\n", 2},
		{"conditionals", "main.tf", "locals {\n  x = " + strings.Repeat("true ? 1 : ", n) + "2\n}\n", 2},
		{"chained operators", "main.tf", "locals {\n  x = 1" + strings.Repeat(" + 1", n) + "\n}\n", 2},
		{"index steps", "main.tf", "locals {\n  x = local.y" + strings.Repeat("[local.k]", n) + "\n}\n", 2},
		{"templates", "main.tf", "locals {\n  x = " + deep(`"${`, "1", `}"`, n) + "\n}\n", 2},
		{"heredoc", "main.tf", "locals {\n  x = <<EOT\n" + deep("${(", "1", ")}", n) + "\nEOT\n}\n", 3},
		{"template directives", "main.tf", "locals {\n  x = <<EOT\n" + deep("%{ if true }", "x", "%{ endif }", n) + "\nEOT\n}\n", 3},
		{"variables file", "terraform.tfvars", "a = 1\nb = " + deep("[", "1", "]", n) + "\n", 2},
		{"JSON", "main.tf.json", "{\"locals\":\n" + deep("[", "1", "]", n) + "}\n", 2},
		{"JSON string", "main.tf.json", "{\"locals\": {\n\"x\": \"${" + deep("(", "1", ")", n) + "}\"}}\n", 2},
		{"JSON variables file", "terraform.tfvars.json", "{\n\"a\": " + deep("{\"a\": ", "1", "}", n) + "}\n", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := scanFiles(t, map[string]string{tc.file: tc.src})
			wantError(t, res, tc.file, tc.line, nested)
		})
	}
	t.Run("-var", func(t *testing.T) {
		res := scanFiles(t, map[string]string{"main.tf": "variable \"v\" { type = list(any) }\nresource \"t\" \"n\" { v = var.v }\n"},
			terraform.WithVars(map[string]string{"v": deep("[", "1", "]", 100000)}))
		wantError(t, res, "-var v", 0, nested)
	})
}

// TestNestingWithinTheLimit: real configurations nest far less than the
// limit; 100 levels read as before.
func TestNestingWithinTheLimit(t *testing.T) {
	res := scanFiles(t, map[string]string{"main.tf": "resource \"t\" \"n\" {\n  x = " +
		strings.Repeat("[", 100) + "1" + strings.Repeat("]", 100) + "\n  y = " + strings.Repeat("(", 100) + "2" + strings.Repeat(")", 100) + "\n  z = 1" + strings.Repeat(" + 1", 100) + "\n}\n"})
	n := documents(t, res)["t.n"].Resource
	if n["y"] != 2 || n["z"] != 101 {
		t.Errorf("y = %#v, z = %#v", n["y"], n["z"])
	}
}

func TestTooManyTokens(t *testing.T) {
	// 2 million tokens on line 3: HCL's parser would take about 700 MB.
	res := scanFiles(t, map[string]string{"main.tf": "locals {\n  a = 1\n  x = [" + strings.Repeat("1,", 1_000_000) + "]\n}\n"})
	wantError(t, res, "main.tf", 3, "more than 1000000 tokens")
}

const overLimit = "over the scanner's limit"

// TestUnboundedEvaluation is D08: evaluation that would take gigabytes is
// stopped at a limit, as an error at the line of what crossed it.
func TestUnboundedEvaluation(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		path  string
		line  int
		msg   string
	}{
		{"nested for expressions (the reproduction)", map[string]string{"main.tf": `locals {
  x = flatten([for a in range(1000) : [for b in range(1000) : [for c in range(1000) : c]]])
}
resource "aws_s3_bucket" "b" {
  bucket = "b"
  tags   = { n = length(local.x) }
}
`}, "main.tf", 2, "(root module total)"},
		{"a for expression over the element limit", map[string]string{"main.tf": `locals {
  x = 1
  y = [for a in range(400) : [for b in range(400) : b]]
}
resource "t" "n" { y = local.y }
`}, "main.tf", 3, "more than 100000 elements"},
		{"module count times resource count (the reproduction)", map[string]string{
			"main.tf":     "module \"m\" {\n  source = \"./mod\"\n  count  = 10000\n}\n",
			"mod/main.tf": "resource \"aws_s3_bucket\" \"b\" {\n  count  = 10000\n  bucket = \"b-${count.index}\"\n}\n",
		}, "mod/main.tf", 2, "more than 10000 resource and module instances"},
		{"module count times resource count, just over", map[string]string{
			"main.tf":     "module \"m\" {\n  source = \"./mod\"\n  count  = 99\n}\nresource \"t\" \"x\" {}\n",
			"mod/main.tf": "resource \"t\" \"a\" {}\n\nresource \"t\" \"b\" {\n  count  = 100\n}\n",
		}, "mod/main.tf", 4, "more than 10000 resource and module instances"},
		{"setproduct", map[string]string{"main.tf": "resource \"t\" \"n\" {\n  x = setproduct(range(400), range(400))\n}\n"}, "main.tf", 2, "setproduct would make more than 100000 elements"},
		{"format width", map[string]string{"main.tf": "resource \"t\" \"n\" {\n  x = format(\"%0999999999d\", 1)\n}\n"}, "main.tf", 2, "format would make a string"},
		{"join", map[string]string{"main.tf": "locals {\n  sep = format(\"%020000d\", 0)\n}\nresource \"t\" \"n\" {\n  x = join(local.sep, range(1000))\n}\n"}, "main.tf", 5, "join would make a string"},
		{"repeated interpolation", map[string]string{"main.tf": "locals {\n  s = format(\"%01000000d\", 0)\n}\nresource \"t\" \"n\" {\n  x = \"" + strings.Repeat("${local.s}", 20) + "\"\n}\n"}, "main.tf", 5, "a string of more than 16 MiB"},
		{"replace", map[string]string{"main.tf": "locals {\n  s = format(\"%01000000d\", 0)\n}\nresource \"t\" \"n\" {\n  x = replace(local.s, \"0\", \"0123456789abcdefghij\")\n}\n"}, "main.tf", 5, "replace would make a string"},
		{"strings in a list", map[string]string{"main.tf": "locals {\n  s = format(\"%01000000d\", 0)\n}\nresource \"t\" \"n\" {\n  x = [for i in range(20) : local.s]\n}\n"}, "main.tf", 5, "more than 16 MiB of strings"},
		{"indent", map[string]string{"main.tf": "resource \"t\" \"n\" {\n  x = indent(100000000, \"a\\nb\")\n}\n"}, "main.tf", 2, "indent would make a string"},
		{"split", map[string]string{"main.tf": "locals {\n  s = format(\"%0200000d\", 0)\n}\nresource \"t\" \"n\" {\n  x = split(\"\", local.s)\n}\n"}, "main.tf", 5, "split would make more than 100000 elements"},
		{"jsondecode", map[string]string{"main.tf": "resource \"t\" \"n\" {\n  x = jsondecode(\"" + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "\")\n}\n"}, "main.tf", 2, "jsondecode of JSON nested deeper"},
		{"large number", map[string]string{"main.tf": "resource \"t\" \"n\" {\n  x = \"${1e5000}\"\n}\n"}, "main.tf", 2, "a number of more than 1000 digits"},
		{"computed number", map[string]string{"main.tf": "locals {\n  a = 1e300 * 1e300\n  b = local.a * local.a * local.a * local.a\n}\nresource \"t\" \"n\" {\n  x = \"${local.b}\"\n}\n"}, "main.tf", 3, "a number of more than 1000 digits"},
		{"references", map[string]string{"main.tf": chainOfLocals(1200)}, "main.tf", 202, "references nested deeper than 1000 levels"},
		// Values files and defaults are evaluated without variables or
		// functions, but HCL still runs for expressions over literal lists.
		{"variables file", map[string]string{
			"main.tf":          "variable \"x\" {}\nresource \"t\" \"n\" { x = var.x }\n",
			"terraform.tfvars": "y = 1\nx = " + literalBomb + "\n",
		}, "terraform.tfvars", 2, "(root module total)"},
		{"variable default", map[string]string{
			"main.tf": "variable \"x\" {\n  default = [for a in " + list400 + " : [for b in " + list400 + " : b]]\n}\nresource \"t\" \"n\" { x = var.x }\n",
		}, "main.tf", 2, "more than 100000 elements"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := scanFiles(t, tc.files)
			wantError(t, res, tc.path, tc.line, overLimit, tc.msg)
		})
	}
}

// list400 is a literal list of 400 numbers.
var list400 = "[" + strings.TrimSuffix(strings.Repeat("1, ", 400), ", ") + "]"

// literalBomb is a billion numbers, from literal lists only.
var literalBomb = func() string {
	l := "[" + strings.TrimSuffix(strings.Repeat("1, ", 1000), ", ") + "]"
	return fmt.Sprintf("[for a in %s : [for b in %s : [for c in %s : c]]]", l, l, l)
}()

// chainOfLocals is n locals, each referring to the one before it.
func chainOfLocals(n int) string {
	var b strings.Builder
	b.WriteString("locals {\n  l0 = 0\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "  l%d = local.l%d\n", i, i-1)
	}
	fmt.Fprintf(&b, "}\nresource \"t\" \"n\" {\n  x = local.l%d\n}\n", n-1)
	return b.String()
}

// TestInstancesWithinTheLimits: products of counts under the root's limit
// are all read.
func TestInstancesWithinTheLimits(t *testing.T) {
	res := scanFiles(t, map[string]string{
		"main.tf":     "module \"m\" {\n  source = \"./mod\"\n  count  = 40\n}\n",
		"mod/main.tf": "resource \"t\" \"b\" {\n  count = 100\n  n     = count.index\n}\n",
	})
	if docs := documents(t, res); len(docs) != 4000 {
		t.Errorf("%d documents, want 40 × 100", len(docs))
	}
}

// TestEvaluationBudget: work that makes no large value (a billion for
// iterations, each reduced to a number) still stops at the root module's budget.
func TestEvaluationBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("spends the whole evaluation budget")
	}
	res := scanFiles(t, map[string]string{"main.tf": `locals {
  x = [for a in range(1000) : length([for b in range(1000) : length([for c in range(1000) : c])])]
}
resource "t" "n" {
  x = length(local.x)
}
`})
	wantError(t, res, "main.tf", 2, overLimit, "more than 10000000 steps")
}

// TestLimitStopsOnlyItsRootModule: another root module of the same scan is
// still evaluated, and the documents made before the limit stay.
func TestLimitStopsOnlyItsRootModule(t *testing.T) {
	res := scanFiles(t, map[string]string{
		"a/main.tf": "resource \"t\" \"first\" {}\nresource \"t\" \"bomb\" {\n  x = setproduct(range(400), range(400))\n}\n",
		"b/main.tf": "resource \"t\" \"other\" { acl = \"public-read\" }\n",
	})
	var addrs []string
	for _, r := range res {
		for _, d := range r.Documents {
			addrs = append(addrs, d.Address)
		}
	}
	if strings.Join(addrs, " ") != "a:t.first a:t.bomb b:t.other" {
		t.Errorf("documents %q", addrs)
	}
	if got := errorLines(res); len(got) != 1 || !strings.HasPrefix(got[0], "a/main.tf:3: ") {
		t.Errorf("errors %q", got)
	}
}

// TestBudgetIsPerRootModule: root modules that each stay under the work
// budget are all evaluated, however many there are: a large repository is
// never refused for its size.
func TestBudgetIsPerRootModule(t *testing.T) {
	if testing.Short() {
		t.Skip("spends most of the evaluation budget three times")
	}
	files := map[string]string{}
	for _, d := range []string{"a", "b", "c"} {
		// About 6,000,000 steps each: 600,000 for iterations at 10 steps.
		files[d+"/main.tf"] = `locals {
  x = [for a in range(600) : length([for b in range(1000) : b])]
}
resource "t" "n" {
  x = length(local.x)
}
`
	}
	res := scanFiles(t, files)
	for _, r := range res {
		for _, e := range r.Errors {
			t.Errorf("%s: %v (each root module is under the budget)", r.Path, e)
		}
	}
	if docs := documents(t, res); len(docs) != 3 {
		t.Errorf("%d documents, want one per root module", len(docs))
	}
}
