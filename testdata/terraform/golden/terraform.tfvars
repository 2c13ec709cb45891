# Read first: overrides the defaults.
env        = "staging"
bucket_acl = "log-delivery-write"
owner      = "from-terraform-tfvars"
