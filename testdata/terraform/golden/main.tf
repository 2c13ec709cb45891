locals {
  name_prefix = "acme-${var.env}"
  bucket_name = "${local.name_prefix}-logs"
  log_prefix  = "${local.bucket_name}/${local.year}"
  year        = 2024
  common_tags = merge(var.tags, { env = var.env, owner = var.owner })
  all_cidrs   = concat(var.admin_cidrs, ["10.0.0.0/8"])
}

resource "aws_s3_bucket" "logs" {
  bucket = local.bucket_name
  acl    = var.bucket_acl
  tags   = merge(local.common_tags, { Name = lower("LOGS-${var.env}") })

  versioning {
    enabled = true
  }

  logging {
    target_bucket = "central-logs"
    target_prefix = local.log_prefix
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = aws_kms_key.logs.arn
      }
    }
  }

  lifecycle_rule {
    id      = format("expire-after-%d-days", var.retention_days)
    enabled = true

    expiration {
      days = var.retention_days
    }
  }
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "arn:aws:s3:::${local.bucket_name}/*"
    }]
  })
}

resource "aws_security_group" "admin" {
  name        = "${local.name_prefix}-admin"
  description = format("%s admin access", upper(var.env))

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = local.all_cidrs
  }

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_db_instance" "main" {
  identifier        = lower("${local.name_prefix}-DB")
  instance_class    = lookup(var.sizes, var.env, "db.t3.small")
  allocated_storage = 20 * 5
  storage_encrypted = var.retention_days > 10
  password          = var.db_password
  availability_zone = "${var.region}a"
  kms_key_id        = aws_kms_key.logs.arn
  port              = null
}

resource "aws_kms_key" "logs" {
  description             = "logs key, rotated"
  enable_key_rotation     = true
  deletion_window_in_days = var.retention_days
}

data "aws_caller_identity" "current" {}

output "bucket" {
  value = aws_s3_bucket.logs.id
}
