package ansible

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/tollgate/tollgate/scanners"
)

// taskKeywords are the keys of a task that are not its module (Ansible's
// task and handler keywords); with_<lookup> keys are keywords too.
var taskKeywords = setOf(
	"action", "any_errors_fatal", "args", "async", "become", "become_exe", "become_flags", "become_method",
	"become_user", "changed_when", "check_mode", "collections", "connection", "debugger", "delay",
	"delegate_facts", "delegate_to", "diff", "environment", "failed_when", "ignore_errors",
	"ignore_unreachable", "listen", "local_action", "loop", "loop_control", "module_defaults", "name",
	"no_log", "notify", "poll", "port", "register", "remote_user", "retries", "run_once", "tags",
	"throttle", "timeout", "until", "vars", "when",
)

// builtinModules are ansible-core's modules, which a short name refers to.
var builtinModules = setOf(
	"add_host", "apt", "apt_key", "apt_repository", "assemble", "assert", "async_status", "blockinfile",
	"command", "copy", "cron", "deb822_repository", "debconf", "debug", "dnf", "dnf5", "dpkg_selections",
	"expect", "fail", "fetch", "file", "find", "gather_facts", "get_url", "getent", "git", "group",
	"group_by", "hostname", "import_playbook", "import_role", "import_tasks", "include", "include_role",
	"include_tasks", "include_vars", "iptables", "known_hosts", "lineinfile", "meta", "mount_facts",
	"package", "package_facts", "pause", "ping", "pip", "raw", "reboot", "replace", "rpm_key", "script",
	"service", "service_facts", "set_fact", "set_stats", "setup", "shell", "slurp", "stat", "subversion",
	"systemd", "systemd_service", "sysvinit", "tempfile", "template", "unarchive", "uri", "user",
	"validate_argument_spec", "wait_for", "wait_for_connection", "yum", "yum_repository",
)

// rawModules take a free-form command line: only their own options are
// read from key=value pairs, the rest is the command (_raw_params).
var rawModules = setOf(
	"command", "shell", "raw", "script", "win_command", "win_shell", "include", "include_tasks",
	"import_tasks", "include_vars", "include_role", "import_role", "import_playbook", "meta", "add_host",
	"group_by", "set_fact",
)

// rawOptions are the key=value options Ansible reads from a raw module's
// free-form string.
var rawOptions = setOf("creates", "removes", "chdir", "executable", "warn", "stdin", "stdin_add_newline", "strip_empty_ends")

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// task is a task normalised for policies.
type task struct {
	module string
	body   map[string]any
}

// parseTask finds the module of a task and builds its document body: the
// task's keywords, module, fqcn and args.
func parseTask(t map[string]any) (task, error) {
	moduleKey, name, value, err := findModule(t)
	if err != nil {
		return task{}, err
	}
	loc, _ := t[scanners.LocKey].(map[string]any)
	body := map[string]any{scanners.LocKey: copyLoc(loc, moduleKey, "args")}
	for k, v := range t {
		if k != scanners.LocKey && k != moduleKey && k != "args" {
			body[k] = v
		}
	}
	short, fqcn := normalise(name)
	body["module"], body["fqcn"] = short, fqcn
	lines := attrLines(t, moduleKey)
	if lines != nil {
		// The module's name is on its key's line.
		scanners.SetAttrLoc(body, "module", lines[0], lines[0])
		scanners.SetAttrLoc(body, "fqcn", lines[0], lines[0])
	}
	args, err := moduleArgs(short, value, lines, loc)
	if err != nil {
		return task{}, err
	}
	if extra, ok := t["args"].(map[string]any); ok {
		mergeArgs(args, extra)
	}
	body["args"] = args
	if moduleKey == "local_action" {
		if _, set := body["delegate_to"]; !set {
			body["delegate_to"] = "localhost"
			scanners.SetAttrLoc(body, "delegate_to", lines[0], lines[1])
		}
	}
	return task{module: short, body: body}, nil
}

// findModule returns the key holding the module, the module's name and its
// arguments as written.
func findModule(t map[string]any) (key, name string, value any, err error) {
	for _, k := range []string{"action", "local_action"} {
		v, ok := t[k]
		if !ok {
			continue
		}
		switch x := v.(type) {
		case string:
			name, rest, _ := strings.Cut(strings.TrimSpace(x), " ")
			return k, name, strings.TrimSpace(rest), nil
		case map[string]any:
			name, _ := x["module"].(string)
			if name == "" {
				return "", "", nil, fmt.Errorf("%s has no module", k)
			}
			args := map[string]any{}
			for ak, av := range x {
				if ak != "module" {
					args[ak] = av
				}
			}
			if loc, ok := x[scanners.LocKey].(map[string]any); ok {
				args[scanners.LocKey] = copyLoc(loc, "module")
			}
			return k, name, args, nil
		}
		return "", "", nil, fmt.Errorf("%s is neither a string nor a mapping", k)
	}
	var candidates []string
	for k := range t {
		if k != scanners.LocKey && !taskKeywords[k] && !strings.HasPrefix(k, "with_") {
			candidates = append(candidates, k)
		}
	}
	sort.Strings(candidates)
	switch len(candidates) {
	case 0:
		return "", "", nil, errors.New("task has no module")
	case 1:
		return candidates[0], candidates[0], t[candidates[0]], nil
	}
	return "", "", nil, fmt.Errorf("task has conflicting action statements: %s", strings.Join(candidates, ", "))
}

// normalise returns a module's short name and fully qualified name.
func normalise(name string) (short, fqcn string) {
	if i := strings.LastIndex(name, "."); i >= 0 {
		return name[i+1:], name
	}
	if builtinModules[name] {
		return name, "ansible.builtin." + name
	}
	return name, name
}

// moduleArgs turns the module's value into its arguments map. lines are
// those of the module key, where free-form arguments are written.
func moduleArgs(module string, value any, lines []int, taskLoc map[string]any) (map[string]any, error) {
	if lines == nil {
		s, _ := taskLoc["start_line"].(int)
		e, _ := taskLoc["end_line"].(int)
		lines = []int{s, e}
	}
	path, _ := taskLoc["path"].(string)
	switch v := value.(type) {
	case map[string]any:
		return v, nil
	case nil:
		return map[string]any{scanners.LocKey: scanners.Loc(path, lines[0], lines[1])}, nil
	case string, int, float64, bool:
		args := map[string]any{scanners.LocKey: scanners.Loc(path, lines[0], lines[1])}
		for k, val := range parseKV(fmt.Sprint(v), rawModules[module]) {
			args[k] = val
			scanners.SetAttrLoc(args, k, lines[0], lines[1])
		}
		return args, nil
	}
	return nil, fmt.Errorf("arguments of module %s are a list, not a mapping or a string", module)
}

// mergeArgs adds the task's args: keyword to the module's arguments; those
// written with the module win, as in Ansible.
func mergeArgs(args, extra map[string]any) {
	for k, v := range extra {
		if k == scanners.LocKey {
			continue
		}
		if _, set := args[k]; set {
			continue
		}
		args[k] = v
		if _, isMap := v.(map[string]any); !isMap {
			if l := attrLines(extra, k); l != nil {
				scanners.SetAttrLoc(args, k, l[0], l[1])
			}
		}
	}
}

// copyLoc copies a position, leaving out the attrs of the given keys.
func copyLoc(loc map[string]any, drop ...string) map[string]any {
	out := map[string]any{}
	for k, v := range loc {
		out[k] = v
	}
	attrs, _ := loc["attrs"].(map[string]any)
	if attrs != nil {
		kept := map[string]any{}
		for k, v := range attrs {
			if !slices.Contains(drop, k) {
				kept[k] = v
			}
		}
		out["attrs"] = kept
	}
	return out
}

// parseKV reads Ansible's free-form "k1=v1 k2='v 2' rest" arguments, as
// Ansible's parse_kv does: with raw, only the raw modules' own options are
// pairs, and every other word is part of _raw_params.
func parseKV(s string, raw bool) map[string]any {
	out := map[string]any{}
	var rest []string
	for _, word := range splitArgs(s) {
		k, v, ok := keyValue(word)
		if !ok || (raw && !rawOptions[k]) {
			rest = append(rest, word)
			continue
		}
		out[k] = unquote(v)
	}
	if len(rest) > 0 {
		out["_raw_params"] = strings.Join(rest, " ")
	}
	return out
}

// keyValue splits "k=v" at the first unescaped "=", with k an identifier.
func keyValue(word string) (string, string, bool) {
	for i := 1; i < len(word); i++ {
		if word[i] == '=' && word[i-1] != '\\' {
			k := word[:i]
			if !identifier(k) {
				return "", "", false
			}
			return k, word[i+1:], true
		}
	}
	return "", "", false
}

func identifier(s string) bool {
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}

// splitArgs splits at white space outside quotes and Jinja delimiters
// ({{ }}, {% %}, {# #}), as Ansible's split_args does.
func splitArgs(s string) []string {
	var out []string
	var cur strings.Builder
	var quote byte
	depth := 0
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && i+1 < len(s) {
				cur.WriteByte(c)
				i++
				c = s[i]
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case i+1 < len(s) && c == '{' && strings.ContainsRune("{%#", rune(s[i+1])):
			depth++
			cur.WriteByte(c)
			i++
			c = s[i]
		case i+1 < len(s) && depth > 0 && strings.ContainsRune("}%#", rune(c)) && s[i+1] == '}':
			depth--
			cur.WriteByte(c)
			i++
			c = s[i]
		case depth == 0 && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			flush()
			continue
		}
		cur.WriteByte(c)
	}
	flush()
	return out
}
