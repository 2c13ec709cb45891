# tollgate:ignore:TG-AWS-001 reason="public website bucket, reviewed by secteam" expires=2099-01-01 owner=web-team
resource "aws_s3_bucket" "site" {
  bucket = "acme-site"
  acl    = "public-read"
}

resource "aws_db_instance" "legacy" {
  storage_encrypted       = false # tollgate:ignore:TG-AWS-010 reason="migrating in Q3" expires=2020-01-01
  backup_retention_period = 0
  deletion_protection     = true
}

resource "aws_ebs_volume" "scratch" {
  size      = 10
  encrypted = false # tollgate:ignore:TG-AWS-011
}
