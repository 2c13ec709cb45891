package tollgate

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// DefaultConfigFile is read from the scan root when no config is named.
const DefaultConfigFile = ".tollgate.yaml"

// Config is the config file (.tollgate.yaml). Command-line flags override
// its settings.
type Config struct {
	// FailOn is a threshold as --fail-on takes it, or a map of category to
	// severity with "default" for the rest.
	FailOn FailOnConfig `yaml:"fail_on"`
	// Policies are extra policy directories, relative to the config file.
	Policies []string `yaml:"policies"`
	// Params override rule parameters (see policies/lib/params.rego).
	Params map[string]any `yaml:"params"`
	// Exceptions suppress findings, each with a reason an auditor reads.
	Exceptions []ExceptionConfig `yaml:"exceptions"`
	// InlineExceptions allows `# tollgate:ignore:` comments; true when unset.
	InlineExceptions *bool `yaml:"inline_exceptions"`
	// SkipErrors lets a scan with unreadable inputs pass (they are still
	// reported).
	SkipErrors bool `yaml:"skip_errors"`
	// SkipDirs and SkipFiles are glob patterns (doublestar syntax, from
	// the scan root) of directories and files the scan leaves out, added
	// to --skip-dirs and --skip-files.
	SkipDirs  []string `yaml:"skip_dirs"`
	SkipFiles []string `yaml:"skip_files"`

	path string
}

// FailOnConfig is fail_on: a string or a map.
type FailOnConfig string

// UnmarshalYAML reads "high" or {default: high, encryption: medium}.
func (f *FailOnConfig) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*f = FailOnConfig(n.Value)
		return nil
	case yaml.MappingNode:
		var m map[string]string
		if err := n.Decode(&m); err != nil {
			return err
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			if k == "default" {
				parts = append([]string{m[k]}, parts...)
				continue
			}
			parts = append(parts, k+"="+m[k])
		}
		*f = FailOnConfig(strings.Join(parts, ","))
		return nil
	}
	return fmt.Errorf("line %d: fail_on must be a severity or a map of category to severity", n.Line)
}

// ExceptionConfig is one entry of exceptions:. At least one of Rule, Path
// and Resource must be set; all that are set must match.
type ExceptionConfig struct {
	// Rule is a rule id.
	Rule string `yaml:"rule"`
	// Path is a glob over report paths; ** crosses directories.
	Path string `yaml:"path"`
	// Resource is a resource address (aws_s3_bucket.logs), or a glob.
	Resource string `yaml:"resource"`
	Reason   string `yaml:"reason"`
	Owner    string `yaml:"owner"`
	// Expires is YYYY-MM-DD; from that day on the exception no longer
	// suppresses and is reported as expired.
	Expires string `yaml:"expires"`

	line int
}

// LoadConfig reads a config file; unknown keys are errors, so a typo never
// silently disables a setting.
func LoadConfig(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return parseConfig(path, b)
}

// parseConfig reads the config file at path, whose content is b.
func parseConfig(path string, b []byte) (*Config, error) {
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	c.path = path
	// Record each exception's line, for reports.
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err == nil && len(doc.Content) > 0 {
		root := doc.Content[0]
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value == "exceptions" && root.Content[i+1].Kind == yaml.SequenceNode {
				for j, item := range root.Content[i+1].Content {
					if j < len(c.Exceptions) {
						c.Exceptions[j].line = item.Line
					}
				}
			}
		}
	}
	for i, e := range c.Exceptions {
		if e.Rule == "" && e.Path == "" && e.Resource == "" {
			return nil, fmt.Errorf("config %s:%d: exception %d matches everything: give rule, path or resource", path, e.line, i+1)
		}
		if strings.TrimSpace(e.Reason) == "" {
			return nil, fmt.Errorf("config %s:%d: exception %d needs a reason", path, e.line, i+1)
		}
		if e.Expires != "" {
			if _, err := parseDate(e.Expires); err != nil {
				return nil, fmt.Errorf("config %s:%d: exception %d: expires %q is not YYYY-MM-DD", path, e.line, i+1, e.Expires)
			}
		}
	}
	for i, p := range c.Policies {
		if !filepath.IsAbs(p) {
			c.Policies[i] = filepath.Join(filepath.Dir(path), p)
		}
	}
	return &c, nil
}

// source is where exception e is written.
func (c *Config) source(e ExceptionConfig) string {
	return fmt.Sprintf("%s:%d", c.path, e.line)
}
