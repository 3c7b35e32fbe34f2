package store

import (
	"bufio"
	"context"
	"io"
	"testing"

	"github.com/salesgoal/salesgoal/internal/fakedeals"
)

// BenchmarkRefreshCustomers times what every deals import that changed
// rows does last: add implicit customers and recompute first_won_at, here
// over 1,000,000 deals of 100,000 customers (rolled back each time).
func BenchmarkRefreshCustomers(b *testing.B) {
	const n, customers = 1_000_000, 100_000
	db := MustOpen(b)
	pr, pw := io.Pipe()
	go func() {
		w := bufio.NewWriterSize(pw, 1<<20)
		err := fakedeals.Write(w, n, customers)
		if err == nil {
			err = w.Flush()
		}
		pw.CloseWithError(err)
	}()
	if _, err := db.Import(context.Background(), pr, ImportOptions{File: "deals.csv"}); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		tx, err := db.db.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		// Start from no customers at all: the first import's case.
		if _, err := tx.ExecContext(ctx, `DELETE FROM customers`); err != nil {
			b.Fatal(err)
		}
		added, err := refreshCustomers(ctx, tx)
		if err != nil {
			b.Fatal(err)
		}
		if added < customers*99/100 {
			b.Fatalf("added %d customers, want about %d", added, customers)
		}
		tx.Rollback()
	}
}
