// Package policies embeds tollgate's Rego library (access, encryption,
// backup, audit) and evaluates it, with the user's policies, over scanned
// documents: compiled once, prepared once, evaluated in parallel.
package policies

import "embed"

// FS holds the built-in policies and their tests, by category, and the
// value checks (checks/*.yaml).
//
//go:embed lib access encryption backup audit checks
var FS embed.FS
