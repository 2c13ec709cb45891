module "logs" {
  source = "./modules/bucket"
  name   = "logs"
  acl    = var.acl
}

module "replicas" {
  source   = "./modules/bucket"
  for_each = toset(["us", "eu"])
  name     = "replica-${each.key}"
}

module "counted" {
  source = "./modules/bucket"
  count  = 2
  name   = "counted-${count.index}"
}

module "off" {
  source = "./modules/bucket"
  count  = 0
  name   = "never"
}

# Not followed: its outputs are unknown.
module "remote" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "4.0.0"
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = module.logs.bucket_name
  policy = module.remote.policy
}

variable "acl" {
  default = "public-read"
}
