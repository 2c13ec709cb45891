//go:build !linux

package scanners

import "os"

// pseudoFS is Linux's check for /proc-like file systems; elsewhere the
// device, FIFO and socket checks are what applies.
func pseudoFS(*os.File) bool { return false }
