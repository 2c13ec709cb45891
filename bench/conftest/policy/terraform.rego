# Twelve deny rules over Terraform as conftest reads it (HCL2 to JSON: every
# block is a list of objects, every expression that is not a literal is its
# "${...}" source text). They check what a simple conftest setup checks, so
# that bench/compare.sh times both tools over the same inputs; they are not
# tollgate's rules.
package main

# resources are the resource blocks of the given type, with their names.
resources(type) := [[name, r] |
	some name, blocks in input.resource[type]
	some r in blocks
]

deny contains msg if {
	some [name, r] in resources("aws_s3_bucket_acl")
	r.acl in {"public-read", "public-read-write"}
	msg := sprintf("aws_s3_bucket_acl.%s: the bucket is readable by anyone (%s)", [name, r.acl])
}

deny contains msg if {
	some [name, r] in resources("aws_s3_bucket_public_access_block")
	some setting in ["block_public_acls", "ignore_public_acls", "restrict_public_buckets"]
	r[setting] == false
	msg := sprintf("aws_s3_bucket_public_access_block.%s: %s is false", [name, setting])
}

deny contains msg if {
	some [name, r] in resources("aws_security_group")
	some rule in r.ingress
	"0.0.0.0/0" in rule.cidr_blocks
	msg := sprintf("aws_security_group.%s: ingress on port %v is open to the internet", [name, rule.from_port])
}

deny contains msg if {
	some [name, r] in resources("aws_security_group_rule")
	r.type == "ingress"
	"0.0.0.0/0" in r.cidr_blocks
	msg := sprintf("aws_security_group_rule.%s: ingress on port %v is open to the internet", [name, r.from_port])
}

deny contains msg if {
	some [name, r] in resources("aws_instance")
	not imdsv2(r)
	msg := sprintf("aws_instance.%s: the instance metadata service does not require tokens (IMDSv2)", [name])
}

imdsv2(r) if r.metadata_options[_].http_tokens == "required"

deny contains msg if {
	some [name, r] in resources("aws_instance")
	some disk in r.root_block_device
	disk.encrypted == false
	msg := sprintf("aws_instance.%s: the root volume is not encrypted", [name])
}

deny contains msg if {
	some [name, r] in resources("aws_ebs_volume")
	r.encrypted == false
	msg := sprintf("aws_ebs_volume.%s: the volume is not encrypted", [name])
}

deny contains msg if {
	some [name, r] in resources("aws_db_instance")
	r.storage_encrypted == false
	msg := sprintf("aws_db_instance.%s: storage is not encrypted", [name])
}

deny contains msg if {
	some [name, r] in resources("aws_db_instance")
	r.publicly_accessible == true
	msg := sprintf("aws_db_instance.%s: the database is publicly accessible", [name])
}

deny contains msg if {
	some [name, r] in resources("aws_kms_key")
	not r.enable_key_rotation == true
	msg := sprintf("aws_kms_key.%s: key rotation is not enabled", [name])
}

deny contains msg if {
	some [name, r] in resources("aws_iam_policy")
	regex.match(`Action\s*=\s*(\[\s*)?"([a-z0-9-]+:)?\*"`, r.policy)
	msg := sprintf("aws_iam_policy.%s: the policy allows every action of a service", [name])
}

deny contains msg if {
	some [name, r] in resources("aws_lb_listener")
	r.protocol == "HTTP"
	msg := sprintf("aws_lb_listener.%s: the listener serves plain HTTP", [name])
}
