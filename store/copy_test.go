package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesgoal/salesgoal/metric"
)

// dataOf is the dump of a database without its record of migrations,
// which each engine keeps for itself.
func dataOf(t *testing.T, db *DB) string {
	t.Helper()
	var b strings.Builder
	if err := Dump(context.Background(), db.Path(), &b); err != nil {
		t.Fatal(err)
	}
	var keep []string
	for _, part := range strings.Split(b.String(), "table ")[1:] {
		if !strings.HasPrefix(part, "schema_migrations ") {
			keep = append(keep, part)
		}
	}
	return strings.Join(keep, "table ")
}

// TestCopyBetweenEngines copies a database holding every kind of row
// (goals that serve goals included) from SQLite to PostgreSQL and back to
// a new SQLite file, and through backup from PostgreSQL: every copy holds
// the same rows, the rollups' blobs included. A copy into a database that
// holds data is refused and changes nothing; with replace it replaces all.
func TestCopyBetweenEngines(t *testing.T) {
	ctx := context.Background()
	lite := MustOpen(t)
	s := &sequence{t: t, db: lite, ctx: ctx}
	s.f = randomFixture(7, 300, 60, 40)
	s.a, s.b = map[string]fDeal{}, map[string]fDeal{}
	for i, d := range s.f.deals {
		d.id = fmt.Sprintf("a%04d", i)
		s.a[d.id] = d
	}
	s.customers, s.spend = s.f.customers, s.f.spend
	s.importCustomers()
	s.importDeals("a", false)
	s.importSpend()
	// Goals: one serving another, one whose baseline is another's target,
	// one of them with an assessment.
	company := metric.Scope{Level: metric.Company}
	q1 := newGoal(t, "Q1", "revenue", "30000", company, "2027-Q1")
	jan := newGoal(t, "Jan", "revenue", "+9%", company, "2027-01")
	feb := newGoal(t, "Feb", "revenue", "+9%", company, "2027-02")
	feb.Baseline.Plan(jan)
	feb.Resolve()
	a := passing()
	if err := lite.SaveGoals(ctx, &GoalBatch{At: goalAsOf, Writes: []GoalWrite{
		{Goal: q1, Assessment: &a, Parent: -1, BaselineFrom: -1},
		{Goal: jan, Assessment: &a, Parent: 0, BaselineFrom: -1},
		{Goal: feb, Parent: 0, BaselineFrom: 1},
	}}); err != nil {
		t.Fatal(err)
	}
	want := dataOf(t, lite)

	pg := MustOpenPostgres(t)
	if _, err := lite.CopyTo(ctx, pg, false); err != nil {
		t.Fatal(err)
	}
	if got := dataOf(t, pg); got != want {
		t.Fatalf("SQLite → PostgreSQL changed rows:\n%s", lineDiff(want, got))
	}
	back, err := Open(ctx, filepath.Join(t.TempDir(), "back.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	if _, err := pg.CopyTo(ctx, back, false); err != nil {
		t.Fatal(err)
	}
	if got := dataOf(t, back); got != want {
		t.Fatalf("PostgreSQL → SQLite changed rows:\n%s", lineDiff(want, got))
	}
	file := filepath.Join(t.TempDir(), "backup.db")
	if err := pg.Backup(ctx, file, false); err != nil {
		t.Fatal(err)
	}
	b, err := OpenWith(ctx, file, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if got := dataOf(t, b); got != want {
		t.Fatalf("backup of PostgreSQL changed rows:\n%s", lineDiff(want, got))
	}

	// Into a database that holds data: refused, unchanged; then replaced.
	other := MustOpenPostgres(t)
	if _, err := other.Import(ctx, strings.NewReader("id,stage,amount,created_at,closed_at\nX-1,won,5,2027-01-01,2027-01-05\n"), ImportOptions{File: "x.csv", Kind: KindDeals}); err != nil {
		t.Fatal(err)
	}
	before := dataOf(t, other)
	if _, err := lite.CopyTo(ctx, other, false); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("copy into a database with data: %v, want ErrNotEmpty", err)
	}
	if dataOf(t, other) != before {
		t.Error("a refused copy changed the destination")
	}
	if _, err := lite.CopyTo(ctx, other, true); err != nil {
		t.Fatal(err)
	}
	if got := dataOf(t, other); got != want {
		t.Fatalf("a copy with replace left other rows:\n%s", lineDiff(want, got))
	}
}

// TestCopyTablesCoverSchema fails when a migration adds a table that copy
// (and backup from a server) would leave behind: every table of the schema
// but the record of migrations is in copyTables.
func TestCopyTablesCoverSchema(t *testing.T) {
	db := MustOpen(t)
	rows, err := db.db.QueryContext(context.Background(), `SELECT name FROM sqlite_master
		WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name <> 'schema_migrations' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	copied := map[string]bool{}
	for _, name := range copyTables {
		copied[name] = true
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		if !copied[name] {
			t.Errorf("table %s is not in copyTables: copy and backup from a server would leave it behind", name)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}
