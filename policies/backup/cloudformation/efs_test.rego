package tollgate.backup.cloudformation.efs_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.backup.cloudformation.efs
import rego.v1

#  1 SharedFs:
#  2   Type: AWS::EFS::FileSystem
#  3   Properties:
#  4     Encrypted: true
#  5     BackupPolicy:
#  6       Status: STATUS
fs(status) := fx.resource("AWS::EFS::FileSystem", "SharedFs", object.union({"Encrypted": true}, backup_policy(status)), {"Encrypted": 4}, 6)

backup_policy(null) := {}

backup_policy(status) := {"BackupPolicy": fx.M(5, 6, {"Status": 6}, {"Status": status})} if status != null

test_tg_cfn_049_violation if {
	f := fx.only(efs.deny, "TG-CFN-049") with input as fs("DISABLED")
	f.location == fx.at(6, 6)
	f.message == `EFS file system "SharedFs" has automatic backups disabled (BackupPolicy Status: DISABLED)`
}

test_tg_cfn_049_compliant if {
	count(fx.ids(efs.deny, "TG-CFN-049")) == 0 with input as fs("ENABLED")
}

test_tg_cfn_049_missing_fires if {
	f := fx.only(efs.deny, "TG-CFN-049") with input as fs(null)
	f.location == fx.at(3, 6)
	f.message == `EFS file system "SharedFs" has automatic backups disabled (BackupPolicy is not set)`
}

test_tg_cfn_049_unknown_does_not_fire if {
	count(fx.ids(efs.deny, "TG-CFN-049")) == 0 with input as fx.resource("AWS::EFS::FileSystem", "SharedFs", {}, {"BackupPolicy": fx.U(5)}, 6)
}
