package store_test

import (
	"context"
	"io"

	"github.com/salesgoal/salesgoal/internal/importer"
	"github.com/salesgoal/salesgoal/store"
)

// init hands the import to the tests of package store (import_hook_test.go).
func init() {
	store.ImportCSV = func(ctx context.Context, db *store.DB, r io.Reader, o store.ImportOptions) (store.ImportResult, error) {
		res, err := importer.Import(ctx, db, r, importer.Options{File: o.File, Kind: o.Kind, Source: o.Source, Replace: o.Replace})
		out := store.ImportResult{Rows: res.Rows}
		for _, p := range res.Problems {
			out.Problems = append(out.Problems, p)
		}
		return out, err
	}
}
