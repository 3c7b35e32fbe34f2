package importer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/salesgoal/salesgoal/internal/crm"
	"github.com/salesgoal/salesgoal/store"
)

// schema is the SQL of every table and index of db, as sqlite_master holds it.
func schema(tb testing.TB, db *store.DB) string {
	tb.Helper()
	rows, err := sqlOf(tb, db).Query(`SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name`)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var typ, name, sql string
		if err := rows.Scan(&typ, &name, &sql); err != nil {
			tb.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %s: %s\n", typ, name, sql)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return b.String()
}

// dataDump is dump without the tables that record when something was done
// (the import log, the migrations), which differ between two databases
// that hold the same data.
func dataDump(tb testing.TB, db *store.DB) string {
	tb.Helper()
	var b strings.Builder
	keep, customers := true, false
	for line := range strings.Lines(dump(tb, db)) {
		if strings.HasPrefix(line, "table ") {
			keep = !strings.HasPrefix(line, "table imports ") && !strings.HasPrefix(line, "table schema_migrations ") &&
				!strings.HasPrefix(line, "table rollup")
			customers = strings.HasPrefix(line, "table customers ")
		} else if customers {
			// The column first_won_deals (before lifecycle, the last)
			// numbers keys as the rollups do: the description below
			// names them.
			last := strings.LastIndex(line, "|")
			line = line[:strings.LastIndex(line[:last], "|")] + line[last:]
		}
		if keep {
			b.WriteString(line)
		}
	}
	rollups, err := db.DescribeRollups(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	b.WriteString(rollups)
	return b.String()
}

// firstRows is the header and the first n rows of csv.
func firstRows(csv string, n int) string {
	lines := strings.SplitAfter(csv, "\n")
	return strings.Join(lines[:min(n+1, len(lines))], "")
}

// TestImportBulkSameAsUpsert imports the same file into an empty deals
// table (the bulk path: indexes dropped and built again, plain inserts,
// customers refreshed from what the import collected) and into one that
// already holds the file's first row (the upsert path), and compares the
// databases row for row and their schemas.
func TestImportBulkSameAsUpsert(t *testing.T) {
	synthetic, err := os.ReadFile(writeDeals(t, 3000, 200))
	if err != nil {
		t.Fatal(err)
	}
	sample, err := os.ReadFile("../../testdata/deals.csv")
	if err != nil {
		t.Fatal(err)
	}
	customers, err := os.ReadFile("../../testdata/customers.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		before string // a customers file imported first; "" for none
		deals  string
	}{
		{"synthetic deals", "", string(synthetic)},
		{"sample deals", "", string(sample)},
		{"sample deals after their customers", string(customers), string(sample)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			bulk, upsert := MustOpen(t), MustOpen(t)
			if tt.before != "" {
				MustImport(t, bulk, "customers.csv", tt.before)
				MustImport(t, upsert, "customers.csv", tt.before)
			}
			MustImport(t, upsert, "first.csv", firstRows(tt.deals, 1))
			res := MustImport(t, bulk, "deals.csv", tt.deals)
			if res.Inserted != res.Rows || res.Rows == 0 {
				t.Fatalf("bulk import: %+v, want every row inserted", countsOf(res))
			}
			if res := MustImport(t, upsert, "deals.csv", tt.deals); res.Inserted != res.Rows-1 {
				t.Fatalf("upsert import: %+v, want all rows but the first inserted", countsOf(res))
			}
			if got, want := dataDump(t, bulk), dataDump(t, upsert); got != want {
				t.Errorf("the bulk path and the upsert path give different databases:\nbulk:\n%.2000s\nupsert:\n%.2000s", got, want)
			}
			if got, want := schema(t, bulk), schema(t, upsert); got != want {
				t.Errorf("schema after the bulk path:\n%s\nwant:\n%s", got, want)
			}
			if res := MustImport(t, bulk, "deals.csv", tt.deals); res.Unchanged != res.Rows {
				t.Errorf("re-import after the bulk path: %+v, want every row unchanged", countsOf(res))
			}
		})
	}
}

// TestImportBulkSchema checks that a bulk import leaves the schema as the
// migrations made it, and that the deals table has no index but its
// primary key's: the rollups answer every question by date, so the import
// builds no date index (docs/architecture.md).
func TestImportBulkSchema(t *testing.T) {
	db := MustOpen(t)
	before := schema(t, db)
	csv, err := os.ReadFile(writeDeals(t, 2000, 100))
	if err != nil {
		t.Fatal(err)
	}
	MustImport(t, db, "deals.csv", string(csv))
	if got := schema(t, db); got != before {
		t.Errorf("schema after a bulk import:\n%s\nwant:\n%s", got, before)
	}
	var n int
	if err := sqlOf(t, db).QueryRow(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'deals' AND sql IS NOT NULL`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("the deals table has %d indexes of its own, want none", n)
	}
}

// TestImportBulkRefused imports refused files into an empty deals table:
// the problems are those the upsert path reports (a repeated id names both
// lines), and the database, its indexes included, is left as it was.
func TestImportBulkRefused(t *testing.T) {
	csv, err := os.ReadFile(writeDeals(t, 1000, 50))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(csv), "\n")
	replace := func(line int, row string) string {
		ls := append([]string(nil), lines...)
		ls[line-1] = row
		return strings.Join(ls, "")
	}
	for _, tt := range []struct {
		name string
		csv  string
		want []string // the problems, in order
	}{
		{"repeated id", replace(900, strings.Replace(lines[9], "Deal 10,", "Deal 10 again,", 1)),
			[]string{`deals.csv:900: column "id": id "D-0000009" is also on line 10`}},
		{"repeated id and a bad amount", replace(950, "D-0000950,Deal,C-1,ann,east,Closed Won,new,12.5O,,,USD,2024-01-02,2024-02-01\n") +
			strings.Replace(lines[1], "Deal 1,", "Deal 1 again,", 1),
			[]string{`deals.csv:950: column "amount": "12.5O" is not an amount: it is not a number`,
				`deals.csv:1002: column "id": id "D-0000001" is also on line 2`}},
		{"bad date on the last line", replace(1001, "D-0001000,Deal,C-1,ann,east,Closed Won,new,1,,,USD,2024-01-02,2024-13-01\n"),
			[]string{`deals.csv:1001: column "closed_at": "2024-13-01" is not a date: month 13 is not 1–12`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpen(t)
			MustImport(t, db, "customers.csv", "id,name\nC-1,Acme\n")
			rows, sch := dump(t, db), schema(t, db)
			res, err := tryImport(db, "deals.csv", tt.csv)
			if !errors.Is(err, crm.ErrInvalidRow) {
				t.Fatalf("err = %v, want crm.ErrInvalidRow", err)
			}
			var got []string
			for _, p := range res.Problems {
				got = append(got, p.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if res.ProblemCount != len(tt.want) {
				t.Errorf("ProblemCount = %d, want %d", res.ProblemCount, len(tt.want))
			}
			if dump(t, db) != rows {
				t.Error("a refused file changed the rows")
			}
			if got := schema(t, db); got != sch {
				t.Errorf("a refused file changed the schema:\n%s\nwant:\n%s", got, sch)
			}
		})
	}
}
