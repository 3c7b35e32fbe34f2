package store

import (
	"cmp"
	"context"
	"slices"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/salesgoal/salesgoal/internal/crm/row"
	"github.com/salesgoal/salesgoal/internal/rollup"
)

// TestRawRates: a snapshot reads the rates beneath the driver
// (rates_raw.go) as it reads them through it: for any currencies and
// range, the same rows (each currency's dated in the range, its last
// before and its first after), whatever their base and way round.
func TestRawRates(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	r := func(day, cur, base, v string, perBase bool) row.Rate {
		return row.Rate{Date: day, Currency: cur, Base: base, Value: v, PerBase: perBase}
	}
	held := []row.Rate{
		r("2027-01-04", "USD", "EUR", "1.0856", true), r("2027-01-05", "USD", "EUR", "1.09", true),
		r("2027-01-08", "USD", "EUR", "1.1", true), r("2027-02-01", "USD", "EUR", "1.2", true),
		r("2027-01-04", "GBP", "EUR", "0.8534", true), r("2027-01-20", "GBP", "EUR", "0.86", true),
		r("2027-01-06", "CHF", "USD", "1.125", false), r("2027-03-01", "CHF", "USD", "1.13", false),
	}
	if _, err := db.ImportRates(ctx, RatesSpec{File: "r.csv", SHA256: func() string { return "x" }, At: time.Now()},
		func(put func(row.Rate) error) error {
			for _, x := range held {
				if err := put(x); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
		t.Fatal(err)
	}
	s := db.Snapshot()
	defer s.Close()
	raw, driver := loader{q: s.query, rawRates: s.rawRates}, loader{q: s.query}
	read := func(l loader, curs []string, from, to string) []row.Rate {
		t.Helper()
		f, _ := rollup.ParseDay(from)
		e, _ := rollup.ParseDay(to)
		rs, err := l.Rates(ctx, curs, f, e)
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(rs, func(a, b row.Rate) int {
			return cmp.Or(cmp.Compare(a.Currency, b.Currency), cmp.Compare(a.Date, b.Date))
		})
		return rs
	}
	for _, tt := range []struct {
		curs     []string
		from, to string
		n        int // the rates read
	}{
		// USD: 01-05 and 01-08, 01-04 before, 02-01 after; GBP: 01-04
		// before, 01-20 after; EUR: none.
		{[]string{"USD", "EUR", "GBP"}, "2027-01-05", "2027-01-10", 6},
		{[]string{"USD", "EUR", "GBP", "CHF"}, "2027-01-01", "2027-12-31", 8},
		{[]string{"CHF"}, "2026-01-01", "2026-12-31", 1},        // before every rate: the first after
		{[]string{"USD", "GBP"}, "2028-01-01", "2028-01-31", 2}, // after every rate: the last before
		{[]string{"EUR", "JPY"}, "2027-01-01", "2027-12-31", 0}, // none held
		{[]string{"USD"}, "2027-01-08", "2027-01-08", 3},        // one day: it, 05 before, 02-01 after
	} {
		got, want := read(raw, tt.curs, tt.from, tt.to), read(driver, tt.curs, tt.from, tt.to)
		if diff := gocmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%v %s..%s beneath the driver (-through it +beneath):\n%s", tt.curs, tt.from, tt.to, diff)
		}
		if len(got) != tt.n {
			t.Errorf("%v %s..%s: %d rates, want %d", tt.curs, tt.from, tt.to, len(got), tt.n)
		}
	}
	if s.rates == nil {
		t.Error("no statement prepared beneath the driver: the rates were read through it")
	}
	beneathDriver = false
	defer func() { beneathDriver = true }()
	if _, ran, err := s.rawRates(ctx, []string{"USD"}, 0, 1); ran || err != nil {
		t.Errorf("turned off: ran %v, %v; want not run", ran, err)
	}
}
