package ansible_test

import (
	"context"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tollgate/tollgate/internal/scantest"
	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/ansible"
)

var testdata = os.DirFS("../../testdata")

const (
	site  = "ansible/playbook/site.yml"
	role  = "ansible/playbook/roles/web/tasks/main.yml"
	hands = "ansible/playbook/roles/web/handlers/main.yml"
	pass  = "ansible/pass/site.yml"
)

func scan(t *testing.T, files ...string) []scanners.Result {
	t.Helper()
	return scantest.Scan(t, ansible.New(), testdata, files...)
}

func TestMatch(t *testing.T) {
	cases := []struct {
		path, head string
		want       bool
	}{
		{"site.yml", "---\n# comment\n- hosts: all\n  tasks: []\n", true},
		{"playbooks/deploy.yaml", "- name: deploy\n  hosts: web\n  roles: [app]\n", true},
		{"all.yml", "- import_playbook: web.yml\n- ansible.builtin.import_playbook: db.yml\n", true},
		{"roles/web/tasks/main.yml", "- name: x\n  ansible.builtin.ping:\n", true},
		{"tasks/setup.yml", "---\n- apt: name=git\n", true},
		{"roles/web/handlers/main.yml", "- name: reload\n  service: name=nginx state=reloaded\n", true},
		// Lists elsewhere without plays are not Ansible.
		{"requirements.yml", "- src: geerlingguy.nginx\n", false},
		{"config/list.yml", "- name: a\n  value: b\n", false},
		// Mappings are not Ansible playbooks or task lists, even with hosts.
		{"ingress.yaml", "apiVersion: networking.k8s.io/v1\nkind: Ingress\nspec:\n  tls:\n  - hosts:\n    - a.example\n", false},
		{"roles/web/defaults/main.yml", "nginx_port: 80\n", false},
		{"tasks/notes.txt", "- hosts: all\n", false},
	}
	s := ansible.New()
	for _, tc := range cases {
		if got := s.Match(tc.path, []byte(tc.head)); got != tc.want {
			t.Errorf("Match(%s, %q) = %v, want %v", tc.path, tc.head, got, tc.want)
		}
	}
	if s.Name() != "ansible" {
		t.Errorf("Name() = %q", s.Name())
	}
}

func TestScanGolden(t *testing.T) {
	res := scan(t, site, role, hands, pass)
	for _, r := range res {
		if len(r.Errors) > 0 || r.Format != "ansible" {
			t.Fatalf("%s: %v (format %q)", r.Path, r.Errors, r.Format)
		}
	}
	scantest.Golden(t, "../../testdata/ansible/documents.golden", scantest.DocumentsJSON(t, scantest.Documents(res...)))
}

func byAddress(t *testing.T, docs []scanners.Document) map[string]scanners.Document {
	t.Helper()
	out := map[string]scanners.Document{}
	for _, d := range docs {
		if _, dup := out[d.Address]; dup {
			t.Errorf("address %s is not unique", d.Address)
		}
		out[d.Address] = d
	}
	return out
}

func TestScanPlaybook(t *testing.T) {
	docs := byAddress(t, scan(t, site)[0].Documents)
	var addrs []string
	for a, d := range docs {
		addrs = append(addrs, d.Type+" "+a)
	}
	sort.Strings(addrs)
	want := []string{
		"ansible_play " + site + ":database",
		"ansible_play " + site + ":web servers",
		"ansible_task " + site + ":database/tasks/Create the orders role",
		"ansible_task " + site + ":database/tasks/Fetch the schema",
		"ansible_task " + site + ":database/tasks/Install PostgreSQL",
		"ansible_task " + site + ":web servers/handlers/Restart orders",
		"ansible_task " + site + ":web servers/pre_tasks/Refresh the apt cache",
		"ansible_task " + site + ":web servers/tasks/Create the upload directory",
		"ansible_task " + site + ":web servers/tasks/Deploy the configuration",
		"ansible_task " + site + ":web servers/tasks/Download the release",
		"ansible_task " + site + ":web servers/tasks/Health check of the upstream",
		"ansible_task " + site + ":web servers/tasks/Install the app user",
		"ansible_task " + site + ":web servers/tasks/block[5]/block/Copy the sudoers drop-in",
		"ansible_task " + site + ":web servers/tasks/block[5]/block/shell[1]",
		"ansible_task " + site + ":web servers/tasks/block[5]/rescue/Report the failure",
	}
	if !reflect.DeepEqual(addrs, want) {
		t.Fatalf("documents:\n%s\nwant:\n%s", strings.Join(addrs, "\n"), strings.Join(want, "\n"))
	}

	play := docs[site+":web servers"]
	if play.Name != "web servers" || scantest.Span(t, play.Resource, "") != site+":3-52" || play.Resource["hosts"] != "web" {
		t.Errorf("play %s at %s: %v", play.Name, scantest.Span(t, play.Resource, ""), play.Resource["hosts"])
	}
	for _, k := range []string{"tasks", "pre_tasks", "handlers"} {
		if _, ok := play.Resource[k]; ok {
			t.Errorf("play document holds %s", k)
		}
	}
	if !reflect.DeepEqual(play.Secrets, []string{"tg_live_8f2b9c41d7e0a6"}) {
		t.Errorf("play secrets %q: want the literal api_token of vars", play.Secrets)
	}

	get := docs[site+":web servers/tasks/Download the release"]
	r := get.Resource
	if get.Name != "Download the release" || r["module"] != "get_url" || r["fqcn"] != "ansible.builtin.get_url" || scantest.Span(t, r, "") != site+":17-22" || scantest.Span(t, r, "module") != site+":18-18" {
		t.Errorf("get_url task %q: module %v fqcn %v at %s, module at %s", get.Name, r["module"], r["fqcn"], scantest.Span(t, r, ""), scantest.Span(t, r, "module"))
	}
	args := r["args"].(map[string]any)
	// Ansible loads `validate_certs: no` with PyYAML's YAML 1.1: false.
	if args["validate_certs"] != false || scantest.Span(t, args, "validate_certs") != site+":22-22" || scantest.Span(t, args, "") != site+":18-22" {
		t.Errorf("args %v: validate_certs at %s, args at %s", args, scantest.Span(t, args, "validate_certs"), scantest.Span(t, args, ""))
	}
	if _, ok := r["ansible.builtin.get_url"]; ok {
		t.Error("the module key must be replaced by module, fqcn and args")
	}

	// Free-form arguments, short module name.
	uri := docs[site+":web servers/tasks/Health check of the upstream"].Resource
	uriArgs := uri["args"].(map[string]any)
	if uri["fqcn"] != "ansible.builtin.uri" || uriArgs["validate_certs"] != "false" || uriArgs["url"] != "https://upstream.example.com/health" || scantest.Span(t, uriArgs, "validate_certs") != site+":24-24" {
		t.Errorf("free-form uri: %v %v at %s", uri["fqcn"], uriArgs, scantest.Span(t, uriArgs, "validate_certs"))
	}

	// YAML 0777 is octal, as in Ansible.
	file := docs[site+":web servers/tasks/Create the upload directory"].Resource["args"].(map[string]any)
	if file["mode"] != 0o777 || scantest.Span(t, file, "mode") != site+":29-29" {
		t.Errorf("mode %v at %s", file["mode"], scantest.Span(t, file, "mode"))
	}

	// A raw module keeps its command line, and reads only its own options.
	shell := docs[site+":web servers/tasks/block[5]/block/shell[1]"]
	shellArgs := shell.Resource["args"].(map[string]any)
	if shell.Name != "shell" || shellArgs["_raw_params"] != "/opt/orders/bin/migrate --yes" || shellArgs["chdir"] != "/opt/orders" {
		t.Errorf("shell %q args %v", shell.Name, shellArgs)
	}

	// action: with free-form arguments, merged with args:.
	fetch := docs[site+":database/tasks/Fetch the schema"].Resource
	fetchArgs := fetch["args"].(map[string]any)
	if fetch["module"] != "get_url" || fetchArgs["validate_certs"] != "no" || fetchArgs["mode"] != "0600" || scantest.Span(t, fetchArgs, "mode") != site+":71-71" || scantest.Span(t, fetchArgs, "dest") != site+":69-69" {
		t.Errorf("action: %v args %v, mode at %s", fetch["module"], fetchArgs, scantest.Span(t, fetchArgs, "mode"))
	}
	if _, ok := fetch["action"]; ok {
		t.Error("action must be replaced by module and args")
	}

	user := docs[site+":web servers/tasks/Install the app user"]
	if !reflect.DeepEqual(user.Secrets, []string{"$6$rounds=656000$Lx1VvA0Q$Q4b9kB2mZk1"}) {
		t.Errorf("user secrets %q", user.Secrets)
	}
	// A templated and a vault-encrypted credential are not secrets.
	if s := docs[site+":database/tasks/Create the orders role"].Secrets; len(s) != 0 {
		t.Errorf("secrets %q, want none", s)
	}
	pg := docs[site+":database/tasks/Create the orders role"].Resource
	if pg["module"] != "postgresql_user" || pg["fqcn"] != "community.postgresql.postgresql_user" {
		t.Errorf("collection module %v %v", pg["module"], pg["fqcn"])
	}
}

func TestScanRoleTasks(t *testing.T) {
	res := scan(t, role, hands)
	docs := byAddress(t, append(res[0].Documents, res[1].Documents...))
	uri := docs[role+":Register with the load balancer"]
	if uri.Type != "ansible_task" || scantest.Span(t, uri.Resource, "") != role+":19-27" || scantest.Span(t, uri.Resource["args"], "url_password") != role+":24-24" {
		t.Errorf("role task at %s, url_password at %s", scantest.Span(t, uri.Resource, ""), scantest.Span(t, uri.Resource["args"], "url_password"))
	}
	if !reflect.DeepEqual(uri.Secrets, []string{"Sup3r-S3cret!"}) {
		t.Errorf("secrets %q", uri.Secrets)
	}
	if _, ok := docs[hands+":Reload nginx"]; !ok {
		t.Errorf("handler file not read: %v", docs)
	}
}

func TestScanErrors(t *testing.T) {
	r := scan(t, "ansible/syntax-error/site.yml")[0]
	if len(r.Errors) != 1 || r.Errors[0].Line != 5 || !strings.HasPrefix(r.Errors[0].Err.Error(), "yaml: ") || len(r.Documents) != 0 {
		t.Errorf("syntax error: %v, want a yaml error at line 5", r.Errors)
	}

	fsys := fstest.MapFS{
		"tasks/bad.yml": {Data: []byte("- name: ok\n  ping:\n- name: two modules\n  copy: src=a dest=b\n  file: path=b\n- just a string\n- name: nothing\n  become: true\n")},
		"site.yml":      {Data: []byte("- hosts: all\n  tasks:\n    - debug: msg=hi\n- name: no hosts\n  tasks: []\n")},
		"map.yml":       {Data: []byte("hosts: all\n")},
	}
	results := ansible.New().Scan(context.Background(), fsys, []string{"tasks/bad.yml", "site.yml", "map.yml"})
	type fileErr struct {
		Line int
		Msg  string
	}
	got := map[string][]fileErr{}
	for _, r := range results {
		for _, e := range r.Errors {
			got[r.Path] = append(got[r.Path], fileErr{e.Line, e.Err.Error()})
		}
	}
	want := map[string][]fileErr{
		"tasks/bad.yml": {
			{3, "task has conflicting action statements: copy, file"},
			{1, "task 3 is not a mapping"},
			{7, "task has no module"},
		},
		"site.yml": {{4, "play 2 has no hosts"}},
		"map.yml":  {{1, "not an Ansible playbook or task list: the document is not a list"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("errors %+v\nwant   %+v", got, want)
	}
	if n := len(results[0].Documents); n != 1 {
		t.Errorf("the valid task is still read: %d documents", n)
	}
}

func TestPolicies(t *testing.T) {
	docs := scantest.Documents(scan(t, site, role, hands, pass)...)
	want := []string{
		"TG-ANS-001 " + site + ":22-22", // get_url validate_certs: no
		"TG-ANS-001 " + site + ":24-24", // uri validate_certs=false (free-form)
		"TG-ANS-001 " + site + ":69-69", // action: get_url ... validate_certs=no
		"TG-ANS-002 " + role + ":17-17", // mode "1777"
		"TG-ANS-002 " + site + ":29-29", // mode: 0777
		"TG-ANS-002 " + site + ":42-42", // mode=o+w (free-form)
		"TG-ANS-003 " + role + ":24-24", // url_password literal
		"TG-ANS-003 " + site + ":38-38", // user password literal hash
		"TG-ANS-004 " + site + ":15-15", // allow_unauthenticated: yes
		"TG-ANS-004 " + site + ":60-60", // disable_gpg_check: true
	}
	if got := scantest.Findings(t, docs, scantest.Prefix("TG-ANS-")); !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestYAML11Booleans: Ansible loads YAML with PyYAML (YAML 1.1), so a plain
// yes/on is the boolean true; y and a quoted "yes" are strings, which
// module arguments still read as true through Ansible's boolean(): the
// rule fires on all four, and not on no/off/n.
func TestYAML11Booleans(t *testing.T) {
	src := `- hosts: all
  become: yes
  tasks:
    - apt: {name: a, allow_unauthenticated: yes}
    - apt: {name: b, allow_unauthenticated: On}
    - apt: {name: c, allow_unauthenticated: "yes"}
    - apt: {name: d, allow_unauthenticated: y}
    - apt: {name: e, allow_unauthenticated: no}
    - apt: {name: f, allow_unauthenticated: off}
    - apt: {name: g, allow_unauthenticated: n}
`
	res := scantest.Scan(t, ansible.New(), fstest.MapFS{"site.yml": {Data: []byte(src)}}, "site.yml")[0]
	if len(res.Errors) != 0 {
		t.Fatal(res.Errors)
	}
	want := map[string]any{"a": true, "b": true, "c": "yes", "d": "y", "e": false, "f": false, "g": "n"}
	var fired []string
	for _, d := range res.Documents {
		if d.Type == ansible.TypePlay {
			if d.Resource["become"] != true {
				t.Errorf("become = %#v, want true", d.Resource["become"])
			}
			continue
		}
		args := d.Resource["args"].(map[string]any)
		if w := want[args["name"].(string)]; args["allow_unauthenticated"] != w {
			t.Errorf("%s: allow_unauthenticated = %#v, want %#v", args["name"], args["allow_unauthenticated"], w)
		}
	}
	for _, f := range scantest.Evaluate(t, res.Documents, scantest.Rules("TG-ANS-004")) {
		fired = append(fired, f.Span)
	}
	sort.Strings(fired)
	if strings.Join(fired, ",") != "site.yml:4-4,site.yml:5-5,site.yml:6-6,site.yml:7-7" {
		t.Errorf("TG-ANS-004 at %v, want lines 4 to 7", fired)
	}
}
