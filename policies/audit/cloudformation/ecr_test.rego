package tollgate.audit.cloudformation.ecr_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.audit.cloudformation.ecr
import rego.v1

#  1 AppRepo:
#  2   Type: AWS::ECR::Repository
#  3   Properties:
#  4     RepositoryName: orders/app
#  5     ImageScanningConfiguration:
#  6       ScanOnPush: SCAN
repo(scan) := fx.resource("AWS::ECR::Repository", "AppRepo", object.union({"RepositoryName": "orders/app"}, scanning(scan)), {"RepositoryName": 4}, 6)

scanning(null) := {}

scanning(scan) := {"ImageScanningConfiguration": fx.M(5, 6, {"ScanOnPush": 6}, {"ScanOnPush": scan})} if scan != null

test_tg_cfn_059_violation if {
	f := fx.only(ecr.deny, "TG-CFN-059") with input as repo(false)
	f.location == fx.at(6, 6)
	f.message == `ECR repository "AppRepo" does not scan images on push (ScanOnPush: false)`
}

test_tg_cfn_059_compliant if {
	count(fx.ids(ecr.deny, "TG-CFN-059")) == 0 with input as repo(true)
	count(fx.ids(ecr.deny, "TG-CFN-059")) == 0 with input as repo("true")
}

test_tg_cfn_059_missing_fires if {
	f := fx.only(ecr.deny, "TG-CFN-059") with input as repo(null)
	f.location == fx.at(3, 6)
	f.message == `ECR repository "AppRepo" does not scan images on push (ImageScanningConfiguration is not set)`
}

test_tg_cfn_059_unknown_does_not_fire if {
	count(fx.ids(ecr.deny, "TG-CFN-059")) == 0 with input as fx.resource("AWS::ECR::Repository", "AppRepo", {}, {"ImageScanningConfiguration": fx.U(5)}, 6)
}
