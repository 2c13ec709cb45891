variable "name" {
  type = string
}

resource "aws_s3_bucket" "logs" {
  count  = 1
  bucket = var.name
  acl    = "public-read"

  versioning {
    enabled = false
  }

  tags = {
    owner = "platform"
    env   = "prod"
  }
}
