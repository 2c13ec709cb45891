package scantest

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/tollgate/tollgate/policies"
	"github.com/tollgate/tollgate/scanners"
)

// engine is the built-in policies, compiled once per test binary.
var engine struct {
	once sync.Once
	e    *policies.Engine
	err  error
}

func builtins(t testing.TB) *policies.Engine {
	t.Helper()
	engine.once.Do(func() {
		engine.e, engine.err = policies.Load(context.Background())
	})
	if engine.err != nil {
		t.Fatalf("load the built-in policies: %v", engine.err)
	}
	return engine.e
}

// Finding is a policy result reduced to what scanner tests assert.
type Finding struct {
	RuleID string
	// Document is the document the rule fired on.
	Document *scanners.Document
	// Span is the result's location as "path:start-end".
	Span string
}

// String is the finding as "RULE path:start-end".
func (f Finding) String() string { return f.RuleID + " " + f.Span }

// Prefix keeps the rules whose id starts with prefix ("TG-ANS-").
func Prefix(prefix string) func(ruleID string) bool {
	return func(id string) bool { return strings.HasPrefix(id, prefix) }
}

// Rules keeps the rules of the given ids.
func Rules(ids ...string) func(ruleID string) bool {
	return func(id string) bool { return slices.Contains(ids, id) }
}

// Evaluate runs the built-in policies over docs and returns the findings
// of the rules keep accepts, sorted by String. It fails the test when an
// evaluation fails, and reports every finding whose message prints one of
// its document's secrets.
func Evaluate(t testing.TB, docs []scanners.Document, keep func(ruleID string) bool) []Finding {
	t.Helper()
	inputs := make([]map[string]any, len(docs))
	for i := range docs {
		inputs[i] = docs[i].Input()
	}
	results, errs := builtins(t).Evaluate(context.Background(), inputs)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var out []Finding
	for i, rs := range results {
		for _, r := range rs {
			if !keep(r.RuleID) {
				continue
			}
			for _, s := range docs[i].Secrets {
				if s != "" && strings.Contains(r.Message, s) {
					t.Errorf("%s message prints a secret: %s", r.RuleID, r.Message)
				}
			}
			span := fmt.Sprintf("%v:%v-%v", r.Location["path"], r.Location["start_line"], r.Location["end_line"])
			out = append(out, Finding{RuleID: r.RuleID, Document: &docs[i], Span: span})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// Findings runs the built-in policies over docs and returns the findings
// of the rules keep accepts as "RULE path:start-end", sorted.
func Findings(t testing.TB, docs []scanners.Document, keep func(ruleID string) bool) []string {
	t.Helper()
	var out []string
	for _, f := range Evaluate(t, docs, keep) {
		out = append(out, f.String())
	}
	return out
}
