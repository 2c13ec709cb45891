package tollgate.encryption.aws.ami_volumes_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.encryption.aws.ami_volumes
import rego.v1

# resource "aws_ami" "base" {            # line 1
#   name = "base"                        # line 2
#   ebs_block_device {                   # line 3
#     device_name = "/dev/xvdb"          # line 4
#     volume_size = 20                   # line 5
#     ENCRYPTED / SNAPSHOT               # line 6
#   }                                    # line 7
# }                                      # line 8
ami(attrs) := fx.doc("aws_ami", "base", fx.block(1, 8, {
	"name": "base",
	"ebs_block_device": [fx.block(3, 7, object.union({"device_name": "/dev/xvdb", "volume_size": 20}, attrs), {"device_name": 4, "volume_size": 5, "encrypted": 6, "snapshot_id": 6})],
}, {"name": 2}))

test_tg_aws_571_violation if {
	findings := ami_volumes.deny with input as ami({})
	fx.found(findings, "TG-AWS-571", fx.span(3, 7), `AMI "base" gives its instances an unencrypted volume "/dev/xvdb" (encrypted is not set, default false)`)
	count(findings) == 1
	fx.found(ami_volumes.deny, "TG-AWS-571", fx.at(6), `AMI "base" gives its instances an unencrypted volume "/dev/xvdb" (encrypted = false)`) with input as ami({"encrypted": false})
}

test_tg_aws_571_compliant if {
	count(ami_volumes.deny) == 0 with input as ami({"encrypted": true})
	count(ami_volumes.deny) == 0 with input as ami({"encrypted": fx.unknown})
	count(ami_volumes.deny) == 0 with input as ami({"snapshot_id": "snap-1"})
	count(ami_volumes.deny) == 0 with input as ami({"snapshot_id": fx.unknown})
}
