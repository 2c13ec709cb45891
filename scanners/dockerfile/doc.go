// Package dockerfile reads Dockerfiles with BuildKit's parser into one policy
// document per build stage, with the lines of every instruction.
//
// # Matching
//
// A file is a Dockerfile when its name is Dockerfile, Dockerfile.*,
// *.Dockerfile, Containerfile, Containerfile.*, *.Containerfile (or the
// lower-case dockerfile, *.dockerfile), except *.dockerignore; or, whatever
// its name, when its first instruction (after comments and parser
// directives) is FROM, or a run of ARG lines followed by FROM.
//
// # Documents
//
// One document per stage: input.format is "dockerfile", input.type is
// "dockerfile_stage", input.name is the stage name (as BuildKit lower-cases
// it) or its index ("0", "1", ...) when unnamed, and input.address is
// "<path>#<name>". input.resource is:
//
//	{
//	  "name": "build",             // AS name, "" when unnamed
//	  "index": 0,                  // position in the file
//	  "is_final": false,           // the last stage, the one `docker build` outputs
//	  "base_image": "golang:1.22", // FROM image, global ARGs expanded
//	  "base_stage": "deps",        // only when FROM names an earlier stage
//	  "platform": "linux/amd64",   // only with FROM --platform
//	  "user": "app",               // effective USER at the end of the stage; "" when none
//	  "instructions": [            // every instruction of the stage, FROM first
//	    {"cmd": "run", "original": "RUN make", "args": ["make"], "flags": [],
//	     "json": false, "__loc": {...}},
//	    {"cmd": "copy", "original": "COPY --from=build /out /app", "args": ["/out", "/app"],
//	     "flags": ["--from=build"], "json": false, "sources": ["/out"], "dest": "/app", "__loc": {...}},
//	    {"cmd": "run", "original": "RUN <<EOF", "args": ["<<EOF"], "flags": [], "json": false,
//	     "heredocs": [{"name": "EOF", "content": "set -e\n..."}], "__loc": {...}}
//	  ],
//	  "env":  [{"name": "PORT", "value": "8080", "__loc": {...}}],      // ENV, in order
//	  "args": [{"name": "VERSION", "default": "1.0", "__loc": {...}}], // ARG in the stage
//	  "meta_args": [...],          // ARG before the first FROM, same shape, on every stage
//	  "__loc": {...}               // FROM line to the stage's last line
//	}
//
// Instruction args are BuildKit's words: the command string of a shell-form
// RUN/CMD/ENTRYPOINT, the elements of the JSON form ("json": true), and
// "KEY=VALUE" pairs, as written, for ENV and LABEL. sources and dest are set
// on ADD and COPY only, heredocs only when the instruction has some.
//
// Values are expanded as BuildKit would: base_image and platform with the
// global ARG defaults, user, env values and ARG defaults with the stage's ARG
// and ENV variables (an ENV of an earlier stage is inherited by a stage built
// FROM it). An ARG's default counts as its value, as a Terraform variable's
// does. A value that refers to an ARG without a default, to an automatic
// platform ARG, or to a variable a base image may define, cannot be known
// statically: it is left out and marked unknown in __loc.attrs, and no rule
// fires on it.
//
// # Positions
//
// The stage's __loc.attrs gives the FROM line for base_image, base_stage,
// platform and name, and for user the last USER instruction of the stage, or
// the FROM line when the stage has none (the user is then inherited). Each
// instruction carries its own range, continuation lines and heredoc bodies
// included. Each env and args entry starts on the line holding its name.
//
// Values of ENV and ARG variables named like credentials are the document's
// secrets, masked in every output. A file BuildKit cannot parse yields no
// documents and one error at the offending line; BuildKit's message may
// quote the text it stopped at, so the values written for credential-like
// names anywhere in the file are masked in it (and are the result's
// Secrets), and the value of a stray NAME=VALUE line is left out.
package dockerfile
