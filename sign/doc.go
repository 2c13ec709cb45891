// Package sign signs container images, attaches in-toto attestations and verifies both with cosign key pairs, offline (no transparency log).
package sign
