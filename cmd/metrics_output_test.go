package cmd

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// TestMetricsNotesCurrency: the footnote names only the money metrics
// that left an other-currency deal out.
func TestMetricsNotesCurrency(t *testing.T) {
	tests := []struct {
		name string
		agg  metric.Aggregates
		lo   measure.LeftOut
		want []string
	}{
		{"nothing left out", metric.Aggregates{Won: 2, WonMoney: 2, NewDeals: 3, NewDealsMoney: 3}, measure.LeftOut{}, nil},
		// EUR rates are held from 2027-01-10; the deal won on that day was
		// created on 2027-01-05, before them.
		{"won in the period, created before it",
			metric.Aggregates{Won: 2, WonMoney: 1, NewDeals: 3, NewDealsMoney: 3, OtherCurrency: 1},
			measure.LeftOut{Converting: true, OtherCurrencies: []measure.CurrencyCount{{Currency: "EUR", Deals: 1, Missing: metric.Date(2027, 1, 5)}}},
			[]string{"1 deal in other currencies than USD left out of revenue, avg-deal-size, gross-margin: no rate for EUR from 2027-01-05: " +
				"import rates on or before those days with 'salesgoal rates import FILE'"}},
		{"created in the period, still open, no rates held",
			metric.Aggregates{NewDeals: 3, NewDealsMoney: 1, OtherCurrency: 2},
			measure.LeftOut{Converting: true, OtherCurrencies: []measure.CurrencyCount{{Currency: "GBP", Deals: 2}}},
			[]string{"2 deals in other currencies than USD left out of pipeline-value: no GBP rates are held: import them with 'salesgoal rates import FILE'"}},
		{"an expansion deal created and won in the period, --no-convert",
			metric.Aggregates{Won: 1, NewDeals: 1, Expansion: 1, OtherCurrency: 1}, measure.LeftOut{},
			[]string{"1 deal in other currencies than USD left out of pipeline-value, revenue, avg-deal-size, gross-margin, expansion-revenue: " +
				"--no-convert leaves them out; without it, they are converted at the rates held ('salesgoal rates list')"}},
		// Every deal of the period in EUR (4) or GBP (1): the fix names EUR.
		// The 4 created are left out of pipeline, the 3 won of the money
		// won, 5 deals in all: each metric says how many it left out.
		{"every deal in another currency",
			metric.Aggregates{Won: 3, NewDeals: 4, OtherCurrency: 5},
			measure.LeftOut{Converting: true, OtherCurrencies: []measure.CurrencyCount{{Currency: "EUR", Deals: 4}, {Currency: "GBP", Deals: 1}}},
			[]string{"deals in other currencies than USD left out: 4 of pipeline-value; 3 of revenue, avg-deal-size, gross-margin: no EUR, GBP rates are held: " +
				"import them with 'salesgoal rates import FILE'; " +
				"every deal of the period is in another currency: if your money is in EUR, run 'salesgoal config set currency EUR'"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := &measure.Metrics{Currency: "USD", Rows: []measure.Row{{Aggregates: tt.agg, Values: metric.Compute(tt.agg, everyInput)}}, LeftOut: tt.lo}
			if diff := cmp.Diff(tt.want, currencyNotes(metricsNotes(res, formatTable, false))); diff != "" {
				t.Errorf("notes (-want +got):\n%s", diff)
			}
		})
	}
}

// everyInput is data that holds every input: every metric is measured.
var everyInput = metric.Inputs{
	Carried: map[string][]string{
		metric.KindDeals:     {"id", "stage", "amount", "cost", "discount", "created_at", "closed_at"},
		metric.KindCustomers: {"id", "acquired_at", "churned_at"},
		metric.KindSpend:     {"date", "amount", "channel"},
	},
	DatedDeals: true, WonDeals: true, LostDeals: true, AcquiredCustomers: true,
}

// TestMetricsNotesShown: the currency footnote names only the metrics
// shown (--metric), and none when no money metric is shown.
func TestMetricsNotesShown(t *testing.T) {
	agg := metric.Aggregates{Won: 2, WonMoney: 1, NewDeals: 3, NewDealsMoney: 3, OtherCurrency: 1}
	for _, tt := range []struct {
		name string
		ids  []string
		want []string
	}{
		{"revenue only", []string{"revenue", "win-rate"}, []string{"1 deal in other currencies than USD left out of revenue: import rates with 'salesgoal rates import FILE'"}},
		{"no money metric", []string{"win-rate"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := &measure.Metrics{Currency: "USD", Rows: []measure.Row{{Aggregates: agg, Values: metric.Compute(agg, everyInput)}},
				LeftOut: measure.LeftOut{Converting: true}}
			keepMetrics(res, tt.ids)
			if diff := cmp.Diff(tt.want, currencyNotes(metricsNotes(res, formatTable, false))); diff != "" {
				t.Errorf("notes (-want +got):\n%s", diff)
			}
		})
	}
}

// currencyNotes keeps the notes on other currencies.
func currencyNotes(notes []string) []string {
	var out []string
	for _, n := range notes {
		if strings.Contains(n, "other currencies") {
			out = append(out, n)
		}
	}
	return out
}
