package tollgate.access.cloudformation.ecr_test

import data.tollgate.access.cloudformation.ecr
import data.tollgate.access.cloudformation.fixtures_test as fx
import rego.v1

#  1 AppRepo:
#  2   Type: AWS::ECR::Repository
#  3   Properties:
#  4     RepositoryName: orders/app
#  5     <each of props>
repo(props) := fx.resource("AWS::ECR::Repository", "AppRepo", object.union({"RepositoryName": "orders/app"}, props), object.union({"RepositoryName": 4}, {k: 5 | some k, _ in props}), 5)

test_tg_cfn_019_violation if {
	f := fx.only(ecr.deny, "TG-CFN-019") with input as repo({"ImageTagMutability": "MUTABLE"})
	f.location == fx.at(5, 5)
	f.message == `ECR repository "AppRepo" allows image tags to be overwritten (ImageTagMutability: MUTABLE)`
}

test_tg_cfn_019_compliant if {
	count(fx.ids(ecr.deny, "TG-CFN-019")) == 0 with input as repo({"ImageTagMutability": "IMMUTABLE"})
	count(fx.ids(ecr.deny, "TG-CFN-019")) == 0 with input as repo({"ImageTagMutability": "IMMUTABLE_WITH_EXCLUSION"})
}

test_tg_cfn_019_default_fires if {
	f := fx.only(ecr.deny, "TG-CFN-019") with input as repo({})
	f.location == fx.at(3, 5)
	f.message == `ECR repository "AppRepo" allows image tags to be overwritten (ImageTagMutability is not set, default MUTABLE)`
}

test_tg_cfn_019_unknown_does_not_fire if {
	count(fx.ids(ecr.deny, "TG-CFN-019")) == 0 with input as fx.resource("AWS::ECR::Repository", "AppRepo", {}, {"ImageTagMutability": fx.U(4)}, 4)
}
