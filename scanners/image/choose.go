package image

import (
	"fmt"
	"slices"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// candidate is one image a layout or archive holds.
type candidate struct {
	// digest is the manifest digest (layout) or the image ID, the config
	// digest (docker-save tar, which has no manifests).
	digest v1.Hash
	// refs are the names it is known by: ref.name annotations (layout),
	// RepoTags (docker-save tar).
	refs     []string
	platform *v1.Platform
	// parents are the digests of the indexes it was reached through.
	parents []v1.Hash
	desc    v1.Descriptor
	// index is the entry of a docker-save manifest.json.
	index int
}

func (c candidate) String() string {
	var parts []string
	if len(c.refs) == 0 {
		parts = append(parts, "no ref name")
	} else {
		q := make([]string, len(c.refs))
		for i, r := range c.refs {
			q[i] = fmt.Sprintf("%q", r)
		}
		parts = append(parts, "ref "+strings.Join(q, ", "))
	}
	if c.platform != nil {
		parts = append(parts, c.platform.String())
	}
	return fmt.Sprintf("%s (%s)", c.digest, strings.Join(parts, "; "))
}

// maxListed bounds the candidates an error message names.
const maxListed = 20

func listCandidates(cs []candidate) string {
	var b strings.Builder
	for i, c := range cs {
		if i == maxListed {
			fmt.Fprintf(&b, "; and %d more", len(cs)-maxListed)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(c.String())
	}
	return b.String()
}

// choose picks the one image the reference means: the one with its digest
// (or under an index with it), or the one with its tag, then, among
// several, the one for the platform. It never guesses: several images left
// is an error naming them, so the user can choose.
func choose(cs []candidate, ref Ref, want v1.Platform, kind string) (candidate, error) {
	if len(cs) == 0 {
		return candidate{}, fmt.Errorf("%s holds no image", kind)
	}
	how := fmt.Sprintf("choose one with %s:%s@DIGEST or %s:%s:TAG", ref.Scheme, ref.Ref, ref.Scheme, ref.Ref)
	matched, err := matchRef(cs, ref, kind)
	if err != nil {
		return candidate{}, err
	}
	if len(matched) == 1 {
		return matched[0], nil
	}
	var fits []candidate
	for _, c := range matched {
		if c.platform == nil || c.platform.Satisfies(want) {
			fits = append(fits, c)
		}
	}
	switch len(fits) {
	case 1:
		return fits[0], nil
	case 0:
		return candidate{}, fmt.Errorf("%s holds %d images and none for %s: %s: %w", kind, len(matched), want.String(), listCandidates(matched), ErrPlatform)
	}
	return candidate{}, fmt.Errorf("%s holds %d images for %s, so which to scan is ambiguous; %s: %s", kind, len(fits), want.String(), how, listCandidates(fits))
}

// matchRef narrows the candidates to those the reference's digest (or an
// index's) or tag names; all of them when it names neither.
func matchRef(cs []candidate, ref Ref, kind string) ([]candidate, error) {
	if len(cs) == 0 {
		return nil, fmt.Errorf("%s holds no image", kind)
	}
	matched := cs
	switch {
	case ref.Digest != "":
		matched = nil
		for _, c := range cs {
			if c.digest.String() == ref.Digest || slices.ContainsFunc(c.parents, func(h v1.Hash) bool { return h.String() == ref.Digest }) {
				matched = append(matched, c)
			}
		}
		if len(matched) == 0 {
			return nil, fmt.Errorf("%s holds no image %s; it holds: %s", kind, ref.Digest, listCandidates(cs))
		}
	case ref.Tag != "":
		matched = nil
		for _, c := range cs {
			if slices.ContainsFunc(c.refs, func(r string) bool { return refMatches(r, ref.Tag) }) {
				matched = append(matched, c)
			}
		}
		if len(matched) == 0 {
			return nil, fmt.Errorf("%s holds no image named %q; it holds: %s", kind, ref.Tag, listCandidates(cs))
		}
	}
	return matched, nil
}

// refMatches reports whether an image named refName (a ref.name
// annotation or a RepoTag) answers to tag: the same string, the same
// normalized reference (alpine:3 and docker.io/library/alpine:3), or, for
// a bare tag, the tag of a full reference.
func refMatches(refName, tag string) bool {
	if refName == tag {
		return true
	}
	full, err := name.NewTag(refName)
	if err != nil || !explicitTag(refName) {
		return false
	}
	if !strings.ContainsAny(tag, ":/@") {
		return full.TagStr() == tag
	}
	t, err := name.NewTag(tag)
	return err == nil && explicitTag(tag) && t.Name() == full.Name()
}

// explicitTag reports whether a reference spells out its tag.
func explicitTag(ref string) bool {
	i := strings.LastIndex(ref, ":")
	return i > strings.LastIndex(ref, "/")
}
