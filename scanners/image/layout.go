package image

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path"
	"slices"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/tollgate/tollgate/scanners"
)

// AnnotationRefName is the annotation of index.json that names an image of
// an OCI layout (oci-dir:PATH:NAME picks it).
const AnnotationRefName = "org.opencontainers.image.ref.name"

// Bounds on walking a layout's indexes.
const (
	maxIndexDepth  = 4
	maxDescriptors = 4096
)

// layoutStore reads the files of an OCI layout: a directory (dirOpener)
// or a tar of one (oci-archive: ociArchiveStore).
type layoutStore struct {
	// open opens a file of the layout by its slash path (index.json,
	// blobs/sha256/HEX).
	open func(name string) (io.ReadCloser, error)
}

// dirOpener opens the files of the layout directory dir. Every open goes
// through the confined file system of the directory: a blob that is a link
// out of the layout, a FIFO or a device is an error, never a hang.
func dirOpener(dir string) func(string) (io.ReadCloser, error) {
	return func(name string) (io.ReadCloser, error) {
		rfs, err := scanners.OpenRoot(dir)
		if err != nil {
			return nil, err
		}
		defer rfs.Close() // an open file outlives its root
		return rfs.Open(name)
	}
}

func (s layoutStore) blob(_ context.Context, d v1.Descriptor) (io.ReadCloser, error) {
	if _, err := v1.Hasher(d.Digest.Algorithm); err != nil {
		return nil, err
	}
	return s.open(path.Join("blobs", d.Digest.Algorithm, d.Digest.Hex))
}

// fromLayout reads the image of the OCI layout that the reference chooses
// (see choose).
func (im *Image) fromLayout(ctx context.Context, o Options, b *budget) error {
	return im.fromLayoutStore(ctx, layoutStore{open: dirOpener(im.Ref.Ref)}, "OCI layout "+im.Ref.Ref, o, b)
}

func (im *Image) fromLayoutStore(ctx context.Context, s layoutStore, kind string, o Options, b *budget) error {
	cs, err := s.candidates(ctx)
	if err != nil {
		return err
	}
	c, err := choose(cs, im.Ref, platformOf(o), kind)
	if err != nil {
		return err
	}
	raw, err := readBlob(ctx, s.blob, c.desc, "manifest")
	if err != nil {
		return err
	}
	im.Image, err = newVerifiedImage(ctx, b, raw, c.desc.Digest, s.blob)
	return err
}

// candidates lists the images of the layout: the image manifests of
// index.json and of the image indexes it names (verified, as every blob),
// each with the ref names it is known by and its platform. A manifest
// reached twice (two names for one image) is one candidate.
func (s layoutStore) candidates(ctx context.Context) ([]candidate, error) {
	f, err := s.open("index.json")
	if err != nil {
		return nil, err
	}
	raw, err := readSmall(ctx, f, maxMetadataSize, "index.json")
	f.Close()
	if err != nil {
		return nil, err
	}
	idx, err := v1.ParseIndexManifest(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("index.json: %w", err)
	}
	w := &layoutWalk{s: s, byDigest: map[v1.Hash]int{}, indexes: map[v1.Hash]*v1.IndexManifest{}}
	if err := w.walk(ctx, idx.Manifests, nil, nil); err != nil {
		return nil, err
	}
	return w.out, nil
}

type layoutWalk struct {
	s        layoutStore
	out      []candidate
	byDigest map[v1.Hash]int
	// indexes are the image indexes read so far: one named twice is read
	// once.
	indexes map[v1.Hash]*v1.IndexManifest
	meta    metaBudget
	seen    int
}

func (w *layoutWalk) walk(ctx context.Context, descs []v1.Descriptor, refs []string, parents []v1.Hash) error {
	for _, d := range descs {
		if w.seen++; w.seen > maxDescriptors {
			return fmt.Errorf("index.json: more than %d descriptors: %w", maxDescriptors, ErrLimit)
		}
		names := refs
		if n := d.Annotations[AnnotationRefName]; n != "" {
			names = []string{n}
		}
		switch {
		case d.MediaType.IsImage():
			if i, ok := w.byDigest[d.Digest]; ok {
				c := &w.out[i]
				for _, n := range names {
					if !slices.Contains(c.refs, n) {
						c.refs = append(c.refs, n)
					}
				}
				if c.platform == nil {
					c.platform = d.Platform
				}
				continue
			}
			w.byDigest[d.Digest] = len(w.out)
			w.out = append(w.out, candidate{digest: d.Digest, refs: append([]string(nil), names...), platform: d.Platform,
				parents: append([]v1.Hash(nil), parents...), desc: d})
		case d.MediaType.IsIndex():
			if len(parents) >= maxIndexDepth {
				return fmt.Errorf("index %s: indexes nested more than %d deep: %w", d.Digest, maxIndexDepth, ErrLimit)
			}
			if slices.Contains(parents, d.Digest) {
				return fmt.Errorf("index %s: names itself", d.Digest)
			}
			child, ok := w.indexes[d.Digest]
			if !ok {
				raw, err := readBlob(ctx, w.s.blob, d, "index")
				if err != nil {
					return err
				}
				if err := w.meta.spend(len(raw)); err != nil {
					return err
				}
				if child, err = v1.ParseIndexManifest(bytes.NewReader(raw)); err != nil {
					return fmt.Errorf("index %s: %w", d.Digest, err)
				}
				w.indexes[d.Digest] = child
			}
			if err := w.walk(ctx, child.Manifests, names, slices.Concat(parents, []v1.Hash{d.Digest})); err != nil {
				return err
			}
		}
		// Anything else (artifacts, signatures) is not an image.
	}
	return nil
}

func platformOf(o Options) v1.Platform {
	if o.Platform != nil {
		return *o.Platform
	}
	return RunnerPlatform()
}
