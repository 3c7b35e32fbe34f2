package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesgoal/salesgoal/internal/rollup"
	"github.com/salesgoal/salesgoal/metric"
)

// TestMigrateCycles: a database imported before schema 9 has no month
// histograms of cycle lengths; the migration builds them from its days, to
// what the imports keep, and the median reads as before. Cycles by hand:
// D1 15 days and D2 36 (January), D3 9 (February); 2027-01-01..02-28 is
// two whole months, read from the histograms: median 15.
func TestMigrateCycles(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cycles.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	deals := "id,owner,stage,amount,currency,created_at,closed_at\n" +
		"D1,ann,Closed Won,100,USD,2027-01-05,2027-01-20\n" +
		"D2,ann,Closed Won,200,USD,2026-12-20,2027-01-25\n" +
		"D3,bob,Closed Won,300,EUR,2027-02-01,2027-02-10\n"
	if _, err := db.Import(ctx, strings.NewReader(deals), ImportOptions{File: "deals.csv"}); err != nil {
		t.Fatal(err)
	}
	kept, err := db.DescribeRollups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(kept, "cycles 2027-01 ann/ lag 36: 1 deals") || !strings.Contains(kept, "cycles 2027-02 bob/ lag 9: 1 deals") {
		t.Fatalf("the imports keep no histograms:\n%s", kept)
	}
	// As schema 8 left it: no histograms.
	if _, err := db.db.ExecContext(ctx, `DELETE FROM rollups WHERE slot BETWEEN ? AND ?`,
		rollup.Slot(rollup.KindCycles, -1<<31), rollup.Slot(rollup.KindCycles, 1<<31-1)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.ExecContext(ctx, `DELETE FROM schema_migrations WHERE version = 9`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if db, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	built, err := db.DescribeRollups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if built != kept {
		t.Errorf("the migration built other rollups than the imports kept:\n%s", lineDiff(kept, built))
	}
	a, err := db.Aggregates(ctx, query(t, "2027-01-01", "2027-02-28", metric.Scope{Level: metric.Company}))
	if err != nil {
		t.Fatal(err)
	}
	if a.CycleDaysMedian != 15 || a.CycleDaysSum != 60 {
		t.Errorf("after the migration: median %v, sum %d; want 15, 60 (9 15 36)", a.CycleDaysMedian, a.CycleDaysSum)
	}
}
