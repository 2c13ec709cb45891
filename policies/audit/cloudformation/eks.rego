package tollgate.audit.cloudformation.eks

import data.tollgate.lib
import rego.v1

# Control plane logs an investigation needs: who called the API, what it did, and how
# they authenticated.
required_log_types := ["api", "audit", "authenticator"]

# METADATA
# title: CloudFormation EKS control plane logging is incomplete
# description: |
#   The Logging.ClusterLogging.EnabledTypes of an AWS::EKS::Cluster is not set (no
#   control plane logs at all) or lacks one of api, audit and authenticator: requests to
#   the Kubernetes API, the changes they made and the IAM identities behind them are not
#   recorded, and a compromised cluster cannot be investigated. Logging the template does
#   not decide is not reported.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-eks-cluster-logging.html
# - https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
# custom:
#   id: TG-CFN-058
#   severity: medium
#   category: audit
#   provider: aws
#   remediation: Set Logging.ClusterLogging.EnabledTypes to the types api, audit, authenticator, controllerManager and scheduler, and give the /aws/eks/<cluster>/cluster log group a retention.
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#     pci-dss-4.0: ["10.2.1"]
deny contains finding if {
	input.type == "AWS::EKS::Cluster"
	p := input.resource.Properties
	v := logging(p)
	absent := [t | some t in required_log_types; not t in v.enabled]
	count(absent) > 0
	msg := sprintf("EKS cluster %q does not log %s control plane events (Logging EnabledTypes)", [input.name, concat(", ", absent)])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

# logging(p) is the set of enabled log types and where they are written; undefined when
# the template does not decide them.
logging(p) := {"enabled": set(), "location": lib.loc(p)} if {
	lib.missing(p, "Logging")
} else := {"enabled": set(), "location": lib.loc(p.Logging)} if {
	lib.missing(p.Logging, "ClusterLogging")
} else := {"enabled": enabled, "location": lib.attr_loc(cl, "EnabledTypes")} if {
	cl := p.Logging.ClusterLogging
	not lib.unknown(cl, "EnabledTypes")
	enabled := {t.Type | some t in object.get(cl, "EnabledTypes", []); is_string(t.Type)}
}
