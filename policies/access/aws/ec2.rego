package tollgate.access.aws.ec2

import data.tollgate.lib
import rego.v1

kinds := {
	"aws_instance": "EC2 instance",
	"aws_launch_template": "launch template",
	"aws_launch_configuration": "launch configuration",
}

# METADATA
# title: EC2 instance metadata service allows IMDSv1
# description: |
#   The metadata_options of an aws_instance, aws_launch_template or
#   aws_launch_configuration leave http_tokens at "optional" (the provider's default
#   when the block or the attribute is left out, unless the AMI requires IMDSv2). IMDSv1
#   answers unauthenticated GET requests, so a server-side request forgery in the
#   application hands out the instance role's credentials. Not reported when
#   http_endpoint = "disabled".
# related_resources:
# - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-8
# custom:
#   id: TG-AWS-065
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Add metadata_options { http_tokens = "required" } (and http_put_response_hop_limit = 1 unless containers on the host need the metadata service).
#   frameworks:
#     cis-aws-2.0: ["5.6"]
deny contains finding if {
	input.type in {"aws_instance", "aws_launch_template", "aws_launch_configuration"}
	some v in imdsv1
	finding := lib.finding(rego.metadata.rule(), v.location, v.message)
}

imdsv1 contains v if {
	r := input.resource
	no_block(r, "metadata_options")
	v := {
		"location": lib.loc(r),
		"message": sprintf("%s %q allows IMDSv1 (metadata_options is not set, http_tokens defaults to optional)", [kinds[input.type], input.name]),
	}
}

imdsv1 contains v if {
	some m in input.resource.metadata_options
	not m.http_endpoint == "disabled"
	problem := optional_tokens(m)
	v := {
		"location": lib.attr_loc(m, "http_tokens"),
		"message": sprintf("%s %q allows IMDSv1 (%s)", [kinds[input.type], input.name, problem]),
	}
}

optional_tokens(m) := "http_tokens = \"optional\"" if {
	m.http_tokens == "optional"
} else := "http_tokens is not set, default optional" if {
	lib.missing(m, "http_tokens")
}

no_block(obj, key) if lib.missing(obj, key)

no_block(obj, key) if obj[key] == []

# METADATA
# title: EC2 instance gets a public IP address
# description: |
#   associate_public_ip_address = true on an aws_instance or aws_launch_configuration,
#   or on a network_interfaces block of an aws_launch_template: the instance is
#   addressable from the internet, and only its security groups protect every service
#   it runs.
# related_resources:
# - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html#concepts-public-addresses
# - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-9
# custom:
#   id: TG-AWS-066
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Set associate_public_ip_address = false, launch instances in private subnets, and publish services through a load balancer.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type in {"aws_instance", "aws_launch_template", "aws_launch_configuration"}
	some location in public_ip
	msg := sprintf("%s %q gets a public IP address (associate_public_ip_address = true)", [kinds[input.type], input.name])
	finding := lib.finding(rego.metadata.rule(), location, msg)
}

public_ip contains lib.attr_loc(r, "associate_public_ip_address") if {
	input.type in {"aws_instance", "aws_launch_configuration"}
	r := input.resource
	lib.is_true(r.associate_public_ip_address)
}

public_ip contains lib.attr_loc(nic, "associate_public_ip_address") if {
	input.type == "aws_launch_template"
	some nic in input.resource.network_interfaces
	lib.is_true(nic.associate_public_ip_address)
}
