package yamlpos

import (
	"encoding/base64"
	"errors"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Schema is the set of rules that gives a plain (unquoted, untagged) scalar
// its type. YAML 1.1 and 1.2 disagree on `yes`, `on`, `0o17`, `1:20`..., and
// the tools that apply the scanned files disagree with each other, so every
// reader decodes its files as the tool that applies them does: a
// `privileged: yes` that kubectl reads as true must not be a string to the
// policies. Quoted and block scalars are strings in every schema.
type Schema int

const (
	// YAML12 resolves scalars as gopkg.in/yaml.v3 does (YAML 1.2's core
	// schema): `yes`, `on`, `y` are strings, `0o17` is 15. The default.
	YAML12 Schema = iota
	// GoYAML11 resolves scalars as go.yaml.in/yaml/v2 does, the decoder under
	// sigs.k8s.io/yaml that kubectl, Helm and client-go use: y, Y, yes, on
	// (and n, no, off) in three case forms are booleans; ints in decimal,
	// 0x, 0o, 0b and leading-0 octal, with underscores; timestamps stay
	// strings. Map keys become the strings sigs.k8s.io/yaml makes of them
	// (`on:` is "true", `1.5:` is "1.5"); a null key is an error, as there.
	GoYAML11
	// PyYAML11 resolves scalars as PyYAML's YAML 1.1 resolver does (and
	// SnakeYAML, its Java port): yes, no, on, off, true, false in three case
	// forms (yes, Yes, YES) are booleans, y and n are strings; ints include
	// 0b, 0x, leading-0 octal and base-60 (1:20 is 80); a float needs a dot
	// (1e3 is a string). Ansible loads YAML with PyYAML; CloudFormation
	// documents YAML 1.1 and its linter, cfn-lint, reads it with PyYAML.
	// Map keys become the strings JSON makes of them (`yes:` is "true").
	PyYAML11
)

func (s Schema) String() string {
	switch s {
	case GoYAML11:
		return "YAML 1.1 (go-yaml v2)"
	case PyYAML11:
		return "YAML 1.1 (PyYAML)"
	}
	return "YAML 1.2"
}

// plainScalar reports whether n is a plain scalar without a tag, whose type
// the schema decides. yaml.v3 resolves `! 12` (the non-specific tag) as if
// it had no tag, which YAML 1.1 readers do not: the source tells them apart.
func (c *converter) plainScalar(n *yaml.Node) bool {
	return n.Style == 0 && !c.nonSpecificTag(n)
}

// nonSpecificTag reports whether the node n starts with the tag `!` (after
// an optional anchor) in the source.
func (c *converter) nonSpecificTag(n *yaml.Node) bool {
	li := n.Line - 1
	if li < 0 || li >= len(c.lines) {
		return false
	}
	line := c.lines[li]
	off := c.byteOffset(li, n.Column-1)
	for pass := 0; pass < 2 && off < len(line); pass++ {
		switch line[off] {
		case '&':
			for off < len(line) && !blank(line[off]) {
				off++
			}
			for off < len(line) && blank(line[off]) {
				off++
			}
		case '!':
			return off+1 == len(line) || blank(line[off+1])
		default:
			return false
		}
	}
	return false
}

// errTag is a scalar whose explicit tag does not fit its text.
func errTag(n *yaml.Node, tag string) error {
	// The text is left out: it may be a credential.
	return &Error{Line: n.Line, Msg: "yaml: the value cannot be decoded as " + tag}
}

// scalar12 resolves n as yaml.v3 does.
func scalar12(n *yaml.Node) (any, error) {
	switch n.Tag {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return nil, errTag(n, "!!bool")
		}
		return b, nil
	case "!!int":
		var i int64
		if err := n.Decode(&i); err != nil {
			var f float64
			if err2 := n.Decode(&f); err2 != nil {
				return n.Value, nil
			}
			return f, nil
		}
		if i >= math.MinInt && i <= math.MaxInt {
			return int(i), nil
		}
		return float64(i), nil
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			return n.Value, nil
		}
		return f, nil
	}
	return n.Value, nil
}

// number converts a resolved integer to the int or float64 documents hold.
func number(v any) any {
	switch x := v.(type) {
	case int64:
		if x >= math.MinInt && x <= math.MaxInt {
			return int(x)
		}
		return float64(x)
	case uint64:
		if x <= math.MaxInt {
			return int(x)
		}
		return float64(x)
	}
	return v
}

// ---- go.yaml.in/yaml/v2 ----
//
// The rules below are those of go.yaml.in/yaml/v2 v2.4.4 (resolve.go and
// decoder.scalar), copied rather than approximated: a value kubectl reads
// as a boolean must be one here.

const (
	tagStr       = "!!str"
	tagBool      = "!!bool"
	tagInt       = "!!int"
	tagFloat     = "!!float"
	tagNull      = "!!null"
	tagTimestamp = "!!timestamp"
	tagBinary    = "!!binary"
	tagMerge     = "!!merge"
)

type v2Item struct {
	value any
	tag   string
}

var (
	v2Hint = func() [256]byte {
		var t [256]byte
		t['+'], t['-'] = 'S', 'S'
		for _, c := range "0123456789" {
			t[c] = 'D'
		}
		for _, c := range "yYnNtTfFoO~" {
			t[c] = 'M'
		}
		t['.'] = '.'
		return t
	}()
	v2Map = func() map[string]v2Item {
		m := map[string]v2Item{}
		for _, item := range []struct {
			v   any
			tag string
			l   []string
		}{
			{true, tagBool, []string{"y", "Y", "yes", "Yes", "YES"}},
			{true, tagBool, []string{"true", "True", "TRUE"}},
			{true, tagBool, []string{"on", "On", "ON"}},
			{false, tagBool, []string{"n", "N", "no", "No", "NO"}},
			{false, tagBool, []string{"false", "False", "FALSE"}},
			{false, tagBool, []string{"off", "Off", "OFF"}},
			{nil, tagNull, []string{"", "~", "null", "Null", "NULL"}},
			{math.NaN(), tagFloat, []string{".nan", ".NaN", ".NAN"}},
			{math.Inf(+1), tagFloat, []string{".inf", ".Inf", ".INF"}},
			{math.Inf(+1), tagFloat, []string{"+.inf", "+.Inf", "+.INF"}},
			{math.Inf(-1), tagFloat, []string{"-.inf", "-.Inf", "-.INF"}},
			{"<<", tagMerge, []string{"<<"}},
		} {
			for _, s := range item.l {
				m[s] = v2Item{item.v, item.tag}
			}
		}
		return m
	}()
	v2Float = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)
)

func v2Resolvable(tag string) bool {
	switch tag {
	case "", tagStr, tagBool, tagInt, tagFloat, tagNull, tagTimestamp:
		return true
	}
	return false
}

// v2Resolve is yaml.v2's resolve: the tag and value of the scalar text in
// carrying tag ("" for a plain scalar), or an error when an explicit tag
// does not fit the text.
func v2Resolve(tag, in string) (rtag string, out any, ok bool) {
	if !v2Resolvable(tag) {
		return tag, in, true
	}
	rtag, out = v2ResolveText(tag, in)
	switch tag {
	case "", rtag, tagStr, tagBinary:
		return rtag, out, true
	case tagFloat:
		if rtag == tagInt {
			switch v := out.(type) {
			case int64:
				return tagFloat, float64(v), true
			case int:
				return tagFloat, float64(v), true
			}
		}
	}
	return rtag, out, false
}

func v2ResolveText(tag, in string) (string, any) {
	hint := byte('N')
	if in != "" {
		hint = v2Hint[in[0]]
	}
	if hint == 0 || tag == tagStr || tag == tagBinary {
		return tagStr, in
	}
	if item, ok := v2Map[in]; ok {
		return item.tag, item.value
	}
	switch hint {
	case '.':
		if f, err := strconv.ParseFloat(in, 64); err == nil {
			return tagFloat, f
		}
	case 'D', 'S':
		if tag == "" || tag == tagTimestamp {
			if t, ok := v2Timestamp(in); ok {
				return tagTimestamp, t
			}
		}
		plain := strings.ReplaceAll(in, "_", "")
		if i, err := strconv.ParseInt(plain, 0, 64); err == nil {
			return tagInt, i
		}
		if u, err := strconv.ParseUint(plain, 0, 64); err == nil {
			return tagInt, u
		}
		if v2Float.MatchString(plain) {
			if f, err := strconv.ParseFloat(plain, 64); err == nil {
				return tagFloat, f
			}
		}
		if rest, ok := strings.CutPrefix(plain, "0b"); ok {
			if i, err := strconv.ParseInt(rest, 2, 64); err == nil {
				return tagInt, i
			}
			if u, err := strconv.ParseUint(rest, 2, 64); err == nil {
				return tagInt, u
			}
		} else if rest, ok := strings.CutPrefix(plain, "-0b"); ok {
			if i, err := strconv.ParseInt("-"+rest, 2, 64); err == nil {
				return tagInt, i
			}
		}
	}
	return tagStr, in
}

var v2TimestampFormats = []string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}

func v2Timestamp(s string) (time.Time, bool) {
	i := 0
	for ; i < len(s); i++ {
		if c := s[i]; c < '0' || c > '9' {
			break
		}
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return time.Time{}, false
	}
	for _, f := range v2TimestampFormats {
		if t, err := time.Parse(f, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// goYAML11 is the value yaml.v2 decodes the scalar n to in an interface{},
// with its numbers as documents hold them.
func (c *converter) goYAML11(n *yaml.Node) (any, error) {
	v, err := c.goYAML11Raw(n)
	return number(v), err
}

// goYAML11Raw is the value yaml.v2 decodes the scalar n to in an
// interface{}: int, int64 or uint64 for integers.
func (c *converter) goYAML11Raw(n *yaml.Node) (any, error) {
	tag := n.Tag
	if c.plainScalar(n) {
		tag = ""
	} else if n.Style&yaml.TaggedStyle == 0 || localTag(tag) {
		return n.Value, nil // quoted, block, or a tag v2 leaves alone
	}
	if tag == tagBinary {
		b, err := base64.StdEncoding.DecodeString(n.Value)
		if err != nil {
			return nil, &Error{Line: n.Line, Msg: "yaml: !!binary value contains invalid base64 data"}
		}
		return string(b), nil
	}
	rtag, out, ok := v2Resolve(tag, n.Value)
	if !ok {
		return nil, errTag(n, tag)
	}
	if rtag == tagTimestamp || rtag == tagMerge {
		return n.Value, nil // v2 gives the text of a timestamp to an interface{}
	}
	if i, ok := out.(int64); ok && int64(int(i)) == i {
		out = int(i)
	}
	return out, nil
}

// goYAML11Key is the map key sigs.k8s.io/yaml makes of the scalar key k.
func (c *converter) goYAML11Key(k *yaml.Node) (string, error) {
	v, err := c.goYAML11Raw(k)
	if err != nil {
		return "", err
	}
	switch x := v.(type) {
	case string:
		return x, nil
	case bool:
		return strconv.FormatBool(x), nil
	case int:
		return strconv.Itoa(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case uint64:
		return "", &Error{Line: k.Line, Msg: "yaml: unsupported map key: an integer over 63 bits"}
	case float64:
		switch s := strconv.FormatFloat(x, 'g', -1, 32); s {
		case "+Inf":
			return ".inf", nil
		case "-Inf":
			return "-.inf", nil
		case "NaN":
			return ".nan", nil
		default:
			return s, nil
		}
	case nil:
		return "", &Error{Line: k.Line, Msg: "yaml: unsupported map key: null"}
	}
	return k.Value, nil
}

// ---- PyYAML ----
//
// PyYAML 6's Resolver (resolver.py) and SafeConstructor (constructor.py):
// an implicit resolver per type, tried for plain scalars in this order.

var (
	pyBool  = regexp.MustCompile(`^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$`)
	pyFloat = regexp.MustCompile(`^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?` +
		`|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?` +
		`|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*` +
		`|[-+]?\.(?:inf|Inf|INF)` +
		`|\.(?:nan|NaN|NAN))$`)
	pyInt = regexp.MustCompile(`^(?:[-+]?0b[0-1_]+` +
		`|[-+]?0[0-7_]+` +
		`|[-+]?(?:0|[1-9][0-9_]*)` +
		`|[-+]?0x[0-9a-fA-F_]+` +
		`|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$`)
	pyNull      = regexp.MustCompile(`^(?:~|null|Null|NULL|)$`)
	pyTimestamp = regexp.MustCompile(`^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]` +
		`|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?` +
		`(?:[Tt]|[ \t]+)[0-9][0-9]?` +
		`:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?` +
		`(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$`)
)

// pyResolve is the tag PyYAML's resolver gives the plain scalar text in.
func pyResolve(in string) string {
	first := byte(0)
	if in != "" {
		first = in[0]
	}
	switch {
	case strings.IndexByte("yYnNtTfFoO", first) >= 0 && pyBool.MatchString(in):
		return tagBool
	case strings.IndexByte("-+0123456789.", first) >= 0 && pyFloat.MatchString(in):
		return tagFloat
	case strings.IndexByte("-+0123456789", first) >= 0 && pyInt.MatchString(in):
		return tagInt
	case in == "<<":
		return tagMerge
	case strings.IndexByte("~nN", first) >= 0 && pyNull.MatchString(in) || in == "":
		return tagNull
	case strings.IndexByte("0123456789", first) >= 0 && pyTimestamp.MatchString(in):
		return tagTimestamp
	case in == "=":
		return "!!value"
	}
	return tagStr
}

var errPy = errors.New("invalid")

// pyConstruct builds the value of the text in under tag, as SafeConstructor.
func pyConstruct(tag, in string) (any, error) {
	switch tag {
	case tagNull:
		return nil, nil
	case tagBool:
		switch strings.ToLower(in) {
		case "yes", "true", "on":
			return true, nil
		case "no", "false", "off":
			return false, nil
		}
		return nil, errPy
	case tagInt:
		return pyInt64(in)
	case tagFloat:
		return pyFloat64(in)
	case "!!value", tagMerge:
		// PyYAML has no constructor for these as values: loading fails.
		return nil, errPy
	}
	return in, nil // !!str, timestamps (kept as text), merge, others
}

func pySign(v string) (string, float64) {
	sign := 1.0
	if strings.HasPrefix(v, "-") {
		sign = -1
	}
	if v != "" && (v[0] == '-' || v[0] == '+') {
		v = v[1:]
	}
	return v, sign
}

func pyInt64(in string) (any, error) {
	v, sign := pySign(strings.ReplaceAll(in, "_", ""))
	if v == "" {
		return nil, errPy
	}
	n, base := new(big.Int), 10
	switch {
	case strings.HasPrefix(v, "0b"):
		v, base = v[2:], 2
	case strings.HasPrefix(v, "0x"):
		v, base = v[2:], 16
	case v != "0" && v[0] == '0':
		v, base = strings.TrimPrefix(strings.TrimPrefix(v, "0o"), "0O"), 8
	case strings.Contains(v, ":"):
		for _, part := range strings.Split(v, ":") {
			d, ok := new(big.Int).SetString(part, 10)
			if !ok {
				return nil, errPy
			}
			n.Mul(n, big.NewInt(60)).Add(n, d)
		}
		return bigNumber(n, sign), nil
	}
	if _, ok := n.SetString(v, base); !ok {
		return nil, errPy
	}
	return bigNumber(n, sign), nil
}

// bigNumber is sign*n as an int when it fits, else a float64 (Python's
// ints have no bound).
func bigNumber(n *big.Int, sign float64) any {
	if sign < 0 {
		n.Neg(n)
	}
	if n.IsInt64() {
		return number(n.Int64())
	}
	f, _ := new(big.Float).SetInt(n).Float64()
	return f
}

func pyFloat64(in string) (any, error) {
	v, sign := pySign(strings.ToLower(strings.ReplaceAll(in, "_", "")))
	switch {
	case v == ".inf":
		return sign * math.Inf(1), nil
	case v == ".nan":
		return math.NaN(), nil
	case strings.Contains(v, ":"):
		total, scale := 0.0, 1.0
		parts := strings.Split(v, ":")
		for i := len(parts) - 1; i >= 0; i-- {
			d, err := strconv.ParseFloat(parts[i], 64)
			if err != nil {
				return nil, errPy
			}
			total += d * scale
			scale *= 60
		}
		return sign * total, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return nil, errPy
	}
	return sign * f, nil
}

// pyYAML11 is the value PyYAML's SafeConstructor builds for the scalar n.
func (c *converter) pyYAML11(n *yaml.Node) (any, error) {
	tag := n.Tag
	switch {
	case c.plainScalar(n):
		tag = pyResolve(n.Value)
	case n.Style&yaml.TaggedStyle == 0 || localTag(tag):
		return n.Value, nil // quoted, block, or a tag of the application
	}
	v, err := pyConstruct(tag, n.Value)
	if err != nil {
		switch tag {
		case "!!value", tagMerge:
			return nil, &Error{Line: n.Line, Msg: "yaml: a plain `=` or `<<` is not a value in YAML 1.1 (PyYAML refuses it)"}
		}
		return nil, errTag(n, tag)
	}
	return v, nil
}

// pyYAML11Key is the string JSON makes of the key PyYAML builds of k.
func (c *converter) pyYAML11Key(k *yaml.Node) (string, error) {
	v, err := c.pyYAML11(k)
	if err != nil {
		return "", err
	}
	switch x := v.(type) {
	case string:
		return x, nil
	case bool:
		return strconv.FormatBool(x), nil
	case int:
		return strconv.Itoa(x), nil
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), nil
	case nil:
		return "null", nil
	}
	return k.Value, nil
}
