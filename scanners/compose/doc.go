// Package compose reads Docker Compose files with compose-go into one policy
// document per service, with values as Compose resolves them and lines from
// the file as written.
//
// # Matching
//
// compose.yaml, compose.yml, compose.*.y(a)ml and docker-compose*.y(a)ml by
// name; any other .yaml/.yml file whose top level has `services:` with a
// child service holding `image:` or `build:`.
//
// # Loading
//
// The file is loaded by compose-go (schema validation, interpolation,
// same-file `extends`, canonical long syntax) from the scanned file system
// only: `include` is not followed (an included file is scanned on its own
// when it is found), `env_file` and `label_file` are not read, relative
// paths are kept as written, and a file whose `extends` names another file
// is loaded without extends. Variables are interpolated from the .env file
// beside the compose file and from the map given with WithEnvironment, which
// wins; the process environment is never read.
//
// # Documents
//
// One document per service, profiles included: input.format is "compose",
// input.type is "compose_service", input.name the service name,
// input.address "<path>#<service>". input.resource is the service as
// compose-go resolves it, in canonical form, as plain values:
//
//	{
//	  "name": "web",
//	  "image": "nginx:1.27",
//	  "privileged": true,                        // absent when false
//	  "user": "0", "network_mode": "host", "pid": "host", "read_only": true,
//	  "cap_add": ["NET_ADMIN"], "security_opt": ["seccomp:unconfined"],
//	  "environment": {"DB_PASSWORD": "...", "__loc": {...}},  // list syntax becomes a map
//	  "ports":   [{"target": 80, "published": "8080", "protocol": "tcp", "mode": "ingress", "__loc": {...}}],
//	  "volumes": [{"type": "bind", "source": "/var/run/docker.sock", "target": "/var/run/docker.sock", "__loc": {...}}],
//	  "build": {"context": ".", "dockerfile": "Dockerfile", "__loc": {...}},
//	  "__loc": {...}
//	}
//
// Every object carries the lines of what it was read from: the service from
// its key to its last line, a short-syntax port or volume the line of its
// list item, an environment variable (map or list syntax) its own line.
// Values compose-go adds by default carry the lines of the object they sit
// in.
//
// In __loc.attrs, `"interpolated": true` marks a value taken from the
// environment (a `${VAR}` reference, or a bare `KEY` in environment) rather
// than written in the file. A value that refers to a variable set nowhere,
// without a default, cannot be known statically: it is left out and marked
// `"unknown": true`, and no rule fires on it.
//
// Values of environment variables and build args named like credentials are
// the document's secrets, masked in every output.
//
// # Booleans and YAML versions
//
// compose-go reads YAML 1.2 (go.yaml.in/yaml/v4), then casts the values of
// the fields it knows to be booleans (privileged, read_only, init, tty...):
// true, false, yes, no, on, off, y and n, in any case and quoted or not, as
// `docker compose` does. The documents take their values from compose-go,
// so `privileged: yes` and `privileged: "on"` are true; the file as written
// is read as YAML 1.2 for its lines only.
//
// # Errors
//
// compose-go's errors may quote the value they are about, which may be a
// credential interpolated from .env ("invalid boolean: <password>"). They
// are rewritten to name the key ("services.db.privileged: the value, once
// interpolated, is not a boolean"), .env parse errors keep their line but
// not the text they quote, and what remains of the values of variables
// named like credentials, of variables interpolated under credential-like
// keys and of values written under such keys is masked; those values are
// the result's Secrets, which the scan masks in every output.
package compose
