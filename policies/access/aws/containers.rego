package tollgate.access.aws.containers

import data.tollgate.access.aws.helpers
import data.tollgate.lib
import rego.v1

# METADATA
# title: ECS container runs privileged
# description: |
#   A container of an aws_ecs_task_definition sets privileged = true: it gets every Linux
#   capability and the host's devices, so a compromise of the container is a compromise
#   of the EC2 container instance and of every other task on it. (Fargate refuses
#   privileged containers.)
# related_resources:
# - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security
# - https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-4
# custom:
#   id: TG-AWS-260
#   severity: high
#   category: access
#   provider: aws
#   remediation: Remove privileged = true and grant the few capabilities the container needs through linuxParameters.capabilities.add.
#   frameworks:
#     nist-800-53: ["AC-6", "CM-7"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_ecs_task_definition"
	r := input.resource
	some c in containers(r.container_definitions)
	lib.is_true(c.privileged)
	msg := sprintf("ECS task definition %q runs container %q privileged (privileged = true)", [input.name, container_name(c)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "container_definitions"), msg)
}

# METADATA
# title: ECS container has a writable root filesystem
# description: |
#   A container of an aws_ecs_task_definition does not set readonlyRootFilesystem = true
#   (the default is false): a process that takes over the container can change its
#   binaries and configuration and leave tools behind. Data the container writes belongs
#   in volumes.
# related_resources:
# - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_storage
# - https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-5
# custom:
#   id: TG-AWS-261
#   severity: low
#   category: access
#   provider: aws
#   remediation: Set readonlyRootFilesystem = true in every container definition and mount volumes (or a tmpfs) for the paths it writes.
#   frameworks:
#     nist-800-53: ["CM-7", "SI-7"]
#     soc2: ["CC6.8"]
deny contains finding if {
	input.type == "aws_ecs_task_definition"
	r := input.resource
	some c in containers(r.container_definitions)
	not lib.is_true(object.get(c, "readonlyRootFilesystem", false))
	msg := sprintf("ECS task definition %q gives container %q a writable root filesystem (readonlyRootFilesystem = %v)", [input.name, container_name(c), object.get(c, "readonlyRootFilesystem", false)])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "container_definitions"), msg)
}

# METADATA
# title: ECS task shares the host's process namespace
# description: |
#   pid_mode = "host" on an aws_ecs_task_definition (or pidMode "host" written in a container
#   definition): the task's containers see every process of the container instance and
#   can signal or inspect them, including other tasks' processes and the ECS agent.
# related_resources:
# - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_definition_pidmode
# - https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-3
# custom:
#   id: TG-AWS-262
#   severity: high
#   category: access
#   provider: aws
#   remediation: Remove pid_mode = "host" (leave pid_mode unset, or "task" to share processes between the task's own containers).
#   frameworks:
#     nist-800-53: ["SC-39", "AC-6"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_ecs_task_definition"
	some p in host_pid
	finding := lib.finding(rego.metadata.rule(), p.location, sprintf("ECS task definition %q shares the host's process namespace%s", [input.name, p.what]))
}

host_pid contains {"location": lib.attr_loc(r, "pid_mode"), "what": " (pid_mode = \"host\")"} if {
	r := input.resource
	r.pid_mode == "host"
}

host_pid contains {"location": lib.attr_loc(r, "container_definitions"), "what": sprintf(" with container %q (pidMode = \"host\")", [container_name(c)])} if {
	r := input.resource
	some c in containers(r.container_definitions)
	c.pidMode == "host"
}

# METADATA
# title: ECS task uses its execution role as its task role
# description: |
#   The execution_role_arn and task_role_arn of an aws_ecs_task_definition name the same
#   role: the same literal ARN, or the same reference (aws_iam_role.exec.arn). The
#   execution role is what the ECS agent uses to pull images, read the task's secrets and
#   write its logs; given to the application as its task role, every process in the
#   container can read all the secrets and pull every image that role allows.
# related_resources:
# - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
# - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
# custom:
#   id: TG-AWS-263
#   severity: medium
#   category: access
#   provider: aws
#   remediation: Give the task a role of its own (task_role_arn) with only the permissions the application needs, distinct from the execution role.
#   frameworks:
#     nist-800-53: ["AC-6", "AC-5"]
#     soc2: ["CC6.3"]
deny contains finding if {
	input.type == "aws_ecs_task_definition"
	r := input.resource
	role := same_role(r)
	msg := sprintf("ECS task definition %q uses its execution role as its task role (%s)", [input.name, role])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "task_role_arn"), msg)
}

# same_role(r) names the role both ARNs of r give: the same literal ARN, or the same
# reference (aws_iam_role.exec.arn), unknown until apply but equal.
same_role(r) := r.task_role_arn if {
	is_string(r.task_role_arn)
	r.task_role_arn == r.execution_role_arn
} else := sprintf("both %s", [ref]) if {
	ref := r.__loc.attrs.task_role_arn.ref
	is_string(ref)
	ref == r.__loc.attrs.execution_role_arn.ref
}

# METADATA
# title: Batch job runs a privileged container
# description: |
#   The container_properties of an aws_batch_job_definition set privileged = true: the job's
#   container gets every Linux capability and the host's devices, and a compromised job
#   controls the compute environment's instance and the other jobs on it.
# related_resources:
# - https://docs.aws.amazon.com/batch/latest/userguide/job_definition_parameters.html#ContainerProperties-privileged
# - https://docs.aws.amazon.com/securityhub/latest/userguide/batch-controls.html
# custom:
#   id: TG-AWS-264
#   severity: high
#   category: access
#   provider: aws
#   remediation: Remove privileged from container_properties and grant specific capabilities through linuxParameters if the job needs them.
#   frameworks:
#     nist-800-53: ["AC-6", "CM-7"]
#     soc2: ["CC6.1"]
deny contains finding if {
	input.type == "aws_batch_job_definition"
	r := input.resource
	props := helpers.document(r.container_properties)
	lib.is_true(props.privileged)
	msg := sprintf("Batch job definition %q runs a privileged container (container_properties privileged = true)", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.attr_loc(r, "container_properties"), msg)
}

# containers(defs) are the container definitions of a task definition's JSON.
containers(defs) := [c | some c in helpers.as_list(helpers.document(defs)); is_object(c)]

container_name(c) := c.name if is_string(c.name)

else := "(unnamed)"
