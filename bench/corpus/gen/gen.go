// Package gen writes the synthetic monorepo the benchmarks read: Terraform
// root modules for AWS spread over team and service directories, a few
// shared local modules they call with count and for_each, and
// multi-document Kubernetes manifests. About half of the resources are
// configured as the rules ask and half are not. The output depends only on
// the options: the same seed writes the same bytes.
//
// Layout of DIR:
//
//	infra/modules/NAME/main.tf          shared modules (variables, locals, resources, outputs)
//	infra/TEAM/SERVICE/*.tf             root modules, 2 to 6 files each, ~10 resources a file
//	k8s/TEAM/APP/*.yaml                 manifests, 1 to 4 files an app, several objects a file
package gen

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Options say how much to write.
type Options struct {
	// TF is the number of Terraform files (.tf), the shared modules'
	// included; at least MinTF.
	TF int
	// K8s is the number of Kubernetes manifest files (.yaml).
	K8s int
	// Seed chooses the corpus; the same seed and counts write the same bytes.
	Seed uint64
}

// MinTF is the smallest TF option: the shared modules and one root module.
const MinTF = len(sharedModules) + 1

// Stats describe what Write wrote.
type Stats struct {
	TFFiles, K8sFiles int
	// RootModules are the Terraform directories that are not shared modules.
	RootModules int
	// ModuleCalls are the module blocks calling a shared module.
	ModuleCalls int
	// Resources are the resource blocks written (count and for_each not
	// expanded).
	Resources int
	// Objects are the Kubernetes objects written.
	Objects int
	// Bytes is the size of every file written.
	Bytes int64
}

// Write writes the corpus into dir, which must not exist or be empty (a
// corpus is never mixed with other files).
func Write(dir string, o Options) (Stats, error) {
	if o.TF < MinTF {
		return Stats{}, fmt.Errorf("terraform files: %d, at least %d are needed (the shared modules and a root module)", o.TF, MinTF)
	}
	if o.K8s < 0 {
		return Stats{}, fmt.Errorf("kubernetes files: %d is negative", o.K8s)
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return Stats{}, err
	case len(entries) > 0:
		return Stats{}, fmt.Errorf("%s is not empty: a corpus is written into a new directory", dir)
	}
	w := &writer{dir: dir, r: rand.New(rand.NewPCG(o.Seed, 0x7011_9a7e_bead_c0de))}
	if err := w.terraform(o.TF); err != nil {
		return w.stats, err
	}
	if err := w.kubernetes(o.K8s); err != nil {
		return w.stats, err
	}
	return w.stats, nil
}

// writer holds the random stream and the counts of one Write.
type writer struct {
	dir   string
	r     *rand.Rand
	stats Stats
}

func (w *writer) file(rel, content string) error {
	p := filepath.Join(w.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		return err
	}
	w.stats.Bytes += int64(len(content))
	return nil
}

// between is a number in [lo, hi].
func (w *writer) between(lo, hi int) int { return lo + w.r.IntN(hi-lo+1) }

// chance is true with probability p.
func (w *writer) chance(p float64) bool { return w.r.Float64() < p }

// flaws are k independent misconfigurations, none for a compliant group
// and at least one for another.
func (w *writer) flaws(good bool, k int) []bool {
	out := make([]bool, k)
	if good {
		return out
	}
	for i := range out {
		out[i] = w.chance(0.5)
	}
	out[w.r.IntN(k)] = true
	return out
}

func pick[T any](w *writer, xs []T) T { return xs[w.r.IntN(len(xs))] }

var teams = []string{"payments", "identity", "search", "catalog", "checkout", "ledger", "risk", "growth",
	"platform", "data", "mobile", "support", "logistics", "pricing", "media", "notifications"}

var serviceWords = []string{"billing", "invoice", "auth", "session", "profile", "index", "query", "orders",
	"cart", "fraud", "score", "report", "export", "import", "sync", "events", "audit", "gateway", "render",
	"upload", "thumbnail", "mailer", "webhook", "quota", "tenant", "routing", "tracking", "refund", "ledger",
	"feature", "config", "scheduler"}

var serviceKinds = []string{"api", "worker", "service", "jobs", "web", "consumer", "store", "proxy"}

// serviceName is a name like billing-api-017, unique by its number.
func (w *writer) serviceName(i int) string {
	return fmt.Sprintf("%s-%s-%03d", pick(w, serviceWords), pick(w, serviceKinds), i)
}

// block is a text builder with fmt's verbs.
type block struct{ strings.Builder }

func (b *block) f(format string, args ...any) { fmt.Fprintf(&b.Builder, format, args...) }
