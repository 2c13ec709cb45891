package tollgate.encryption.ansible.panos

import data.tollgate.access.ansible.packages
import data.tollgate.access.ansible.panos
import data.tollgate.lib
import rego.v1

# Management services that carry the administrator's session and credentials in clear text.
plaintext_services := {"http": "HTTP", "telnet": "Telnet"}

# METADATA
# title: PAN-OS interface management profile allows HTTP or Telnet
# description: |
#   A paloaltonetworks.panos.panos_management_profile task sets http or telnet to true: the
#   firewall's management interface then accepts administrator logins over an unencrypted
#   protocol, and anyone on the path reads the credentials and the session.
# related_resources:
# - https://docs.paloaltonetworks.com/pan-os/11-1/pan-os-admin/networking/configure-interfaces/use-interface-management-profiles-to-restrict-access
# - https://github.com/PaloAltoNetworks/pan-os-ansible
# custom:
#   id: TG-ANS-013
#   severity: high
#   category: encryption
#   remediation: Set http and telnet to false (or remove them) and manage the firewall over HTTPS and SSH from a dedicated management network.
#   frameworks:
#     nist-800-53: ["SC-8", "AC-17"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["2.2.7"]
deny contains finding if {
	input.type == "ansible_task"
	input.resource.module == "panos_management_profile"
	args := input.resource.args
	panos.configures(args)
	some key, label in plaintext_services
	packages.ansible_true(args[key])
	msg := sprintf("task %q: management profile allows %s (%s: true)", [input.name, label, key])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(args, key), msg)
}

weak_esp_authentication := {"none", "md5", "sha1"}

weak_esp_encryption := {"null", "des", "3des"}

# weak_ipsec are the ways an IPsec crypto profile task protects the tunnel poorly. The
# module defaults, when neither ESP nor AH is set, are ESP with sha1 and 3des.
weak_ipsec contains {"loc": lib.attr_loc(args, "ah_authentication"), "what": "uses AH, which authenticates but does not encrypt"} if {
	args := input.resource.args
	count(panos.members(args, "ah_authentication", [])) > 0
}

weak_ipsec contains {"loc": lib.attr_loc(args, key), "what": sprintf("allows weak ESP authentication %s", [concat(", ", sort(weak))])} if {
	args := input.resource.args
	not ah(args)
	some key in esp_key(args, "esp_authentication", "authentication")
	weak := {lower(m) | some m in panos.members(args, key, ["sha1"])} & weak_esp_authentication
	count(weak) > 0
}

weak_ipsec contains {"loc": lib.attr_loc(args, key), "what": sprintf("allows weak ESP encryption %s", [concat(", ", sort(weak))])} if {
	args := input.resource.args
	not ah(args)
	some key in esp_key(args, "esp_encryption", "encryption")
	weak := {lower(m) | some m in panos.members(args, key, ["aes-256-cbc", "3des"])} & weak_esp_encryption
	count(weak) > 0
}

ah(args) if count(panos.members(args, "ah_authentication", [])) > 0

# esp_key is the argument name used for an ESP setting (the option or its alias).
esp_key(args, name, alias) := {alias} if {
	lib.missing(args, name)
	not lib.missing(args, alias)
} else := {name}

# METADATA
# title: PAN-OS IPsec crypto profile uses weak or no encryption
# description: |
#   A paloaltonetworks.panos.panos_ipsec_profile task uses AH (ah_authentication: integrity
#   only, the tunnel's traffic is not encrypted), or allows ESP authentication none, md5 or
#   sha1, or ESP encryption null, des or 3des. Left unset, the module configures sha1 and
#   3des. A peer or an attacker can then negotiate a tunnel whose traffic is readable or
#   forgeable.
# related_resources:
# - https://docs.paloaltonetworks.com/pan-os/11-1/pan-os-admin/vpns/set-up-site-to-site-vpn/define-cryptographic-profiles/define-ipsec-crypto-profiles
# - https://github.com/PaloAltoNetworks/pan-os-ansible
# custom:
#   id: TG-ANS-014
#   severity: high
#   category: encryption
#   remediation: Use ESP with esp_encryption aes-256-gcm (or aes-128-gcm/aes-256-cbc) and esp_authentication sha256 or stronger, and a DH group of 14 or above.
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#     pci-dss-4.0: ["4.2.1"]
deny contains finding if {
	input.type == "ansible_task"
	input.resource.module == "panos_ipsec_profile"
	panos.configures(input.resource.args)
	some w in weak_ipsec
	msg := sprintf("task %q: IPsec crypto profile %s", [input.name, w.what])
	finding := lib.finding(rego.metadata.rule(), w.loc, msg)
}
