# The compliance view's fixture (compliance_test.go): each resource trips,
# or passes, one rule mapped to soc2, cis-aws-2.0 and nist-800-53 controls.

# TG-AWS-001 (soc2 CC6.1, nist-800-53 AC-3), suppressed.
# tollgate:ignore:TG-AWS-001 reason="public website bucket, reviewed by secteam" owner=web-team
resource "aws_s3_bucket" "site" {
  bucket = "acme-site"
  acl    = "public-read"
}

# TG-AWS-002 (soc2 CC6.6, cis-aws-2.0 5.2 and 5.3), twice: SSH and RDP
# open to the world.
resource "aws_security_group" "ssh" {
  name = "ssh"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "rdp" {
  name = "rdp"

  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# TG-AWS-010 (soc2 CC6.1, cis-aws-2.0 2.3.1): unencrypted storage; backups
# kept, so TG-AWS-020 (soc2 A1.2) passes.
resource "aws_db_instance" "main" {
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  storage_encrypted       = false
  backup_retention_period = 14
  deletion_protection     = true
}

# TG-AWS-011 (soc2 CC6.1, cis-aws-2.0 2.2.1) passes.
resource "aws_ebs_volume" "data" {
  size      = 10
  encrypted = true
}
