package image

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// stallingRegistry is an in-process registry holding one image, in front
// of which a test makes the registry stop answering at one point: "ping"
// (/v2/), "manifest", "blob" (half way through the layer) or "trickle"
// (the layer a byte at a time, never pausing long enough to stall), or
// "flaky" (the first manifest request fails with 503).
type stallingRegistry struct {
	host     string
	mode     atomic.Value
	requests atomic.Int64 // requests that reached the stalling point
}

func newStallingRegistry(t *testing.T) (*stallingRegistry, string) {
	t.Helper()
	reg := registry.New(registry.Logger(log.New(io.Discard, "", 0)))
	s := &stallingRegistry{}
	s.mode.Store("")
	release := make(chan struct{})
	var layerDigest string
	var layerBlob []byte
	wait := func(r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		case <-time.After(30 * time.Second): // bounded, whatever happens
		}
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mode := s.mode.Load().(string)
		isBlob := r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/blobs/"+layerDigest)
		switch {
		case mode == "ping" && r.URL.Path == "/v2/",
			mode == "manifest" && strings.Contains(r.URL.Path, "/manifests/"):
			s.requests.Add(1)
			wait(r)
			return
		case mode == "flaky" && strings.Contains(r.URL.Path, "/manifests/") && s.requests.Add(1) == 1:
			http.Error(w, "try again", http.StatusServiceUnavailable)
			return
		case mode == "blob" && isBlob:
			s.requests.Add(1)
			w.Header().Set("Content-Length", fmt.Sprint(len(layerBlob)))
			w.WriteHeader(http.StatusOK)
			w.Write(layerBlob[:len(layerBlob)/2])
			w.(http.Flusher).Flush()
			wait(r)
			return
		case mode == "trickle" && isBlob:
			s.requests.Add(1)
			w.Header().Set("Content-Length", fmt.Sprint(len(layerBlob)))
			w.WriteHeader(http.StatusOK)
			for _, c := range layerBlob {
				if _, err := w.Write([]byte{c}); err != nil {
					return
				}
				w.(http.Flusher).Flush()
				select {
				case <-time.After(50 * time.Millisecond):
				case <-r.Context().Done():
					return
				case <-release:
					return
				}
			}
			return
		}
		reg.ServeHTTP(w, r)
	}))
	// Cleanups run last first: release the stalled handlers, then close.
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	s.host = strings.TrimPrefix(srv.URL, "http://")

	img := sample(t, "10001")
	ref := s.host + "/app:1"
	tag, _ := name.NewTag(ref)
	if err := remote.Write(tag, img); err != nil {
		t.Fatal(err)
	}
	ls, _ := img.Layers()
	d, _ := ls[0].Digest()
	layerDigest = d.String()
	rc, _ := ls[0].Compressed()
	layerBlob, _ = io.ReadAll(rc)
	rc.Close()
	return s, ref
}

// fastRegistry are registry options with short timeouts and fast retries.
func fastRegistry() Options {
	return Options{
		ResponseHeaderTimeout: 200 * time.Millisecond,
		StallTimeout:          200 * time.Millisecond,
		retryBackoff:          &remote.Backoff{Duration: 10 * time.Millisecond, Factor: 1, Steps: 3},
	}
}

// TestRegistryStalls is D07: a registry that accepts the connection but
// stops answering (at /v2/, at the manifest, or half way through a layer)
// fails the load in bounded time with an error naming the registry (a
// header timeout is not retried: go-containerregistry counts it as a
// deadline; its other retries stay); one that keeps sending, too slowly,
// is stopped by the load's timeout.
func TestRegistryStalls(t *testing.T) {
	s, ref := newStallingRegistry(t)

	// Answering, the registry serves the image, SBOM and all.
	im, err := Load(context.Background(), "registry:"+ref, fastRegistry())
	if err != nil {
		t.Fatal(err)
	}
	if im.SBOM.Artifacts.Packages.PackageCount() != 2 || !strings.HasPrefix(im.DigestRef(), s.host+"/app@sha256:") {
		t.Errorf("read %s with %d packages", im.DigestRef(), im.SBOM.Artifacts.Packages.PackageCount())
	}

	// go-containerregistry's retries are still there: a 503 is retried.
	s.mode.Store("flaky")
	if _, err := Load(context.Background(), "registry:"+ref, fastRegistry()); err != nil || s.requests.Load() != 2 {
		t.Errorf("a 503 then the manifest: %d manifest requests, %v", s.requests.Load(), err)
	}

	for _, tc := range []struct {
		mode string
		o    func(o Options) Options
		want []string
	}{
		{"ping", nil, []string{"registry " + s.host, "timeout awaiting response headers"}},
		{"manifest", nil, []string{"registry " + s.host, "/manifests/1", "timeout awaiting response headers"}},
		{"blob", nil, []string{"registry " + s.host + ": GET " + s.host + "/v2/app/blobs/sha256:", "no data for 200ms"}},
		{"trickle", func(o Options) Options { o.Timeout = time.Second; return o }, []string{"timed out after 1s, the time limit per image"}},
	} {
		t.Run(tc.mode, func(t *testing.T) {
			s.mode.Store(tc.mode)
			s.requests.Store(0)
			o := fastRegistry()
			if tc.o != nil {
				o = tc.o(o)
			}
			start := time.Now()
			_, err := Load(context.Background(), "registry:"+ref, o)
			took := time.Since(start)
			wantErr(t, err, tc.want...)
			if tc.mode == "blob" && !errors.Is(err, ErrStalled) {
				t.Errorf("%v does not wrap ErrStalled", err)
			}
			if took > 5*time.Second {
				t.Errorf("took %s", took)
			}
			if s.requests.Load() == 0 {
				t.Errorf("no request reached the stall")
			}
		})
	}
}

// TestStallTimerCountsOnlyReads: a consumer that is slow between reads is
// not taken for a stalled registry.
func TestStallTimerCountsOnlyReads(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(strings.Repeat("x", 1<<20)))
	}))
	defer srv.Close()
	c := &http.Client{Transport: newTransport(Options{StallTimeout: 50 * time.Millisecond, ResponseHeaderTimeout: time.Second,
		DialTimeout: time.Second, TLSHandshakeTimeout: time.Second}, "test")}
	resp, err := c.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	buf := make([]byte, 64<<10)
	total := 0
	for {
		n, err := resp.Body.Read(buf)
		total += n
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("after %d bytes: %v", total, err)
		}
		if total < 256<<10 {
			time.Sleep(60 * time.Millisecond) // longer than the stall timeout, outside Read
		}
	}
	if total != 1<<20 {
		t.Errorf("read %d bytes", total)
	}
}
