// Package scanners defines the document model every input reader produces:
// resources as plain maps in which every object carries its source position.
package scanners

import (
	"context"
	"fmt"
	"io/fs"
)

// LocKey is the one key under which every object handed to Rego carries its
// position: {"path", "start_line", "end_line", "attrs": {key: {start_line, end_line}}}.
// Scalar attributes have no object of their own, so their lines live in the
// parent's attrs map.
const LocKey = "__loc"

// CallKey is the key under which a resource body instantiated by a call
// (a Terraform module call) carries the position of that call, in the same
// spelling as LocKey. Reports show it as a related location.
const CallKey = "__module_call"

// Location is a source range: a file and an inclusive, 1-based line range.
type Location struct {
	Path      string `json:"path"`
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
}

// Valid reports whether the location names a file and a line range.
func (l Location) Valid() bool {
	return l.Path != "" && l.StartLine > 0 && l.EndLine >= l.StartLine
}

// Loc builds the position object of a map value. Attribute lines are added
// with AttrLoc.
func Loc(path string, start, end int) map[string]any {
	return map[string]any{"path": path, "start_line": start, "end_line": end}
}

// SetAttrLoc records the line range of the scalar attribute key of obj.
func SetAttrLoc(obj map[string]any, key string, start, end int) {
	if attrs := attrsOf(obj); attrs != nil {
		attrs[key] = map[string]any{"start_line": start, "end_line": end}
	}
}

// SetAttrLocIn records the position of the scalar attribute key of obj
// when the attribute is written in another file than obj itself (a
// Kustomize patch that sets a field of a base's mapping).
func SetAttrLocIn(obj map[string]any, key, path string, start, end int) {
	if attrs := attrsOf(obj); attrs != nil {
		attrs[key] = map[string]any{"path": path, "start_line": start, "end_line": end}
	}
}

// MarkUnknown records that the value of attribute key of obj could not be
// known statically (for example it refers to another resource's output).
// Policies never fire on unknown values: the attribute is left out of obj.
func MarkUnknown(obj map[string]any, key string) {
	SetAttrFlag(obj, key, "unknown")
}

// SetAttrRef records, in the position entry of attribute key of obj, the
// reference its unknown value is read from ("aws_iam_role.exec.arn"), so
// that a rule can tell two attributes name the same thing without knowing
// its value. It does nothing when obj has no position.
func SetAttrRef(obj map[string]any, key, ref string) {
	if a := attrEntry(obj, key); a != nil {
		a["ref"] = ref
	}
}

// SetAttrFlag sets flag to true in the position entry of attribute key of
// obj, beside its lines: "unknown" (see MarkUnknown), or a scanner's own
// mark such as "sensitive" or "interpolated". It does nothing when obj has
// no position.
func SetAttrFlag(obj map[string]any, key, flag string) {
	if a := attrEntry(obj, key); a != nil {
		a[flag] = true
	}
}

// attrEntry is the position entry of attribute key of obj, added when
// missing; nil when obj has no position.
func attrEntry(obj map[string]any, key string) map[string]any {
	attrs := attrsOf(obj)
	if attrs == nil {
		return nil
	}
	a, _ := attrs[key].(map[string]any)
	if a == nil {
		a = map[string]any{}
		attrs[key] = a
	}
	return a
}

// AttrLine returns the first line recorded for attribute key of obj, or
// obj's own first line when the attribute has none; 0 when obj has no
// position.
func AttrLine(obj map[string]any, key string) int {
	loc, _ := obj[LocKey].(map[string]any)
	attrs, _ := loc["attrs"].(map[string]any)
	if a, _ := attrs[key].(map[string]any); a != nil {
		if l, ok := a["start_line"].(int); ok {
			return l
		}
	}
	l, _ := loc["start_line"].(int)
	return l
}

// attrsOf returns the attrs map of obj's position, adding an empty one
// when there is none; nil when obj has no position.
func attrsOf(obj map[string]any) map[string]any {
	loc, _ := obj[LocKey].(map[string]any)
	if loc == nil {
		return nil
	}
	attrs, _ := loc["attrs"].(map[string]any)
	if attrs == nil {
		attrs = map[string]any{}
		loc["attrs"] = attrs
	}
	return attrs
}

// Document is one resource as policies see it. Policies are evaluated once
// per document, and the built-in rules select documents by Format and Type
// so that OPA's rule index skips every rule written for another type.
type Document struct {
	// Format is the input kind: "terraform", "kubernetes", "image".
	Format string
	// Type is the resource type within the format: "aws_s3_bucket",
	// "Deployment", "container_image".
	Type string
	// Name is the resource's own name.
	Name string
	// Address identifies the resource stably across edits of unrelated lines
	// ("aws_s3_bucket.logs", "apps/v1/Deployment/default/web"). Fingerprints
	// are built from it, never from line numbers.
	Address string
	// Path is the file the resource was read from, relative to the scan root
	// and slash-separated; for images the image reference.
	Path string
	// Resource is the resource body. Every map in it carries LocKey.
	Resource map[string]any
	// Related holds, by resource type, the bodies of other resources of the
	// same configuration that refer to this one: the
	// aws_s3_bucket_versioning whose bucket is this aws_s3_bucket. Policies
	// see it as input.related.
	Related map[string][]map[string]any
	// RelatedUnknown says which resources refer to this one cannot be
	// known (a plan's values carry no references): policies see
	// input.related_unknown and never conclude from an empty related.
	RelatedUnknown bool
	// Configuration, set only for the few resource types whose rules judge
	// a configuration as a whole, holds by resource type the bodies of
	// every resource of that type in the same configuration (a Terraform
	// root module and the modules it calls). Policies see it as
	// input.configuration; a type the scanner provides is always present,
	// as an empty list when the configuration has none.
	Configuration map[string][]map[string]any
	// Secrets lists values found in the input that must never be printed
	// (for example the value of an environment variable named like a
	// credential). The scan masks them in every output.
	Secrets []string
}

// Input returns the value policies see as `input`.
func (d *Document) Input() map[string]any {
	in := map[string]any{
		"format":   d.Format,
		"type":     d.Type,
		"name":     d.Name,
		"address":  d.Address,
		"path":     d.Path,
		"resource": d.Resource,
		"related":  bodiesByType(d.Related),
	}
	if d.RelatedUnknown {
		in["related_unknown"] = true
	}
	if d.Configuration != nil {
		in["configuration"] = bodiesByType(d.Configuration)
	}
	return in
}

// bodiesByType is m as policies see it: lists of objects by type.
func bodiesByType(m map[string][]map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for typ, bodies := range m {
		list := make([]any, len(bodies))
		for i, b := range bodies {
			list[i] = b
		}
		out[typ] = list
	}
	return out
}

// FileError is an input that could not be read or parsed. Line is 0 when the
// problem is not tied to a line (an unreadable file).
type FileError struct {
	Path string
	Line int
	Err  error
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }

// Result is what a scanner made of one file.
type Result struct {
	Path      string
	Format    string
	Documents []Document
	// Errors are problems that stop part or all of the file from being
	// evaluated. A file with errors is never reported as passing.
	Errors []*FileError
	// Warnings are problems that did not stop the file from being
	// evaluated: syntax its tool still accepts but has deprecated (a
	// Terraform 0.12 quoted type constraint). They never fail the scan.
	Warnings []*FileError
	// NotFormat, when set, says the file is not of the scanner's format
	// after all, and why: a file taken only by its content (a render.com
	// render.yaml with top-level services:) that the format's own tool
	// would never read. The walker lists it as skipped with this reason
	// instead of failing the scan; Documents and Errors must be empty. A
	// file taken by its name is never NotFormat: it fails as an error.
	NotFormat string
	// Secrets are values the scanner knows must never be printed, even
	// when no document could be made (a .env password that a parser's
	// error may quote). They are masked in every output, as
	// Document.Secrets are.
	Secrets []string
}

// FileScanner reads one kind of IaC file.
type FileScanner interface {
	// Name is the format name, e.g. "terraform".
	Name() string
	// Match reports whether the file at path (with its first bytes in head)
	// is of this format.
	Match(path string, head []byte) bool
	// Scan reads the given files of fsys, all of which matched. Paths are
	// slash-separated and are the paths reported in locations. Formats whose
	// meaning spans files (a Terraform module is a directory) see them all
	// at once. There is one Result per file, in the order given.
	Scan(ctx context.Context, fsys fs.FS, files []string) []Result
}

// FSMatcher is a FileScanner that needs the file system to tell its files
// (a Helm template is only one inside a chart). The walker calls MatchFS
// instead of Match when a scanner has it.
type FSMatcher interface {
	MatchFS(fsys fs.FS, path string, head []byte) bool
}

// Claimer is a FileScanner whose files consume others: a kustomization
// reads its resources and patches. The files it claims are read only
// through it, never also by another scanner, so no finding is reported
// twice.
type Claimer interface {
	Claims(fsys fs.FS, files []string) []string
}
