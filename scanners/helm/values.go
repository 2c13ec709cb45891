package helm

import (
	"fmt"
	"strings"

	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/strvals"
)

// userValues merges values files then --set expressions as `helm template`
// does (pkg/cli/values.Options.MergeValues, which cannot be imported here
// without pulling in the Kubernetes CLI runtime).
func userValues(files, sets []string) (map[string]any, error) {
	base := map[string]any{}
	for _, f := range files {
		v, err := chartutil.ReadValuesFile(f)
		if err != nil {
			return nil, fmt.Errorf("helm values file %s: %w", f, err)
		}
		base = mergeMaps(base, v.AsMap())
	}
	for _, s := range sets {
		if err := strvals.ParseInto(s, base); err != nil {
			// A --set value may be a credential: the error names the
			// keys only.
			var vals []string
			for part := range strings.SplitSeq(s, ",") {
				if _, v, ok := strings.Cut(part, "="); ok {
					vals = append(vals, v)
				}
			}
			return nil, fmt.Errorf("helm --set %q: %s", setKeys(s), mask(err.Error(), vals))
		}
	}
	return base, nil
}

// setKeys is a --set expression with its values left out: "a=…,b=…".
func setKeys(expr string) string {
	parts := strings.Split(expr, ",")
	for i, p := range parts {
		if k, _, ok := strings.Cut(p, "="); ok {
			parts[i] = k + "=…"
		}
	}
	return strings.Join(parts, ",")
}

// mergeMaps is Helm's: b's keys win, except that two maps merge key by key.
func mergeMaps(a, b map[string]any) map[string]any {
	out := make(map[string]any, len(a))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		if vm, ok := v.(map[string]any); ok {
			if bv, ok := out[k].(map[string]any); ok {
				out[k] = mergeMaps(bv, vm)
				continue
			}
		}
		out[k] = v
	}
	return out
}

// deepCopy copies the maps and lists of v, so that rendering one chart
// cannot change the values another sees.
func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = deepCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = deepCopy(e)
		}
		return out
	}
	return v
}
