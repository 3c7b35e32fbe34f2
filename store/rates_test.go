package store

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/internal/crm/row"
	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// TestImportRates: rates are upserted by day and currency, a rate met
// again unchanged is left alone, the last of one day and currency in a
// file wins, and a file whose reading fails writes nothing.
func TestImportRates(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	gbp := func(day, v string) row.Rate { return row.Rate{Date: day, Currency: "GBP", Base: "EUR", Value: v} }
	usd := func(day, v string) row.Rate {
		return row.Rate{Date: day, Currency: "USD", Base: "EUR", Value: v, PerBase: true}
	}
	steps := []struct {
		name  string
		rates []row.Rate
		fail  error
		want  RatesWritten
	}{
		{"new", []row.Rate{gbp("2027-01-04", "1.165"), usd("2027-01-04", "1.08"), gbp("2027-01-05", "1.17")},
			nil, RatesWritten{Rows: 3, Inserted: 3}},
		// 01-04 unchanged; 01-05 twice, the second wins; a new day.
		{"again", []row.Rate{gbp("2027-01-04", "1.165"), gbp("2027-01-05", "1.2"), gbp("2027-01-05", "1.18"), gbp("2027-01-06", "1.19")},
			nil, RatesWritten{Rows: 4, Inserted: 1, Updated: 2, Unchanged: 1}},
		{"refused", []row.Rate{gbp("2027-01-07", "9")}, context.Canceled, RatesWritten{}},
	}
	for _, s := range steps {
		w, err := db.ImportRates(ctx, RatesSpec{File: "r.csv", SHA256: func() string { return "x" }, At: time.Now()},
			func(put func(row.Rate) error) error {
				for _, r := range s.rates {
					if err := put(r); err != nil {
						return err
					}
				}
				return s.fail
			})
		if err != s.fail {
			t.Fatalf("%s: err %v, want %v", s.name, err, s.fail)
		}
		if err == nil && w != s.want {
			t.Errorf("%s: wrote %+v, want %+v", s.name, w, s.want)
		}
	}
	held, err := db.RatesList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []RatesHeld{
		{Currency: "GBP", First: "2027-01-04", Last: "2027-01-06", Count: 3, Latest: gbp("2027-01-06", "1.19")},
		{Currency: "USD", First: "2027-01-04", Last: "2027-01-04", Count: 1, Latest: usd("2027-01-04", "1.08")},
	}
	if diff := cmp.Diff(want, held); diff != "" {
		t.Errorf("rates held (-want +got):\n%s", diff)
	}
	rs, err := readRates(ctx, db.db, []string{"GBP"}, `day = ?`, []any{"2027-01-05"}, `ORDER BY currency, day`)
	if err != nil || len(rs) != 1 || rs[0].Value != "1.18" {
		t.Errorf("GBP on 2027-01-05: %+v, %v; want the file's last, 1.18", rs, err)
	}
}

// TestCoverageConverted: pipeline coverage counts an open deal in another
// currency at its expected close date's rate. Worked by hand: GBP is 1.25
// USD from 2027-01-01; on 2027-02-10 ana can close 100.01 GBP × 1.25 =
// 125.0125 → 125.01 and 10.00 USD: 135.01 over 2 deals; on 2027-02-11 bo
// can close 50.00 EUR, which has no rate: a deal, no money.
func TestCoverageConverted(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	mustLoad(t, db, fixture{deals: []fDeal{
		{id: "o1", owner: "ana", team: "east", stage: "open", amount: 10001, currency: "GBP", created: "2027-01-01", closed: "2027-02-10"},
		{id: "o2", owner: "bo", team: "east", stage: "open", amount: 5000, currency: "EUR", created: "2027-01-02", closed: "2027-02-11"},
		{id: "o3", owner: "ana", team: "east", stage: "open", amount: 1000, created: "2027-01-03", closed: "2027-02-10"},
	}})
	if _, err := db.db.ExecContext(ctx, `INSERT INTO rates (day, currency, base, rate, per_base) VALUES ('2027-01-01', 'GBP', 'USD', '1.25', 0)`); err != nil {
		t.Fatal(err)
	}
	snap := db.Snapshot()
	defer snap.Close()
	if err := snap.UseRates(ctx, metric.Date(2027, 1, 31)); err != nil {
		t.Fatal(err)
	}
	got, err := snap.CoverageDeals(ctx, measure.CoverageQuery{ClosedFrom: metric.Date(2027, 1, 1), ClosedTo: metric.Date(2027, 1, 31),
		OpenFrom: metric.Date(2027, 2, 1), OpenTo: metric.Date(2027, 2, 28), Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	want := measure.CoverageCounts{Days: []measure.DayGroup{
		{Owner: "ana", Team: "east", Day: metric.Date(2027, 2, 10), Pipeline: metric.Pipeline{Deals: 2, DealsMoney: 2, Amount: 13501}},
		{Owner: "bo", Team: "east", Day: metric.Date(2027, 2, 11), Pipeline: metric.Pipeline{Deals: 1}},
	}}
	if diff := cmp.Diff(sortedCoverage(want), sortedCoverage(got)); diff != "" {
		t.Errorf("coverage (-want +got):\n%s", diff)
	}
}
