package tollgate.access.ansible.ec2_test

import data.tollgate.access.ansible.ec2
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

at(line) := {"path": "site.yml", "start_line": line, "end_line": line}

#     - name: Launch the web servers            # line 40
#       amazon.aws.ec2_instance:                # line 41
#         image_id: ami-0abcdef1234567890       # line 42
#         instance_type: t3.micro               # line 43
#         ...                                   # lines 44-46
task(module, extra, attrs) := {
	"format": "ansible",
	"type": "ansible_task",
	"name": "Launch the web servers",
	"address": "site.yml:web/tasks/Launch the web servers",
	"path": "site.yml",
	"resource": {
		"name": "Launch the web servers",
		"module": module,
		"fqcn": concat(".", ["amazon.aws", module]),
		"args": object.union(
			{
				"image_id": "ami-0abcdef1234567890",
				"instance_type": "t3.micro",
				"__loc": {
					"path": "site.yml", "start_line": 41, "end_line": 46,
					"attrs": object.union({"image_id": {"start_line": 42, "end_line": 42}, "instance_type": {"start_line": 43, "end_line": 43}}, attrs),
				},
			},
			extra,
		),
		"__loc": {"path": "site.yml", "start_line": 40, "end_line": 46, "attrs": {"name": {"start_line": 40, "end_line": 40}}},
	},
}

network(values) := object.union(values, {"__loc": {"path": "site.yml", "start_line": 45, "end_line": 46, "attrs": {"assign_public_ip": {"start_line": 46, "end_line": 46}}}})

test_tg_ans_006_violation if {
	doc := task("ec2_instance", {"vpc_subnet_id": "subnet-1", "network": network({"assign_public_ip": true})}, {"vpc_subnet_id": {"start_line": 44, "end_line": 44}})
	findings := ec2.deny with input as doc
	some f in findings
	f.rule_id == "TG-ANS-006"
	f.location == at(46)
	f.message == `task "Launch the web servers" launches EC2 instances with a public IP address (assign_public_ip: true)`
}

test_tg_ans_006_default_vpc if {
	findings := ec2.deny with input as task("ec2_instance", {}, {})
	some f in findings
	f.rule_id == "TG-ANS-006"
	f.location == {"path": "site.yml", "start_line": 41, "end_line": 46}
	f.message == `task "Launch the web servers" launches EC2 instances in the default VPC, which gives them public IP addresses (no vpc_subnet_id, no assign_public_ip: false)`
}

test_tg_ans_006_interfaces if {
	nic := object.union({"assign_public_ip": "yes"}, {"__loc": {"path": "site.yml", "start_line": 45, "end_line": 46, "attrs": {"assign_public_ip": {"start_line": 46, "end_line": 46}}}})
	doc := task("ec2_instance", {"vpc_subnet_id": "subnet-1", "network_interfaces": [nic]}, {})
	count(ids(ec2.deny, "TG-ANS-006")) == 1 with input as doc
}

test_tg_ans_006_compliant if {
	every doc in [
		task("ec2_instance", {"vpc_subnet_id": "subnet-1"}, {}),
		task("ec2_instance", {"vpc_subnet_id": "{{ private_subnet }}"}, {}),
		task("ec2_instance", {"network": network({"assign_public_ip": false})}, {}),
		task("ec2_instance", {"vpc_subnet_id": "subnet-1", "network": network({"assign_public_ip": "{{ public }}"})}, {}),
		# no image: the task manages existing instances
		json.remove(task("ec2_instance", {}, {}), ["resource/args/image_id"]),
		task("ec2_vol", {}, {}),
	] {
		count(ids(ec2.deny, "TG-ANS-006")) == 0 with input as doc
	}
	# a subnet id that cannot be known is a subnet all the same
	unknown := task("ec2_instance", {}, {"vpc_subnet_id": {"unknown": true}})
	count(ids(ec2.deny, "TG-ANS-006")) == 0 with input as unknown
}

