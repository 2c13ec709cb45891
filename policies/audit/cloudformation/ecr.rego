package tollgate.audit.cloudformation.ecr

import data.tollgate.access.cloudformation.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: CloudFormation ECR repository does not scan images on push
# description: |
#   The ImageScanningConfiguration of an AWS::ECR::Repository is missing or sets ScanOnPush
#   to false (the default): images with known vulnerabilities are pushed and deployed
#   without anyone being told. Registry-wide enhanced scanning
#   (AWS::ECR::RegistryScanningConfiguration) is not taken into account.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ecr-repository-imagescanningconfiguration.html
# - https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html
# custom:
#   id: TG-CFN-059
#   severity: low
#   category: audit
#   provider: aws
#   remediation: Set ImageScanningConfiguration to {ScanOnPush true}, or turn on enhanced scanning for the registry.
#   frameworks:
#     nist-800-53: ["RA-5"]
#     soc2: ["CC7.1"]
#     pci-dss-4.0: ["6.3.1"]
deny contains finding if {
	input.type == "AWS::ECR::Repository"
	p := input.resource.Properties
	v := no_scan(p)
	msg := sprintf("ECR repository %q does not scan images on push (%s)", [input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

no_scan(p) := {"text": "ImageScanningConfiguration is not set", "location": lib.loc(p)} if {
	lib.missing(p, "ImageScanningConfiguration")
}

no_scan(p) := {"text": problem, "location": lib.attr_loc(config, "ScanOnPush")} if {
	config := p.ImageScanningConfiguration
	problem := helpers.off(config, "ScanOnPush")
}
