package tollgate.audit.aws.ecr

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: ECR repository does not scan images on push
# description: |
#   The aws_ecr_repository has no image_scanning_configuration, or one whose
#   scan_on_push is false or not set (its default is false): pushed images are not
#   checked for known vulnerabilities, so nobody learns that a release ships a
#   vulnerable package. Accounts that scan through a registry-wide
#   aws_ecr_registry_scanning_configuration (Amazon Inspector) can suppress it.
# related_resources:
# - https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html#ecr-1
# custom:
#   id: TG-AWS-176
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Add image_scanning_configuration { scan_on_push = true }, or enable enhanced scanning for the registry.
#   frameworks:
#     nist-800-53: ["RA-5"]
#     soc2: ["CC7.1"]
#     pci-dss-4.0: ["6.3.1"]
deny contains finding if {
	input.type == "aws_ecr_repository"
	some v in unscanned
	msg := sprintf("ECR repository %q does not scan images on push (%s)", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

unscanned contains {"text": "no image_scanning_configuration", "location": lib.loc(input.resource)} if {
	helpers.no_block(input.resource, "image_scanning_configuration")
}

unscanned contains {"text": problem, "location": lib.attr_loc(config, "scan_on_push")} if {
	some config in input.resource.image_scanning_configuration
	problem := helpers.off(config, "scan_on_push")
}
