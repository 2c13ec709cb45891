# One versioning per mapped bucket: each.value is the bucket of the same key.
resource "aws_s3_bucket_versioning" "mapped" {
  for_each = aws_s3_bucket.mapped
  bucket   = each.value.bucket

  versioning_configuration {
    status = "Enabled"
  }
}

# One ACL per counted bucket, through the computed index.
resource "aws_s3_bucket_acl" "counted" {
  count  = length(var.names)
  bucket = aws_s3_bucket.counted[count.index].id
  acl    = "private"
}

# Literal indexes: the configured bucket names are known, as when planning.
resource "aws_s3_bucket_logging" "first" {
  bucket        = aws_s3_bucket.counted[0].bucket
  target_bucket = aws_s3_bucket.mapped["alpha"].bucket
  target_prefix = aws_s3_bucket.mapped["alpha"].id
}

# A splat refers to every instance.
resource "aws_iam_policy" "all" {
  name   = "all"
  policy = jsonencode({ Resource = aws_s3_bucket.counted[*].arn })
}

# Ordering and replacement triggers do not configure the buckets.
resource "aws_sns_topic" "after" {
  name       = "after"
  depends_on = [aws_s3_bucket.set]

  lifecycle {
    replace_triggered_by = [aws_s3_bucket.set["x"]]
  }
}
