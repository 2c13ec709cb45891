package tollgate.access.kubernetes.gatekeeper

import data.tollgate.access.kubernetes.workload
import data.tollgate.lib
import rego.v1

# open_ended(repo) holds for an allowed-repository prefix that does not end at a
# boundary of the image reference: "registry.example.com" also admits
# registry.example.com.attacker.net/x, "docker.io/acme" also admits docker.io/acme-evil/x.
open_ended(repo) if {
	is_string(repo)
	repo != ""
	not regex.match(`[/:@]$`, repo)
}

# METADATA
# title: Gatekeeper allowed repositories match more than intended
# description: |
#   A Gatekeeper K8sAllowedRepos constraint lists a repository that does not end with "/"
#   (or ":" or "@"): the template matches images by prefix, so an image from a registry or
#   organisation whose name merely starts with it (registry.example.com.attacker.net,
#   docker.io/acme-evil) is admitted as trusted.
# related_resources:
# - https://open-policy-agent.github.io/gatekeeper-library/website/validation/allowedrepos/
# custom:
#   id: TG-K8S-130
#   severity: medium
#   category: access
#   provider: kubernetes
#   remediation: End every entry of spec.parameters.repos with "/" (registry.example.com/team/), or use K8sAllowedReposv2 with exact image names.
#   frameworks:
#     nist-800-53: ["CM-7", "SR-11"]
#     soc2: ["CC6.8"]
deny contains finding if {
	input.type == "K8sAllowedRepos"
	startswith(input.resource.apiVersion, "constraints.gatekeeper.sh/")
	params := input.resource.spec.parameters
	open := [r | some r in workload.list(params.repos); open_ended(r)]
	count(open) > 0
	msg := sprintf("%s %q admits images from repositories that only start with %s (prefixes that do not end with /)", [input.type, input.name, concat(", ", open)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(params, "repos"), msg)
}
