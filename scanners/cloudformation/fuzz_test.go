package cloudformation_test

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners/cloudformation"
)

// FuzzScan: the CloudFormation reader never panics or hangs on a template,
// and reports every problem as a FileError naming the file.
func FuzzScan(f *testing.F) {
	for _, b := range scantest.Seeds(f, "cloudformation", ".yaml", ".yml", ".json", ".template") {
		f.Add(b)
	}
	f.Add([]byte("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: !Sub [\"${a}\", {a: !Ref B}]\n      Y: !Select [9, !Split [\",\", a]]\n"))
	s := cloudformation.New()
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{"t.yaml": {Data: src}}
		start := time.Now()
		results := s.Scan(t.Context(), fsys, []string{"t.yaml"})
		if d := time.Since(start); d > scantest.FuzzMaxDuration {
			t.Fatalf("took %v", d)
		}
		scantest.CheckFuzzResults(t, results, 1)
	})
}
