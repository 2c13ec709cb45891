package terraform_test

import (
	"os"
	"reflect"
	"sort"
	"testing"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners"
)

const expandDir = "../../testdata/terraform/expand"

// addresses returns the sorted addresses of docs.
func addresses(docs map[string]scanners.Document) []string {
	var out []string
	for a := range docs {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// same reports whether a and b are the same object (not merely equal).
func same(a, b map[string]any) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}

// relatedIs checks that doc's Related holds exactly, for typ, the bodies of
// the documents named by want, in that order.
func relatedIs(t *testing.T, docs map[string]scanners.Document, doc, typ string, want ...string) {
	t.Helper()
	got := docs[doc].Related[typ]
	if len(got) != len(want) {
		t.Errorf("%s: related %s has %d bodies, want %v", doc, typ, len(got), want)
		return
	}
	for i, w := range want {
		if !same(got[i], docs[w].Resource) {
			t.Errorf("%s: related %s[%d] is not the body of %s", doc, typ, i, w)
		}
	}
}

func TestCountAndForEach(t *testing.T) {
	docs := documents(t, scan(t, os.DirFS(expandDir)))
	want := []string{
		`aws_iam_policy.all`,
		`aws_s3_bucket.counted[0]`,
		`aws_s3_bucket.counted[1]`,
		`aws_s3_bucket.mapped["alpha"]`,
		`aws_s3_bucket.mapped["beta"]`,
		`aws_s3_bucket.set["x"]`,
		`aws_s3_bucket.set["y"]`,
		`aws_s3_bucket.unknown_count`, // one document for an unknown count
		`aws_s3_bucket.unknown_each`,
		`aws_s3_bucket_acl.counted[0]`,
		`aws_s3_bucket_acl.counted[1]`,
		`aws_s3_bucket_logging.first`,
		`aws_s3_bucket_versioning.mapped["alpha"]`,
		`aws_s3_bucket_versioning.mapped["beta"]`,
		`aws_security_group.web`,
		`aws_sns_topic.after`,
	} // and none for count = 0
	if got := addresses(docs); !reflect.DeepEqual(got, want) {
		t.Fatalf("addresses\n got %q\nwant %q", got, want)
	}

	for i, wantVals := range []map[string]any{
		{"bucket": "acme-logs", "acl": "private"},
		{"bucket": "acme-data", "acl": "public-read"},
	} {
		d := docs[`aws_s3_bucket.counted[`+string(rune('0'+i))+`]`]
		if d.Name != "counted" || d.Type != "aws_s3_bucket" || d.Path != "main.tf" {
			t.Errorf("counted[%d]: name %q type %q path %q", i, d.Name, d.Type, d.Path)
		}
		for k, v := range wantVals {
			if d.Resource[k] != v {
				t.Errorf("counted[%d].%s = %#v, want %#v (count.index = %d)", i, k, d.Resource[k], v, i)
			}
		}
		if l := scantest.Lines(t, d.Resource, ""); l != [2]int{1, 5} {
			t.Errorf("counted[%d] lines %v, want the block's 1-5", i, l)
		}
		if l := scantest.Lines(t, d.Resource, "acl"); l != [2]int{4, 4} {
			t.Errorf("counted[%d] acl lines %v, want 4-4", i, l)
		}
		if _, ok := d.Resource["count"]; ok {
			t.Errorf("counted[%d]: count is a meta-argument, not an attribute", i)
		}
	}

	for key, acl := range map[string]string{"alpha": "private", "beta": "public-read"} {
		b := docs[`aws_s3_bucket.mapped["`+key+`"]`].Resource
		if b["bucket"] != "acme-"+key || b["acl"] != acl {
			t.Errorf("mapped[%q]: bucket %#v acl %#v, want acme-%s %s (each.key, each.value)", key, b["bucket"], b["acl"], key, acl)
		}
		if l := scantest.Lines(t, b, "acl"); l != [2]int{10, 10} {
			t.Errorf("mapped[%q] acl lines %v, want 10-10", key, l)
		}
		if l := scantest.Lines(t, b, ""); l != [2]int{7, 11} {
			t.Errorf("mapped[%q] lines %v, want 7-11", key, l)
		}
	}
	for _, key := range []string{"x", "y"} {
		if v := docs[`aws_s3_bucket.set["`+key+`"]`].Resource["bucket"]; v != key {
			t.Errorf("set[%q].bucket = %#v: each.value of a set is the element", key, v)
		}
	}

	t.Run("unknown count", func(t *testing.T) {
		b := docs["aws_s3_bucket.unknown_count"].Resource
		unknown(t, b, "bucket") // uses count.index
		if b["acl"] != "private" {
			t.Errorf("acl = %#v: attributes that do not use count.index stay known", b["acl"])
		}
		if l := scantest.Lines(t, b, "bucket"); l != [2]int{25, 25} {
			t.Errorf("bucket lines %v, want 25-25", l)
		}
		if l := scantest.Lines(t, b, ""); l != [2]int{23, 27} {
			t.Errorf("lines %v, want 23-27", l)
		}
	})
	t.Run("unknown for_each", func(t *testing.T) {
		b := docs["aws_s3_bucket.unknown_each"].Resource
		unknown(t, b, "bucket") // uses each.key
		if b["acl"] != "private" {
			t.Errorf("acl = %#v", b["acl"])
		}
		if l := scantest.Lines(t, b, ""); l != [2]int{29, 33} {
			t.Errorf("lines %v, want 29-33", l)
		}
	})
}

func TestReferencesBetweenResources(t *testing.T) {
	docs := documents(t, scan(t, os.DirFS(expandDir)))

	// Known configured attributes resolve; computed ones (id, arn) do not.
	logging := docs["aws_s3_bucket_logging.first"].Resource
	if logging["bucket"] != "acme-logs" || logging["target_bucket"] != "acme-alpha" {
		t.Errorf("bucket %#v target_bucket %#v: configured names are known", logging["bucket"], logging["target_bucket"])
	}
	unknown(t, logging, "target_prefix") // aws_s3_bucket.mapped["alpha"].id
	for _, key := range []string{"alpha", "beta"} {
		v := docs[`aws_s3_bucket_versioning.mapped["`+key+`"]`].Resource
		if v["bucket"] != "acme-"+key {
			t.Errorf("versioning[%q].bucket = %#v: each.value is the bucket of the same key", key, v["bucket"])
		}
	}
	unknown(t, docs["aws_s3_bucket_acl.counted[0]"].Resource, "bucket")

	// Related: each instance sees the instances that refer to it.
	relatedIs(t, docs, `aws_s3_bucket.mapped["alpha"]`, "aws_s3_bucket_versioning", `aws_s3_bucket_versioning.mapped["alpha"]`)
	relatedIs(t, docs, `aws_s3_bucket.mapped["beta"]`, "aws_s3_bucket_versioning", `aws_s3_bucket_versioning.mapped["beta"]`)
	relatedIs(t, docs, `aws_s3_bucket.mapped["alpha"]`, "aws_s3_bucket_logging", `aws_s3_bucket_logging.first`)
	relatedIs(t, docs, `aws_s3_bucket.mapped["beta"]`, "aws_s3_bucket_logging")
	relatedIs(t, docs, `aws_s3_bucket.counted[0]`, "aws_s3_bucket_acl", `aws_s3_bucket_acl.counted[0]`)
	relatedIs(t, docs, `aws_s3_bucket.counted[1]`, "aws_s3_bucket_acl", `aws_s3_bucket_acl.counted[1]`)
	relatedIs(t, docs, `aws_s3_bucket.counted[0]`, "aws_s3_bucket_logging", `aws_s3_bucket_logging.first`)
	relatedIs(t, docs, `aws_s3_bucket.counted[1]`, "aws_s3_bucket_logging")
	relatedIs(t, docs, `aws_s3_bucket.counted[0]`, "aws_iam_policy", `aws_iam_policy.all`) // a splat
	relatedIs(t, docs, `aws_s3_bucket.counted[1]`, "aws_iam_policy", `aws_iam_policy.all`)
	if r := docs["aws_s3_bucket.set[\"x\"]"].Related; len(r) != 0 {
		t.Errorf("set[x] related %v, want none: depends_on and lifecycle do not configure it", r)
	}
	if r := docs["aws_s3_bucket_logging.first"].Related; len(r) != 0 {
		t.Errorf("logging related %v: it refers to buckets, nothing refers to it", r)
	}
	// The related body is the referring resource's own, with its lines.
	rel := docs[`aws_s3_bucket.counted[0]`].Related["aws_s3_bucket_logging"][0]
	if l := scantest.Lines(t, rel, "bucket"); l != [2]int{20, 20} || scantest.At(t, rel, scanners.LocKey, "path") != "related.tf" {
		t.Errorf("related logging bucket at %v in %v, want related.tf 20-20", l, scantest.At(t, rel, scanners.LocKey, "path"))
	}
}

func TestDynamicBlocks(t *testing.T) {
	docs := documents(t, scan(t, os.DirFS(expandDir)))
	sg := docs["aws_security_group.web"].Resource

	ingress := scantest.At(t, sg, "ingress").([]any)
	if len(ingress) != 2 {
		t.Fatalf("%d ingress blocks, want one per rule", len(ingress))
	}
	for i, want := range []struct {
		port  int
		cidrs []any
	}{{22, []any{"0.0.0.0/0"}}, {443, []any{"10.0.0.0/8"}}} {
		in := ingress[i]
		if scantest.At(t, in, "from_port") != want.port || scantest.At(t, in, "to_port") != want.port {
			t.Errorf("ingress[%d] ports %v-%v, want %d", i, scantest.At(t, in, "from_port"), scantest.At(t, in, "to_port"), want.port)
		}
		if c := scantest.At(t, in, "cidr_blocks"); !reflect.DeepEqual(c, want.cidrs) {
			t.Errorf("ingress[%d].cidr_blocks = %#v", i, c)
		}
		if d := scantest.At(t, in, "description"); d != "rule "+string(rune('0'+i)) {
			t.Errorf("ingress[%d].description = %#v: the key of a list element is its index", i, d)
		}
		if l := scantest.Lines(t, in, ""); l != [2]int{6, 11} {
			t.Errorf("ingress[%d] lines %v, want the content block's 6-11", i, l)
		}
		if l := scantest.Lines(t, in, "cidr_blocks"); l != [2]int{9, 9} {
			t.Errorf("ingress[%d].cidr_blocks lines %v, want 9-9", i, l)
		}
	}

	egress := scantest.At(t, sg, "egress").([]any)
	if len(egress) != 2 {
		t.Fatalf("%d egress blocks, want the static one then the generated one", len(egress))
	}
	if l := scantest.Lines(t, egress[0], ""); l != [2]int{14, 16} {
		t.Errorf("static egress lines %v", l)
	}
	gen := egress[1]
	if scantest.At(t, gen, "description") != "https" || scantest.At(t, gen, "from_port") != 443 {
		t.Errorf("generated egress %v: iterator rule, key https, value 443", gen)
	}
	if l := scantest.Lines(t, gen, ""); l != [2]int{21, 31} {
		t.Errorf("generated egress lines %v, want 21-31", l)
	}
	nested := scantest.At(t, gen, "nested").([]any)
	if len(nested) != 2 || scantest.At(t, nested[0], "port") != 443 || scantest.At(t, nested[1], "port") != 8443 {
		t.Errorf("nested = %v: a dynamic block inside a dynamic block sees the outer iterator", nested)
	}
	if l := scantest.Lines(t, nested[1], ""); l != [2]int{27, 29} {
		t.Errorf("nested[1] lines %v, want 27-29", l)
	}

	unknown(t, sg, "logging") // for_each = var.unset
	if l := scantest.Lines(t, sg, "logging"); l != [2]int{34, 39} {
		t.Errorf("logging attr lines %v, want the dynamic block's 34-39", l)
	}
	if v, ok := sg["timeouts"]; !ok || !reflect.DeepEqual(v, []any{}) {
		t.Errorf("timeouts = %#v (present %v), want [] for an empty for_each", v, ok)
	}
}
