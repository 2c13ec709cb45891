resource "aws_s3_bucket" "this" {
  bucket = "acme-${var.name}"
  acl    = var.acl
  policy = templatefile("${path.module}/policy.tpl", { bucket = var.name })
}

module "key" {
  source = "../kms"
  alias  = "alias/${var.name}"
}

output "bucket_name" {
  value = aws_s3_bucket.this.bucket
}
