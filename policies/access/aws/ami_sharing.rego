package tollgate.access.aws.ami_sharing

import data.tollgate.lib
import rego.v1

# METADATA
# title: AMI is public
# description: |
#   An aws_ami_launch_permission with group = "all" makes the image public: any AWS
#   account can launch or copy it, and read everything baked into its snapshots (code,
#   configuration files, keys and credentials left on the disk).
# related_resources:
# - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html
# custom:
#   id: TG-AWS-572
#   severity: high
#   category: access
#   provider: aws
#   remediation: Remove the aws_ami_launch_permission with group = "all"; share the image with the accounts, organization or organizational units that need it instead.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-21"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_ami_launch_permission"
	r := input.resource
	r.group == "all"
	msg := sprintf("AMI launch permission %q makes the image public (group = \"all\")", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "group"), msg)
}

# METADATA
# title: AMI is shared with other accounts
# description: |
#   An aws_ami_launch_permission shares the image with another AWS account, an
#   organization or an organizational unit (account_id, organization_arn,
#   organizational_unit_arn): those accounts can launch and copy it and read everything
#   baked into its snapshots, and keep their copies after the permission is revoked. Each
#   share should be deliberate; shares that are can be recorded as exceptions. Public
#   images are reported by TG-AWS-572.
# related_resources:
# - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-explicit.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ami_launch_permission
# custom:
#   id: TG-AWS-573
#   severity: low
#   category: access
#   provider: aws
#   remediation: Share the image only with the accounts or organizational units that launch it, keep no secrets in images, and record the deliberate shares as exceptions.
#   frameworks:
#     nist-800-53: ["AC-3", "AC-21"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_ami_launch_permission"
	r := input.resource
	not r.group == "all"
	msg := sprintf("AMI launch permission %q shares the image with %s", [input.name, grantee(r)])
	finding := lib.finding(rego.metadata.rule(), lib.loc(r), msg)
}

grantee(r) := sprintf("account %s", [r.account_id]) if is_string(r.account_id)

else := sprintf("organization %s", [r.organization_arn]) if is_string(r.organization_arn)

else := sprintf("organizational unit %s", [r.organizational_unit_arn]) if is_string(r.organizational_unit_arn)

else := "another account"

# METADATA
# title: AMI lookup trusts images from any owner
# description: |
#   A data "aws_ami" block sets no owners (or an empty list): the lookup returns the
#   matching image of any AWS account, so whoever publishes a public image whose name
#   matches the filters (with most_recent, a newer one) gets their image launched with
#   the instance's role and network access (the "whoAMI" name confusion attack). Lookups
#   that pin the exact image with an image-id filter are not reported.
# related_resources:
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/ami#owners
# - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-allowed-amis.html
# custom:
#   id: TG-AWS-574
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Set owners to the account ids (or "amazon", "self") that publish the images you use, e.g. owners = ["099720109477"] for Canonical.
#   frameworks:
#     nist-800-53: ["SI-7", "SR-11"]
#     soc2: ["CC7.1"]
deny contains finding if {
	input.type == "data.aws_ami"
	r := input.resource
	no_owners(r)
	not pinned(r)
	msg := sprintf("AMI lookup %q accepts images from any owner (%s)", [input.name, owners_text(r)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "owners"), msg)
}

no_owners(r) if lib.missing(r, "owners")

no_owners(r) if {
	not lib.unknown(r, "owners")
	r.owners == []
}

owners_text(r) := "owners = []" if r.owners == []

else := "owners is not set"

pinned(r) if {
	some f in r.filter
	f.name == "image-id"
}

pinned(r) if lib.unknown(r, "filter")
