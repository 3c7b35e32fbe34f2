package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/metric"
)

// TestMigrateCarried upgrades a database of schema 2, imported before the
// record of carried fields existed, and checks what migration 4 infers
// from its rows: amounts (a non-zero amount), costs, churn dates and spend
// were carried; discounts (none given) were not. A goal saved before gets
// the day it was created as the last day its baseline counts.
func TestMigrateCarried(t *testing.T) {
	ctx := context.Background()
	db := openMigrated(t, 2,
		`INSERT INTO deals (id, stage, amount, cost, currency) VALUES ('d1', 'won', 1000, 400, 'USD'), ('d2', 'lost', 0, NULL, 'USD')`,
		`INSERT INTO customers (id, acquired_at, churned_at) VALUES ('c1', '2026-01-01', '2026-06-01')`,
		`INSERT INTO imports (file, sha256, kind, inserted, updated, unchanged, skipped, at) VALUES ('spend.csv', 'x', 'spend', 0, 0, 0, 0, '2027-01-01T00:00:00Z')`,
		`INSERT INTO goals (name, category, metric, scope_kind, period_label, period_kind, period_start, period_end,
			target_spec, baseline_spec, baseline_label, baseline_kind, baseline_start, baseline_end, created_at, updated_at) VALUES
			('running', 'revenue', 'revenue', 'company', '2027-02', 'month', '2027-02-01', '2027-02-28',
			 '+9%', 'previous', '2027-01', 'month', '2027-01-01', '2027-01-31', '2027-01-10T09:00:00Z', '2027-01-10T09:00:00Z'),
			('settled', 'revenue', 'revenue', 'company', '2027-03', 'month', '2027-03-01', '2027-03-31',
			 '+9%', 'previous', '2027-02', 'month', '2027-02-01', '2027-02-28', '2027-03-02T09:00:00Z', '2027-03-02T09:00:00Z')`)
	in, err := db.Inputs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{"customers": {"churned_at"}, "deals": {"amount", "cost"}, "spend": {"amount", "channel", "date"}}
	if diff := cmp.Diff(want, in.Carried); diff != "" {
		t.Errorf("carried (-want +got):\n%s", diff)
	}
	gs, err := db.Goals(ctx, GoalFilter{})
	if err != nil {
		t.Fatal(err)
	}
	through := map[string]time.Time{}
	for _, g := range gs {
		through[g.Name] = g.Baseline.Through
	}
	wantThrough := map[string]time.Time{"running": metric.Date(2027, time.January, 10), "settled": metric.Date(2027, time.February, 28)}
	if diff := cmp.Diff(wantThrough, through); diff != "" {
		t.Errorf("baseline through (-want +got):\n%s", diff)
	}
}

// TestMigrateIntervals upgrades a database of schema 5 (customers with one
// acquisition and churn date each, rollups not yet kept) to schema 7:
// each customer keeps its one interval, read from its row, and the
// database then takes churn events. By hand, 2026-Q2:
//   - c1 acquired 2026-01-01, churned 2026-06-01: in S, lost
//   - c2 acquired 2026-03-01: in S, retained
//   - c3 acquired by its won deal of 2026-02-10: in S, retained
//     S = 3, R = 2, N = 0, nobody came back. Then c2 churns on 2026-05-01
//     and comes back on 2026-06-15: still retained, and reactivated.
func TestMigrateIntervals(t *testing.T) {
	ctx := context.Background()
	db := openMigrated(t, 5,
		`INSERT INTO deals (id, customer_id, stage, amount, currency, created_at, closed_at) VALUES ('d1', 'c3', 'won', 1000, 'USD', '2026-02-01', '2026-02-10')`,
		`INSERT INTO customers (id, acquired_at, churned_at) VALUES ('c1', '2026-01-01', '2026-06-01'), ('c2', '2026-03-01', NULL)`,
		`INSERT INTO carried (kind, field) VALUES ('customers', 'churned_at')`)
	customers := func() [4]int64 {
		t.Helper()
		a, err := db.Aggregates(ctx, query(t, "2026-04-01", "2026-06-30", metric.Scope{Level: metric.Company}))
		if err != nil {
			t.Fatal(err)
		}
		return [4]int64{a.CustomersStart, a.Retained, a.NewCustomers, a.Reactivated}
	}
	if got, want := customers(), [4]int64{3, 2, 0, 0}; got != want {
		t.Errorf("migrated: S, R, N, reactivated = %v, want %v", got, want)
	}
	var kept int
	if err := db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM customer_intervals`).Scan(&kept); err != nil || kept != 0 {
		t.Errorf("intervals kept after the migration: %d (%v), want none: each customer's row says all", kept, err)
	}
	events := "customer_id,churn_date,reactivated_at\nc2,2026-05-01,2026-06-15\n"
	if _, err := db.Import(ctx, strings.NewReader(events), ImportOptions{File: "events.csv"}); err != nil {
		t.Fatal(err)
	}
	if got, want := customers(), [4]int64{3, 2, 0, 1}; got != want {
		t.Errorf("after churn events: S, R, N, reactivated = %v, want %v", got, want)
	}
}

// openMigrated writes a database at schema version, by the first version
// migrations and their record, with rows inserted, then opens it with
// Open, which must upgrade it to the schema of today.
func openMigrated(t *testing.T, version int, rows ...string) *DB {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite", fileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	stmts := []string{`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`}
	for _, m := range ms[:version] {
		stmts = append(stmts, m.sql, fmt.Sprintf(`INSERT INTO schema_migrations VALUES (%d, '2027-01-01T00:00:00Z')`, m.version))
	}
	for _, q := range append(stmts, rows...) {
		if _, err := raw.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if v, err := db.Version(ctx); err != nil || v != SchemaVersion() {
		t.Fatalf("version %d (%v), want %d", v, err, SchemaVersion())
	}
	return db
}
