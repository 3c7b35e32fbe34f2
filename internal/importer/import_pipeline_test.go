package importer

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/salesgoal/salesgoal/internal/crm"
	"github.com/salesgoal/salesgoal/internal/pgtest"
	"github.com/salesgoal/salesgoal/store"
)

// wonDeals is a deals file of n won deals of customer C-1, each of amount.
func wonDeals(n int, amount string) string {
	var b strings.Builder
	b.WriteString("id,name,customer_id,owner,stage,amount,created_at,closed_at\n")
	for i := range n {
		fmt.Fprintf(&b, "D-%05d,Deal,C-1,ann,Closed Won,%s,2027-01-05,2027-01-20\n", i+1, amount)
	}
	return b.String()
}

// TestImportPipelineFails: an import into an empty deals table counts its
// rows in the rollups on a goroutine of its own, between the one that
// reads the file and the one that writes (pass.run). A failure there —
// a row that takes the sums beyond the limit, found while batches before
// it are already written and batches after it read — or an interrupt
// while all three run refuses the whole file and leaves the database as
// it was, on both engines.
func TestImportPipelineFails(t *testing.T) {
	// 4,000,000,000.00 a deal: 2,500 deals make exactly the limit,
	// 10,000,000,000,000.00; the 2,501st (line 2502, the 101st row of the
	// 13th batch of 200) takes USD beyond it.
	const beyond = `deals.csv:2502: column "amount": the amounts of the deals in USD would add up to more than 10,000,000,000,000.00: beyond that, salesgoal could not print every sum exactly`
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			for _, tt := range []struct {
				name    string
				csv     string
				cancel  int64 // cancel the import once this many bytes are read; 0: never
				problem string
			}{
				{"beyond the limit mid-file", wonDeals(3000, "4000000000.00"), 0, beyond},
				{"beyond the limit on the last line", wonDeals(2501, "4000000000.00"), 0, beyond},
				{"interrupted", wonDeals(20000, "1.00"), 300_000, ""},
			} {
				t.Run(tt.name, func(t *testing.T) {
					db := openEngine(t, engine)
					MustImport(t, db, "customers.csv", "id,name\nC-1,Acme\n")
					before := dump(t, db)
					ctx, cancel := context.WithCancel(context.Background())
					defer cancel()
					o := Options{File: "deals.csv"}
					if tt.cancel > 0 {
						o.Progress = func(read int64) {
							if read >= tt.cancel {
								cancel()
							}
						}
					}
					res, err := Import(ctx, db, strings.NewReader(tt.csv), o)
					if tt.problem == "" {
						if !errors.Is(err, context.Canceled) {
							t.Fatalf("err = %v, want context.Canceled", err)
						}
					} else {
						if !errors.Is(err, crm.ErrInvalidRow) {
							t.Fatalf("err = %v, want crm.ErrInvalidRow", err)
						}
						if len(res.Problems) != 1 || res.Problems[0].Error() != tt.problem {
							t.Errorf("problems = %v, want [%s]", res.Problems, tt.problem)
						}
					}
					if dump(t, db) != before {
						t.Error("a failed import changed the database")
					}
				})
			}
		})
	}
}

// openEngine opens a new, empty database on engine: SQLite, or
// PostgreSQL (skipped without a test server, pgtest.NewDatabase).
func openEngine(t *testing.T, engine string) *store.DB {
	if engine == "sqlite" {
		return MustOpen(t)
	}
	db, err := store.Open(context.Background(), pgtest.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
