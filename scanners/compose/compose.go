package compose

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/compose-spec/compose-go/v2/dotenv"
	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/template"
	"github.com/compose-spec/compose-go/v2/types"

	"github.com/tollgate/tollgate/scanners"
	"github.com/tollgate/tollgate/scanners/yamlpos"
)

// Format is the input.format of Compose documents.
const Format = "compose"

// TypeService is the input.type of a Compose service.
const TypeService = "compose_service"

// Scanner reads Docker Compose files.
type Scanner struct {
	env map[string]string
}

// Option configures a Scanner.
type Option func(*Scanner)

// WithEnvironment sets the variables interpolated into Compose files, as the
// shell environment would be by `docker compose`. They win over the .env
// file beside the compose file. By default there are none: the process
// environment is never read, so CI secrets cannot leak into documents.
func WithEnvironment(env map[string]string) Option {
	return func(s *Scanner) {
		s.env = make(map[string]string, len(env))
		for k, v := range env {
			s.env[k] = v
		}
	}
}

// New returns a Compose scanner.
func New(opts ...Option) *Scanner {
	s := &Scanner{env: map[string]string{}}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Name implements scanners.FileScanner.
func (*Scanner) Name() string { return Format }

var composeNameRE = regexp.MustCompile(`^(compose(\.[^/]+)?|docker-compose[^/]*)\.ya?ml$`)

// Match takes files named like Compose files, and YAML files whose top-level
// services look like Compose services.
func (*Scanner) Match(p string, head []byte) bool {
	base := path.Base(p)
	if composeNameRE.MatchString(base) {
		return true
	}
	ext := strings.ToLower(path.Ext(base))
	return (ext == ".yaml" || ext == ".yml") && looksLikeCompose(head)
}

var (
	topServicesRE = regexp.MustCompile(`^services:\s*(#.*)?$`)
	serviceKeyRE  = regexp.MustCompile(`^\s+(image|build)\s*:`)
)

// looksLikeCompose reports whether head has a top-level `services:` with an
// image or build key somewhere under it.
func looksLikeCompose(head []byte) bool {
	in := false
	for line := range strings.SplitSeq(string(head), "\n") {
		line = strings.TrimRight(line, "\r")
		switch {
		case topServicesRE.MatchString(line):
			in = true
		case strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#"):
		case line[0] != ' ' && line[0] != '\t':
			in = false // another top-level key
		case in && serviceKeyRE.MatchString(line):
			return true
		}
	}
	return false
}

// Scan implements scanners.FileScanner.
// Units implements scanners.Partitioner: each file is read on its own.
func (*Scanner) Units(_ fs.FS, files []string) [][]string { return scanners.FileUnits(files) }

func (s *Scanner) Scan(ctx context.Context, fsys fs.FS, files []string) []scanners.Result {
	return scanners.EachFile(ctx, Format, files, func(f string) scanners.Result { return s.scanFile(ctx, fsys, f) })
}

func (s *Scanner) scanFile(ctx context.Context, fsys fs.FS, file string) scanners.Result {
	res := scanners.Result{Path: file, Format: Format}
	fail := func(line int, err error) scanners.Result {
		res.Errors = append(res.Errors, &scanners.FileError{Path: file, Line: line, Err: err})
		return res
	}
	src, err := scanners.ReadFile(fsys, file)
	if err != nil {
		return fail(0, err)
	}
	byName := composeNameRE.MatchString(path.Base(file))
	f, err := parseSource(file, src)
	if err != nil {
		var ye *yamlpos.Error
		if errors.As(err, &ye) {
			return fail(ye.Line, errors.New(ye.Msg))
		}
		return fail(0, err)
	}
	env, ferr := s.environment(fsys, path.Dir(file))
	if ferr != nil {
		res.Errors = append(res.Errors, ferr)
		res.Secrets = f.secrets(s.env)
		return res
	}
	res.Secrets = f.secrets(env)
	proj, err := load(ctx, file, src, env)
	if err != nil {
		msg := mask(rewriteError(err.Error()), res.Secrets)
		if !byName && ctx.Err() == nil {
			// Taken only for its top-level services: a YAML file that
			// Compose itself rejects is another tool's file (render.com's
			// render.yaml has a list of services), not a broken Compose
			// file: listed as skipped, with Compose's reason.
			res.NotFormat = "not a Compose file (" + msg + ")"
			return res
		}
		return fail(f.errorLine(msg), errors.New("compose: "+msg))
	}
	res.Documents = f.documents(proj, env)
	return res
}

// environment is the interpolation environment of the compose files of dir:
// its .env file, overridden by the scanner's environment.
func (s *Scanner) environment(fsys fs.FS, dir string) (map[string]string, *scanners.FileError) {
	env := make(map[string]string, len(s.env))
	name := path.Join(dir, ".env")
	src, err := scanners.ReadFile(fsys, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, &scanners.FileError{Path: name, Err: err}
	default:
		vars, err := dotenv.ParseWithLookup(bytes.NewReader(src), func(k string) (string, bool) {
			v, ok := s.env[k]
			return v, ok
		})
		if err != nil {
			// The parser quotes the line it stopped at: it may hold a
			// credential.
			return nil, &scanners.FileError{Path: name, Err: fmt.Errorf("parse .env: %s", dotenvError(err.Error()))}
		}
		for k, v := range vars {
			env[k] = v
		}
	}
	for k, v := range s.env {
		env[k] = v
	}
	return env, nil
}

// errOtherFile is returned when compose-go asks for a file other than the
// one being scanned (extends.file): only the scanned file system is read.
type errOtherFile struct{ name string }

func (e *errOtherFile) Error() string {
	return fmt.Sprintf("%s: files other than the scanned one are not read", e.name)
}

// fsOnly is a compose-go resource loader that refuses every file, so that
// compose-go never reads the host's disk.
type fsOnly struct{}

func (fsOnly) Accept(string) bool { return true }
func (fsOnly) Load(_ context.Context, p string) (string, error) {
	return "", &errOtherFile{name: p}
}
func (fsOnly) Dir(string) string { return "." }

// load runs compose-go over the file. A file whose extends names another
// file is loaded again without extends.
func load(ctx context.Context, file string, src []byte, env map[string]string) (*types.Project, error) {
	details := types.ConfigDetails{
		WorkingDir:  path.Dir(file),
		ConfigFiles: []types.ConfigFile{{Filename: file, Content: src}},
		Environment: env,
	}
	proj, err := loader.LoadWithContext(ctx, details, options(false))
	var other *errOtherFile
	if errors.As(err, &other) {
		proj, err = loader.LoadWithContext(ctx, details, options(true))
	}
	return proj, err
}

func options(skipExtends bool) func(*loader.Options) {
	return func(o *loader.Options) {
		o.SetProjectName("tollgate", true)
		o.SkipConsistencyCheck = true
		o.SkipInclude = true
		o.SkipExtends = skipExtends
		o.SkipResolveEnvironment = true // env_file is another file
		o.SkipResolveLabels = true      // label_file too
		o.ResolvePaths = false          // keep paths as written
		o.ResourceLoaders = []loader.ResourceLoader{fsOnly{}}
		o.Interpolate.Substitute = func(t string, m template.Mapping) (string, error) {
			// Unset variables are reported as unknown values, not logged.
			return template.SubstituteWithOptions(t, m, template.WithoutLogging)
		}
	}
}
