package image

import (
	"context"
	"io"
)

// ociArchiveStore is the OCI layout held in the tar at p (oci-archive:, as
// buildx --output type=oci, skopeo and podman write it): read in place, a
// blob at a time, through the same bounded tar index as a docker-save tar.
func ociArchiveStore(ctx context.Context, p string) (layoutStore, error) {
	a, err := indexArchive(ctx, p)
	if err != nil {
		return layoutStore{}, err
	}
	return layoutStore{open: func(name string) (io.ReadCloser, error) {
		e, err := a.resolve(name)
		if err != nil {
			return nil, err
		}
		return a.open(e)
	}}, nil
}

// fromOCIArchive reads the image of the OCI archive that the reference
// chooses (see choose).
func (im *Image) fromOCIArchive(ctx context.Context, o Options, b *budget) error {
	s, err := ociArchiveStore(ctx, im.Ref.Ref)
	if err != nil {
		return err
	}
	return im.fromLayoutStore(ctx, s, "OCI archive "+im.Ref.Ref, o, b)
}
