# Overrides the variable default: the bucket becomes public.
bucket_acl     = "public-read"
retention_days = 0
