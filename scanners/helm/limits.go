package helm

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"sync/atomic"
	"time"

	"helm.sh/helm/v3/pkg/chartutil"
)

// A chart is code: its templates run at scan time, and a hostile pull
// request writes them. These bound what one render may cost. A render over
// a limit is an error on the chart (the template and line when known),
// never a silent pass.
const (
	// DefaultRenderTimeout bounds the time a chart's render may take.
	// text/template cannot be cancelled: the render runs in a goroutine
	// that the scan abandons at the limit; every template function, range
	// loop and write then fails, so it ends at its next step, and in any
	// case with the process. User-configurable (WithRenderTimeout).
	DefaultRenderTimeout = 60 * time.Second
	// DefaultMaxRenderedSize bounds the output of a chart's templates,
	// all together. User-configurable (WithMaxRenderedSize).
	DefaultMaxRenderedSize = 64 << 20
	// MaxListLength bounds the lists and maps template functions build
	// (until, untilStep, seq, splitList, concat...) and the integer a
	// range counts to.
	MaxListLength = 1_000_000
	// MaxValueSize bounds one value a template builds: a string a function
	// returns (repeat, indent, replace, printf...), the output of an
	// include or tpl, and what toYaml, toJson or printing serializes.
	MaxValueSize = 16 << 20
	// MaxFunctionOutput bounds all the strings and lists the functions of
	// one render return, together: memory a loop of functions can fill.
	MaxFunctionOutput = 256 << 20
	// MaxIncludeDepth bounds how deep include and tpl calls nest, together
	// (Helm bounds the nesting of each name to 1,001 levels, not names
	// calling each other, nor tpl).
	MaxIncludeDepth = 2000
	// MaxChartSize bounds the files of a chart directory, together, as
	// Helm bounds a chart archive (loader.MaxDecompressedChartSize); Helm's
	// own bound on one file of a chart (loader.MaxDecompressedFileSize,
	// 5 MiB) applies too.
	MaxChartSize = 100 << 20
)

// maxValueSizeDefault is MaxValueSize as an int64, for the checks made
// outside a render (.Values.YAML).
const maxValueSizeDefault int64 = MaxValueSize

// limits are the configurable limits of a render.
type limits struct {
	RenderTimeout   time.Duration
	MaxRenderedSize int64
}

func defaultLimits() limits {
	return limits{RenderTimeout: DefaultRenderTimeout, MaxRenderedSize: DefaultMaxRenderedSize}
}

// limitError is a render stopped by a limit; its message is the whole
// story (text/template does not add a template position to write errors).
type limitError struct{ msg string }

func (e *limitError) Error() string { return e.msg }

// errAbandoned is what every step of an abandoned render returns.
var errAbandoned = &limitError{"render abandoned"}

// renderer is one render of a chart: its limits and what it has used. Only
// stopped is shared with the goroutine that waits for the render.
type renderer struct {
	limits  limits
	stopped atomic.Bool
	// current is the template being executed (a string), for the error of
	// a render that times out.
	current atomic.Value

	written  int64 // bytes of the chart's output
	returned int64 // bytes and items functions returned
	depth    int   // include and tpl nesting
	guarded  map[any]bool
}

func newRenderer(l limits) *renderer {
	r := &renderer{limits: l, guarded: map[any]bool{}}
	r.current.Store("")
	return r
}

// alive fails once the render has been abandoned.
func (r *renderer) alive() error {
	if r.stopped.Load() {
		return errAbandoned
	}
	return nil
}

func (r *renderer) enter() error {
	if err := r.alive(); err != nil {
		return err
	}
	if r.depth >= MaxIncludeDepth {
		return &limitError{fmt.Sprintf("include and tpl calls nest deeper than %d levels", MaxIncludeDepth)}
	}
	r.depth++
	return nil
}

func (r *renderer) leave() { r.depth-- }

// produced accounts n bytes returned by a function against
// MaxFunctionOutput.
func (r *renderer) produced(n int) error {
	r.returned += int64(n)
	if r.returned > MaxFunctionOutput {
		return &limitError{fmt.Sprintf("template functions returned more than %d MiB in all", MaxFunctionOutput>>20)}
	}
	return nil
}

// checkResult bounds a function's result: a string by MaxValueSize, a list
// or map by MaxListLength, and both against MaxFunctionOutput.
func (r *renderer) checkResult(v reflect.Value) error {
	for v.IsValid() && v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if !v.IsValid() {
		return nil
	}
	switch v.Kind() {
	case reflect.String:
		if v.Len() > MaxValueSize {
			return valueTooLarge()
		}
		return r.produced(v.Len())
	case reflect.Slice, reflect.Array, reflect.Map:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			if v.Len() > MaxValueSize {
				return valueTooLarge()
			}
			return r.produced(v.Len())
		}
		if v.Len() > MaxListLength {
			return listTooLong(v.Len())
		}
		return r.produced(16 * v.Len())
	}
	return nil
}

func valueTooLarge() error {
	return &limitError{fmt.Sprintf("the value is larger than %d MiB (the template value limit)", MaxValueSize>>20)}
}

func listTooLong(n int) error {
	return &limitError{fmt.Sprintf("%d items: more than %d (the template list limit)", n, MaxListLength)}
}

// checkSize fails when v, written out in full (aliases and shared lists
// repeated, as YAML, JSON or fmt write them), would be larger than max
// bytes. A value that contains itself is infinite: it fails too. The walk
// stops as soon as the bound is passed, so it costs at most that.
func checkSize(v any, max int64) error {
	s := sizer{budget: max}
	if !s.walk(reflect.ValueOf(v)) {
		return valueTooLarge()
	}
	return nil
}

type sizer struct {
	budget int64
	depth  int
}

// maxSizeDepth bounds the nesting checkSize follows: a value that contains
// itself would otherwise recurse until the stack is exhausted.
const maxSizeDepth = 10_000

// spend takes n from the budget; false once it is exhausted.
func (s *sizer) spend(n int) bool {
	s.budget -= int64(n)
	return s.budget >= 0
}

// walk measures v; the common types of template values are walked without
// reflection.
func (s *sizer) walk(v reflect.Value) bool {
	s.depth++
	defer func() { s.depth-- }()
	if s.depth > maxSizeDepth {
		return false
	}
	if !v.IsValid() {
		return s.spend(4)
	}
	if v.CanInterface() {
		switch x := v.Interface().(type) {
		case string:
			return s.spend(4 + len(x))
		case int, int64, float64, bool, nil:
			return s.spend(8)
		case map[string]any:
			return s.walkMap(x)
		case chartValues:
			return s.walkMap(x)
		case chartutil.Values:
			return s.walkMap(x)
		case []any:
			if !s.spend(4) {
				return false
			}
			for _, e := range x {
				if !s.walkAny(e) {
					return false
				}
			}
			return true
		case []string:
			if !s.spend(4) {
				return false
			}
			for _, e := range x {
				if !s.spend(4 + len(e)) {
					return false
				}
			}
			return true
		}
	}
	if !s.spend(4) { // every value costs a few bytes of punctuation
		return false
	}
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			return true
		}
		return s.walk(v.Elem())
	case reflect.String:
		return s.spend(v.Len())
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return s.spend(v.Len() * 4 / 3) // base64 in JSON
		}
		for i := 0; i < v.Len(); i++ {
			if !s.walk(v.Index(i)) {
				return false
			}
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			if !s.walk(it.Key()) || !s.walk(it.Value()) {
				return false
			}
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if !s.walk(v.Field(i)) {
				return false
			}
		}
	default:
		return s.spend(16) // numbers, bools
	}
	return true
}

func (s *sizer) walkAny(v any) bool {
	switch x := v.(type) {
	case string:
		return s.spend(4 + len(x))
	case int, int64, float64, bool, nil:
		return s.spend(8)
	case map[string]any:
		return s.walkMap(x)
	}
	return s.walk(reflect.ValueOf(v))
}

func (s *sizer) walkMap(m map[string]any) bool {
	s.depth++
	defer func() { s.depth-- }()
	if !s.spend(4) || s.depth > maxSizeDepth {
		return false
	}
	for k, e := range m {
		if !s.spend(4+len(k)) || !s.walkAny(e) {
			return false
		}
	}
	return true
}

// count is the number of items from start to stop by step, as sprig's
// untilStep makes them; math.MaxInt when the arithmetic would overflow.
func count(start, stop, step int) int {
	if step == 0 || (stop < start) != (step < 0) || stop == start {
		return 0
	}
	n := (float64(stop) - float64(start)) / float64(step)
	if n > float64(math.MaxInt32) {
		return math.MaxInt
	}
	return int(math.Ceil(n))
}

// isLimit reports whether err is a render stopped by a limit.
func isLimit(err error) bool {
	var le *limitError
	return errors.As(err, &le)
}
