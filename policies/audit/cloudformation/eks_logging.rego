package tollgate.audit.cloudformation.eks_logging

import data.tollgate.lib
import rego.v1

log_types := ["api", "audit", "authenticator", "controllerManager", "scheduler"]

# METADATA
# title: CloudFormation EKS control plane does not log every component
# description: |
#   The Logging.ClusterLogging.EnabledTypes of an AWS::EKS::Cluster leave out one of the five
#   control plane log types (api, audit, authenticator, controllerManager, scheduler), or the
#   cluster has no Logging (no log type is on by default): what the controller manager and
#   the scheduler did (service account token use, pod placement decisions) cannot be
#   reconstructed after an incident. The api, audit and authenticator types alone are checked
#   by TG-CFN-058. A list the template does not fully decide is not evaluated.
# related_resources:
# - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-eks-cluster-logging.html
# - https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
# custom:
#   id: TG-CFN-143
#   severity: low
#   category: audit
#   provider: aws
#   remediation: List all five types in Logging.ClusterLogging.EnabledTypes (each as {Type - name}).
#   frameworks:
#     nist-800-53: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
deny contains finding if {
	input.type == "AWS::EKS::Cluster"
	p := input.resource.Properties
	v := incomplete(p)
	msg := sprintf("EKS cluster %q does not log every control plane component (missing %s)", [input.name, concat(", ", v.missing)])
	finding := lib.finding(rego.metadata.rule(), v.location, msg)
}

incomplete(p) := {"missing": log_types, "location": lib.loc(p)} if {
	lib.missing(p, "Logging")
} else := {"missing": log_types, "location": lib.loc(p.Logging)} if {
	is_object(p.Logging)
	lib.missing(p.Logging, "ClusterLogging")
} else := {"missing": log_types, "location": lib.loc(p.Logging.ClusterLogging)} if {
	is_object(p.Logging.ClusterLogging)
	lib.missing(p.Logging.ClusterLogging, "EnabledTypes")
} else := {"missing": missing, "location": lib.attr_loc(cl, "EnabledTypes")} if {
	cl := p.Logging.ClusterLogging
	is_array(cl.EnabledTypes)
	not lib.unknown(cl, "EnabledTypes")
	not some_type_unknown(cl.EnabledTypes)
	enabled := {t.Type | some t in cl.EnabledTypes; is_string(t.Type)}
	missing := [t | some t in log_types; not t in enabled]
	count(missing) > 0
}

some_type_unknown(types) if {
	some t in types
	is_object(t)
	lib.unknown(t, "Type")
}
