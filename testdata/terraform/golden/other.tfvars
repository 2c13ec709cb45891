# Only read with -var-file=other.tfvars: never applied by the scanner.
env        = "prod"
bucket_acl = "authenticated-read"
owner      = "from-other-tfvars"
