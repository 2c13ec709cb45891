package compose

import (
	"regexp"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/template"

	"github.com/tollgate/tollgate/scanners"
)

// compose-go's errors may quote the values they are about, and a value may
// be a credential interpolated from .env: "error while interpolating
// services.db.privileged: failed to cast to expected type: invalid
// boolean: <the password>". The errors are rewritten to name the key, and
// the credentials that remain are masked.

var (
	castRE = regexp.MustCompile(`error while interpolating ([^\s:]+): failed to cast to expected type: (.*)`)
	// formatRE is an invalid ${...}: compose-go quotes the whole value.
	formatRE  = regexp.MustCompile(`(?s)invalid interpolation format for ([^\s]+?)\.\s*You may need to escape any \$ with another \$\.\n.*`)
	parsingRE = regexp.MustCompile(`parsing "(?:[^"\\]|\\.)*"`)
	// quotedRE is a Go-quoted string in a message.
	quotedRE = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
)

// castKind names the type a compose-go cast expected, from its error.
func castKind(cause string) string {
	switch {
	case strings.HasPrefix(cause, "invalid boolean"):
		return "a boolean (true, false, yes, no, on, off, y, n)"
	case strings.Contains(cause, "ParseFloat"):
		return "a number"
	case strings.Contains(cause, "ParseUint"):
		return "an octal or decimal integer"
	case strings.Contains(cause, "Atoi"), strings.Contains(cause, "ParseInt"):
		return "an integer"
	}
	return "of the expected type"
}

// rewriteError rewrites a compose-go error so that it names keys, not
// values.
func rewriteError(msg string) string {
	msg = castRE.ReplaceAllStringFunc(msg, func(m string) string {
		sub := castRE.FindStringSubmatch(m)
		return sub[1] + ": the value, once interpolated, is not " + castKind(sub[2])
	})
	msg = formatRE.ReplaceAllString(msg, "${1}: invalid interpolation format (write a literal $ as $$$$)")
	return parsingRE.ReplaceAllString(msg, "parsing the value")
}

// dotenvError is a .env parse error without the text it quotes (the line,
// the value): "line 3: unterminated quoted value".
func dotenvError(msg string) string {
	if i := strings.IndexAny(msg, `"'`); i >= 0 {
		msg = strings.TrimRight(msg[:i], " :")
	}
	return quotedRE.ReplaceAllString(msg, "")
}

// secrets are the values an error must not print: the environment's
// variables named like credentials, the variables interpolated into a value
// held under a credential-like key (API_TOKEN: ${TOKEN}), and the values
// written under such keys.
func (f *source) secrets(env map[string]string) []string {
	var out []string
	for k, v := range env {
		if scanners.SecretName(k) {
			out = append(out, v)
		}
	}
	var walk func(v any, key string)
	walk = func(v any, key string) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				if k != scanners.LocKey {
					walk(c, k)
				}
			}
		case []any:
			for _, c := range x {
				// KEY=VALUE items of a list-syntax environment.
				if s, ok := c.(string); ok {
					if k, _, found := strings.Cut(s, "="); found && scanners.SecretName(k) {
						walk(s, k)
						continue
					}
				}
				walk(c, key)
			}
		case string:
			if !scanners.SecretName(key) {
				return
			}
			out = append(out, x)
			for _, ref := range template.ExtractVariables(map[string]any{"v": x}, template.DefaultPattern) {
				out = append(out, env[ref.Name])
			}
		}
	}
	walk(f.root, "")
	return maskable(out)
}

// maskable keeps the values worth masking (4 characters or more, as the
// scan's own masker), without repeats, longest first.
func maskable(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if len(s) >= 4 && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// mask replaces every secret in msg with "****".
func mask(msg string, secrets []string) string {
	for _, s := range secrets {
		msg = strings.ReplaceAll(msg, s, "****")
	}
	return msg
}
