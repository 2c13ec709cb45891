package policies

import (
	"context"
	"fmt"
	"testing"
)

// benchInputs builds n Terraform-like documents of mixed types, each with
// positions, as the scanners produce them.
func benchInputs(n int) []map[string]any {
	types := []string{"aws_s3_bucket", "aws_db_instance", "aws_security_group", "aws_cloudtrail", "aws_ebs_volume", "aws_dynamodb_table"}
	out := make([]map[string]any, n)
	for i := range out {
		typ := types[i%len(types)]
		line := 1 + 10*i
		loc := map[string]any{"path": "main.tf", "start_line": line, "end_line": line + 9, "attrs": map[string]any{
			"acl": map[string]any{"start_line": line + 1, "end_line": line + 1},
		}}
		out[i] = map[string]any{
			"format": "terraform", "type": typ, "name": fmt.Sprintf("r%d", i), "address": fmt.Sprintf("%s.r%d", typ, i),
			"path": "main.tf", "related": map[string]any{},
			"resource": map[string]any{
				"__loc": loc, "acl": "public-read", "storage_encrypted": false, "backup_retention_period": 0,
				"encrypted": false, "enable_logging": false,
				"ingress": []any{map[string]any{"__loc": loc, "from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": []any{"0.0.0.0/0"}}},
			},
		}
	}
	return out
}

// BenchmarkLoad is the one-off cost of parsing and compiling the library
// and preparing its query.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluate is one sweep of the library over 1,000 documents, at
// 1 worker and at GOMAXPROCS; docs/s is the throughput.
func BenchmarkEvaluate(b *testing.B) {
	inputs := benchInputs(1000)
	for _, workers := range []int{1, 0} {
		name := "workers=1"
		opts := []Option{WithWorkers(1)}
		if workers == 0 {
			name, opts = "workers=gomaxprocs", nil
		}
		b.Run(name, func(b *testing.B) {
			e, err := Load(context.Background(), opts...)
			if err != nil {
				b.Fatal(err)
			}
			findings := 0
			for b.Loop() {
				res, errs := e.Evaluate(context.Background(), inputs)
				if len(errs) > 0 {
					b.Fatal(errs[0])
				}
				findings = 0
				for _, r := range res {
					findings += len(r)
				}
			}
			if findings == 0 {
				b.Fatal("no findings: the benchmark measures nothing")
			}
			b.ReportMetric(float64(len(inputs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}
