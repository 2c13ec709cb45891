package tollgate.access.aws.security_group_tfplan_test

# TG-AWS-002 on an aws_security_group read from a Terraform plan (scanners/tfplan): the
# ingress set holds every attribute of the schema, in the plan's order, each item located on
# the ingress block of main.tf it came from.

import data.tollgate.access.aws.security_group
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

ingress(desc, port, cidrs, start) := {
	"cidr_blocks": cidrs,
	"description": desc,
	"from_port": port,
	"ipv6_cidr_blocks": [],
	"prefix_list_ids": [],
	"protocol": "tcp",
	"security_groups": [],
	"self": false,
	"to_port": port,
	"__loc": {
		"path": "tfplan/main.tf", "start_line": start, "end_line": start + 6,
		"attrs": {
			"description": {"start_line": start + 1, "end_line": start + 1},
			"from_port": {"start_line": start + 2, "end_line": start + 2},
			"to_port": {"start_line": start + 3, "end_line": start + 3},
			"protocol": {"start_line": start + 4, "end_line": start + 4},
			"cidr_blocks": {"start_line": start + 5, "end_line": start + 5},
		},
	},
}

# ingress { description = "https" ... }   main.tf lines 47-53
# ingress { description = "ssh" ... }     main.tf lines 55-61
group(ssh_cidrs) := {
	"format": "terraform",
	"type": "aws_security_group",
	"name": "bastion",
	"address": "aws_security_group.bastion",
	"path": "tfplan/main.tf",
	"resource": {
		"name": "bastion",
		"description": "Managed by Terraform",
		"revoke_rules_on_delete": false,
		"ingress": [ingress("ssh", 22, ssh_cidrs, 55), ingress("https", 443, ["0.0.0.0/0"], 47)],
		"__loc": {
			"path": "tfplan/main.tf", "start_line": 44, "end_line": 62,
			"attrs": {
				"name": {"start_line": 45, "end_line": 45},
				"ingress": {"start_line": 47, "end_line": 61},
				"egress": {"unknown": true},
				"vpc_id": {"unknown": true},
			},
		},
	},
}

test_plan_open_ssh_on_its_block if {
	findings := security_group.deny with input as group(["0.0.0.0/0"])
	some f in findings
	f.rule_id == "TG-AWS-002"
	f.location == {"path": "tfplan/main.tf", "start_line": 60, "end_line": 60}
	f.message == `security group "bastion" allows ingress to SSH (port 22) from 0.0.0.0/0`
	count(ids(findings, "TG-AWS-002")) == 1
}

test_plan_restricted_ssh_compliant if {
	count(ids(security_group.deny, "TG-AWS-002")) == 0 with input as group(["10.0.0.0/8"])
}
