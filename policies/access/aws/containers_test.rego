package tollgate.access.aws.containers_test

import data.tollgate.access.aws.containers
import data.tollgate.access.aws.fixture as fx
import rego.v1

# resource "aws_ecs_task_definition" "app" {   # line 1
#   family                = "app"              # line 2
#   container_definitions = jsonencode(...)    # line 3
#   pid_mode              = PID                # line 4
#   task_role_arn         = TASK               # line 5
#   execution_role_arn    = EXEC               # line 6
# }                                            # line 7
task(container, attrs) := fx.doc("aws_ecs_task_definition", "app", fx.block(1, 7, object.union(
	{"family": "app", "container_definitions": json.marshal([object.union({"name": "api", "image": "api:1"}, container)])},
	attrs,
), {"family": 2, "container_definitions": 3, "pid_mode": 4, "task_role_arn": 5, "execution_role_arn": 6}))

hardened := {"readonlyRootFilesystem": true}

test_tg_aws_260_violation if {
	findings := containers.deny with input as task(object.union(hardened, {"privileged": true}), {})
	fx.found(findings, "TG-AWS-260", fx.at(3), `ECS task definition "app" runs container "api" privileged (privileged = true)`)
	count(findings) == 1
}

test_tg_aws_260_compliant if {
	count(containers.deny) == 0 with input as task(object.union(hardened, {"privileged": false}), {})
	count(containers.deny) == 0 with input as fx.doc("aws_ecs_task_definition", "app", fx.block(1, 7, {"container_definitions": fx.unknown}, {"container_definitions": 3}))
}

test_tg_aws_261_violation if {
	findings := containers.deny with input as task({}, {})
	fx.found(findings, "TG-AWS-261", fx.at(3), `ECS task definition "app" gives container "api" a writable root filesystem (readonlyRootFilesystem = false)`)
	count(findings) == 1
}

test_tg_aws_261_compliant if {
	count(containers.deny) == 0 with input as task(hardened, {})
}

test_tg_aws_262_violation if {
	findings := containers.deny with input as task(hardened, {"pid_mode": "host"})
	fx.found(findings, "TG-AWS-262", fx.at(4), `ECS task definition "app" shares the host's process namespace (pid_mode = "host")`)
	count(findings) == 1
	in_container := containers.deny with input as task(object.union(hardened, {"pidMode": "host"}), {})
	fx.found(in_container, "TG-AWS-262", fx.at(3), `ECS task definition "app" shares the host's process namespace with container "api" (pidMode = "host")`)
}

test_tg_aws_262_compliant if {
	count(containers.deny) == 0 with input as task(hardened, {"pid_mode": "task"})
}

role := "arn:aws:iam::123456789012:role/app"

test_tg_aws_263_violation if {
	findings := containers.deny with input as task(hardened, {"task_role_arn": role, "execution_role_arn": role})
	fx.found(findings, "TG-AWS-263", fx.at(5), `ECS task definition "app" uses its execution role as its task role (arn:aws:iam::123456789012:role/app)`)
	count(findings) == 1
	same_ref := containers.deny with input as with_refs("aws_iam_role.exec.arn", "aws_iam_role.exec.arn")
	fx.found(same_ref, "TG-AWS-263", fx.at(5), `ECS task definition "app" uses its execution role as its task role (both aws_iam_role.exec.arn)`)
	count(same_ref) == 1
}

# with_refs(task, exec) is the task definition whose role ARNs are references, unknown
# in the body, recorded in __loc.attrs[k].ref as the scanner does.
with_refs(task_ref, exec_ref) := json.patch(task(hardened, {"task_role_arn": fx.unknown, "execution_role_arn": fx.unknown}), [
	{"op": "add", "path": "/resource/__loc/attrs/task_role_arn/ref", "value": task_ref},
	{"op": "add", "path": "/resource/__loc/attrs/execution_role_arn/ref", "value": exec_ref},
])

test_tg_aws_263_compliant if {
	count(containers.deny) == 0 with input as with_refs("aws_iam_role.task.arn", "aws_iam_role.exec.arn")
	count(containers.deny) == 0 with input as task(hardened, {"task_role_arn": role, "execution_role_arn": "arn:aws:iam::123456789012:role/ecs-exec"})
	count(containers.deny) == 0 with input as task(hardened, {"task_role_arn": fx.unknown, "execution_role_arn": fx.unknown})
	count(containers.deny) == 0 with input as task(hardened, {"execution_role_arn": role})
}

# resource "aws_batch_job_definition" "job" {   # line 1
#   name                 = "job"                # line 2
#   type                 = "container"          # line 3
#   container_properties = jsonencode(...)      # line 4
# }                                             # line 5
job(props) := fx.doc("aws_batch_job_definition", "job", fx.block(1, 5, {"name": "job", "type": "container", "container_properties": json.marshal(props)}, {"name": 2, "type": 3, "container_properties": 4}))

test_tg_aws_264_violation if {
	findings := containers.deny with input as job({"image": "busybox", "privileged": true})
	fx.found(findings, "TG-AWS-264", fx.at(4), `Batch job definition "job" runs a privileged container (container_properties privileged = true)`)
	count(findings) == 1
}

test_tg_aws_264_compliant if {
	count(containers.deny) == 0 with input as job({"image": "busybox"})
	count(containers.deny) == 0 with input as job({"image": "busybox", "privileged": false})
}
