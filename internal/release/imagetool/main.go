// Command imagetool builds tollgate's container image for scripts/release.sh:
//
//	go run ./internal/release/imagetool -version v1.2.3 -revision SHA -created UNIX \
//	    -layout DIR [-push REF] linux/amd64=PATH linux/arm64=PATH
//
// It writes an OCI layout (loadable by any OCI tool, scannable as
// oci-dir:DIR) and, with -push, pushes the same index with the docker
// config's credentials.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"

	"github.com/tollgate/tollgate/internal/release"
)

func main() {
	version := flag.String("version", "dev", "version label")
	revision := flag.String("revision", "", "commit label")
	created := flag.Int64("created", 0, "creation time, seconds since the epoch (the commit's)")
	ca := flag.String("ca", "/etc/ssl/certs/ca-certificates.crt", "CA certificate bundle to install")
	dir := flag.String("layout", "", "write the image as an OCI layout here")
	push := flag.String("push", "", "push the image to this reference")
	flag.Parse()
	if err := run(*version, *revision, *created, *ca, *dir, *push, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "imagetool:", err)
		os.Exit(1)
	}
}

func run(version, revision string, created int64, ca, dir, push string, args []string) error {
	certs, err := os.ReadFile(ca)
	if err != nil {
		return err
	}
	o := release.ImageOptions{Version: version, Revision: revision, Source: "https://github.com/tollgate/tollgate",
		Created: time.Unix(created, 0).UTC(), CACerts: certs}
	for _, a := range args {
		plat, path, ok := strings.Cut(a, "=")
		osName, arch, ok2 := strings.Cut(plat, "/")
		if !ok || !ok2 {
			return fmt.Errorf("%q: want OS/ARCH=PATH", a)
		}
		o.Binaries = append(o.Binaries, release.Binary{OS: osName, Arch: arch, Path: path})
	}
	idx, err := release.Image(o)
	if err != nil {
		return err
	}
	if dir != "" {
		if err := release.WriteLayout(dir, idx); err != nil {
			return err
		}
	}
	if push != "" {
		ref, err := name.ParseReference(push)
		if err != nil {
			return err
		}
		if err := remote.WriteIndex(ref, idx, remote.WithAuthFromKeychain(authn.DefaultKeychain)); err != nil {
			return err
		}
	}
	d, err := idx.Digest()
	if err != nil {
		return err
	}
	fmt.Println(d)
	return nil
}
