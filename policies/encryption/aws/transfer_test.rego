package tollgate.encryption.aws.transfer_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.transfer
import rego.v1

# resource "aws_transfer_server" "ftp" {   # line 1
#   endpoint_type = "VPC"                  # line 2
#   protocols     = PROTOCOLS              # line 3
# }                                        # line 4
server(protocols) := fx.doc("aws_transfer_server", "ftp", fx.block(1, 4, {"endpoint_type": "VPC", "protocols": protocols}, {"endpoint_type": 2, "protocols": 3}))

test_tg_aws_312_violation if {
	findings := transfer.deny with input as server(["FTP", "FTPS"])
	fx.found(findings, "TG-AWS-312", fx.at(3), `Transfer Family server "ftp" allows plain FTP (protocols includes "FTP")`)
	count(findings) == 1
}

test_tg_aws_312_compliant if {
	count(transfer.deny) == 0 with input as server(["SFTP", "FTPS"])
	count(transfer.deny) == 0 with input as server(fx.unknown)
	count(transfer.deny) == 0 with input as fx.doc("aws_transfer_server", "ftp", fx.block(1, 4, {"endpoint_type": "VPC"}, {"endpoint_type": 2}))
}
