package tollgate.audit.docker.dockerfile_test

import data.tollgate.audit.docker.dockerfile
import rego.v1

ids(findings, id) := {f | some f in findings; f.rule_id == id}

stage(name, resource) := {
	"format": "dockerfile",
	"type": "dockerfile_stage",
	"name": name,
	"address": sprintf("Dockerfile#%s", [name]),
	"path": "Dockerfile",
	"resource": object.union(
		{
			"name": name,
			"index": 0,
			"is_final": false,
			"user": "",
			"instructions": [],
			"env": [],
			"args": [],
			"meta_args": [],
			"__loc": {"path": "Dockerfile", "start_line": 5, "end_line": 18, "attrs": {"base_image": {"start_line": 5, "end_line": 5}}},
		},
		resource,
	),
}

test_tg_docker_004_violation if {
	findings := dockerfile.deny with input as stage("build", {"base_image": "golang:1.22-bookworm"})
	some f in findings
	f.rule_id == "TG-DOCKER-004"
	f.location == {"path": "Dockerfile", "start_line": 5, "end_line": 5}
	f.message == `stage "build" is built FROM "golang:1.22-bookworm", which is not pinned by digest`
}

test_tg_docker_004_untagged_fires if {
	count(ids(dockerfile.deny, "TG-DOCKER-004")) == 1 with input as stage("0", {"base_image": "ubuntu"})
}

test_tg_docker_004_compliant if {
	every doc in [
		stage("runtime", {"base_image": "gcr.io/distroless/static-debian12@sha256:6ec5aa99dc335666e79dc64e4a6c8b89c33a543a1967f20d360922a80dd21f02"}),
		stage("final", {"base_image": "alpine:3.20@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d"}),
		stage("empty", {"base_image": "scratch"}),
		stage("app", {"base_image": "build", "base_stage": "build"}),
		stage("unknown", {}),
	] {
		count(ids(dockerfile.deny, "TG-DOCKER-004")) == 0 with input as doc
	}
}
