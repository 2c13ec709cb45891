# Read after terraform.tfvars: wins over it.
bucket_acl = "public-read"
owner      = "team-a"
