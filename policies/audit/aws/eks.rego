package tollgate.audit.aws.eks

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# Every control plane log type: who called the API, what it did, how they
# authenticated, and what the controllers and the scheduler did in response.
required_log_types := ["api", "audit", "authenticator", "controllerManager", "scheduler"]

# METADATA
# title: EKS control plane logging is incomplete
# description: |
#   enabled_cluster_log_types on an aws_eks_cluster is not set (no control plane logs
#   at all) or lacks one of the five log types: without "api", "audit" and
#   "authenticator" the requests to the Kubernetes API, the changes they made and the
#   IAM identities behind them are not recorded; without "controllerManager" and
#   "scheduler" what the control plane did in response (pods created by a compromised
#   workload controller, placement on chosen nodes) is not either.
# related_resources:
# - https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
# - https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-8
# custom:
#   id: TG-AWS-177
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: Set enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"] and give the /aws/eks/<cluster>/cluster log group a retention.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "aws_eks_cluster"
	r := input.resource
	not lib.unknown(r, "enabled_cluster_log_types")
	enabled := helpers.strings_of(object.get(r, "enabled_cluster_log_types", []))
	absent := [t | some t in required_log_types; not t in enabled]
	count(absent) > 0
	msg := sprintf("EKS cluster %q does not log %s control plane events (enabled_cluster_log_types)", [input.name, concat(", ", absent)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "enabled_cluster_log_types"), msg)
}
