package tollgate.encryption.aws.transfer

import data.tollgate.lib
import rego.v1

# METADATA
# title: Transfer Family server allows plain FTP
# description: |
#   The protocols of an aws_transfer_server include "FTP": user names, passwords and the
#   files themselves cross the network unencrypted, readable and alterable by anyone on
#   the path.
# related_resources:
# - https://docs.aws.amazon.com/transfer/latest/userguide/create-server-ftp.html
# - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/transfer_server#protocols
# custom:
#   id: TG-AWS-312
#   severity: high
#   category: encryption
#   provider: aws
#   remediation: Remove "FTP" from protocols and offer "SFTP" or "FTPS" instead.
#   frameworks:
#     nist-800-53: ["SC-8", "IA-5(1)"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "aws_transfer_server"
	r := input.resource
	some p in r.protocols
	is_string(p)
	upper(p) == "FTP"
	msg := sprintf("Transfer Family server %q allows plain FTP (protocols includes \"FTP\")", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "protocols"), msg)
}
