// Package vulns matches the packages of an SBOM against grype's
// vulnerability database, as the grype CLI does, and keeps that database:
// Update downloads and verifies it with grype's own distribution code,
// Import installs a file for air-gapped runners, Status describes it and
// Open loads it for matching, refusing a missing, stale or corrupt one.
package vulns

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	v6 "github.com/anchore/grype/grype/db/v6"
	v6dist "github.com/anchore/grype/grype/db/v6/distribution"
	v6inst "github.com/anchore/grype/grype/db/v6/installation"
	"github.com/anchore/grype/grype/vulnerability"
)

// DefaultMaxAge is how old a database may be before Open calls it stale:
// grype's own limit.
const DefaultMaxAge = 5 * 24 * time.Hour

// DefaultListingURL is where Update looks for the latest database: grype's
// listing (it reads <url>/v6/latest.json).
const DefaultListingURL = "https://grype.anchore.io/databases"

// SchemaModel is the database schema model this build reads (grype v6).
const SchemaModel = v6.ModelVersion

// ErrNoDatabase is returned when the directory holds no database.
var ErrNoDatabase = errors.New("no vulnerability database")

// NoDatabaseError is a directory without a database.
type NoDatabaseError struct{ Dir string }

func (e *NoDatabaseError) Error() string {
	return fmt.Sprintf("no vulnerability database in %s: run `tollgate db update` (or `tollgate db import FILE`)", e.Dir)
}
func (e *NoDatabaseError) Is(target error) bool { return target == ErrNoDatabase }

// StaleError is a database built longer ago than the age allowed.
type StaleError struct {
	Path   string
	Built  time.Time
	MaxAge time.Duration
	Age    time.Duration
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("vulnerability database %s is stale: built %s (%s ago), older than the %s allowed: run `tollgate db update`",
		e.Path, e.Built.UTC().Format(time.RFC3339), e.Age.Round(time.Minute), e.MaxAge)
}

// CorruptError is a database that cannot be read or whose checksum does not
// match the one recorded when it was installed.
type CorruptError struct {
	Path string
	Err  error
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("vulnerability database %s is unusable: %v: run `tollgate db update` (or import it again)", e.Path, e.Err)
}
func (e *CorruptError) Unwrap() error { return e.Err }

// Info describes an installed database.
type Info struct {
	// Path is the database file.
	Path string `json:"path"`
	// Built is when the database was built.
	Built time.Time `json:"built"`
	// Schema is its schema version (v6.1.10).
	Schema string `json:"schema"`
	// From is where it was installed from: a URL, or "manual import".
	From string `json:"from,omitempty"`
}

// UpdateOptions configures Update.
type UpdateOptions struct {
	// ListingURL is the listing of databases; "" means DefaultListingURL.
	// A URL ending in .json is the listing document itself.
	ListingURL string
	// CACert is a PEM file of CA certificates trusted for both downloads,
	// besides the system's ("" for the system's only).
	CACert string
	// CheckTimeout bounds fetching the listing, DownloadTimeout fetching
	// the archive; 0 means grype's defaults (30 s and 300 s).
	CheckTimeout, DownloadTimeout time.Duration
}

// dbDir is the directory of the schema this build reads.
func dbDir(root string) string { return filepath.Join(root, strconv.Itoa(v6.ModelVersion)) }

// dbFile is the database file under root.
func dbFile(root string) string { return filepath.Join(dbDir(root), v6.VulnerabilityDBFileName) }

func curatorConfig(root string) v6inst.Config {
	return v6inst.Config{
		DBRootDir:        root,
		ValidateChecksum: true,
		// The age is checked by Open, with the caller's clock and limit.
		ValidateAge: false,
	}
}

func distConfig(o UpdateOptions) v6dist.Config {
	c := v6dist.DefaultConfig()
	if o.ListingURL != "" {
		c.LatestURL = o.ListingURL
	}
	c.CACert = o.CACert
	if o.CheckTimeout > 0 {
		c.CheckTimeout = o.CheckTimeout
	}
	if o.DownloadTimeout > 0 {
		c.UpdateTimeout = o.DownloadTimeout
	}
	// tollgate db update is asked for: a listing that cannot be read is
	// an error, not a warning.
	c.RequireUpdateCheck = true
	return c
}

// Update installs the latest database of the listing into root when it is
// newer than the one installed (or none is), downloading the archive the
// listing names and checking it against the listing's sha256 before
// unpacking it. It reports whether a new database was installed.
func Update(root string, o UpdateOptions) (Info, bool, error) {
	if root == "" {
		return Info{}, false, errors.New("db update: no database directory")
	}
	client, err := v6dist.NewClient(distConfig(o))
	if err != nil {
		return Info{}, false, fmt.Errorf("db update: %w", err)
	}
	cfg := curatorConfig(root)
	// Asked for explicitly: check now, however recently it was checked.
	cfg.UpdateCheckMaxFrequency = 0
	cur, err := v6inst.NewCurator(cfg, client)
	if err != nil {
		return Info{}, false, fmt.Errorf("db update: %w", err)
	}
	// A database that fails its checksum is replaced, not kept.
	if _, err := Status(root); err != nil && !errors.Is(err, ErrNoDatabase) {
		if err := cur.Delete(); err != nil {
			return Info{}, false, fmt.Errorf("db update: remove the unusable database: %w", err)
		}
	}
	updated, err := cur.Update()
	if err != nil {
		return Info{}, false, fmt.Errorf("db update from %s: %w", distConfig(o).LatestURL, err)
	}
	info, err := Status(root)
	if err != nil {
		return Info{}, false, fmt.Errorf("db update from %s: %w", distConfig(o).LatestURL, err)
	}
	return info, updated, nil
}

// Import installs file into root: a vulnerability.db file or a database
// archive (tar.gz, tar.zst...) as `grype db update` downloads it. It
// replaces any installed database.
func Import(root, file string) (Info, error) {
	if _, err := os.Stat(file); err != nil {
		return Info{}, fmt.Errorf("db import: %w", err)
	}
	client, err := v6dist.NewClient(v6dist.DefaultConfig())
	if err != nil {
		return Info{}, fmt.Errorf("db import: %w", err)
	}
	cur, err := v6inst.NewCurator(curatorConfig(root), client)
	if err != nil {
		return Info{}, fmt.Errorf("db import: %w", err)
	}
	if err := cur.Import(file); err != nil {
		return Info{}, fmt.Errorf("db import %s: %w", file, err)
	}
	info, err := Status(root)
	if err != nil {
		return Info{}, fmt.Errorf("db import %s: %w", file, err)
	}
	return info, nil
}

// Status describes the database installed in root: a *NoDatabaseError
// when there is none, a *CorruptError when it cannot be read or fails its
// checksum. It does not judge its age (see Open).
func Status(root string) (Info, error) {
	path := dbFile(root)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return Info{}, &NoDatabaseError{Dir: root}
	}
	cur, err := v6inst.NewCurator(curatorConfig(root), nil)
	if err != nil {
		return Info{}, err
	}
	s := cur.Status()
	if s.Error != nil {
		return Info{Path: path}, &CorruptError{Path: path, Err: s.Error}
	}
	return infoOf(s), nil
}

func infoOf(s vulnerability.ProviderStatus) Info {
	schema := s.SchemaVersion
	if schema != "" && !strings.HasPrefix(schema, "v") {
		schema = "v" + schema
	}
	return Info{Path: s.Path, Built: s.Built.UTC(), Schema: schema, From: s.From}
}
