package tollgate

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchTree writes a repository of n Terraform modules of 10 resources
// and n Kubernetes manifests of 3 objects.
func benchTree(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	for i := range n {
		mod := filepath.Join(dir, "infra", fmt.Sprintf("m%03d", i))
		os.MkdirAll(mod, 0o755)
		var tf strings.Builder
		fmt.Fprintf(&tf, "variable \"env\" {\n  default = \"dev\"\n}\n\nlocals {\n  prefix = \"acme-${var.env}\"\n}\n\n")
		for j := range 10 {
			fmt.Fprintf(&tf, "resource \"aws_s3_bucket\" \"b%d\" {\n  bucket = \"${local.prefix}-%d\"\n  acl    = \"public-read\"\n}\n\n", j, j)
		}
		os.WriteFile(filepath.Join(mod, "main.tf"), []byte(tf.String()), 0o644)
		k8s := filepath.Join(dir, "k8s")
		os.MkdirAll(k8s, 0o755)
		os.WriteFile(filepath.Join(k8s, fmt.Sprintf("app%03d.yaml", i)), []byte(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
          securityContext: {privileged: true}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {type: LoadBalancer, ports: [{port: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec: {rules: [{host: shop.example.com}]}
`), 0o644)
	}
	return dir
}

// BenchmarkScan is a whole IaC scan (walk, parse, evaluate 320 rules,
// gate) of 100 Terraform modules (1,000 resources) and 100 manifests (300
// objects); resources/s is the throughput.
func BenchmarkScan(b *testing.B) {
	dir := benchTree(b, 100)
	var res *Result
	for b.Loop() {
		var err error
		res, err = Scan(context.Background(), Options{Root: dir, Targets: []string{dir}, FailOn: "none"})
		if err != nil {
			b.Fatal(err)
		}
	}
	if res.Report.Summary.Resources != 1300 || len(res.Report.Findings) == 0 {
		b.Fatalf("scanned %d resources, %d findings: the benchmark measures the wrong thing", res.Report.Summary.Resources, len(res.Report.Findings))
	}
	b.ReportMetric(float64(res.Report.Summary.Resources)*float64(b.N)/b.Elapsed().Seconds(), "resources/s")
}
