package tollgate.access.cloudformation.ec2

import data.tollgate.lib
import rego.v1

kinds := {
	"AWS::EC2::Instance": "EC2 instance",
	"AWS::EC2::LaunchTemplate": "launch template",
	"AWS::AutoScaling::LaunchConfiguration": "launch configuration",
}

# METADATA
# title: CloudFormation launch template or configuration allows IMDSv1
# description: |
#   The MetadataOptions of an AWS::EC2::LaunchTemplate (in LaunchTemplateData) or an
#   AWS::AutoScaling::LaunchConfiguration leave HttpTokens at optional (the EC2 default when
#   MetadataOptions or HttpTokens is left out, unless the AMI requires IMDSv2): IMDSv1
#   answers unauthenticated GET requests, so a server-side request forgery in the
#   application hands out the instance role's credentials. Not reported when HttpEndpoint
#   is disabled, nor when the template does not decide the value.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-launchtemplate-metadataoptions.html
# - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html
# custom:
#   id: TG-CFN-104
#   severity: high
#   category: access
#   provider: aws
#   remediation: Set MetadataOptions.HttpTokens to required (with HttpPutResponseHopLimit 1, or 2 for containers).
#   frameworks:
#     nist-800-53: ["AC-3", "SC-7"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type in {"AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration"}
	data_ := instance_data
	is_object(data_)
	v := imds_v1(data_)
	msg := sprintf("%s %q allows IMDSv1 (%s)", [kinds[input.type], input.name, v.text])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

instance_data := input.resource.Properties.LaunchTemplateData if input.type == "AWS::EC2::LaunchTemplate"

instance_data := input.resource.Properties if input.type == "AWS::AutoScaling::LaunchConfiguration"

imds_v1(d) := {"text": "MetadataOptions is not set, HttpTokens default optional", "location": lib.loc(d)} if {
	lib.missing(d, "MetadataOptions")
} else := v if {
	m := d.MetadataOptions
	is_object(m)
	not m.HttpEndpoint == "disabled"
	not lib.unknown(m, "HttpEndpoint")
	v := tokens_optional(m)
}

tokens_optional(m) := {"text": "HttpTokens: optional", "location": lib.attr_loc(m, "HttpTokens")} if {
	m.HttpTokens == "optional"
} else := {"text": "HttpTokens is not set, default optional", "location": lib.loc(m)} if {
	lib.missing(m, "HttpTokens")
}

# METADATA
# title: CloudFormation EC2 instance gets a public IP address
# description: |
#   AssociatePublicIpAddress is true on an AWS::AutoScaling::LaunchConfiguration, or on a
#   NetworkInterfaces entry of an AWS::EC2::Instance or of the LaunchTemplateData of an
#   AWS::EC2::LaunchTemplate: the instance is addressable from the internet, and only its
#   security groups protect every service it runs. Left out, the subnet decides, which the
#   template does not show, so it is not reported.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-instance-networkinterface.html
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-autoscaling-launchconfiguration.html#cfn-autoscaling-launchconfiguration-associatepublicipaddress
# custom:
#   id: TG-CFN-105
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Set AssociatePublicIpAddress to false (or leave it out in private subnets) and reach instances through a load balancer, SSM Session Manager or a bastion.
#   frameworks:
#     nist-800-53: ["SC-7"]
#     pci-dss-4.0: ["1.4.1"]
#     soc2: ["CC6.6"]
deny contains finding if {
	input.type in {"AWS::EC2::Instance", "AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration"}
	some holder in public_ip_holders
	lib.is_true(holder.AssociatePublicIpAddress)
	msg := sprintf("%s %q associates a public IP address (AssociatePublicIpAddress: true)", [kinds[input.type], input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(holder, "AssociatePublicIpAddress"), msg)
}

public_ip_holders contains input.resource.Properties if input.type == "AWS::AutoScaling::LaunchConfiguration"

public_ip_holders contains ni if {
	input.type == "AWS::EC2::Instance"
	some ni in input.resource.Properties.NetworkInterfaces
	is_object(ni)
}

public_ip_holders contains ni if {
	input.type == "AWS::EC2::LaunchTemplate"
	some ni in input.resource.Properties.LaunchTemplateData.NetworkInterfaces
	is_object(ni)
}
