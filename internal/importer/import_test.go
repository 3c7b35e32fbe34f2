package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/salesgoal/salesgoal/internal/crm"
	"github.com/salesgoal/salesgoal/internal/crm/row"
	"github.com/salesgoal/salesgoal/store"
)

// MustImport imports csv (a file's content) into db and fails the test on error.
func MustImport(tb testing.TB, db *store.DB, name, csv string, opts ...func(*Options)) Result {
	tb.Helper()
	res, err := tryImport(db, name, csv, opts...)
	if err != nil {
		tb.Fatalf("import %s: %v (problems: %v)", name, err, res.Problems)
	}
	return res
}

func tryImport(db *store.DB, name, csv string, opts ...func(*Options)) (Result, error) {
	o := Options{File: name, Now: time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC)}
	for _, f := range opts {
		f(&o)
	}
	return Import(context.Background(), db, strings.NewReader(csv), o)
}

// counts is the part of a result most tests check.
type counts struct{ Rows, Inserted, Updated, Unchanged, Skipped int64 }

func countsOf(r Result) counts {
	return counts{r.Rows, r.Inserted, r.Updated, r.Unchanged, r.Skipped}
}

func dump(tb testing.TB, db *store.DB) string {
	tb.Helper()
	var b bytes.Buffer
	if err := store.Dump(context.Background(), db.Path(), &b); err != nil {
		tb.Fatal(err)
	}
	return b.String()
}

const dealsV1 = `id,name,customer_id,owner,stage,amount,created_at,closed_at
D1,Acme pilot,C1,ann,Closed Won,1000,2027-01-05,2027-01-20
D2,Beta trial,C2,bob,Negotiation,500,2027-01-10,
D3,Acme upsell,C1,ann,Closed Lost,250.50,2027-01-03,2027-01-25
`

// dealsV2 moves D2 from open to won and adds D4; D1 and D3 are as before.
const dealsV2 = `id,name,customer_id,owner,stage,amount,created_at,closed_at
D1,Acme pilot,C1,ann,Closed Won,1000,2027-01-05,2027-01-20
D2,Beta trial,C2,bob,Closed Won,500,2027-01-10,2027-01-28
D3,Acme upsell,C1,ann,Closed Lost,250.50,2027-01-03,2027-01-25
D4,Gamma,C3,bob,Prospecting,,,
`

func TestImportCounts(t *testing.T) {
	db := MustOpen(t)
	tests := []struct {
		name string
		csv  string
		want counts
	}{
		{"first import inserts every row", dealsV1, counts{Rows: 3, Inserted: 3}},
		{"same export again changes nothing", dealsV1, counts{Rows: 3, Unchanged: 3}},
		{"updated export: D2 won, D4 new", dealsV2, counts{Rows: 4, Inserted: 1, Updated: 1, Unchanged: 2}},
		{"updated export again", dealsV2, counts{Rows: 4, Unchanged: 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := MustImport(t, db, "deals.csv", tt.csv)
			if diff := cmp.Diff(tt.want, countsOf(res)); diff != "" {
				t.Errorf("counts (-want +got):\n%s", diff)
			}
		})
	}
	ims, err := db.Imports(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(ims), 4; got != want {
		t.Fatalf("import log has %d entries, want %d", got, want)
	}
	if got, want := ims[1].Updated, int64(1); got != want {
		t.Errorf("log of the first updated import: updated = %d, want %d", got, want)
	}
	if got, want := len(ims[0].SHA256), 64; got != want {
		t.Errorf("sha256 %q has %d hex digits, want %d", ims[0].SHA256, got, want)
	}
}

func TestImportDerivesCustomers(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	res := MustImport(t, db, "deals.csv", dealsV1)
	// C1 and C2 are named by deals and absent: both implicit.
	if got, want := res.ImplicitCustomers, int64(2); got != want {
		t.Errorf("implicit customers added = %d, want %d", got, want)
	}
	firstWon := func(id string) string {
		var s *string
		if err := sqlOf(t, db).QueryRowContext(ctx, `SELECT first_won_at FROM customers WHERE id = ?`, id).Scan(&s); err != nil {
			t.Fatal(err)
		}
		if s == nil {
			return "NULL"
		}
		return *s
	}
	// C1 won D1 on 2027-01-20 (D3 was lost); C2 has only an open deal.
	if got, want := firstWon("C1"), "2027-01-20"; got != want {
		t.Errorf("C1 first_won_at = %s, want %s", got, want)
	}
	if got, want := firstWon("C2"), "NULL"; got != want {
		t.Errorf("C2 first_won_at = %s, want %s", got, want)
	}
	MustImport(t, db, "deals.csv", dealsV2) // D2 won on 2027-01-28, C3 appears
	if got, want := firstWon("C2"), "2027-01-28"; got != want {
		t.Errorf("after v2, C2 first_won_at = %s, want %s", got, want)
	}
	// A customers file makes C1 explicit and adds C9; only those two rows change.
	cres := MustImport(t, db, "customers.csv", "id,name,acquired_at\nC1,Acme,2026-12-01\nC9,Zeta,2027-01-02\n")
	if diff := cmp.Diff(counts{Rows: 2, Inserted: 1, Updated: 1}, countsOf(cres)); diff != "" {
		t.Errorf("customers counts (-want +got):\n%s", diff)
	}
	var implicit int
	if err := sqlOf(t, db).QueryRowContext(ctx, `SELECT SUM(implicit) FROM customers`).Scan(&implicit); err != nil {
		t.Fatal(err)
	}
	if implicit != 2 { // C2, C3
		t.Errorf("implicit customers = %d, want 2", implicit)
	}
	// Moving D1 from won to lost leaves C1 without a won deal.
	MustImport(t, db, "d1.csv", "id,stage,created_at,closed_at\nD1,Lost,2027-01-05,2027-01-20\n")
	if got, want := firstWon("C1"), "NULL"; got != want {
		t.Errorf("after D1 lost, C1 first_won_at = %s, want %s", got, want)
	}
}

func TestImportPartialFields(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	MustImport(t, db, "customers.csv", "id,name,segment,acquired_at\nC1,Acme,SMB,2026-03-01\nC2,Beta,Enterprise,2026-05-01\n")
	res := MustImport(t, db, "churn.csv", "id,churned_at\nC1,2027-01-15\nC2,\n")
	// C1 gains a churn date; C2's is empty as before: unchanged.
	if diff := cmp.Diff(counts{Rows: 2, Updated: 1, Unchanged: 1}, countsOf(res)); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	var name, segment, acquired, churned string
	if err := sqlOf(t, db).QueryRowContext(ctx, `SELECT name, segment, acquired_at, churned_at FROM customers WHERE id = 'C1'`).
		Scan(&name, &segment, &acquired, &churned); err != nil {
		t.Fatal(err)
	}
	if got, want := []string{name, segment, acquired, churned}, []string{"Acme", "SMB", "2026-03-01", "2027-01-15"}; !cmp.Equal(got, want) {
		t.Errorf("C1 = %v, want %v", got, want)
	}
}

func TestImportRefusals(t *testing.T) {
	tests := []struct {
		name, csv string
		kind      row.Kind
		want      []string // the problems, in order
	}{
		{"missing id and stage", "id,stage\n,open\nD2,\n", row.KindDeals, []string{
			`x.csv:2: column "id": empty: every deal needs an id`,
			`x.csv:3: column "stage": empty: every deal needs a stage (won, lost or an open stage)`}},
		{"negative cost (a negative amount is a credit)", "id,stage,amount,cost\nD1,open,-5,\nD2,open,5,-1\n", row.KindDeals, []string{
			`x.csv:3: column "cost": "-1" is negative: a deal's cost is 0 or more`}},
		{"negative spend", "date,channel,amount\n2027-01-01,Ads,-5\n", row.KindSpend, []string{
			`x.csv:2: column "amount": "-5" is negative: spend is 0 or more`}},
		{"discount out of range", "id,stage,discount\nD1,open,120\n", row.KindDeals, []string{
			`x.csv:2: column "discount": "120" is not a discount: a discount is a percentage from 0 to 100`}},
		{"won without dates", "id,stage,created_at,closed_at\nD1,won,,\nD2,lost,2027-01-01,\n", row.KindDeals, []string{
			`x.csv:2: column "closed_at": empty, but a won deal needs a close date`,
			`x.csv:3: column "closed_at": empty, but a lost deal needs a close date`}},
		{"churn before acquisition", "id,acquired_at,churned_at\nC1,2027-01-10,2027-01-01\n", row.KindCustomers, []string{
			`x.csv:2: column "churned_at": 2027-01-01 is before the acquisition date 2027-01-10`}},
		{"ragged row", "id,stage\nD1,won,extra\n", row.KindDeals, []string{
			`x.csv:2: the row has 3 fields, the header has 2 (a stray delimiter or quote?)`}},
		{"duplicate ids name both lines", "id,stage\nD1,open\nD2,open\nD1,open\n", row.KindDeals, []string{
			`x.csv:4: column "id": id "D1" is also on line 2`}},
		{"duplicate spend key", "date,channel,amount\n2027-01-01,Ads,5\n2027-01-01,Ads,6\n", row.KindSpend, []string{
			`x.csv:3: column "date": date and channel "2027-01-01, Ads" is also on line 2`}},
		{"spend without amount", "date,channel,amount\n2027-01-01,Ads,\n", row.KindSpend, []string{
			`x.csv:2: column "amount": empty: every spend row needs an amount`}},
		// Repeated ids into a table that holds deals: the table finds
		// them, stored before (S1, S2) or new (D9), in one batch or two.
		{"a stored id, unchanged both times", "id,stage,amount\nS1,open,1\nD9,open,1\nS1,open,1\n", row.KindDeals, []string{
			`x.csv:4: column "id": id "S1" is also on line 2`}},
		{"a stored id, changed the first time", "id,stage,amount\nS2,open,5\nS2,open,2\n", row.KindDeals, []string{
			`x.csv:3: column "id": id "S2" is also on line 2`}},
		{"a new id in one batch", "id,stage,amount\nD9,open,1\nD9,open,2\n", row.KindDeals, []string{
			`x.csv:3: column "id": id "D9" is also on line 2`}},
		{"a new id in two batches", "id,stage,amount\nD9,open,1\n" + openDeals(210) + "D9,open,1\n", row.KindDeals, []string{
			`x.csv:213: column "id": id "D9" is also on line 2`}},
		{"a stored id in two batches", "id,stage,amount\nS1,open,1\n" + openDeals(210) + "S1,open,1\n", row.KindDeals, []string{
			`x.csv:213: column "id": id "S1" is also on line 2`}},
		// Line 3 refuses the file: the rows after it are not written, and
		// their ids are still checked, against those before it (D9) and
		// among themselves (D8, S2).
		{"repeats after the first problem", "id,stage,amount\nD9,open,1\nD7,open,x\nD9,open,1\nD8,open,1\nD8,open,1\nS1,open,1\nS2,open,1\nS2,open,1\n", row.KindDeals, []string{
			`x.csv:3: column "amount": "x" is not an amount: it is not a number`,
			`x.csv:4: column "id": id "D9" is also on line 2`,
			`x.csv:6: column "id": id "D8" is also on line 5`,
			`x.csv:9: column "id": id "S2" is also on line 8`}},
		// Customers: the table finds repeats too, stored (K1) or new (K9),
		// and after the file's first problem (K8).
		{"a stored customer twice", "id,name\nK1,Acme\nK9,New\nK1,Acme\n", row.KindCustomers, []string{
			`x.csv:4: column "id": id "K1" is also on line 2`}},
		{"customers repeated after the first problem", "id,name,acquired_at\nK9,New,\nK7,Bad,2027-02-30\nK9,New,\nK8,X,\nK8,X,\n", row.KindCustomers, []string{
			`x.csv:3: column "acquired_at": "2027-02-30" is not a date: day 30 is not 1–28 in February 2027`,
			`x.csv:4: column "id": id "K9" is also on line 2`,
			`x.csv:6: column "id": id "K8" is also on line 5`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpen(t)
			MustImport(t, db, "seed.csv", refusalSeed)
			MustImport(t, db, "customers.csv", customerSeed, func(o *Options) { o.Kind = row.KindCustomers })
			before := dump(t, db)
			res, err := tryImport(db, "x.csv", tt.csv, func(o *Options) { o.Kind = tt.kind })
			if !errors.Is(err, crm.ErrInvalidRow) {
				t.Fatalf("err = %v, want crm.ErrInvalidRow", err)
			}
			var got []string
			for _, p := range res.Problems {
				got = append(got, p.Error())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if res.ProblemCount != len(tt.want) {
				t.Errorf("ProblemCount = %d, want %d", res.ProblemCount, len(tt.want))
			}
			if after := dump(t, db); after != before {
				t.Errorf("a refused import changed the database:\n%s", cmp.Diff(before, after))
			}
		})
	}
}

func TestImportSkipInvalid(t *testing.T) {
	db := MustOpen(t)
	csv := "id,stage,amount\nD1,open,5\nD2,open,x\nD3,open,7\nD1,open,6\nD4,open,1\n"
	res, err := tryImport(db, "x.csv", csv, func(o *Options) { o.SkipInvalid = true })
	if err != nil {
		t.Fatal(err)
	}
	// D2 is invalid; D1 occurs twice, so both its lines are skipped: D3 and D4 remain.
	if diff := cmp.Diff(counts{Rows: 2, Inserted: 2, Skipped: 3}, countsOf(res)); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	var lines []int
	for _, p := range res.Problems {
		lines = append(lines, p.Line)
	}
	if diff := cmp.Diff([]int{2, 3, 5}, lines); diff != "" {
		t.Errorf("problem lines (-want +got):\n%s", diff)
	}
	if !errors.Is(res.Problems[0], crm.ErrDuplicate) || !errors.Is(res.Problems[0], crm.ErrInvalidRow) {
		t.Errorf("problem %v does not unwrap to crm.ErrDuplicate and crm.ErrInvalidRow", res.Problems[0])
	}
}

func TestImportDryRun(t *testing.T) {
	db := MustOpen(t)
	MustImport(t, db, "deals.csv", dealsV1)
	before := dump(t, db)
	res := MustImport(t, db, "deals.csv", dealsV2, func(o *Options) { o.DryRun = true })
	if diff := cmp.Diff(counts{Rows: 4, Inserted: 1, Updated: 1, Unchanged: 2}, countsOf(res)); diff != "" {
		t.Errorf("dry-run counts (-want +got):\n%s", diff)
	}
	if after := dump(t, db); after != before {
		t.Errorf("a dry run changed the database:\n%s", cmp.Diff(before, after))
	}
}

func TestImportDateOrder(t *testing.T) {
	tests := []struct {
		name, csv string
		order     crm.DateOrder
		want      crm.DateOrder
		wantErr   error
	}{
		{"ISO", "id,stage,created_at\nD1,open,2027-01-31\n", crm.DateAuto, crm.DateAuto, nil},
		{"a 31 proves day first", "id,stage,created_at\nD1,open,02/01/2027\nD2,open,31/01/2027\n", crm.DateAuto, crm.DateDMY, nil},
		{"ambiguous is refused", "id,stage,created_at\nD1,open,02/01/2027\n", crm.DateAuto, "", crm.ErrDateOrder},
		{"given with --date-format", "id,stage,created_at\nD1,open,02/01/2027\n", crm.DateMDY, crm.DateMDY, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpen(t)
			res, err := tryImport(db, "x.csv", tt.csv, func(o *Options) { o.DateOrder = tt.order })
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err == nil && res.DateOrder != tt.want {
				t.Errorf("DateOrder = %q, want %q", res.DateOrder, tt.want)
			}
		})
	}
	db := MustOpen(t)
	MustImport(t, db, "x.csv", "id,stage,created_at\nD1,open,02/01/2027\nD2,open,31/01/2027\n")
	var d string
	if err := sqlOf(t, db).QueryRow(`SELECT created_at FROM deals WHERE id = 'D1'`).Scan(&d); err != nil {
		t.Fatal(err)
	}
	if d != "2027-01-02" {
		t.Errorf("02/01/2027 day-first stored as %s, want 2027-01-02", d)
	}
}

// TestImportBatches imports more rows than one batch holds, so that full
// batches (one prepared statement) and the last partial one both run.
func TestImportBatches(t *testing.T) {
	db := MustOpen(t)
	var b strings.Builder
	b.WriteString("id,customer_id,stage,amount,created_at,closed_at\n")
	// 450 deals = 2 full batches of 200 and one of 50. Every third deal is
	// won (150), for customers C0..C9 in turn.
	for i := range 450 {
		stage, closed := "Negotiation", ""
		if i%3 == 0 {
			stage, closed = "Closed Won", "2027-01-20"
		}
		fmt.Fprintf(&b, "D%d,C%d,%s,%d,2027-01-02,%s\n", i, i%10, stage, i, closed)
	}
	res := MustImport(t, db, "big.csv", b.String())
	if diff := cmp.Diff(counts{Rows: 450, Inserted: 450}, countsOf(res)); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	if got, want := [3]int64{res.Won, res.Lost, res.Open}, [3]int64{150, 0, 300}; got != want {
		t.Errorf("won, lost, open = %v, want %v", got, want)
	}
	if got, want := res.ImplicitCustomers, int64(10); got != want {
		t.Errorf("implicit customers = %d, want %d", got, want)
	}
	res = MustImport(t, db, "big.csv", b.String())
	if diff := cmp.Diff(counts{Rows: 450, Unchanged: 450}, countsOf(res)); diff != "" {
		t.Errorf("again: counts (-want +got):\n%s", diff)
	}
	var sum int64
	if err := sqlOf(t, db).QueryRow(`SELECT SUM(amount) FROM deals`).Scan(&sum); err != nil {
		t.Fatal(err)
	}
	// amount i for i = 0..449 is 0..449 major units: 100 × 449 × 450 / 2 cents.
	if want := int64(100 * 449 * 450 / 2); sum != want {
		t.Errorf("sum of amounts = %d, want %d", sum, want)
	}
}

// TestImportSkipInvalidUnseekable: a reader that cannot be read twice
// cannot have the lines of a repeated id left out; the file is refused,
// not half imported.
func TestImportSkipInvalidUnseekable(t *testing.T) {
	db := MustOpen(t)
	MustImport(t, db, "deals.csv", dealsV1)
	before := dump(t, db)
	csv := "id,stage,amount\nD7,open,5\nD8,open,7\nD7,open,6\n"
	r := struct{ io.Reader }{strings.NewReader(csv)} // hides Seek
	_, err := Import(context.Background(), db, r, Options{File: "pipe.csv", SkipInvalid: true})
	if !errors.Is(err, crm.ErrDuplicate) {
		t.Fatalf("err = %v, want crm.ErrDuplicate", err)
	}
	if after := dump(t, db); after != before {
		t.Errorf("a refused import changed the database:\n%s", cmp.Diff(before, after))
	}
}

// TestImportChurnAgainstStored: a churn file kept apart from the customers
// file is checked against the acquisition dates imported before it (given,
// or from the first won deal), and the other way round; a refused file
// changes nothing.
func TestImportChurnAgainstStored(t *testing.T) {
	const customers = "id,name,acquired_at\nC1,Acme,2027-01-10\nC2,Beta,\n"
	tests := []struct {
		name          string
		earlier       string // imported first, as earlier.csv
		file, content string
		wantErr       string // "" for an accepted file
	}{
		{"churn after acquisition", customers, "churn.csv", "id,churned_at\nC1,2027-02-01\n", ""},
		{"churn on the acquisition day", customers, "churn.csv", "id,churned_at\nC1,2027-01-10\n", ""},
		{"churn before the stored acquisition", customers, "churn.csv", "id,churned_at\nC1,2027-01-05\n",
			`churn.csv:2: column "churned_at": 2027-01-05 is before the acquisition date 2027-01-10 given by an earlier import`},
		{"no stored acquisition date", customers, "churn.csv", "id,churned_at\nC2,2026-01-01\n", ""},
		{"unknown customer", customers, "churn.csv", "id,churned_at\nC9,2026-01-01\n", ""},
		// C5 has no acquired_at: it was acquired when its first deal was
		// won, on 2027-02-20 (docs/import.md).
		{"churn before the first won deal", "id,customer_id,stage,created_at,closed_at\nD1,C5,won,2027-01-02,2027-02-20\n",
			"churn.csv", "id,churned_at\nC5,2027-01-15\n",
			`churn.csv:2: column "churned_at": 2027-01-15 is before the acquisition date 2027-02-20 given by an earlier import`},
		{"acquisition after the stored churn", "id,churned_at\nC1,2027-01-05\n",
			"customers.csv", "id,acquired_at\nC1,2027-01-10\n",
			`customers.csv:2: column "acquired_at": 2027-01-10 is after the churn date 2027-01-05 given by an earlier import`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpen(t)
			MustImport(t, db, "earlier.csv", tt.earlier)
			before := dump(t, db)
			res, err := tryImport(db, tt.file, tt.content)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("refused: %v %v", err, res.Problems)
				}
				return
			}
			if !errors.Is(err, crm.ErrInvalidRow) || len(res.Problems) != 1 {
				t.Fatalf("err = %v, problems %v; want one invalid row", err, res.Problems)
			}
			if got := res.Problems[0].Error(); got != tt.wantErr {
				t.Errorf("problem\n got %s\nwant %s", got, tt.wantErr)
			}
			if after := dump(t, db); after != before {
				t.Errorf("a refused import changed the database:\n%s", cmp.Diff(before, after))
			}
		})
	}
}

// TestImportRepeatsIntoStored: into a table that holds deals (then
// customers), ids the file gives once each, stored before or new, in one
// batch or two, are no repeat (the table finds repeats by the rowids an import meets,
// store/import_repeats.go; TestImportRefusals has the repeats).
func TestImportRepeatsIntoStored(t *testing.T) {
	db := MustOpen(t)
	MustImport(t, db, "seed.csv", refusalSeed)
	res := MustImport(t, db, "x.csv", "id,stage,amount\nS1,open,1\nS2,open,5\nD9,open,1\n"+openDeals(210))
	// S1 unchanged, S2 updated, D9 and the 210 others inserted.
	if diff := cmp.Diff(counts{Rows: 213, Inserted: 211, Updated: 1, Unchanged: 1}, countsOf(res)); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	MustImport(t, db, "customers.csv", customerSeed, func(o *Options) { o.Kind = row.KindCustomers })
	res = MustImport(t, db, "x.csv", "id,name\nK1,Acme\nK2,Beta Ltd\nK3,Gamma\n", func(o *Options) { o.Kind = row.KindCustomers })
	// K1 unchanged, K2 renamed, K3 new.
	if diff := cmp.Diff(counts{Rows: 3, Inserted: 1, Updated: 1, Unchanged: 1}, countsOf(res)); diff != "" {
		t.Errorf("customers: counts (-want +got):\n%s", diff)
	}
}

// refusalSeed and customerSeed are what TestImportRefusals imports
// first: the tables are not empty, so a file takes the upsert path.
const (
	refusalSeed  = "id,stage,amount\nD0,open,0\nS1,open,1\nS2,open,2\nS3,open,3\n"
	customerSeed = "id,name\nK1,Acme\nK2,Beta\n"
)

// openDeals is n open deals N0, N1, … of 1, as lines of a file with the
// columns id, stage, amount: past 200, a second batch.
func openDeals(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "N%d,open,1\n", i)
	}
	return b.String()
}
