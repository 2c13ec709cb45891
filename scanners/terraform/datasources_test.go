package terraform_test

import (
	"reflect"
	"sort"
	"testing"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners"
)

// TestDataSources: a data block is a document of its own type, "data."
// and the data source's type, never taken for the managed resource of the
// same type; its arguments and blocks are evaluated like a resource's, and
// what refers to it still sees an unknown value (its result is only known
// at plan time).
func TestDataSources(t *testing.T) {
	docs := documents(t, scan(t, memFS(map[string]string{
		"main.tf": `variable "bucket" {
  default = "logs"
}

data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::${var.bucket}/*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

data "aws_iam_policy" "admin" {
  name = "AdministratorAccess"
}

resource "aws_iam_policy" "read" {
  name   = "read"
  policy = data.aws_iam_policy_document.read.json
}

data "aws_ami" "ubuntu" {
  count       = 2
  most_recent = true
}
`,
		"main_override.tf": `data "aws_ami" "ubuntu" {
  owners = ["099720109477"]
}
`,
	})))
	var addrs []string
	for a := range docs {
		addrs = append(addrs, a)
	}
	sort.Strings(addrs)
	want := []string{"aws_iam_policy.read", "data.aws_ami.ubuntu[0]", "data.aws_ami.ubuntu[1]", "data.aws_iam_policy.admin", "data.aws_iam_policy_document.read"}
	if !reflect.DeepEqual(addrs, want) {
		t.Fatalf("documents %v, want %v", addrs, want)
	}

	doc := docs["data.aws_iam_policy_document.read"]
	if doc.Type != "data.aws_iam_policy_document" || doc.Name != "read" || doc.Format != "terraform" {
		t.Errorf("document %+v", doc)
	}
	st := doc.Resource["statement"].([]any)[0].(map[string]any)
	if got := st["resources"]; !reflect.DeepEqual(got, []any{"arn:aws:s3:::logs/*"}) {
		t.Errorf("statement resources %v", got)
	}
	if got := st[scanners.LocKey].(map[string]any)["start_line"]; got != 6 {
		t.Errorf("statement starts on line %v, want 6", got)
	}
	if docs["data.aws_iam_policy.admin"].Type != "data.aws_iam_policy" || docs["aws_iam_policy.read"].Type != "aws_iam_policy" {
		t.Error("a data source and the managed resource of the same type are told apart by their document type")
	}
	unknown(t, docs["aws_iam_policy.read"].Resource, "policy")
	// An override file merges into the data block of the same name.
	if got := docs["data.aws_ami.ubuntu[1]"].Resource["owners"]; !reflect.DeepEqual(got, []any{"099720109477"}) {
		t.Errorf("owners from the override file = %v", got)
	}
}

// TestConfigurationView: the documents whose rules judge a configuration
// as a whole see every resource of the types they need, from the root
// module and the modules it calls, whether or not those refer to them;
// the others see no configuration at all.
func TestConfigurationView(t *testing.T) {
	docs := documents(t, scan(t, memFS(map[string]string{
		"main.tf": `resource "aws_cloudwatch_log_group" "trail" {
  name = "trail"
}

resource "aws_s3_bucket" "data" {
  bucket = "data"
}

module "alarms" {
  source = "./alarms"
}
`,
		"alarms/main.tf": `resource "aws_cloudwatch_log_metric_filter" "root" {
  name           = "root-usage"
  log_group_name = "trail"
  pattern        = "{ $.userIdentity.type = \"Root\" }"
  metric_transformation {
    name      = "RootUsage"
    namespace = "CIS"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "root" {
  alarm_name  = "root-usage"
  metric_name = aws_cloudwatch_log_metric_filter.root.metric_transformation[0].name
  namespace   = "CIS"
}
`,
	})))
	group := docs["aws_cloudwatch_log_group.trail"]
	filters := group.Configuration["aws_cloudwatch_log_metric_filter"]
	alarms := group.Configuration["aws_cloudwatch_metric_alarm"]
	if len(filters) != 1 || filters[0]["log_group_name"] != "trail" {
		t.Errorf("log group's configuration filters = %v", filters)
	}
	if len(alarms) != 1 || alarms[0]["metric_name"] != "RootUsage" {
		t.Errorf("log group's configuration alarms = %v", alarms)
	}
	bucket := docs["aws_s3_bucket.data"]
	trails, ok := bucket.Configuration["aws_cloudtrail"]
	if !ok || len(trails) != 0 {
		t.Errorf("a bucket sees the configuration's trails, an empty list when there is none: %v (present %v)", trails, ok)
	}
	if in := bucket.Input(); in["configuration"] == nil {
		t.Error("input.configuration is missing")
	}
	alarm := docs["module.alarms.aws_cloudwatch_metric_alarm.root"]
	if alarm.Configuration != nil {
		t.Errorf("an alarm has no configuration view, got %v", alarm.Configuration)
	}
	if _, ok := alarm.Input()["configuration"]; ok {
		t.Error("input.configuration is set only for the types that have a view")
	}
}

// TestNoConfigurationViewWhenAModuleIsNotRead: a remote module that was
// not read may create the very filter or trail a rule looks for, so its
// configuration has no view at all.
func TestNoConfigurationViewWhenAModuleIsNotRead(t *testing.T) {
	res := scan(t, memFS(map[string]string{
		"main.tf": `resource "aws_cloudwatch_log_group" "trail" {
  name = "trail"
}

module "cis_alarms" {
  source  = "terraform-aws-modules/cloudwatch/aws//modules/cis-alarms"
  version = "5.0.0"
}
`,
	}))
	for _, d := range res[0].Documents {
		if d.Configuration != nil {
			t.Errorf("%s has a configuration view though a module was not read", d.Address)
		}
	}
	if len(res[0].Warnings) != 1 {
		t.Errorf("warnings %v, want the module not read", res[0].Warnings)
	}
}

// TestRelatedThroughModules: a resource of a called module that refers to
// a variable refers to what the caller passed in it, through local values
// too: the caller's subnet sees the module's association in its related.
func TestRelatedThroughModules(t *testing.T) {
	docs := documents(t, scan(t, memFS(map[string]string{
		"main.tf": `resource "azurerm_subnet" "app" {
  name = "app"
}

locals {
  subnet = azurerm_subnet.app.id
}

module "nsg" {
  source    = "./nsg"
  subnet_id = local.subnet
}
`,
		"nsg/main.tf": `variable "subnet_id" {}

locals {
  id = var.subnet_id
}

resource "azurerm_subnet_network_security_group_association" "a" {
  subnet_id                 = local.id
  network_security_group_id = "nsg"
}
`,
	})))
	rel := docs["azurerm_subnet.app"].Related["azurerm_subnet_network_security_group_association"]
	if len(rel) != 1 {
		t.Fatalf("subnet related %v, want the module's association", docs["azurerm_subnet.app"].Related)
	}
}

// TestProviderBlocks: provider configurations are documents typed
// provider.NAME, addressed provider.NAME or provider.NAME.ALIAS, so that
// credentials written in them can be judged; an unknown attribute records
// the reference it is read from.
func TestProviderBlocks(t *testing.T) {
	docs := documents(t, scan(t, memFS(map[string]string{
		"main.tf": `provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAIOSFODNN7EXAMPLE"
}

provider "aws" {
  alias      = "west"
  region     = "us-west-2"
  secret_key = aws_secretsmanager_secret_version.k.secret_string
}
`,
	})))
	def, ok := docs["provider.aws"]
	if !ok || def.Type != "provider.aws" || def.Resource["access_key"] != "AKIAIOSFODNN7EXAMPLE" {
		t.Fatalf("default provider document: %+v (documents %v)", def, docs)
	}
	west := docs["provider.aws.west"]
	if west.Name != "west" || west.Resource["region"] != "us-west-2" {
		t.Errorf("aliased provider document: %+v", west)
	}
	unknown(t, west.Resource, "secret_key")
	if at := scantest.Attr(t, west.Resource, "secret_key"); at["ref"] != "aws_secretsmanager_secret_version.k.secret_string" {
		t.Errorf("secret_key position %v, want its reference", at)
	}
}

// TestPassedToAnUnreadModule: a resource passed to a module that could
// not be read may get what a rule looks for from that module, so its
// related resources are unknown; the others' are not.
func TestPassedToAnUnreadModule(t *testing.T) {
	res := scan(t, memFS(map[string]string{
		"main.tf": `resource "aws_s3_bucket" "passed" {
  bucket = "passed"
}

resource "aws_s3_bucket" "alone" {
  bucket = "alone"
}

module "wrap" {
  source = "./wrap"
  id     = aws_s3_bucket.passed.id
}
`,
		"wrap/main.tf": `variable "id" {}

module "versioning" {
  source  = "acme/versioning/aws"
  version = "1.0.0"
  bucket  = var.id
}
`,
	}))
	docs := map[string]bool{}
	for _, r := range res {
		for _, d := range r.Documents {
			docs[d.Address] = d.RelatedUnknown
		}
	}
	if !docs["aws_s3_bucket.passed"] || docs["aws_s3_bucket.alone"] {
		t.Errorf("related unknown: %v, want only the bucket passed (through a module variable) to the unread module", docs)
	}
}
