package importer

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/salesgoal/salesgoal/internal/crm"
)

// TestImportStoredDates: a file that lacks a deal's create or close date
// is checked against the dates an earlier import stored.
func TestImportStoredDates(t *testing.T) {
	leads := "mql_id,first_contact_date\nL1,2018-02-01\nL2,2018-03-08\n"
	setLeads := func(o *Options) {
		o.Map = map[string]string{"id": "mql_id", "created_at": "first_contact_date"}
		o.Set = map[string]string{"stage": "open"}
	}
	setWon := func(o *Options) {
		o.Map = map[string]string{"id": "mql_id"}
		o.Set = map[string]string{"stage": "won"}
	}
	closed := "mql_id,won_date\nL1,2018-02-26 19:58:54\nL2,2018-03-06 10:00:00\nL9,2018-04-01\n"
	tests := []struct {
		name  string
		leads bool
		want  []string
	}{
		{"without the leads", false, []string{
			`x.csv:2: column "created_at": the file has no create date and no earlier import gave deal "L1" one, but a won deal needs it: import the file with its create date first`,
			`x.csv:3: column "created_at": the file has no create date and no earlier import gave deal "L2" one, but a won deal needs it: import the file with its create date first`,
			`x.csv:4: column "created_at": the file has no create date and no earlier import gave deal "L9" one, but a won deal needs it: import the file with its create date first`}},
		{"after the leads", true, []string{
			`x.csv:3: column "won_date": 2018-03-06 is before the create date 2018-03-08 that an earlier import gave deal "L2"`,
			`x.csv:4: column "created_at": the file has no create date and no earlier import gave deal "L9" one, but a won deal needs it: import the file with its create date first`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpen(t)
			if tt.leads {
				MustImport(t, db, "leads.csv", leads, setLeads)
			}
			MustImport(t, db, "seed.csv", "id,stage\nD0,open\n")
			before := dump(t, db)
			res, err := tryImport(db, "x.csv", closed, setWon)
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
			if after := dump(t, db); after != before {
				t.Errorf("a refused import changed the database:\n%s", cmp.Diff(before, after))
			}
		})
	}
	// With --skip-invalid the valid deal is won, keeping its stored create date.
	db := MustOpen(t)
	MustImport(t, db, "leads.csv", leads, setLeads)
	res := MustImport(t, db, "x.csv", closed, setWon, func(o *Options) { o.SkipInvalid = true })
	if got, want := [3]int64{res.Won, res.Updated, res.Skipped}, [3]int64{1, 1, 2}; got != want {
		t.Errorf("won, updated, skipped = %v, want %v", got, want)
	}
	if d := dump(t, db); !strings.Contains(d, `"L1"`) || !strings.Contains(d, `"2018-02-01"`) || !strings.Contains(d, `"2018-02-26"`) {
		t.Errorf("L1 should be won with its stored create date:\n%s", d)
	}
}
