package tollgate.access.compose.service_test

import data.tollgate.access.compose.service
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

loc(start, end) := {"path": "compose.yaml", "start_line": start, "end_line": end}

attr(line) := {"start_line": line, "end_line": line}

# svc(body, attrs) is the document of service "agent", lines 10-20.
svc(body, attrs) := {
	"format": "compose",
	"type": "compose_service",
	"name": "agent",
	"address": "compose.yaml#agent",
	"path": "compose.yaml",
	"resource": object.union(
		{"name": "agent", "image": "portainer/agent:2.19.4", "__loc": object.union(loc(10, 20), {"attrs": object.union({"image": attr(11)}, attrs)})},
		body,
	),
}

test_tg_compose_001_violation if {
	findings := service.deny with input as svc({"privileged": true}, {"privileged": attr(12)})
	some f in findings
	f.rule_id == "TG-COMPOSE-001"
	f.location == loc(12, 12)
	f.message == `service "agent" runs privileged`
}

test_tg_compose_001_compliant if {
	every doc in [svc({}, {}), svc({"privileged": false}, {"privileged": attr(12)})] {
		count(ids(service.deny, "TG-COMPOSE-001")) == 0 with input as doc
	}
}

test_tg_compose_002_violation if {
	doc := svc({"network_mode": "host", "pid": "host"}, {"network_mode": attr(13), "pid": attr(14)})
	found := {[f.location, f.message] | some f in ids(service.deny, "TG-COMPOSE-002")} with input as doc
	found == {
		[loc(13, 13), `service "agent" shares the host's network namespace (network_mode: host)`],
		[loc(14, 14), `service "agent" shares the host's PID namespace (pid: host)`],
	}
}

test_tg_compose_002_ipc_fires if {
	count(ids(service.deny, "TG-COMPOSE-002")) == 1 with input as svc({"ipc": "host"}, {"ipc": attr(13)})
}

test_tg_compose_002_compliant if {
	doc := svc({"network_mode": "service:vpn", "pid": "service:app", "ipc": "private"}, {})
	count(ids(service.deny, "TG-COMPOSE-002")) == 0 with input as doc
}

env(vars, attrs) := {"environment": object.union(vars, {"__loc": object.union(loc(15, 19), {"attrs": attrs})})}

test_tg_compose_003_violation if {
	doc := svc(env({"DB_HOST": "db", "DB_PASSWORD": "changeme"}, {"DB_HOST": attr(16), "DB_PASSWORD": attr(17)}), {})
	findings := service.deny with input as doc
	some f in findings
	f.rule_id == "TG-COMPOSE-003"
	f.location == loc(17, 17)
	f.message == `service "agent" sets credential-like environment variable "DB_PASSWORD" to a literal value`
	not contains(f.message, "changeme")
}

test_tg_compose_003_compliant if {
	doc := svc(
		env(
			{"SESSION_SECRET": "from-dotenv", "DB_PASSWORD": "", "POSTGRES_PASSWORD_FILE": "/run/secrets/db", "API_URL": "http://api"},
			{
				"SESSION_SECRET": object.union(attr(16), {"interpolated": true}),
				"DB_PASSWORD": attr(17),
				"POSTGRES_PASSWORD_FILE": attr(18),
				"API_URL": attr(19),
				"STRIPE_API_KEY": {"start_line": 20, "end_line": 20, "unknown": true},
			},
		),
		{},
	)
	count(ids(service.deny, "TG-COMPOSE-003")) == 0 with input as doc
}

volume(type, source, target, line) := {"type": type, "source": source, "target": target, "__loc": loc(line, line)}

test_tg_compose_004_violation if {
	doc := svc({"volumes": [volume("volume", "agent-data", "/data", 18), volume("bind", "/var/run/docker.sock", "/var/run/docker.sock", 19)]}, {})
	findings := service.deny with input as doc
	some f in findings
	f.rule_id == "TG-COMPOSE-004"
	f.location == loc(19, 19)
	f.message == `service "agent" mounts the container engine socket /var/run/docker.sock`
}

test_tg_compose_004_other_sockets_fire if {
	every source in ["/run/docker.sock", "/run/user/1000/docker.sock", "/run/podman/podman.sock"] {
		count(ids(service.deny, "TG-COMPOSE-004")) == 1 with input as svc({"volumes": [volume("bind", source, "/var/run/docker.sock", 18)]}, {})
	}
}

test_tg_compose_004_compliant if {
	doc := svc({"volumes": [volume("bind", "./data", "/data", 18), volume("volume", "cache", "/var/run/docker.sock.d", 19)]}, {})
	count(ids(service.deny, "TG-COMPOSE-004")) == 0 with input as doc
}

test_tg_compose_002_user_namespace if {
	found := {f.message | some f in ids(service.deny, "TG-COMPOSE-002")} with input as svc({"userns_mode": "host", "cgroup": "host"}, {"userns_mode": attr(13), "cgroup": attr(14)})
	found == {`service "agent" shares the host's user namespace (userns_mode: host)`, `service "agent" shares the host's cgroup namespace (cgroup: host)`}
	count(ids(service.deny, "TG-COMPOSE-002")) == 0 with input as svc({"cgroup": "private"}, {"cgroup": attr(14)})
}

test_tg_compose_005_violation if {
	findings := service.deny with input as svc({"cap_add": ["NET_BIND_SERVICE", "SYS_ADMIN", "cap_sys_ptrace"]}, {"cap_add": {"start_line": 12, "end_line": 14}})
	some f in findings
	f.rule_id == "TG-COMPOSE-005"
	f.location == loc(12, 14)
	f.message == `service "agent" adds capabilities SYS_ADMIN, SYS_PTRACE`
}

test_tg_compose_005_compliant if {
	every doc in [svc({}, {}), svc({"cap_add": ["NET_BIND_SERVICE", "CHOWN", "NET_RAW"]}, {"cap_add": attr(12)})] {
		count(ids(service.deny, "TG-COMPOSE-005")) == 0 with input as doc
	}
	count(ids(service.deny, "TG-COMPOSE-005")) == 1 with input as svc({"cap_add": ["ALL"]}, {"cap_add": attr(12)})
}

test_tg_compose_006_violation if {
	findings := service.deny with input as svc({"security_opt": ["no-new-privileges:true", "seccomp:unconfined"]}, {"security_opt": {"start_line": 15, "end_line": 17}})
	some f in findings
	f.rule_id == "TG-COMPOSE-006"
	f.location == loc(15, 17)
	f.message == `service "agent" turns off its seccomp profile (security_opt seccomp:unconfined)`
}

test_tg_compose_006_forms if {
	every opt in ["apparmor=unconfined", "label:disable", "systempaths=unconfined", "SECCOMP=unconfined"] {
		count(ids(service.deny, "TG-COMPOSE-006")) == 1 with input as svc({"security_opt": [opt]}, {"security_opt": attr(15)})
	}
}

test_tg_compose_006_compliant if {
	every opt in ["no-new-privileges:true", "seccomp:./profile.json", "apparmor:docker-default", "label:type:container_t"] {
		count(ids(service.deny, "TG-COMPOSE-006")) == 0 with input as svc({"security_opt": [opt]}, {"security_opt": attr(15)})
	}
}
