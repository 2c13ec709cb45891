// Package secrets finds credentials in text with gitleaks' default rules
// (github.com/zricethezav/gitleaks/v8) and tollgate's own allow list, and
// reports each at its 1-based line and column with a masked preview.
package secrets
