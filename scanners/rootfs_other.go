//go:build !linux

package scanners

import (
	"errors"
	"io/fs"
	"os"
)

// pseudoFS is Linux's check for /proc-like file systems; elsewhere the
// device, FIFO and socket checks are what applies.
func pseudoFS(*os.File) bool { return false }

// beneath is Linux's openat2 fast path (rootfs_linux.go); elsewhere every
// path is resolved by os.Root.
type beneath struct{}

var errRetry = errors.New("unused")

func openBeneath(string) *beneath { return nil }

func (*beneath) open(string, int) (*os.File, error) { return nil, errRetry }
func (*beneath) stat(string) (fs.FileInfo, error)   { return nil, errRetry }
func (*beneath) close() error                       { return nil }

const (
	openFileFlags = 0
	openDirFlags  = 0
)
