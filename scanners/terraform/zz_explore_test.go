package terraform

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"testing/fstest"
)

func TestZZExplore(t *testing.T) {
	fsys := fstest.MapFS{"m/main.tf": {Data: []byte(`
locals {
  a = "x"
  b = "${local.a}-b"
  c = "${local.b}-c"
  d = "${local.c}-d"
  e = "${local.d}-e"
  f = "${local.e}-f"
}
resource "t" "n" {
  v = local.f
  l = ["a", var.nodef, "b"]
  o = {k = var.nodef, j = 1}
}
variable "nodef" {}
`)}}
	for i := 0; i < 20; i++ {
		res := New().Scan(context.Background(), fsys, []string{"m/main.tf"})
		b, _ := json.Marshal(res[0].Documents[0].Resource)
		fmt.Printf("%s %v\n", b, res[0].Errors)
	}
}
