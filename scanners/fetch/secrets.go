package fetch

import (
	"net/url"
	"regexp"
	"strings"
)

// urlRE finds URLs in a source or an error message; a go-getter prefix
// (git::) is part of the text before them.
var urlRE = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]*://[^\s"'<>]+`)

// publicParams are the query parameters of sources that are not secret.
var publicParams = map[string]bool{"ref": true, "version": true, "archive": true, "depth": true, "timeout": true, "submodules": true}

// Secrets returns the credentials written in the URLs of s (a module
// source, a chart repository, a kustomize base, or an error quoting them):
// the password of a URL's user information (or its user name when it has
// no password: a token written as https://TOKEN@host), and the values of
// query parameters other than ref, version, archive, depth, timeout and
// submodules (a signed URL's signature, a token). Readers add them to their
// result's secrets, so every output, error messages included, masks them
// where they appear and nothing else.
func Secrets(s string) []string {
	var out []string
	for _, raw := range urlRE.FindAllString(s, -1) {
		u, err := url.Parse(strings.TrimRight(raw, ".,;:)"))
		if err != nil {
			continue
		}
		if u.User != nil {
			if p, ok := u.User.Password(); ok && p != "" {
				out = append(out, p)
			} else if n := u.User.Username(); n != "" {
				out = append(out, n)
			}
		}
		for k, vs := range u.Query() {
			if publicParams[strings.ToLower(k)] {
				continue
			}
			for _, v := range vs {
				if v != "" {
					out = append(out, v, url.QueryEscape(v))
				}
			}
		}
	}
	return out
}
