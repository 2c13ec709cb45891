package cloudformation

import (
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

// Format is the input.format of CloudFormation documents.
const Format = "cloudformation"

// Scanner reads CloudFormation templates.
type Scanner struct{}

// New returns a CloudFormation scanner.
func New() *Scanner { return &Scanner{} }

// Name implements scanners.FileScanner.
func (*Scanner) Name() string { return "cloudformation" }

var (
	yamlVersionRE   = regexp.MustCompile(`(?m)^AWSTemplateFormatVersion\s*:`)
	jsonVersionRE   = regexp.MustCompile(`"AWSTemplateFormatVersion"\s*:`)
	yamlResourcesRE = regexp.MustCompile(`(?m)^Resources\s*:`)
	jsonResourcesRE = regexp.MustCompile(`"Resources"\s*:`)
	awsTypeRE       = regexp.MustCompile(`"?Type"?\s*:\s*["']?AWS::[A-Za-z0-9]+::`)
	k8sRE           = regexp.MustCompile(`(?m)^apiVersion:\s*\S[\s\S]*^kind:\s*\S|^kind:\s*\S[\s\S]*^apiVersion:\s*\S`)
)

// Match takes .yaml, .yml, .json and .template files whose content is a
// template: a top-level AWSTemplateFormatVersion, or a top-level Resources
// with an AWS:: resource type in the file's first bytes.
func (*Scanner) Match(p string, head []byte) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".yaml", ".yml", ".json", ".template":
	default:
		return false
	}
	if k8sRE.Match(head) {
		return false
	}
	if yamlVersionRE.Match(head) || jsonVersionRE.Match(head) {
		return true
	}
	return (yamlResourcesRE.Match(head) || jsonResourcesRE.Match(head)) && awsTypeRE.Match(head)
}

// Scan implements scanners.FileScanner: each template is read on its own.
// Units implements scanners.Partitioner: each file is read on its own.
func (*Scanner) Units(_ fs.FS, files []string) [][]string { return scanners.FileUnits(files) }

func (s *Scanner) Scan(ctx context.Context, fsys fs.FS, files []string) []scanners.Result {
	return scanners.EachFile(ctx, s.Name(), files, func(f string) scanners.Result { return scanFile(fsys, f) })
}

func scanFile(fsys fs.FS, file string) scanners.Result {
	res := scanners.Result{Path: file, Format: "cloudformation"}
	src, err := scanners.ReadFile(fsys, file)
	if err != nil {
		res.Errors = append(res.Errors, &scanners.FileError{Path: file, Err: err})
		return res
	}
	root, err := decode(file, src)
	if err != nil {
		res.Errors = append(res.Errors, fileError(file, err))
		return res
	}
	res.Documents, res.Errors = documents(file, root)
	return res
}

// decode reads a JSON template (one starting with "{") or a YAML one, whose
// short-form tags become long-form intrinsic calls.
func decode(file string, src []byte) (map[string]any, error) {
	var doc yamlpos.Document
	if trimmed := bytes.TrimLeft(bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF")), " \t\r\n"); bytes.HasPrefix(trimmed, []byte("{")) {
		d, err := yamlpos.DecodeJSON(file, src)
		if err != nil {
			return nil, err
		}
		doc = d
	} else {
		docs, err := yamlpos.DecodeWithTags(file, src, longForm, yamlpos.WithSchema(yamlpos.PyYAML11))
		if err != nil {
			return nil, err
		}
		if len(docs) == 0 {
			return nil, &yamlpos.Error{Line: 1, Msg: "template is empty"}
		}
		if len(docs) > 1 {
			return nil, &yamlpos.Error{Line: docs[1].StartLine, Msg: "a template is one YAML document; found another"}
		}
		doc = docs[0]
	}
	m, ok := doc.Value.(map[string]any)
	if !ok {
		return nil, &yamlpos.Error{Line: doc.StartLine, Msg: "template is not a mapping"}
	}
	return m, nil
}

func fileError(file string, err error) *scanners.FileError {
	var ye *yamlpos.Error
	if errors.As(err, &ye) {
		return &scanners.FileError{Path: file, Line: ye.Line, Err: errors.New(ye.Msg)}
	}
	return &scanners.FileError{Path: file, Err: err}
}

// documents returns one document per resource of the template, in the
// order they are written.
func documents(file string, top map[string]any) ([]scanners.Document, []*scanners.FileError) {
	var errs []*scanners.FileError
	failAt := func(line int, format string, args ...any) {
		errs = append(errs, &scanners.FileError{Path: file, Line: line, Err: fmt.Errorf(format, args...)})
	}
	resources, ok := top["Resources"].(map[string]any)
	if !ok {
		failAt(scanners.AttrLine(top, "Resources"), "not a CloudFormation template: no Resources mapping")
		return nil, errs
	}
	t := &template{file: file, params: map[string]param{}}
	var shared []string
	if params, ok := top["Parameters"].(map[string]any); ok {
		shared = t.readParams(params)
	} else if _, present := top["Parameters"]; present {
		failAt(scanners.AttrLine(top, "Parameters"), "Parameters is not a mapping")
	}
	if m, ok := top["Mappings"].(map[string]any); ok {
		t.mappings = m
	}
	globals, _ := top["Globals"].(map[string]any)
	var docs []scanners.Document
	for _, id := range byLine(resources) {
		entry, ok := resources[id].(map[string]any)
		if !ok {
			failAt(scanners.AttrLine(resources, id), "resource %s is not a mapping", id)
			continue
		}
		typ, ok := entry["Type"].(string)
		if !ok || typ == "" {
			failAt(startLine(entry), "resource %s has no Type", id)
			continue
		}
		applyGlobals(entry, typ, globals)
		t.resolveMap(entry)
		ensureProperties(entry)
		docs = append(docs, scanners.Document{
			Format:   Format,
			Type:     typ,
			Name:     id,
			Address:  id,
			Path:     file,
			Resource: entry,
			Secrets:  unique(append(append([]string(nil), shared...), scanners.SecretValues(entry["Properties"])...)),
		})
	}
	return docs, errs
}

// readParams records the parameters Ref may resolve, and returns the
// defaults of NoEcho parameters: secrets.
func (t *template) readParams(params map[string]any) []string {
	var secrets []string
	for name, v := range params {
		p, ok := v.(map[string]any)
		if name == scanners.LocKey || !ok {
			continue
		}
		def, hasDefault := p["Default"]
		typ, _ := p["Type"].(string)
		// The default of an SSM parameter type names the parameter; its
		// value is read at deployment.
		ssm := strings.HasPrefix(typ, "AWS::SSM::Parameter::Value<")
		t.params[name] = param{def: paramDefault(typ, def), hasDefault: hasDefault && def != nil && !ssm}
		if noEcho(p["NoEcho"]) {
			if s, ok := scalarString(def); ok && s != "" {
				secrets = append(secrets, s)
			}
		}
	}
	sort.Strings(secrets)
	return secrets
}

func noEcho(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return strings.EqualFold(x, "true")
	}
	return false
}

// ensureProperties gives a resource without Properties an empty map located
// on the resource. Properties left out as unknown stay out.
func ensureProperties(entry map[string]any) {
	if _, ok := entry["Properties"].(map[string]any); ok {
		return
	}
	loc, _ := entry[scanners.LocKey].(map[string]any)
	if attrs, _ := loc["attrs"].(map[string]any); attrs != nil {
		if a, _ := attrs["Properties"].(map[string]any); a != nil {
			if a["unknown"] == true {
				return
			}
			// Properties: (null) or a scalar: an empty map on its lines.
			start, _ := a["start_line"].(int)
			end, _ := a["end_line"].(int)
			delete(attrs, "Properties")
			entry["Properties"] = map[string]any{scanners.LocKey: scanners.Loc(fmt.Sprint(loc["path"]), start, end)}
			return
		}
	}
	entry["Properties"] = map[string]any{scanners.LocKey: scanners.Loc(fmt.Sprint(loc["path"]), startLine(entry), endLine(entry))}
}

// unique sorts secrets and drops repeats.
func unique(secrets []string) []string {
	sort.Strings(secrets)
	return slices.Compact(secrets)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		if k != scanners.LocKey {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// byLine lists the keys of m in source order.
func byLine(m map[string]any) []string {
	keys := sortedKeys(m)
	sort.SliceStable(keys, func(i, j int) bool { return keyLine(m, keys[i]) < keyLine(m, keys[j]) })
	return keys
}

// keyLine is the first line of m's member key.
func keyLine(m map[string]any, key string) int {
	if child, ok := m[key].(map[string]any); ok {
		return startLine(child)
	}
	return scanners.AttrLine(m, key)
}

func startLine(m map[string]any) int {
	loc, _ := m[scanners.LocKey].(map[string]any)
	l, _ := loc["start_line"].(int)
	return l
}

func endLine(m map[string]any) int {
	loc, _ := m[scanners.LocKey].(map[string]any)
	l, _ := loc["end_line"].(int)
	return l
}
