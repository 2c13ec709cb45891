package dockerfile

import (
	"regexp"
	"sort"
	"strings"

	"github.com/tollgate/tollgate/scanners"
)

// BuildKit's errors quote the text they stop at ("unknown instruction:
// DB_PASSWORD=..."): a file it cannot parse yields no documents, hence no
// secrets, so the credentials are found in the text itself and masked in
// the error, and returned as the result's secrets.

var (
	// pairRE is a NAME=VALUE word, the value quoted or not.
	pairRE = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_.-]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S+)`)
	// legacyRE is the ENV NAME VALUE form: the value is the rest of the
	// line.
	legacyRE = regexp.MustCompile(`(?i)^\s*(?:ENV|ARG|LABEL)\s+([A-Za-z_][A-Za-z0-9_.-]*)\s+([^=\s].*)$`)
	// unknownRE and formRE are errors that quote a whole word of the file.
	unknownRE = regexp.MustCompile(`(unknown instruction: [^=\s]*)=\S*`)
	formRE    = regexp.MustCompile(`can't find = in "(?:[^"\\]|\\.)*"`)
)

// textSecrets returns the values written for names that look like
// credentials anywhere in src (ENV, ARG, LABEL, stray lines), as written
// and unquoted.
func textSecrets(src []byte) []string {
	var out []string
	for line := range strings.SplitSeq(string(src), "\n") {
		line = strings.TrimRight(line, "\r\\ \t")
		for _, m := range pairRE.FindAllStringSubmatch(line, -1) {
			if scanners.SecretName(m[1]) {
				out = append(out, m[2], strings.Trim(m[2], `"'`))
			}
		}
		if m := legacyRE.FindStringSubmatch(line); m != nil && scanners.SecretName(m[1]) {
			out = append(out, strings.TrimSpace(m[2]), strings.Trim(strings.TrimSpace(m[2]), `"'`))
		}
	}
	seen := map[string]bool{}
	var keep []string
	for _, s := range out {
		if len(s) >= 4 && !seen[s] {
			seen[s] = true
			keep = append(keep, s)
		}
	}
	sort.SliceStable(keep, func(i, j int) bool { return len(keep[i]) > len(keep[j]) })
	return keep
}

// safeMessage is a BuildKit error message without the values it quotes:
// the value of an unknown NAME=VALUE "instruction", the word a KEY=VALUE
// form lacked, and any of secrets.
func safeMessage(msg string, secrets []string) string {
	msg = unknownRE.ReplaceAllString(msg, "$1=…")
	msg = formRE.ReplaceAllString(msg, "can't find = in a word")
	for _, s := range secrets {
		msg = strings.ReplaceAll(msg, s, "****")
	}
	return msg
}
