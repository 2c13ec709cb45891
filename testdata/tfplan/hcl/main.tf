terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.67"
    }
  }
}

variable "db_password" {
  type      = string
  sensitive = true
}

data "aws_caller_identity" "current" {}

resource "aws_kms_key" "db" {
  description = "orders database key"
}

resource "aws_db_instance" "orders" {
  identifier              = "orders"
  engine                  = "postgres"
  instance_class          = "db.t4g.micro"
  allocated_storage       = 20
  username                = "orders"
  password                = var.db_password
  storage_encrypted       = false
  backup_retention_period = 0
  skip_final_snapshot     = true
}

resource "aws_db_instance" "reports" {
  identifier        = "reports"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  username          = "reports"
  password          = var.db_password
  storage_encrypted = aws_kms_key.db.arn != ""
  kms_key_id        = aws_kms_key.db.arn
}

resource "aws_security_group" "bastion" {
  name = "bastion"

  ingress {
    description = "https"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "ssh"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

module "storage" {
  source = "./modules/storage"
  name   = "orders-logs"
}
