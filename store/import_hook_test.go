package store

import (
	"context"
	"io"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// The metrics tests load their fixtures as CSV exports through the real
// import, so that implicit customers and first won dates are derived as an
// import derives them. The import (package importer) imports store, so
// this package's own tests cannot call it: import_hook_ext_test.go, an
// external test file built into the same test binary, sets ImportCSV, and
// DB.Import here calls it.

// ImportCSV imports a CSV export through package importer.
var ImportCSV func(ctx context.Context, db *DB, r io.Reader, o ImportOptions) (ImportResult, error)

// ImportOptions and ImportResult are the parts of the import's own that
// these tests use.
type (
	ImportOptions struct {
		File    string
		Kind    Kind
		Source  *SourceSpec // the file's source, for Replace
		Replace bool        // import --replace
	}
	ImportResult struct {
		Rows     int64
		Problems []error
	}
)

// Import imports a CSV export into db (ImportCSV).
func (db *DB) Import(ctx context.Context, r io.Reader, o ImportOptions) (ImportResult, error) {
	return ImportCSV(ctx, db, r, o)
}

// Kind and its values, under the names the metrics fixture uses.
type Kind = row.Kind

const (
	KindDeals     = row.KindDeals
	KindCustomers = row.KindCustomers
	KindSpend     = row.KindSpend
	KindEvents    = row.KindChurnEvents
	KindSubs      = row.KindSubscriptions
)
