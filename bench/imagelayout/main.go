// Command imagelayout builds a benchmark image from directories of this
// machine and writes it as an OCI layout, for bench/compare-image.sh: one
// gzip layer per directory, holding its regular files, directories and
// symbolic links under their absolute paths (so /usr/lib/python3 is at
// /usr/lib/python3 in the image, where syft's catalogers look), linux/amd64.
// Files it cannot read (permissions, sockets) are left out.
//
//	go run ./bench/imagelayout -o DIR PATH...
package main

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"

	"github.com/tollgate/tollgate/internal/testimage"
)

// epoch is every file's and the image's time, so that the same trees give
// the same digest.
var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func main() {
	out := flag.String("o", "", "the OCI layout directory to write (replaced)")
	flag.Parse()
	if *out == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: imagelayout -o DIR PATH...")
		os.Exit(2)
	}
	if err := run(*out, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "imagelayout:", err)
		os.Exit(1)
	}
}

func run(out string, dirs []string) error {
	tmp, err := os.MkdirTemp("", "imagelayout")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	img := empty.Image
	var size int64
	for i, d := range dirs {
		abs, err := filepath.Abs(d)
		if err != nil {
			return err
		}
		p := filepath.Join(tmp, fmt.Sprintf("layer%d.tar", i))
		n, err := tarTree(p, abs)
		if err != nil {
			return fmt.Errorf("%s: %w", d, err)
		}
		size += n
		l, err := tarball.LayerFromFile(p, tarball.WithCompressionLevel(gzip.BestSpeed))
		if err != nil {
			return err
		}
		if img, err = mutate.AppendLayers(img, l); err != nil {
			return err
		}
	}
	cf, err := img.ConfigFile()
	if err != nil {
		return err
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture = "linux", "amd64"
	cf.Created = v1.Time{Time: epoch}
	cf.Config.Env = []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}
	cf.Config.User = "10001"
	if img, err = mutate.ConfigFile(img, cf); err != nil {
		return err
	}
	if err := testimage.WriteLayout(out, img); err != nil {
		return err
	}
	dg, err := img.Digest()
	if err != nil {
		return err
	}
	fmt.Printf("%s %s %d MB uncompressed\n", out, dg, size>>20)
	return nil
}

// tarTree writes the tree at root to the tar file p, its names absolute
// paths without the leading slash, sorted; it returns the bytes of file
// content written.
func tarTree(p, root string) (int64, error) {
	var paths []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrPermission) {
				return nil
			}
			return err
		}
		paths = append(paths, p)
		return nil
	})
	if err != nil {
		return 0, err
	}
	sort.Strings(paths)
	f, err := os.Create(p)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	tw := tar.NewWriter(f)
	// The parents of root, so that the tree has its place.
	parts := strings.Split(strings.Trim(filepath.ToSlash(root), "/"), "/")
	for i := 1; i < len(parts); i++ {
		h := &tar.Header{Name: strings.Join(parts[:i], "/") + "/", Mode: 0o755, Typeflag: tar.TypeDir, ModTime: epoch, Format: tar.FormatPAX}
		if err := tw.WriteHeader(h); err != nil {
			return 0, err
		}
	}
	var size int64
	for _, p := range paths {
		st, err := os.Lstat(p)
		if err != nil {
			continue
		}
		name := strings.TrimPrefix(filepath.ToSlash(p), "/")
		h := &tar.Header{Name: name, ModTime: epoch, Mode: int64(st.Mode().Perm()), Format: tar.FormatPAX}
		switch {
		case st.IsDir():
			h.Name += "/"
			h.Typeflag = tar.TypeDir
		case st.Mode()&fs.ModeSymlink != 0:
			t, err := os.Readlink(p)
			if err != nil {
				continue
			}
			h.Typeflag, h.Linkname = tar.TypeSymlink, t
		case st.Mode().IsRegular():
			h.Typeflag, h.Size = tar.TypeReg, st.Size()
		default:
			continue
		}
		if h.Typeflag != tar.TypeReg {
			if err := tw.WriteHeader(h); err != nil {
				return 0, err
			}
			continue
		}
		src, err := os.Open(p)
		if err != nil {
			continue
		}
		if err := tw.WriteHeader(h); err != nil {
			src.Close()
			return 0, err
		}
		n, err := io.Copy(tw, io.LimitReader(src, h.Size))
		src.Close()
		if err != nil {
			return 0, err
		}
		if n != h.Size { // the file shrank while read
			return 0, fmt.Errorf("%s: read %d of %d bytes", p, n, h.Size)
		}
		size += n
	}
	if err := tw.Close(); err != nil {
		return 0, err
	}
	return size, f.Close()
}
