package tollgate

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"

	"github.com/tollgate/tollgate/internal/testtools"
)

// pushTwoPlatformIndex pushes an index of the passing sample image for
// linux/amd64 and linux/arm64 to repo:1 and returns the tag, the index
// digest and the platform digests.
func pushTwoPlatformIndex(t *testing.T, repo string) (string, v1.Hash, map[string]v1.Hash) {
	t.Helper()
	_, pass := sampleImages(t)
	digests := map[string]v1.Hash{}
	var adds []mutate.IndexAddendum
	for _, arch := range []string{"amd64", "arm64"} {
		cf, _ := pass.ConfigFile()
		cf = cf.DeepCopy()
		cf.OS, cf.Architecture = "linux", arch
		img, err := mutate.ConfigFile(pass, cf)
		if err != nil {
			t.Fatal(err)
		}
		digests["linux/"+arch], _ = img.Digest()
		adds = append(adds, mutate.IndexAddendum{Add: img, Descriptor: v1.Descriptor{Platform: &v1.Platform{OS: "linux", Architecture: arch}}})
	}
	idx := mutate.AppendManifests(empty.Index, adds...)
	tag := repo + ":1"
	r, _ := name.NewTag(tag)
	if err := remote.WriteIndex(r, idx); err != nil {
		t.Fatal(err)
	}
	d, _ := idx.Digest()
	return tag, d, digests
}

// TestMultiPlatformSigning: a two-platform index pushed to the real
// registry server of the tests is scanned per platform and signed at each
// platform and at the index the tag names; tollgate verify passes for the
// tag and for a platform digest, and the cosign CLI accepts the index
// digest. Scanning one platform only signs that one, never the index.
func TestMultiPlatformSigning(t *testing.T) {
	host := testtools.Registry(t)
	ctx := context.Background()
	keys := writeKeys(t)
	signOpts := &SignOptions{KeyPath: keys.priv, Password: []byte("test-password")}
	repo := fmt.Sprintf("%s/tollgate-multi/app-%d", host, time.Now().UnixNano())
	tag, idxDigest, digests := pushTwoPlatformIndex(t, repo)

	res := scan(t, Options{Images: []string{"registry:" + tag}, Platforms: []string{"all"}, Sign: signOpts})
	if res.ExitCode() != ExitPassed {
		t.Fatalf("exit %d: %+v %+v", res.ExitCode(), res.Report.Findings, res.Report.Errors)
	}
	if len(res.Report.Images) != 2 {
		t.Fatalf("images %+v", res.Report.Images)
	}
	for _, ri := range res.Report.Images {
		if ri.Digest != digests[ri.Platform].String() || ri.Index != idxDigest.String() || ri.Reference != "registry:"+tag {
			t.Errorf("report image %+v", ri)
		}
	}
	signed := map[string]bool{}
	for _, s := range res.Report.Signing.Signed {
		signed[s.Digest] = true
	}
	for _, d := range []v1.Hash{idxDigest, digests["linux/amd64"], digests["linux/arm64"]} {
		if !signed[d.String()] {
			t.Errorf("%s not signed: %+v", d, res.Report.Signing.Signed)
		}
	}

	v, err := Verify(ctx, VerifyOptions{Image: tag, KeyPath: keys.pub})
	if err != nil {
		t.Fatalf("verify the tag: %v", err)
	}
	if v.Digest != idxDigest.String() || v.SBOMComponents < 4 || v.Summary.VerificationResult != "PASSED" {
		t.Errorf("tag verification %+v", v)
	}
	pv, err := Verify(ctx, VerifyOptions{Image: repo + "@" + digests["linux/arm64"].String(), KeyPath: keys.pub})
	if err != nil || pv.Digest != digests["linux/arm64"].String() {
		t.Errorf("verify the arm64 digest: %+v %v", pv, err)
	}

	// The real cosign accepts the signature on the index digest.
	if os.Getenv("TOLLGATE_COSIGN") != "" || os.Getenv("CI") != "" {
		out, err := testtools.RunCosign(t, "verify", "--key", keys.pub, "--insecure-ignore-tlog=true", "--allow-insecure-registry",
			repo+"@"+idxDigest.String())
		if err != nil || !strings.Contains(out, "cosign claims were validated") {
			t.Errorf("cosign verify of the index: %v\n%s", err, out)
		}
	}

	// One platform of a fresh index: that platform is signed, the index is
	// not, and the report says why.
	repo2 := repo + "-one"
	tag2, idx2, digests2 := pushTwoPlatformIndex(t, repo2)
	res = scan(t, Options{Images: []string{"registry:" + tag2}, Platforms: []string{"linux/arm64"}, Sign: signOpts})
	if res.ExitCode() != ExitPassed || len(res.Report.Signing.Signed) != 1 || res.Report.Signing.Signed[0].Digest != digests2["linux/arm64"].String() {
		t.Fatalf("one platform: exit %d, signed %+v", res.ExitCode(), res.Report.Signing.Signed)
	}
	var warned bool
	for _, w := range res.Report.Warnings {
		warned = warned || (strings.Contains(w.Message, idx2.String()) && strings.Contains(w.Message, "linux/amd64 not scanned"))
	}
	if !warned {
		t.Errorf("no warning about the unsigned index: %+v", res.Report.Warnings)
	}
	if _, err := Verify(ctx, VerifyOptions{Image: tag2, KeyPath: keys.pub}); err == nil {
		t.Error("the tag of a partly scanned index verifies")
	}
}
