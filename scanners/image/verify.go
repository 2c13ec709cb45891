package image

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/types"
	"github.com/klauspost/compress/gzip" // a layer is decompressed as it is read: this decoder takes a third less CPU than compress/gzip
	"github.com/klauspost/compress/zstd"
)

// blobOpener opens a blob's content as stored (compressed, for most
// layers). What it returns is never trusted: every read goes through a
// verifyingReader.
type blobOpener func(ctx context.Context, d v1.Descriptor) (io.ReadCloser, error)

// verifiedImage is the v1.Image every source (registry, OCI layout,
// docker-save tar) is read through: its manifest was checked against its
// digest before it was built, its config against the manifest, and each
// layer is checked as it streams: compressed against its digest and size,
// decompressed against the config's diff_id, within the size and file
// limits, stopping when the context is done.
//
// It reads through the context it was built with, so its layers cannot be
// read once Load has returned; its metadata stays available.
type verifiedImage struct {
	ctx         context.Context
	b           *budget
	rawManifest []byte
	digest      v1.Hash
	manifest    *v1.Manifest
	rawConfig   []byte
	config      *v1.ConfigFile
	layers      []*verifiedLayer
}

var _ v1.Image = (*verifiedImage)(nil)

// newVerifiedImage checks rawManifest against digest, reads and checks the
// config it names, and checks the layer list against the config and the
// limits. No layer is read yet.
func newVerifiedImage(ctx context.Context, b *budget, rawManifest []byte, digest v1.Hash, open blobOpener) (*verifiedImage, error) {
	what := "manifest " + digest.String()
	h, err := v1.Hasher(digest.Algorithm)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	h.Write(rawManifest)
	if got := fmt.Sprintf("%x", h.Sum(nil)); got != digest.Hex {
		return nil, fmt.Errorf("%s: content is %s:%s, not the digest it is named by", what, digest.Algorithm, got)
	}
	m, err := v1.ParseManifest(bytes.NewReader(rawManifest))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if m.SchemaVersion != 2 {
		return nil, fmt.Errorf("%s: schema version %d, want 2", what, m.SchemaVersion)
	}
	if m.MediaType != "" && !m.MediaType.IsImage() {
		return nil, fmt.Errorf("%s: media type %q is not an image manifest", what, m.MediaType)
	}
	if len(m.Layers) > b.o.MaxLayers {
		return nil, fmt.Errorf("%s: %d layers, over the limit of %d: %w", what, len(m.Layers), b.o.MaxLayers, ErrLimit)
	}
	if m.Config.MediaType != "" && !m.Config.MediaType.IsConfig() {
		return nil, fmt.Errorf("%s: config media type %q is not an image config", what, m.Config.MediaType)
	}
	rawConfig, err := readBlob(ctx, open, m.Config, "config")
	if err != nil {
		return nil, err
	}
	cf, err := v1.ParseConfigFile(bytes.NewReader(rawConfig))
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", m.Config.Digest, err)
	}
	if len(cf.RootFS.DiffIDs) != len(m.Layers) {
		return nil, fmt.Errorf("config %s lists %d diff_ids for the manifest's %d layers", m.Config.Digest, len(cf.RootFS.DiffIDs), len(m.Layers))
	}
	img := &verifiedImage{ctx: ctx, b: b, rawManifest: rawManifest, digest: digest, manifest: m, rawConfig: rawConfig, config: cf}
	for i, d := range m.Layers {
		lwhat := fmt.Sprintf("layer %d (%s)", i, d.Digest)
		if _, err := v1.Hasher(d.Digest.Algorithm); err != nil {
			return nil, fmt.Errorf("%s: %w", lwhat, err)
		}
		if d.Size < 0 || d.Size > b.o.MaxLayerSize {
			return nil, fmt.Errorf("%s: declared size %d is over the %s limit per layer: %w", lwhat, d.Size, sizeString(b.o.MaxLayerSize), ErrLimit)
		}
		if len(d.URLs) > 0 {
			// Foreign layers would be fetched from wherever the image says.
			return nil, fmt.Errorf("%s: foreign layers (fetched from URLs the image names) are not read", lwhat)
		}
		img.layers = append(img.layers, &verifiedLayer{img: img, desc: d, diffID: cf.RootFS.DiffIDs[i], what: lwhat, open: open})
	}
	return img, nil
}

func (i *verifiedImage) Layers() ([]v1.Layer, error) {
	out := make([]v1.Layer, len(i.layers))
	for n, l := range i.layers {
		out[n] = l
	}
	return out, nil
}

func (i *verifiedImage) MediaType() (types.MediaType, error) {
	if i.manifest.MediaType == "" {
		return types.OCIManifestSchema1, nil
	}
	return i.manifest.MediaType, nil
}

func (i *verifiedImage) Size() (int64, error)                { return int64(len(i.rawManifest)), nil }
func (i *verifiedImage) ConfigName() (v1.Hash, error)        { return i.manifest.Config.Digest, nil }
func (i *verifiedImage) ConfigFile() (*v1.ConfigFile, error) { return i.config.DeepCopy(), nil }
func (i *verifiedImage) RawConfigFile() ([]byte, error)      { return bytes.Clone(i.rawConfig), nil }
func (i *verifiedImage) Digest() (v1.Hash, error)            { return i.digest, nil }
func (i *verifiedImage) Manifest() (*v1.Manifest, error)     { return i.manifest.DeepCopy(), nil }
func (i *verifiedImage) RawManifest() ([]byte, error)        { return bytes.Clone(i.rawManifest), nil }

func (i *verifiedImage) LayerByDigest(h v1.Hash) (v1.Layer, error) {
	for _, l := range i.layers {
		if l.desc.Digest == h {
			return l, nil
		}
	}
	return nil, fmt.Errorf("image %s has no layer %s", i.digest, h)
}

func (i *verifiedImage) LayerByDiffID(h v1.Hash) (v1.Layer, error) {
	for _, l := range i.layers {
		if l.diffID == h {
			return l, nil
		}
	}
	return nil, fmt.Errorf("image %s has no layer with diff_id %s", i.digest, h)
}

// verifiedLayer is one layer of a verifiedImage.
type verifiedLayer struct {
	img    *verifiedImage
	desc   v1.Descriptor
	diffID v1.Hash
	what   string
	open   blobOpener
}

var _ v1.Layer = (*verifiedLayer)(nil)

func (l *verifiedLayer) Digest() (v1.Hash, error)            { return l.desc.Digest, nil }
func (l *verifiedLayer) DiffID() (v1.Hash, error)            { return l.diffID, nil }
func (l *verifiedLayer) Size() (int64, error)                { return l.desc.Size, nil }
func (l *verifiedLayer) MediaType() (types.MediaType, error) { return l.desc.MediaType, nil }

// Compressed is the blob as stored, verified against its digest and size
// as it is read: the read that would end it fails instead on a mismatch.
func (l *verifiedLayer) Compressed() (io.ReadCloser, error) {
	return l.compressed()
}

func (l *verifiedLayer) compressed() (*verifyingReader, error) {
	if err := checkCtx(l.img.ctx); err != nil {
		return nil, wrapBlob(l.what, err)
	}
	rc, err := l.open(l.img.ctx, l.desc)
	if err != nil {
		return nil, wrapBlob(l.what, err)
	}
	return newVerifyingReader(l.img.ctx, rc, l.what, l.desc.Digest, l.desc.Size)
}

// Compression magic numbers, as go-containerregistry detects them: the
// content decides, not the media type.
var (
	gzipMagic = []byte{0x1f, 0x8b}
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
)

// zstdMaxWindow bounds the memory a zstd frame can make the decoder
// allocate (the format lets a frame ask for gigabytes); 128 MiB is what
// zstd --long uses.
const zstdMaxWindow = 128 << 20

// Uncompressed decompresses the verified blob (gzip, zstd or none, by its
// magic number) into a layerReader.
func (l *verifiedLayer) Uncompressed() (io.ReadCloser, error) {
	vr, err := l.compressed()
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(vr, 64<<10)
	magic, err := br.Peek(len(zstdMagic))
	if err != nil && err != io.EOF {
		vr.Close()
		return nil, wrapBlob(l.what, err)
	}
	lr := &layerReader{ctx: l.img.ctx, compressed: vr, what: l.what, diffID: l.diffID, b: l.img.b}
	if lr.h, err = v1.Hasher(l.diffID.Algorithm); err != nil {
		vr.Close()
		return nil, fmt.Errorf("%s: diff_id: %w", l.what, err)
	}
	switch {
	case bytes.HasPrefix(magic, gzipMagic):
		zr, err := gzip.NewReader(br)
		if err != nil {
			vr.Close()
			return nil, wrapBlob(l.what, err)
		}
		lr.r = zr
	case bytes.HasPrefix(magic, zstdMagic):
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true),
			zstd.WithDecoderMaxWindow(zstdMaxWindow), zstd.WithDecoderMaxMemory(zstdMaxWindow))
		if err != nil {
			vr.Close()
			return nil, wrapBlob(l.what, err)
		}
		lr.r, lr.closeDec = zr, zr.Close
	default:
		lr.r = br
	}
	lr.tar = newEntryCounter(l.img.b)
	return lr, nil
}
