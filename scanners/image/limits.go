package image

import (
	"archive/tar"
	"context"
	"errors"
	"fmt"
	"hash"
	"io"
	"sync/atomic"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// Defaults of the limits and timeouts in Options, used where a field is
// zero. A release gate reads whatever a pull request or a registry hands it,
// so every resource an image can claim is bounded; raise a limit for an
// image that legitimately needs more.
const (
	// DefaultTimeout bounds the whole load of one image: resolving it,
	// fetching and decompressing its layers and cataloguing its packages.
	DefaultTimeout = 10 * time.Minute
	// DefaultMaxLayerSize bounds the decompressed size of one layer (and the
	// stored size of a compressed one).
	DefaultMaxLayerSize int64 = 4 << 30
	// DefaultMaxImageSize bounds the decompressed size of all of an image's
	// layers together: this is what the scan spools to the temp directory.
	DefaultMaxImageSize int64 = 16 << 30
	// DefaultMaxLayers bounds the number of layers of an image.
	DefaultMaxLayers = 256
	// DefaultMaxFiles bounds the number of tar entries in all of an image's
	// layers together (each becomes a node in memory).
	DefaultMaxFiles = 1_000_000

	// DefaultDialTimeout bounds connecting to a registry.
	DefaultDialTimeout = 30 * time.Second
	// DefaultTLSHandshakeTimeout bounds the TLS handshake with a registry.
	DefaultTLSHandshakeTimeout = 10 * time.Second
	// DefaultResponseHeaderTimeout bounds the wait for a registry's response
	// headers once a request is sent.
	DefaultResponseHeaderTimeout = 30 * time.Second
	// DefaultStallTimeout is how long a registry response body may send
	// nothing before the read fails.
	DefaultStallTimeout = 30 * time.Second
)

// maxMetadataSize bounds what is read into memory whole: index.json, image
// indexes, manifests, image configs and a docker-save manifest.json.
// maxMetadataTotal bounds all of it together, for one image.
const (
	maxMetadataSize  = 8 << 20
	maxMetadataTotal = 64 << 20
)

// metaBudget counts the metadata read while resolving one image.
type metaBudget struct{ n int64 }

func (m *metaBudget) spend(n int) error {
	if m.n += int64(n); m.n > maxMetadataTotal {
		return fmt.Errorf("more than %s of indexes, manifests and configs: %w", sizeString(maxMetadataTotal), ErrLimit)
	}
	return nil
}

// withDefaults fills in the zero fields and refuses negative ones.
func (o Options) withDefaults() (Options, error) {
	for _, f := range []struct {
		name string
		v    *int64
		def  int64
	}{
		{"MaxLayerSize", &o.MaxLayerSize, DefaultMaxLayerSize},
		{"MaxImageSize", &o.MaxImageSize, DefaultMaxImageSize},
	} {
		if *f.v < 0 {
			return o, fmt.Errorf("image options: %s is negative", f.name)
		}
		if *f.v == 0 {
			*f.v = f.def
		}
	}
	for _, f := range []struct {
		name string
		v    *int
		def  int
	}{
		{"MaxLayers", &o.MaxLayers, DefaultMaxLayers},
		{"MaxFiles", &o.MaxFiles, DefaultMaxFiles},
	} {
		if *f.v < 0 {
			return o, fmt.Errorf("image options: %s is negative", f.name)
		}
		if *f.v == 0 {
			*f.v = f.def
		}
	}
	for _, f := range []struct {
		name string
		v    *time.Duration
		def  time.Duration
	}{
		{"Timeout", &o.Timeout, DefaultTimeout},
		{"DialTimeout", &o.DialTimeout, DefaultDialTimeout},
		{"TLSHandshakeTimeout", &o.TLSHandshakeTimeout, DefaultTLSHandshakeTimeout},
		{"ResponseHeaderTimeout", &o.ResponseHeaderTimeout, DefaultResponseHeaderTimeout},
		{"StallTimeout", &o.StallTimeout, DefaultStallTimeout},
	} {
		if *f.v < 0 {
			return o, fmt.Errorf("image options: %s is negative", f.name)
		}
		if *f.v == 0 {
			*f.v = f.def
		}
	}
	return o, nil
}

// budget is what one image may still spend: the layers of an image are
// read concurrently, so the counters are shared and atomic.
type budget struct {
	o     Options
	bytes atomic.Int64
	files atomic.Int64
	// cleanups run when the load ends (a daemon image's spooled save).
	cleanups []func()
}

// done runs the cleanups, last first.
func (b *budget) done() {
	for i := len(b.cleanups) - 1; i >= 0; i-- {
		b.cleanups[i]()
	}
	b.cleanups = nil
}

// ErrLimit is wrapped by every error that reports a size or count limit.
var ErrLimit = errors.New("limit exceeded")

// sizeString renders a byte count for messages: 4 GiB, 512 KiB, 100 bytes.
func sizeString(n int64) string {
	for _, u := range []struct {
		shift uint
		name  string
	}{{30, "GiB"}, {20, "MiB"}, {10, "KiB"}} {
		if n >= 1<<u.shift && n%(1<<u.shift) == 0 {
			return fmt.Sprintf("%d %s", n>>u.shift, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// checkCtx is called by every copy loop before it reads: a cancelled scan
// or one past its deadline stops within one buffer.
func checkCtx(ctx context.Context) error {
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	return nil
}

// blobError is an error about a blob's content, already naming the blob.
type blobError struct {
	what string
	err  error
}

func (e *blobError) Error() string { return e.what + ": " + e.err.Error() }
func (e *blobError) Unwrap() error { return e.err }

// wrapBlob names the blob in err, unless err names it already.
func wrapBlob(what string, err error) error {
	var be *blobError
	if errors.As(err, &be) && be.what == what {
		return err
	}
	return &blobError{what: what, err: err}
}

func blobErrorf(what, format string, args ...any) error {
	return &blobError{what: what, err: fmt.Errorf(format, args...)}
}

// verifyingReader checks a blob as it streams: never more than the size its
// descriptor declares, and at the end exactly that size and its digest. An
// error is sticky, and so is a verified end: a later Read returns the same.
type verifyingReader struct {
	ctx  context.Context
	r    io.Reader
	c    io.Closer
	what string // "layer sha256:...", for messages
	want v1.Hash
	size int64 // -1: not declared
	h    hash.Hash
	n    int64
	err  error
}

func newVerifyingReader(ctx context.Context, rc io.ReadCloser, what string, want v1.Hash, size int64) (*verifyingReader, error) {
	h, err := v1.Hasher(want.Algorithm)
	if err != nil {
		rc.Close()
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return &verifyingReader{ctx: ctx, r: rc, c: rc, what: what, want: want, size: size, h: h}, nil
}

func (v *verifyingReader) Read(p []byte) (int, error) {
	if v.err != nil {
		return 0, v.err
	}
	if err := checkCtx(v.ctx); err != nil {
		return 0, err // not sticky: the caller's context, not the blob
	}
	if v.size >= 0 && int64(len(p)) > v.size-v.n+1 {
		// Read at most one byte past the declared size: enough to see a
		// blob that is longer than declared, never much more.
		p = p[:v.size-v.n+1]
	}
	n, err := v.r.Read(p)
	v.n += int64(n)
	if v.size >= 0 && v.n > v.size {
		v.err = blobErrorf(v.what, "longer than the %d bytes its descriptor declares", v.size)
		return 0, v.err
	}
	v.h.Write(p[:n])
	if err == io.EOF {
		got := v1.Hash{Algorithm: v.want.Algorithm, Hex: fmt.Sprintf("%x", v.h.Sum(nil))}
		switch {
		case v.size >= 0 && v.n != v.size:
			v.err = blobErrorf(v.what, "%d bytes, its descriptor declares %d", v.n, v.size)
		case got != v.want:
			v.err = blobErrorf(v.what, "content is %s, not the digest it is named by", got)
		default:
			v.err = io.EOF
		}
		if v.err != io.EOF {
			return 0, v.err
		}
		return n, io.EOF
	}
	if err != nil {
		v.err = &blobError{what: v.what, err: err}
		if n > 0 {
			return n, nil // the error comes with the next Read
		}
		return 0, v.err
	}
	return n, nil
}

// finish reads what is left and reports whether the blob verified.
func (v *verifyingReader) finish() error {
	_, err := io.Copy(io.Discard, v)
	return err
}

func (v *verifyingReader) Close() error { return v.c.Close() }

// readBlob reads a small blob whole, verified against its descriptor.
func readBlob(ctx context.Context, open blobOpener, d v1.Descriptor, what string) ([]byte, error) {
	what = fmt.Sprintf("%s %s", what, d.Digest)
	if d.Size < 0 || d.Size > maxMetadataSize {
		return nil, fmt.Errorf("%s: declared size %d is over the %s limit for metadata: %w", what, d.Size, sizeString(maxMetadataSize), ErrLimit)
	}
	rc, err := open(ctx, d)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	vr, err := newVerifyingReader(ctx, rc, what, d.Digest, d.Size)
	if err != nil {
		return nil, err
	}
	defer vr.Close()
	return io.ReadAll(vr)
}

// readSmall reads r whole, or fails when it holds more than max bytes.
func readSmall(ctx context.Context, r io.Reader, max int64, what string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(ctxReader{ctx, r}, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%s: over the %s limit for metadata: %w", what, sizeString(max), ErrLimit)
	}
	return b, nil
}

// ctxReader stops a read loop once its context is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := checkCtx(c.ctx); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// layerReader is a layer's decompressed stream as the SBOM reader spools
// it: the context is checked before every read, the layer's and the image's
// decompressed sizes and the image's file count are enforced as the bytes
// go by, and at the end the compressed blob must have verified and the
// content must hash to the config's diff_id.
type layerReader struct {
	ctx        context.Context
	r          io.Reader
	compressed *verifyingReader
	closeDec   func()
	what       string
	diffID     v1.Hash
	h          hash.Hash
	n          int64
	b          *budget
	tar        *entryCounter
	err        error
}

func (l *layerReader) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	if err := checkCtx(l.ctx); err != nil {
		return 0, wrapBlob(l.what, err)
	}
	n, err := l.r.Read(p)
	if n > 0 {
		l.n += int64(n)
		if l.n > l.b.o.MaxLayerSize {
			return l.fail(fmt.Errorf("%s: decompressed size is over the %s limit per layer: %w", l.what, sizeString(l.b.o.MaxLayerSize), ErrLimit))
		}
		if l.b.bytes.Add(int64(n)) > l.b.o.MaxImageSize {
			return l.fail(fmt.Errorf("%s: the image's decompressed layers are over the %s limit per image: %w", l.what, sizeString(l.b.o.MaxImageSize), ErrLimit))
		}
		l.h.Write(p[:n])
		if err := l.tar.write(p[:n]); err != nil {
			return l.fail(wrapBlob(l.what, err))
		}
	}
	switch {
	case err == io.EOF:
		if err := l.end(); err != nil {
			return l.fail(err)
		}
		l.err = io.EOF
		return n, io.EOF
	case err != nil:
		if ctxErr := checkCtx(l.ctx); ctxErr != nil && !errors.Is(err, ctxErr) {
			err = fmt.Errorf("%w (%v)", ctxErr, err)
		}
		return l.fail(wrapBlob(l.what, err))
	}
	return n, nil
}

// end runs the checks that need the whole stream.
func (l *layerReader) end() error {
	// The decompressor may stop before the end of the blob (trailing
	// bytes): the blob is verified whole all the same.
	if err := l.compressed.finish(); err != nil {
		return err
	}
	got := v1.Hash{Algorithm: l.diffID.Algorithm, Hex: fmt.Sprintf("%x", l.h.Sum(nil))}
	if got != l.diffID {
		return fmt.Errorf("%s: decompressed content is %s, not the diff_id %s the image config lists for it", l.what, got, l.diffID)
	}
	if err := l.tar.close(); err != nil {
		return wrapBlob(l.what, err)
	}
	return nil
}

func (l *layerReader) fail(err error) (int, error) {
	l.err = err
	return 0, err
}

func (l *layerReader) Close() error {
	l.tar.abort()
	if l.closeDec != nil {
		l.closeDec()
	}
	return l.compressed.Close()
}

// entryCounter counts the tar entries of a layer as its bytes go by, with
// archive/tar (the parser the SBOM reader uses too) reading a pipe in a
// goroutine. Counting stops, and the layer is left to its reader, when the
// stream is not a tar.
type entryCounter struct {
	b       *budget
	pw      *io.PipeWriter
	done    chan struct{}
	over    atomic.Bool
	stopped bool
}

var errCountDone = errors.New("entry count done")

func newEntryCounter(b *budget) *entryCounter {
	pr, pw := io.Pipe()
	c := &entryCounter{b: b, pw: pw, done: make(chan struct{})}
	go func() {
		defer close(c.done)
		tr := tar.NewReader(pr)
		for {
			if _, err := tr.Next(); err != nil {
				break
			}
			if c.b.files.Add(1) > int64(c.b.o.MaxFiles) {
				c.over.Store(true)
				break
			}
		}
		// Whatever follows (padding after the end marker, or a stream
		// that is not a tar) is not counted; writes now return at once.
		pr.CloseWithError(errCountDone)
	}()
	return c
}

func (c *entryCounter) limitErr() error {
	return fmt.Errorf("the image's layers hold more than %d files, the limit per image: %w", c.b.o.MaxFiles, ErrLimit)
}

// write hands p to the counter; it returns once p is parsed.
func (c *entryCounter) write(p []byte) error {
	if !c.stopped {
		if _, err := c.pw.Write(p); err != nil {
			c.stopped = true
		}
	}
	if c.over.Load() {
		return c.limitErr()
	}
	return nil
}

// close waits for the count of a complete stream.
func (c *entryCounter) close() error {
	c.pw.Close()
	<-c.done
	if c.over.Load() {
		return c.limitErr()
	}
	return nil
}

// abort stops the counter of a stream abandoned half way.
func (c *entryCounter) abort() {
	c.pw.CloseWithError(errCountDone)
	<-c.done
}
