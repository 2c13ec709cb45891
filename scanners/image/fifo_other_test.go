//go:build !unix

package image

import "errors"

func mkfifo(string) error { return errors.New("no FIFOs on this system") }
