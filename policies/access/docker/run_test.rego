package tollgate.access.docker.run_test

import data.tollgate.access.docker.run
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

loc(start, end) := {"path": "Dockerfile", "start_line": start, "end_line": end}

# with_run(cmd) is a one-stage Dockerfile: FROM on line 1, RUN cmd on lines 3-4.
with_run(cmd) := with_instruction({"cmd": "run", "original": concat(" ", ["RUN", cmd]), "args": [cmd], "flags": [], "json": false, "__loc": loc(3, 4)})

with_instruction(ins) := {
	"format": "dockerfile",
	"type": "dockerfile_stage",
	"name": "0",
	"address": "Dockerfile#0",
	"path": "Dockerfile",
	"resource": {
		"name": "",
		"index": 0,
		"is_final": true,
		"base_image": "debian:12",
		"user": "app",
		"instructions": [
			{"cmd": "from", "original": "FROM debian:12", "args": ["debian:12"], "flags": [], "json": false, "__loc": loc(1, 1)},
			ins,
		],
		"env": [],
		"args": [],
		"meta_args": [],
		"__loc": loc(1, 6),
	},
}

fires(id, cmd) if count(ids(run.deny, id)) == 1 with input as with_run(cmd)

silent(id, cmd) if count(ids(run.deny, id)) == 0 with input as with_run(cmd)

test_tg_docker_005_violation if {
	findings := run.deny with input as with_run("apt-get update && sudo apt-get install -y curl")
	some f in findings
	f.rule_id == "TG-DOCKER-005"
	f.location == loc(3, 4)
	f.message == `stage "0" runs a command with sudo`
}

test_tg_docker_005_forms if {
	every cmd in ["sudo make install", "/usr/bin/sudo -u app id", "cd /src; DEBIAN_FRONTEND=noninteractive sudo apt-get install -y x", "if true; then sudo rm -rf /tmp/x; fi"] {
		fires("TG-DOCKER-005", cmd)
	}
}

test_tg_docker_005_compliant if {
	every cmd in ["apt-get install -y sudo", "echo 'app ALL=(ALL) NOPASSWD: ALL' >> /etc/sudoers", "pseudo-tool --run", "make install"] {
		silent("TG-DOCKER-005", cmd)
	}
}

test_tg_docker_005_json_form if {
	doc := with_instruction({"cmd": "run", "original": `RUN ["sudo", "make"]`, "args": ["sudo", "make"], "flags": [], "json": true, "__loc": loc(3, 3)})
	count(ids(run.deny, "TG-DOCKER-005")) == 1 with input as doc
}

test_tg_docker_005_heredoc if {
	doc := with_instruction({"cmd": "run", "original": "RUN <<EOF", "args": ["<<EOF"], "flags": [], "json": false, "heredocs": [{"name": "EOF", "content": "set -e\nsudo make install\n"}], "__loc": loc(3, 6)})
	findings := run.deny with input as doc
	some f in findings
	f.rule_id == "TG-DOCKER-005"
	f.location == loc(3, 6)
}

test_tg_docker_006_violation if {
	findings := run.deny with input as with_run("apt-get update && apt-get install -y --allow-unauthenticated curl")
	some f in findings
	f.rule_id == "TG-DOCKER-006"
	f.location == loc(3, 4)
	f.message == `stage "0" installs packages without verifying their signatures (apt-get --allow-unauthenticated)`
}

test_tg_docker_006_forms if {
	every cmd in [
		"apk add --allow-untrusted /tmp/pkg.apk",
		"apt-get -y --force-yes install curl",
		"apt-get update --allow-insecure-repositories",
		"apt-get -o APT::Get::AllowUnauthenticated=true install x",
		`echo 'APT::Get::AllowUnauthenticated "true";' > /etc/apt/apt.conf.d/99x`,
		`echo "deb [trusted=yes] http://repo.example/ stable main" > /etc/apt/sources.list.d/x.list`,
		"yum install -y --nogpgcheck foo",
		"microdnf --nogpgcheck install foo",
		"tdnf install -y --nogpgcheck foo",
		"zypper --no-gpg-checks install -y foo",
		"rpm -ivh --nosignature foo.rpm",
		"rpm -Uvh --nodigest foo.rpm",
		"printf '[x]\\nbaseurl=http://r/\\ngpgcheck=0\\n' > /etc/yum.repos.d/x.repo",
	] {
		fires("TG-DOCKER-006", cmd)
	}
}

test_tg_docker_006_compliant if {
	every cmd in [
		"apt-get install -y --no-install-recommends curl",
		"apk add --no-cache curl",
		"dnf install -y foo && dnf clean all",
		"rpm --import https://repo.example/key.asc",
		"printf 'gpgcheck=1\\nrepo_gpgcheck=0\\n' > /etc/yum.repos.d/x.repo",
		"echo --nogpgcheck",
	] {
		silent("TG-DOCKER-006", cmd)
	}
}

test_tg_docker_007_violation if {
	findings := run.deny with input as with_run(`echo "root:s3cr3t-literal" | chpasswd`)
	some f in findings
	f.rule_id == "TG-DOCKER-007"
	f.location == loc(3, 4)
	f.message == `stage "0" sets or removes an account password in RUN (chpasswd)`
	not contains(f.message, "s3cr3t")
}

test_tg_docker_007_forms if {
	every cmd in [
		"echo app:pw | /usr/sbin/chpasswd -e",
		"echo pw | passwd --stdin app",
		"passwd -d root",
		"useradd -m -p $(openssl passwd -1 pw) app",
		"usermod --password=HASH app",
	] {
		fires("TG-DOCKER-007", cmd)
	}
}

test_tg_docker_007_compliant if {
	every cmd in ["useradd -m -u 10001 app", "passwd -l root", "usermod -L app", "apt-get install -y passwd", "echo chpasswd"] {
		silent("TG-DOCKER-007", cmd)
	}
}

