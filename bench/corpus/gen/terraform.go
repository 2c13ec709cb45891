package gen

import (
	"fmt"
	"strings"
)

// sharedModules are written once under infra/modules and called by about a
// third of the root modules, with count or for_each.
var sharedModules = [...]struct{ name, text string }{
	{"s3-bucket", moduleS3Bucket},
	{"service-sg", moduleServiceSG},
	{"postgres", modulePostgres},
	{"app-instance", moduleAppInstance},
}

// tfComments are written above some resources, as people do.
var tfComments = []string{
	"Kept for the audit trail: do not delete without the compliance team.",
	"TODO(platform): move to the shared module once the migration is done.",
	"Created by the service template; adjust sizes to the load.",
	"Imported from the console in 2023, see the incident review.",
	"Encryption and retention follow the data classification of the service.",
	"Temporary until the new network is live.",
	"Read by the nightly export job.",
	"Only reachable from inside the VPC.",
}

// rootFileNames name the files of a root module after main.tf.
var rootFileNames = []string{"storage.tf", "network.tf", "compute.tf", "database.tf", "iam.tf", "security.tf",
	"logging.tf", "queues.tf", "edge.tf", "data.tf", "encryption.tf", "registry.tf", "functions.tf"}

func (w *writer) terraform(n int) error {
	for _, m := range sharedModules {
		if err := w.tfFile("infra/modules/"+m.name+"/main.tf", m.text); err != nil {
			return err
		}
	}
	left := n - len(sharedModules)
	for i := 0; left > 0; i++ {
		files := min(w.between(2, 6), left)
		left -= files
		m := &tfModule{w: w, team: pick(w, teams), name: w.serviceName(i), seq: map[string]int{}}
		names := append([]string(nil), rootFileNames...)
		w.r.Shuffle(len(names), func(a, b int) { names[a], names[b] = names[b], names[a] })
		for f := range files {
			var b block
			b.f("# %s: %s of the %s team.\n# Changes go through the platform review; see docs/runbooks/%s.md.\n\n",
				m.name, strings.TrimSuffix(ifElse(f == 0, "main.tf", names[max(f-1, 0)]), ".tf"), m.team, m.name)
			target := w.between(8, 12)
			name := "main.tf"
			if f == 0 {
				m.header(&b)
				if w.chance(0.35) {
					m.moduleCall(&b)
					target -= 2
				}
			} else {
				name = names[f-1]
			}
			for got := 0; got < target; {
				if w.chance(0.4) {
					b.f("# %s\n", pick(w, tfComments))
				}
				got += pick(w, resourceGroups)(m, &b, w.chance(0.5))
			}
			if err := w.tfFile(fmt.Sprintf("infra/%s/%s/%s", m.team, m.name, name), b.String()); err != nil {
				return err
			}
		}
		w.stats.RootModules++
	}
	return nil
}

func (w *writer) tfFile(rel, text string) error {
	w.stats.TFFiles++
	w.stats.Resources += strings.Count("\n"+text, "\nresource \"")
	return w.file(rel, text)
}

// tfModule is a root module being written: its names, and the resources
// later ones can refer to.
type tfModule struct {
	w          *writer
	team, name string
	seq        map[string]int
	// sg and kms name an aws_security_group and an aws_kms_key of this
	// module, once one is written.
	sg, kms string
}

// id is a resource name unique in the module for its type.
func (m *tfModule) id(typ, word string) string {
	m.seq[typ]++
	return fmt.Sprintf("%s_%d", word, m.seq[typ])
}

// kmsRef is the key a resource encrypts with: this module's own key when it
// has one, else the key variable.
func (m *tfModule) kmsRef() string {
	if m.kms != "" {
		return "aws_kms_key." + m.kms + ".arn"
	}
	return "var.kms_key_arn"
}

func (m *tfModule) sgRefs() string {
	if m.sg != "" {
		return "[aws_security_group." + m.sg + ".id]"
	}
	return "[var.default_security_group_id]"
}

func (m *tfModule) header(b *block) {
	env := pick(m.w, []string{"prod", "staging", "dev"})
	region := pick(m.w, []string{"eu-west-1", "us-east-1", "us-west-2", "eu-central-1", "ap-southeast-2"})
	b.f(`terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
  }
  backend "s3" {
    bucket         = "acme-terraform-state"
    key            = "%s/%s/terraform.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "terraform-locks"
    encrypt        = true
  }
}

provider "aws" {
  region = var.region
  default_tags {
    tags = local.tags
  }
}

variable "env" {
  type    = string
  default = %q
}

variable "region" {
  type    = string
  default = %q
}

variable "vpc_id" {
  type    = string
  default = "vpc-%08x"
}

variable "subnet_ids" {
  type    = list(string)
  default = ["subnet-%08x", "subnet-%08x", "subnet-%08x"]
}

variable "default_security_group_id" {
  type    = string
  default = "sg-%08x"
}

variable "kms_key_arn" {
  type    = string
  default = "arn:aws:kms:%s:123456789012:key/%08x-1f2e-4c3b-9a8d-%012x"
}

variable "admin_cidrs" {
  type    = list(string)
  default = ["10.%d.0.0/16"]
}

locals {
  name   = %q
  prefix = "${local.name}-${var.env}"
  tags = {
    team        = %q
    service     = local.name
    environment = var.env
    owner       = "%s@acme.example"
    cost_center = "cc-%04d"
  }
}

`, m.team, m.name, env, region, m.w.r.Uint32(), m.w.r.Uint32(), m.w.r.Uint32(), m.w.r.Uint32(), m.w.r.Uint32(),
		region, m.w.r.Uint32(), m.w.r.Uint64()&0xffffffffffff, m.w.between(0, 255), m.name, m.team, m.team, m.w.between(1000, 9999))
}

// moduleCall calls one of the shared modules, with count or for_each.
func (m *tfModule) moduleCall(b *block) {
	m.w.stats.ModuleCalls++
	switch m.w.r.IntN(len(sharedModules)) {
	case 0:
		b.f(`module "buckets" {
  source   = "../../modules/s3-bucket"
  for_each = toset(["assets", "exports", "uploads"])

  name        = "${local.prefix}-${each.key}"
  versioned   = %t
  public      = %t
  kms_key_arn = %s
  tags        = local.tags
}

`, m.w.chance(0.5), m.w.chance(0.2), pick(m.w, []string{"var.kms_key_arn", "null"}))
	case 1:
		b.f(`module "service_sg" {
  source = "../../modules/service-sg"

  name   = local.prefix
  vpc_id = var.vpc_id
  ingress = {
    https = { port = 443, cidrs = ["10.0.0.0/8"] }
    admin = { port = %d, cidrs = %s }
  }
  tags = local.tags
}

`, pick(m.w, []int{22, 3389, 8443}), pick(m.w, []string{"var.admin_cidrs", `["0.0.0.0/0"]`}))
	case 2:
		b.f(`module "db" {
  source = "../../modules/postgres"
  count  = var.env == "prod" ? 2 : 1

  identifier  = "${local.prefix}-db${count.index}"
  subnet_ids  = var.subnet_ids
  encrypted   = %t
  backup_days = %d
  public      = %t
  tags        = local.tags
}

`, m.w.chance(0.6), pick(m.w, []int{0, 1, 7, 14, 35}), m.w.chance(0.2))
	default:
		b.f(`module "workers" {
  source = "../../modules/app-instance"
  count  = %d

  name          = "${local.prefix}-worker-${count.index}"
  instance_type = "t3.large"
  subnet_id     = element(var.subnet_ids, count.index)
  imdsv2        = %t
  tags          = merge(local.tags, { role = "worker" })
}

`, m.w.between(1, 3), m.w.chance(0.5))
	}
}

// resourceGroups write one resource or a few that belong together; each
// returns how many resource blocks it wrote.
var resourceGroups = []func(m *tfModule, b *block, good bool) int{
	(*tfModule).bucket, (*tfModule).bucket, (*tfModule).securityGroup, (*tfModule).securityGroupRule,
	(*tfModule).instance, (*tfModule).database, (*tfModule).iam, (*tfModule).kmsKey, (*tfModule).logGroups,
	(*tfModule).volume, (*tfModule).loadBalancer, (*tfModule).queue, (*tfModule).topic, (*tfModule).table,
	(*tfModule).repository, (*tfModule).function,
}

var bucketWords = []string{"assets", "uploads", "logs", "backups", "reports", "exports", "media", "artifacts", "archive", "datalake"}

func (m *tfModule) bucket(b *block, good bool) int {
	word := pick(m.w, bucketWords)
	n := m.id("aws_s3_bucket", word)
	bad := m.w.flaws(good, 4) // suspended versioning, no encryption, public access, public ACL
	b.f(`resource "aws_s3_bucket" %q {
  bucket        = "${local.prefix}-%s-%d"
  force_destroy = false
  tags          = merge(local.tags, { data_class = %q })
}

resource "aws_s3_bucket_versioning" %q {
  bucket = aws_s3_bucket.%s.id
  versioning_configuration {
    status = %q
  }
}

`, n, strings.ReplaceAll(word, "_", "-"), m.seq["aws_s3_bucket"], pick(m.w, []string{"internal", "confidential", "public"}),
		n, n, ifElse(bad[0], "Suspended", "Enabled"))
	count := 2
	if !bad[1] {
		count++
		b.f(`resource "aws_s3_bucket_server_side_encryption_configuration" %q {
  bucket = aws_s3_bucket.%s.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = %s
    }
    bucket_key_enabled = true
  }
}

`, n, n, m.kmsRef())
	}
	count++
	b.f(`resource "aws_s3_bucket_public_access_block" %q {
  bucket                  = aws_s3_bucket.%s.id
  block_public_acls       = %t
  block_public_policy     = %t
  ignore_public_acls      = %t
  restrict_public_buckets = %t
}

`, n, n, !bad[2], true, !bad[2], !bad[2])
	if bad[3] {
		count++
		b.f(`resource "aws_s3_bucket_acl" %q {
  bucket = aws_s3_bucket.%s.id
  acl    = "public-read"
}

`, n, n)
	} else if m.w.chance(0.5) {
		count++
		b.f(`resource "aws_s3_bucket_logging" %q {
  bucket        = aws_s3_bucket.%s.id
  target_bucket = "acme-access-logs-${var.region}"
  target_prefix = "s3/${local.prefix}/%s/"
}

`, n, n, word)
	}
	return count
}

var sgWords = []string{"web", "api", "db", "cache", "bastion", "workers", "lb", "internal"}

func (m *tfModule) securityGroup(b *block, good bool) int {
	n := m.id("aws_security_group", pick(m.w, sgWords))
	bad := m.w.flaws(good, 2) // SSH from anywhere, no descriptions
	b.f(`resource "aws_security_group" %q {
  name        = "${local.prefix}-%s"
  description = "Traffic of %s"
  vpc_id      = var.vpc_id

  ingress {
    description = "HTTPS from the VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

`, n, strings.ReplaceAll(n, "_", "-"), m.name)
	if bad[0] {
		b.f(`  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

`)
	} else {
		b.f(`  ingress {
    description = "SSH from the admin network"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.admin_cidrs
  }

`)
	}
	b.f(`  egress {
    description = %q
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = [%q]
  }

  tags = local.tags
}

`, ifElse(bad[1], "", "Outbound"), ifElse(bad[1], "0.0.0.0/0", "10.0.0.0/8"))
	m.sg = n
	return 1
}

func (m *tfModule) securityGroupRule(b *block, good bool) int {
	n := m.id("aws_security_group_rule", pick(m.w, []string{"ingress_app", "ingress_metrics", "ingress_admin"}))
	port := pick(m.w, []int{8080, 9090, 5432, 6379, 3389})
	b.f(`resource "aws_security_group_rule" %q {
  type              = "ingress"
  description       = "Port %d for %s"
  from_port         = %d
  to_port           = %d
  protocol          = "tcp"
  cidr_blocks       = %s
  security_group_id = %s
}

`, n, port, m.name, port, port, ifElse(good, "var.admin_cidrs", `["0.0.0.0/0"]`), strings.Trim(m.sgRefs(), "[]"))
	return 1
}

func (m *tfModule) instance(b *block, good bool) int {
	n := m.id("aws_instance", pick(m.w, []string{"app", "worker", "bastion", "batch", "proxy"}))
	bad := m.w.flaws(good, 4) // IMDSv1, unencrypted root, public IP, no monitoring
	count := ""
	name := fmt.Sprintf(`"${local.prefix}-%s"`, strings.ReplaceAll(n, "_", "-"))
	if m.w.chance(0.3) {
		count = fmt.Sprintf("  count = %d\n\n", m.w.between(2, 4))
		name = fmt.Sprintf(`"${local.prefix}-%s-${count.index}"`, strings.ReplaceAll(n, "_", "-"))
	}
	b.f(`resource "aws_instance" %q {
%s  ami                         = "ami-%017x"
  instance_type               = %q
  subnet_id                   = var.subnet_ids[0]
  vpc_security_group_ids      = %s
  associate_public_ip_address = %t
  monitoring                  = %t
  ebs_optimized               = true

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = %q
    http_put_response_hop_limit = 1
  }

  root_block_device {
    volume_size           = %d
    volume_type           = "gp3"
    encrypted             = %t
    delete_on_termination = true
  }

  user_data = <<-EOT
    #!/bin/bash
    set -euo pipefail
    echo "ENV=${var.env}" >> /etc/environment
    systemctl enable --now %s
  EOT

  tags = merge(local.tags, { Name = %s })
}

`, n, count, m.w.r.Uint64()>>4, pick(m.w, []string{"t3.medium", "m6i.large", "c6i.xlarge", "r6i.large"}), m.sgRefs(),
		bad[2], !bad[3], ifElse(bad[0], "optional", "required"), pick(m.w, []int{20, 50, 100}), !bad[1],
		strings.ReplaceAll(n, "_", "-"), name)
	return 1
}

func (m *tfModule) database(b *block, good bool) int {
	n := m.id("aws_db_instance", pick(m.w, []string{"main", "replica", "reporting", "events"}))
	bad := m.w.flaws(good, 4) // unencrypted, public, no backups, no deletion protection
	engine := pick(m.w, []struct{ name, version, class string }{{"postgres", "16.3", "db.r6g.large"}, {"mysql", "8.0.36", "db.m6g.large"}})
	b.f(`resource "aws_db_subnet_group" %q {
  name       = "${local.prefix}-%s"
  subnet_ids = var.subnet_ids
  tags       = local.tags
}

resource "aws_db_instance" %q {
  identifier                          = "${local.prefix}-%s"
  engine                              = %q
  engine_version                      = %q
  instance_class                      = %q
  allocated_storage                   = %d
  max_allocated_storage               = %d
  storage_type                        = "gp3"
  db_name                             = "app"
  username                            = "app_admin"
  manage_master_user_password         = true
  db_subnet_group_name                = aws_db_subnet_group.%s.name
  vpc_security_group_ids              = %s
  storage_encrypted                   = %t
`, n, strings.ReplaceAll(n, "_", "-"), n, strings.ReplaceAll(n, "_", "-"), engine.name, engine.version, engine.class,
		pick(m.w, []int{50, 100, 200}), pick(m.w, []int{500, 1000}), n, m.sgRefs(), !bad[0])
	if !bad[0] {
		b.f("  kms_key_id                          = %s\n", m.kmsRef())
	}
	b.f(`  publicly_accessible                 = %t
  backup_retention_period             = %d
  backup_window                       = "03:00-04:00"
  deletion_protection                 = %t
  skip_final_snapshot                 = %t
  multi_az                            = %t
  iam_database_authentication_enabled = true
  auto_minor_version_upgrade          = true
  copy_tags_to_snapshot               = true
  performance_insights_enabled        = true
  enabled_cloudwatch_logs_exports     = [%q]
  tags                                = local.tags
}

`, bad[1], ifElse(bad[2], 0, pick(m.w, []int{7, 14, 35})), !bad[3], bad[3], !bad[3], ifElse(engine.name == "postgres", "postgresql", "error"))
	return 2
}

func (m *tfModule) iam(b *block, good bool) int {
	n := m.id("aws_iam_role", pick(m.w, []string{"app", "task", "lambda", "ci", "reader"}))
	principal := pick(m.w, []string{"ec2.amazonaws.com", "ecs-tasks.amazonaws.com", "lambda.amazonaws.com"})
	action, resource := `["s3:GetObject", "s3:PutObject", "s3:ListBucket"]`, `["arn:aws:s3:::${local.prefix}-*", "arn:aws:s3:::${local.prefix}-*/*"]`
	if !good {
		action, resource = pick(m.w, []string{`"*"`, `"s3:*"`, `["iam:*", "s3:*"]`}), `"*"`
	}
	b.f(`resource "aws_iam_role" %q {
  name = "${local.prefix}-%s"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = %q }
      Action    = "sts:AssumeRole"
    }]
  })
  max_session_duration = 3600
  tags                 = local.tags
}

resource "aws_iam_policy" %q {
  name        = "${local.prefix}-%s"
  description = "What %s may do"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Objects"
        Effect   = "Allow"
        Action   = %s
        Resource = %s
      },
      {
        Sid      = "Decrypt"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = [%s]
      },
    ]
  })
  tags = local.tags
}

resource "aws_iam_role_policy_attachment" %q {
  role       = aws_iam_role.%s.name
  policy_arn = aws_iam_policy.%s.arn
}

`, n, strings.ReplaceAll(n, "_", "-"), principal, n, strings.ReplaceAll(n, "_", "-"), m.name, action, resource, m.kmsRef(), n, n, n)
	return 3
}

func (m *tfModule) kmsKey(b *block, good bool) int {
	n := m.id("aws_kms_key", pick(m.w, []string{"data", "logs", "backups", "secrets"}))
	bad := m.w.flaws(good, 2) // no rotation, short deletion window
	b.f(`resource "aws_kms_key" %q {
  description             = "%s %s"
  deletion_window_in_days = %d
  enable_key_rotation     = %t
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Account"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
  tags = local.tags
}

resource "aws_kms_alias" %q {
  name          = "alias/${local.prefix}-%s"
  target_key_id = aws_kms_key.%s.key_id
}

`, n, m.name, n, ifElse(bad[1], 7, 30), !bad[0], n, strings.ReplaceAll(n, "_", "-"), n)
	m.kms = n
	return 2
}

func (m *tfModule) logGroups(b *block, good bool) int {
	n := m.id("aws_cloudwatch_log_group", pick(m.w, []string{"app", "access", "audit", "jobs"}))
	bad := m.w.flaws(good, 2) // kept forever, not encrypted
	b.f(`resource "aws_cloudwatch_log_group" %q {
  for_each = toset(["api", "worker", "migrations"])

  name              = "/acme/${local.prefix}/%s/${each.key}"
  retention_in_days = %d
`, n, n, ifElse(bad[0], 0, pick(m.w, []int{90, 365, 400})))
	if !bad[1] {
		b.f("  kms_key_id        = %s\n", m.kmsRef())
	}
	b.f("  tags              = local.tags\n}\n\n")
	return 1
}

func (m *tfModule) volume(b *block, good bool) int {
	n := m.id("aws_ebs_volume", pick(m.w, []string{"data", "scratch", "index"}))
	b.f(`resource "aws_ebs_volume" %q {
  availability_zone = "${var.region}a"
  size              = %d
  type              = "gp3"
  iops              = 3000
  encrypted         = %t
`, n, pick(m.w, []int{100, 250, 500}), good)
	if good {
		b.f("  kms_key_id        = %s\n", m.kmsRef())
	}
	b.f("  tags              = merge(local.tags, { backup = %q })\n}\n\n", ifElse(good, "daily", "none"))
	return 1
}

func (m *tfModule) loadBalancer(b *block, good bool) int {
	n := m.id("aws_lb", pick(m.w, []string{"public", "internal", "api"}))
	bad := m.w.flaws(good, 3) // HTTP listener, invalid headers kept, no access logs
	b.f(`resource "aws_lb" %q {
  name                       = substr("${local.prefix}-%s", 0, 32)
  internal                   = %t
  load_balancer_type         = "application"
  security_groups            = %s
  subnets                    = var.subnet_ids
  drop_invalid_header_fields = %t
  enable_deletion_protection = true
`, n, strings.ReplaceAll(n, "_", "-"), m.w.chance(0.5), m.sgRefs(), !bad[1])
	if !bad[2] {
		b.f(`
  access_logs {
    bucket  = "acme-lb-logs-${var.region}"
    prefix  = local.prefix
    enabled = true
  }
`)
	}
	b.f(`
  tags = local.tags
}

resource "aws_lb_target_group" %q {
  name        = substr("${local.prefix}-%s", 0, 32)
  port        = 8080
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = var.vpc_id

  health_check {
    path                = "/healthz"
    healthy_threshold   = 2
    unhealthy_threshold = 3
    interval            = 15
  }
}

`, n, strings.ReplaceAll(n, "_", "-"))
	if bad[0] {
		b.f(`resource "aws_lb_listener" %q {
  load_balancer_arn = aws_lb.%s.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.%s.arn
  }
}

`, n, n, n)
	} else {
		b.f(`resource "aws_lb_listener" %q {
  load_balancer_arn = aws_lb.%s.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = "arn:aws:acm:${var.region}:123456789012:certificate/%08x-aaaa-bbbb-cccc-%012x"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.%s.arn
  }
}

`, n, n, m.w.r.Uint32(), m.w.r.Uint64()&0xffffffffffff, n)
	}
	return 3
}

func (m *tfModule) queue(b *block, good bool) int {
	n := m.id("aws_sqs_queue", pick(m.w, []string{"jobs", "events", "retries", "emails"}))
	b.f(`resource "aws_sqs_queue" %q {
  name                       = "${local.prefix}-%s"
  visibility_timeout_seconds = 60
  message_retention_seconds  = 1209600
  receive_wait_time_seconds  = 20
`, n, strings.ReplaceAll(n, "_", "-"))
	if good {
		b.f("  kms_master_key_id          = %s\n  kms_data_key_reuse_period_seconds = 300\n", m.kmsRef())
	} else {
		b.f("  sqs_managed_sse_enabled    = false\n")
	}
	b.f("  tags                       = local.tags\n}\n\n")
	return 1
}

func (m *tfModule) topic(b *block, good bool) int {
	n := m.id("aws_sns_topic", pick(m.w, []string{"alerts", "orders", "deploys"}))
	b.f(`resource "aws_sns_topic" %q {
  name = "${local.prefix}-%s"
`, n, strings.ReplaceAll(n, "_", "-"))
	if good {
		b.f("  kms_master_key_id = %s\n", m.kmsRef())
	}
	b.f(`  tags = local.tags
}

resource "aws_sns_topic_subscription" %q {
  topic_arn = aws_sns_topic.%s.arn
  protocol  = %q
  endpoint  = %q
}

`, n, n, ifElse(good, "https", "http"), ifElse(good, "https://hooks.acme.example/"+m.name, "http://hooks.acme.example/"+m.name))
	return 2
}

func (m *tfModule) table(b *block, good bool) int {
	n := m.id("aws_dynamodb_table", pick(m.w, []string{"sessions", "items", "locks", "state"}))
	bad := m.w.flaws(good, 2) // no point-in-time recovery, AWS-owned key
	b.f(`resource "aws_dynamodb_table" %q {
  name         = "${local.prefix}-%s"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  range_key    = "sk"

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  point_in_time_recovery {
    enabled = %t
  }
`, n, strings.ReplaceAll(n, "_", "-"), !bad[0])
	if !bad[1] {
		b.f(`
  server_side_encryption {
    enabled     = true
    kms_key_arn = %s
  }
`, m.kmsRef())
	}
	b.f(`
  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }

  tags = local.tags
}

`)
	return 1
}

func (m *tfModule) repository(b *block, good bool) int {
	n := m.id("aws_ecr_repository", pick(m.w, []string{"app", "worker", "migrations"}))
	bad := m.w.flaws(good, 2) // mutable tags, no scanning
	b.f(`resource "aws_ecr_repository" %q {
  name                 = "%s/${local.name}-%s"
  image_tag_mutability = %q

  image_scanning_configuration {
    scan_on_push = %t
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = %s
  }

  tags = local.tags
}

resource "aws_ecr_lifecycle_policy" %q {
  repository = aws_ecr_repository.%s.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the last 30 images"
      selection    = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = 30 }
      action       = { type = "expire" }
    }]
  })
}

`, n, m.team, strings.ReplaceAll(n, "_", "-"), ifElse(bad[0], "MUTABLE", "IMMUTABLE"), !bad[1], m.kmsRef(), n, n)
	return 2
}

func (m *tfModule) function(b *block, good bool) int {
	n := m.id("aws_lambda_function", pick(m.w, []string{"handler", "resize", "notify", "cleanup"}))
	bad := m.w.flaws(good, 2) // no tracing, outside the VPC
	b.f(`resource "aws_lambda_function" %q {
  function_name = "${local.prefix}-%s"
  role          = "arn:aws:iam::123456789012:role/${local.prefix}-lambda"
  handler       = "main.handler"
  runtime       = %q
  s3_bucket     = "acme-artifacts-${var.region}"
  s3_key        = "${local.name}/%s.zip"
  memory_size   = %d
  timeout       = 30
  kms_key_arn   = %s

  environment {
    variables = {
      ENV       = var.env
      LOG_LEVEL = "info"
      TABLE     = "${local.prefix}-state"
    }
  }

  tracing_config {
    mode = %q
  }
`, n, strings.ReplaceAll(n, "_", "-"), pick(m.w, []string{"python3.12", "nodejs20.x", "provided.al2023"}), n,
		pick(m.w, []int{128, 256, 512}), m.kmsRef(), ifElse(bad[0], "PassThrough", "Active"))
	if !bad[1] {
		b.f(`
  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = %s
  }
`, m.sgRefs())
	}
	b.f("\n  tags = local.tags\n}\n\n")
	return 1
}

func ifElse[T any](cond bool, yes, no T) T {
	if cond {
		return yes
	}
	return no
}

const moduleS3Bucket = `variable "name" {
  type = string
}

variable "versioned" {
  type    = bool
  default = true
}

variable "public" {
  type    = bool
  default = false
}

variable "kms_key_arn" {
  type    = string
  default = null
}

variable "tags" {
  type    = map(string)
  default = {}
}

locals {
  encrypted = var.kms_key_arn != null
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
  tags   = var.tags
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = var.versioned ? "Enabled" : "Suspended"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  count  = local.encrypted ? 1 : 0
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = !var.public
  block_public_policy     = !var.public
  ignore_public_acls      = !var.public
  restrict_public_buckets = !var.public
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    id     = "expire-noncurrent"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = 90
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}

resource "aws_s3_bucket_policy" "tls" {
  bucket = aws_s3_bucket.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_s3_bucket_logging" "this" {
  bucket        = aws_s3_bucket.this.id
  target_bucket = "acme-access-logs"
  target_prefix = "s3/${var.name}/"
}

output "bucket" {
  value = aws_s3_bucket.this.bucket
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
`

const moduleServiceSG = `variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "ingress" {
  type = map(object({
    port  = number
    cidrs = list(string)
  }))
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "aws_security_group" "this" {
  name        = var.name
  description = "Ingress of ${var.name}"
  vpc_id      = var.vpc_id

  dynamic "ingress" {
    for_each = var.ingress
    content {
      description = ingress.key
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = ingress.value.cidrs
    }
  }

  egress {
    description = "Outbound in the VPC"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/8"]
  }

  tags = var.tags
}

resource "aws_vpc_security_group_egress_rule" "dns" {
  security_group_id = aws_security_group.this.id
  description       = "DNS"
  cidr_ipv4         = "10.0.0.2/32"
  from_port         = 53
  to_port           = 53
  ip_protocol       = "udp"
}

resource "aws_flow_log" "this" {
  vpc_id               = var.vpc_id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::acme-flow-logs"
  tags                 = var.tags
}

resource "aws_network_acl" "this" {
  vpc_id = var.vpc_id

  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "10.0.0.0/8"
    from_port  = 443
    to_port    = 443
  }

  egress {
    rule_no    = 100
    protocol   = "-1"
    action     = "allow"
    cidr_block = "10.0.0.0/8"
    from_port  = 0
    to_port    = 0
  }

  tags = var.tags
}

resource "aws_wafv2_web_acl_association" "this" {
  count        = 0
  resource_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/x/y"
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/y"
}

output "id" {
  value = aws_security_group.this.id
}
`

const modulePostgres = `variable "identifier" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "encrypted" {
  type    = bool
  default = true
}

variable "backup_days" {
  type    = number
  default = 14
}

variable "public" {
  type    = bool
  default = false
}

variable "tags" {
  type    = map(string)
  default = {}
}

locals {
  log_exports = ["postgresql", "upgrade"]
}

resource "aws_db_subnet_group" "this" {
  name       = var.identifier
  subnet_ids = var.subnet_ids
  tags       = var.tags
}

resource "aws_db_parameter_group" "this" {
  name   = var.identifier
  family = "postgres16"

  parameter {
    name  = "log_connections"
    value = "1"
  }

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  tags = var.tags
}

resource "aws_db_instance" "this" {
  identifier                          = var.identifier
  engine                              = "postgres"
  engine_version                      = "16.3"
  instance_class                      = "db.r6g.large"
  allocated_storage                   = 100
  storage_type                        = "gp3"
  username                            = "app_admin"
  manage_master_user_password         = true
  db_subnet_group_name                = aws_db_subnet_group.this.name
  parameter_group_name                = aws_db_parameter_group.this.name
  storage_encrypted                   = var.encrypted
  publicly_accessible                 = var.public
  backup_retention_period             = var.backup_days
  deletion_protection                 = true
  multi_az                            = true
  iam_database_authentication_enabled = true
  performance_insights_enabled        = true
  enabled_cloudwatch_logs_exports     = local.log_exports
  tags                                = var.tags
}

resource "aws_cloudwatch_log_group" "this" {
  for_each          = toset(local.log_exports)
  name              = "/aws/rds/instance/${var.identifier}/${each.key}"
  retention_in_days = 365
  tags              = var.tags
}

resource "aws_cloudwatch_metric_alarm" "cpu" {
  alarm_name          = "${var.identifier}-cpu"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 3
  metric_name         = "CPUUtilization"
  namespace           = "AWS/RDS"
  period              = 300
  statistic           = "Average"
  threshold           = 80
  dimensions = {
    DBInstanceIdentifier = aws_db_instance.this.identifier
  }
  tags = var.tags
}

resource "aws_db_event_subscription" "this" {
  name        = var.identifier
  sns_topic   = "arn:aws:sns:eu-west-1:123456789012:rds-events"
  source_type = "db-instance"
  source_ids  = [aws_db_instance.this.identifier]
  event_categories = ["failure", "maintenance", "notification"]
}

output "endpoint" {
  value = aws_db_instance.this.endpoint
}
`

const moduleAppInstance = `variable "name" {
  type = string
}

variable "instance_type" {
  type    = string
  default = "t3.medium"
}

variable "subnet_id" {
  type = string
}

variable "imdsv2" {
  type    = bool
  default = true
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "aws_iam_role" "this" {
  name = var.name
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "ssm" {
  role       = aws_iam_role.this.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "this" {
  name = var.name
  role = aws_iam_role.this.name
}

resource "aws_instance" "this" {
  ami                  = "ami-0a1b2c3d4e5f67890"
  instance_type        = var.instance_type
  subnet_id            = var.subnet_id
  iam_instance_profile = aws_iam_instance_profile.this.name
  monitoring           = true
  ebs_optimized        = true

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = var.imdsv2 ? "required" : "optional"
  }

  root_block_device {
    volume_size = 30
    volume_type = "gp3"
    encrypted   = true
  }

  tags = merge(var.tags, { Name = var.name })
}

resource "aws_ebs_volume" "data" {
  availability_zone = aws_instance.this.availability_zone
  size              = 200
  type              = "gp3"
  encrypted         = true
  tags              = var.tags
}

resource "aws_volume_attachment" "data" {
  device_name = "/dev/sdf"
  volume_id   = aws_ebs_volume.data.id
  instance_id = aws_instance.this.id
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/acme/instances/${var.name}"
  retention_in_days = 90
  tags              = var.tags
}

resource "aws_cloudwatch_metric_alarm" "status" {
  alarm_name          = "${var.name}-status"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 2
  metric_name         = "StatusCheckFailed"
  namespace           = "AWS/EC2"
  period              = 60
  statistic           = "Maximum"
  threshold           = 0
  dimensions = {
    InstanceId = aws_instance.this.id
  }
}

output "id" {
  value = aws_instance.this.id
}
`
