# Access: a public bucket (the ACL comes from terraform.tfvars).
resource "aws_s3_bucket" "logs" {
  bucket = "${local.name_prefix}-logs"
  acl    = var.bucket_acl

  versioning {
    enabled = false
  }
}

# Access: SSH open to the world.
resource "aws_security_group" "admin" {
  name = "admin"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# Encryption and backup: an unencrypted database without backups.
resource "aws_db_instance" "main" {
  identifier              = lower("${local.name_prefix}-DB")
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  storage_encrypted       = local.encrypted
  backup_retention_period = var.retention_days
  deletion_protection     = true
  kms_key_id              = aws_kms_key.db.arn
}

# Audit: a trail that records nothing.
resource "aws_cloudtrail" "main" {
  name                          = "main"
  s3_bucket_name                = aws_s3_bucket.logs.id
  is_multi_region_trail         = true
  enable_log_file_validation    = true
  enable_logging                = false
}

resource "aws_kms_key" "db" {
  enable_key_rotation = true
}
