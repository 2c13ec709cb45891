resource "aws_s3_bucket" "counted" {
  count  = length(var.names)
  bucket = "acme-${var.names[count.index]}"
  acl    = count.index == 0 ? "private" : "public-read"
}

resource "aws_s3_bucket" "mapped" {
  for_each = local.buckets
  bucket   = "acme-${each.key}"
  acl      = each.value.acl
}

resource "aws_s3_bucket" "set" {
  for_each = toset(["y", "x"])
  bucket   = each.value
}

resource "aws_s3_bucket" "none" {
  count = 0
  acl   = "public-read"
}

resource "aws_s3_bucket" "unknown_count" {
  count  = var.unset
  bucket = "acme-${count.index}"
  acl    = "private"
}

resource "aws_s3_bucket" "unknown_each" {
  for_each = var.unset
  bucket   = each.key
  acl      = "private"
}
