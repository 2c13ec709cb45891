// Package ansible reads Ansible playbooks and task files into one document
// per play and one per task, with each task's module and arguments
// normalised and located.
//
// # Files
//
// A playbook is a YAML list of plays (`hosts:` with `tasks:`, `roles:`...).
// A task file is a YAML list of tasks in a `tasks/` or `handlers/`
// directory (`roles/web/tasks/main.yml`, `tasks/setup.yml`). Other YAML is
// not Ansible.
//
// # Documents
//
// Every task (of tasks, pre_tasks, post_tasks, handlers, and inside
// block/rescue/always) is a document with input.type "ansible_task":
//
//	input.format   "ansible"
//	input.name     the task's name, else its module
//	input.address  the file, the play and the task, by name:
//	               "site.yml:web servers/tasks/Install nginx"; an unnamed task
//	               is "module[index]" in its section
//	input.resource the task as written, with the module key replaced by:
//	  module  the module's short name: "copy" for copy, ansible.builtin.copy,
//	          ansible.legacy.copy
//	  fqcn    the fully qualified name: "ansible.builtin.copy" (the name as
//	          written for a module outside ansible.builtin)
//	  args    the module's arguments as a map: the YAML mapping, or the
//	          key=value pairs of a free-form string (the rest, such as a
//	          command line, under "_raw_params", as Ansible has it), merged
//	          with the task's `args:`; `action:` and `local_action:` are read
//	          the same way
//
// Every play is a document with input.type "ansible_play": input.name is
// its name (else its hosts) and input.resource the play without its task
// lists (tasks, pre_tasks, post_tasks, handlers), which are documents of
// their own.
//
// Values are the YAML values as Ansible loads them (PyYAML, YAML 1.1, see
// yamlpos.PyYAML11): a plain yes, no, on, off, true, false (in the forms
// yes, Yes, YES) is a boolean, `y` and `n` are strings, `0644` is 420 and
// `0o644` a string. Module arguments Ansible converts with boolean() may
// also be strings ("yes", "on", "1", "true", "y", "t" and their false
// counterparts, from a quoted value or a free-form key=value), which the
// rules read as boolean() does. A `!vault` value is its encrypted text.
//
// # Secrets
//
// Literal strings (not Jinja templates, not vault-encrypted) under keys
// named like credentials, in a task's arguments, vars and environment or a
// play's vars and environment, are added to the document's Secrets, so
// that no output prints them.
package ansible
