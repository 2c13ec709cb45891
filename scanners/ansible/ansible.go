package ansible

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/yamlpos"
)

// Document types.
const (
	TypeTask = "ansible_task"
	TypePlay = "ansible_play"
)

// Scanner reads Ansible playbooks and task files.
type Scanner struct{}

// New returns an Ansible scanner.
func New() *Scanner { return &Scanner{} }

// Name implements scanners.FileScanner.
func (*Scanner) Name() string { return "ansible" }

var (
	// playRE finds a play's hosts or an import_playbook in a YAML list.
	playRE = regexp.MustCompile(`(?m)^(-[ \t]+| {1,4})hosts[ \t]*:|^-[ \t]+(ansible\.builtin\.)?import_playbook[ \t]*:`)
	// taskItemRE finds a list item that is a mapping.
	taskItemRE = regexp.MustCompile(`(?m)^-[ \t]+[A-Za-z_][\w.]*[ \t]*:`)
)

// Match takes YAML files that are a top-level list and either hold a play
// (hosts, import_playbook) or lie in a tasks/ or handlers/ directory with
// mapping items.
func (*Scanner) Match(p string, head []byte) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".yaml", ".yml":
	default:
		return false
	}
	if !startsWithList(head) {
		return false
	}
	if playRE.Match(head) {
		return true
	}
	switch path.Base(path.Dir(p)) {
	case "tasks", "handlers":
		return taskItemRE.Match(head)
	}
	return false
}

// startsWithList reports whether the first content line of a YAML head is
// a list item.
func startsWithList(head []byte) bool {
	sc := bufio.NewScanner(bytes.NewReader(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))))
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), " \t\r")
		switch {
		case line == "", strings.HasPrefix(strings.TrimLeft(line, " \t"), "#"), line == "---", strings.HasPrefix(line, "%"):
			continue
		}
		return line == "-" || strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "-\t")
	}
	return false
}

// Scan implements scanners.FileScanner: each file is read on its own.
// Units implements scanners.Partitioner: each file is read on its own.
func (*Scanner) Units(_ fs.FS, files []string) [][]string { return scanners.FileUnits(files) }

func (s *Scanner) Scan(ctx context.Context, fsys fs.FS, files []string) []scanners.Result {
	return scanners.EachFile(ctx, s.Name(), files, func(f string) scanners.Result { return scanFile(fsys, f) })
}

func scanFile(fsys fs.FS, file string) scanners.Result {
	r := &reader{file: file, res: scanners.Result{Path: file, Format: "ansible"}}
	src, err := scanners.ReadFile(fsys, file)
	if err != nil {
		r.fail(0, err)
		return r.res
	}
	docs, err := yamlpos.Decode(file, src, yamlpos.WithSchema(yamlpos.PyYAML11))
	if err != nil {
		var ye *yamlpos.Error
		if errors.As(err, &ye) {
			r.fail(ye.Line, errors.New(ye.Msg))
		} else {
			r.fail(0, err)
		}
		return r.res
	}
	for _, d := range docs {
		items, ok := d.Value.([]any)
		if !ok {
			r.fail(d.StartLine, errors.New("not an Ansible playbook or task list: the document is not a list"))
			continue
		}
		if isPlaybook(items) {
			r.playbook(items, d.StartLine)
		} else {
			r.tasks(items, file+":", d.StartLine)
		}
	}
	return r.res
}

// isPlaybook reports whether items are plays rather than tasks.
func isPlaybook(items []any) bool {
	for _, it := range items {
		m, _ := it.(map[string]any)
		if _, ok := m["hosts"]; ok {
			return true
		}
		if _, ok := importPlaybook(m); ok {
			return true
		}
	}
	return false
}

func importPlaybook(m map[string]any) (any, bool) {
	for _, k := range []string{"import_playbook", "ansible.builtin.import_playbook"} {
		if v, ok := m[k]; ok {
			return v, true
		}
	}
	return nil, false
}

// reader accumulates the documents and errors of one file.
type reader struct {
	file string
	res  scanners.Result
}

func (r *reader) fail(line int, err error) {
	r.res.Errors = append(r.res.Errors, &scanners.FileError{Path: r.file, Line: line, Err: err})
}

// taskSections are the play keys holding task lists, in the order Ansible
// runs them.
var taskSections = []string{"pre_tasks", "tasks", "post_tasks", "handlers"}

func (r *reader) playbook(items []any, line int) {
	labels := labeler{}
	for i, it := range items {
		play, ok := it.(map[string]any)
		if !ok {
			r.fail(itemLine(it, line), fmt.Errorf("play %d is not a mapping", i+1))
			continue
		}
		if _, ok := importPlaybook(play); ok {
			continue // the imported playbook is a file of its own
		}
		if _, ok := play["hosts"]; !ok {
			r.fail(startLine(play), fmt.Errorf("play %d has no hosts", i+1))
			continue
		}
		name := playName(play, i)
		prefix := r.file + ":" + labels.next(name) + "/"
		loc, _ := play[scanners.LocKey].(map[string]any)
		body := map[string]any{scanners.LocKey: copyLoc(loc, taskSections...)}
		for k, v := range play {
			if k != scanners.LocKey && !slices.Contains(taskSections, k) {
				body[k] = v
			}
		}
		r.res.Documents = append(r.res.Documents, scanners.Document{
			Format:   "ansible",
			Type:     TypePlay,
			Name:     name,
			Address:  strings.TrimSuffix(prefix, "/"),
			Path:     r.file,
			Resource: body,
			Secrets:  unique(append(secrets(play["vars"], ""), secrets(play["environment"], "")...)),
		})
		for _, section := range taskSections {
			if v, ok := play[section]; ok && v != nil {
				list, ok := v.([]any)
				if !ok {
					r.fail(attrLine(play, section), fmt.Errorf("%s of play %q is not a list", section, name))
					continue
				}
				r.tasks(list, prefix+section+"/", attrLine(play, section))
			}
		}
	}
}

// playName is a play's name, else its hosts, else its position.
func playName(play map[string]any, i int) string {
	if n, ok := play["name"].(string); ok && n != "" {
		return n
	}
	switch h := play["hosts"].(type) {
	case string:
		return h
	case []any:
		parts := make([]string, 0, len(h))
		for _, x := range h {
			parts = append(parts, fmt.Sprint(x))
		}
		return strings.Join(parts, ",")
	}
	return fmt.Sprintf("play[%d]", i)
}

// blockSections are the task lists of a block.
var blockSections = []string{"block", "rescue", "always"}

// tasks reads a task list; prefix starts every address in it, and line is
// where the list is written.
func (r *reader) tasks(items []any, prefix string, line int) {
	labels := labeler{}
	for i, it := range items {
		task, ok := it.(map[string]any)
		if !ok {
			r.fail(itemLine(it, line), fmt.Errorf("task %d is not a mapping", i+1))
			continue
		}
		if _, isBlock := task["block"]; isBlock {
			name, _ := task["name"].(string)
			if name == "" {
				name = fmt.Sprintf("block[%d]", i)
			}
			blockPrefix := prefix + labels.next(name) + "/"
			for _, section := range blockSections {
				if list, ok := task[section].([]any); ok {
					r.tasks(list, blockPrefix+section+"/", attrLine(task, section))
				}
			}
			continue
		}
		t, err := parseTask(task)
		if err != nil {
			r.fail(startLine(task), err)
			continue
		}
		name, _ := task["name"].(string)
		label := name
		if label == "" {
			name = t.module
			label = fmt.Sprintf("%s[%d]", t.module, i)
		}
		r.res.Documents = append(r.res.Documents, scanners.Document{
			Format:   "ansible",
			Type:     TypeTask,
			Name:     name,
			Address:  prefix + labels.next(label),
			Path:     r.file,
			Resource: t.body,
			Secrets:  unique(slices.Concat(secrets(t.body["args"], ""), secrets(task["vars"], ""), secrets(task["environment"], ""))),
		})
	}
}

// labeler keeps the labels of one scope unique: a second "Restart" is
// "Restart#2".
type labeler map[string]int

func (l labeler) next(label string) string {
	l[label]++
	if n := l[label]; n > 1 {
		return fmt.Sprintf("%s#%d", label, n)
	}
	return label
}

// secrets lists the literal strings held under keys named like credentials
// anywhere in v; key is the name v is held under.
func secrets(v any, key string) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			if k != scanners.LocKey {
				out = append(out, secrets(child, k)...)
			}
		}
	case []any:
		for _, child := range x {
			out = append(out, secrets(child, key)...)
		}
	case string:
		if credentialKey(key) && literal(x) {
			out = append(out, x)
		}
	}
	return out
}

var (
	// credentialRE matches names of arguments and variables that hold
	// credentials. It is narrower than scanners.SecretName: module options
	// named after authentication (force_basic_auth, allow_unauthenticated)
	// hold flags, not secrets.
	credentialRE = regexp.MustCompile(`(?i)(passw(or)?d|passwd|passphrase|secret|token|api_?key|private_?key|access_?key|credential)`)
	// optionNameRE matches names that look like credentials but name options
	// about them (update_password: on_create, private_key_file: PATH).
	optionNameRE = regexp.MustCompile(`(?i)(_file|_path|_dir|_lock|_policy|_length|_type|_mode|_method|_url|_uri|_expire|_expire_\w+|_min|_max|_warn|_days|_age|_validity)$|^(update_password|password_lock|no_log)$`)
)

// credentialKey reports whether a value held under key is a credential.
func credentialKey(key string) bool {
	return credentialRE.MatchString(key) && !optionNameRE.MatchString(key)
}

// literal reports whether s is a value written in the file, not a Jinja
// template or a vault-encrypted value.
func literal(s string) bool {
	return strings.TrimSpace(s) != "" && !strings.Contains(s, "{{") && !strings.Contains(s, "{%") &&
		!strings.HasPrefix(strings.TrimSpace(s), "$ANSIBLE_VAULT;")
}

func unique(s []string) []string {
	sort.Strings(s)
	return slices.Compact(s)
}

// itemLine is the line of a list item: its own for a mapping, else that
// of the list (scalars carry no position).
func itemLine(v any, list int) int {
	if m, ok := v.(map[string]any); ok {
		return startLine(m)
	}
	return list
}

func startLine(m map[string]any) int {
	loc, _ := m[scanners.LocKey].(map[string]any)
	l, _ := loc["start_line"].(int)
	return l
}

func attrLine(m map[string]any, key string) int {
	if a := attrLines(m, key); a != nil {
		return a[0]
	}
	return startLine(m)
}

// attrLines returns the start and end lines of key in m's position, or of
// the map held under key.
func attrLines(m map[string]any, key string) []int {
	if child, ok := m[key].(map[string]any); ok {
		loc, _ := child[scanners.LocKey].(map[string]any)
		s, _ := loc["start_line"].(int)
		e, _ := loc["end_line"].(int)
		return []int{s, e}
	}
	loc, _ := m[scanners.LocKey].(map[string]any)
	attrs, _ := loc["attrs"].(map[string]any)
	a, _ := attrs[key].(map[string]any)
	s, ok := a["start_line"].(int)
	if !ok {
		return nil
	}
	e, _ := a["end_line"].(int)
	return []int{s, e}
}
