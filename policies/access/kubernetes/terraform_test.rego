package tollgate.access.kubernetes.terraform_test

import data.tollgate.access.gcp.fixtures_test as tf
import data.tollgate.access.kubernetes.terraform
import rego.v1

path := "k8s/netpol.tf"

#  1 resource "kubernetes_network_policy_v1" "web" {
#  2   spec {
#  3     ingress {
#  4       from {
#  5         ip_block {
#  6           cidr = INGRESS
#  7         }
#  8       }
#  9     }
# 10     egress {
# 11       to {
# 12         ip_block {
# 13           cidr = EGRESS
# 14         }
# 15       }
# 16     }
# 17   }
# 18 }
policy(ingress, egress) := tf.resource("kubernetes_network_policy_v1", "web", tf.block(path, 1, 18, {"spec": [tf.block(path, 2, 17, {
	"ingress": [tf.block(path, 3, 9, {"from": [tf.block(path, 4, 8, {"ip_block": [tf.block(path, 5, 7, ingress, {"cidr": 6})]}, {})]}, {})],
	"egress": [tf.block(path, 10, 16, {"to": [tf.block(path, 11, 15, {"ip_block": [tf.block(path, 12, 14, egress, {"cidr": 13})]}, {})]}, {})],
}, {})]}, {}))

test_tg_k8s_133_violation if {
	f := {x | some x in terraform.deny with input as policy({"cidr": "0.0.0.0/0"}, {"cidr": "10.0.0.0/8"})}
	count(f) == 1
	some g in f
	g.rule_id == "TG-K8S-133"
	g.location == {"path": path, "start_line": 6, "end_line": 6}
	g.message == "kubernetes_network_policy_v1.web allows ingress from any IP address (ip_block cidr 0.0.0.0/0)"
}

test_tg_k8s_133_egress if {
	f := {x | some x in terraform.deny with input as policy({"cidr": "10.0.0.0/8"}, {"cidr": "::/0"})}
	count(f) == 1
	some g in f
	g.location == {"path": path, "start_line": 13, "end_line": 13}
	g.message == "kubernetes_network_policy_v1.web allows egress to any IP address (ip_block cidr ::/0)"
}

test_tg_k8s_133_compliant if {
	count(terraform.deny) == 0 with input as policy({"cidr": "10.0.0.0/8"}, {"cidr": "192.168.0.0/16"})
	# A cidr that is not known statically is not reported.
	unknown := json.patch(policy({"cidr": "0.0.0.0/0"}, {"cidr": "10.0.0.0/8"}), [
		{"op": "remove", "path": "/resource/spec/0/ingress/0/from/0/ip_block/0/cidr"},
		{"op": "add", "path": "/resource/spec/0/ingress/0/from/0/ip_block/0/__loc/attrs/cidr/unknown", "value": true},
	])
	count(terraform.deny) == 0 with input as unknown
}
