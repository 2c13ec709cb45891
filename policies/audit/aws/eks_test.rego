package tollgate.audit.aws.eks_test

import data.tollgate.access.aws.fixture as fx
import data.tollgate.audit.aws.eks
import rego.v1

# resource "aws_eks_cluster" "main" {                # line 1
#   name                      = "main"               # line 2
#   enabled_cluster_log_types = TYPES                # line 3
# }                                                  # line 4
cluster(attrs) := fx.doc("aws_eks_cluster", "main", fx.block(1, 4, object.union({"name": "main"}, attrs), {"name": 2, "enabled_cluster_log_types": 3}))

test_tg_aws_177_violation if {
	findings := eks.deny with input as cluster({"enabled_cluster_log_types": ["api"]})
	fx.found(findings, "TG-AWS-177", fx.at(3), `EKS cluster "main" does not log audit, authenticator, controllerManager, scheduler control plane events (enabled_cluster_log_types)`)
	count(findings) == 1
}

test_tg_aws_177_compliant if {
	count(eks.deny) == 0 with input as cluster({"enabled_cluster_log_types": ["api", "audit", "authenticator", "controllerManager", "scheduler"]})
	count(eks.deny) == 0 with input as cluster({"enabled_cluster_log_types": fx.unknown})
}

test_tg_aws_177_missing_fires if {
	fx.found(eks.deny, "TG-AWS-177", fx.span(1, 4), `EKS cluster "main" does not log api, audit, authenticator, controllerManager, scheduler control plane events (enabled_cluster_log_types)`) with input as cluster({})
}

test_tg_aws_177_scheduler_missing if {
	findings := eks.deny with input as cluster({"enabled_cluster_log_types": ["api", "audit", "authenticator", "controllerManager"]})
	fx.found(findings, "TG-AWS-177", fx.at(3), `EKS cluster "main" does not log scheduler control plane events (enabled_cluster_log_types)`)
}
