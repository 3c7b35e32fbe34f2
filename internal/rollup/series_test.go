package rollup

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// TestSeries: the fixture's January day by day, split by owner and team,
// worked out by hand from the fixture (view_test.go), with every record
// applied at once and with records spilled every few bytes.
func TestSeries(t *testing.T) {
	date := func(s string) time.Time { return day(t, s).Time() }
	dayOf := func(s string, a metric.Aggregates) measure.DayAggregates {
		return measure.DayAggregates{Day: date(s), Aggregates: a}
	}
	// Customers before January stand at its day before (2026-12-31), those
	// not churned in it at the day after (2027-02-01).
	want := []measure.Series{{
		// C1 (D1, D8) and C2 (D3), named by deals only, acquired on
		// January 20, not churned.
		Customers: []measure.CustomerCell{{Acquired: date("2027-01-20"), Churned: date("2027-02-01"), N: 2}},
	}, {
		Company: true, // the USD spend row of January 15; the EUR one is February's
		Days:    []measure.DayAggregates{dayOf("2027-01-15", metric.Aggregates{SpendRows: 1, Spend: 100000})},
	}, {
		Owner: "ana", Team: "east",
		Days: []measure.DayAggregates{
			dayOf("2027-01-05", metric.Aggregates{NewDeals: 1, NewDealsMoney: 1, PipelineAmount: 100000}), // D1 created
			dayOf("2027-01-10", metric.Aggregates{NewDeals: 1, NewDealsMoney: 1, PipelineAmount: 50000}),  // D2 created
			// D1 and D8 won (100000 + 10000, cycles 15 and 0); D1's cost
			// and discount; both on C1's first won day: no expansion; D8
			// created.
			dayOf("2027-01-20", metric.Aggregates{Won: 2, WonMoney: 2, WonAmount: 110000, CycleDaysSum: 15,
				WonWithCost: 1, WonWithCostAmount: 100000, WonCost: 40000, WonWithDiscount: 1, DiscountSum: 10, WonDiscounted: 1,
				NewDeals: 1, NewDealsMoney: 1, PipelineAmount: 10000}),
		},
		// C9: acquired in 2026, churned on February 1, after January.
		Customers: []measure.CustomerCell{{Acquired: date("2026-12-31"), Churned: date("2027-02-01"), N: 1}},
		Cycles:    []measure.CycleCell{{Day: date("2027-01-20"), Days: 0, Won: 1}, {Day: date("2027-01-20"), Days: 15, Won: 1}},
	}, {
		Owner: "bo", Team: "east",
		Days: []measure.DayAggregates{
			dayOf("2027-01-03", metric.Aggregates{NewDeals: 1, NewDealsMoney: 1, PipelineAmount: 30000}), // D4 created
			// D3 won: a credit of −20000, an upsell, created on 2026-12-20 (31 days).
			dayOf("2027-01-20", metric.Aggregates{Won: 1, WonMoney: 1, WonAmount: -20000, CycleDaysSum: 31,
				WonCredits: 1, WonCreditsMoney: 1, WonCreditAmount: -20000, Expansion: 1, ExpansionMoney: 1, ExpansionAmount: -20000}),
			dayOf("2027-01-25", metric.Aggregates{Lost: 1}), // D4 lost
		},
		// C10: acquired in 2026, never churned.
		Customers: []measure.CustomerCell{{Acquired: date("2026-12-31"), Churned: date("2027-02-01"), N: 1}},
		Cycles:    []measure.CycleCell{{Day: date("2027-01-20"), Days: 31, Won: 1}},
	}}
	for _, budget := range []int{1 << 20, 40} {
		src := NewSource(fixture(t, budget))
		got, err := src.Series(context.Background(), measure.SeriesQuery{
			Query: measure.Query{From: date("2027-01-01"), To: date("2027-01-31"), Currency: "USD"}, Split: true, Cycles: true,
		})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("budget %d (-want +got):\n%s", budget, diff)
		}
	}

	// Not split, for ana over February 10..15: D5 won in EUR on the 10th
	// (counted, not in money; 9 days), D2 on the 15th (36 days; expansion:
	// after C1's first won day); C9 churned on the 1st, before the range:
	// left out. No spend: an owner has none.
	src := NewSource(fixture(t, 1<<20))
	got, err := src.Series(context.Background(), measure.SeriesQuery{
		Query: measure.Query{From: date("2027-02-10"), To: date("2027-02-15"), Scope: metric.Scope{Level: metric.Owner, Value: "ana"}, Currency: "USD"},
	})
	if err != nil {
		t.Fatal(err)
	}
	one := []measure.Series{{Days: []measure.DayAggregates{
		dayOf("2027-02-10", metric.Aggregates{Won: 1, CycleDaysSum: 9}),
		dayOf("2027-02-15", metric.Aggregates{Won: 1, WonMoney: 1, WonAmount: 50000, CycleDaysSum: 36, Expansion: 1, ExpansionMoney: 1, ExpansionAmount: 50000}),
	}}}
	if diff := cmp.Diff(one, got); diff != "" {
		t.Errorf("ana, February 10..15 (-want +got):\n%s", diff)
	}
	if _, err := src.Series(context.Background(), measure.SeriesQuery{Query: measure.Query{From: date("2027-02-10"), To: date("2027-02-09")}}); err == nil {
		t.Error("a range that ends before it starts: no error")
	}
}

// TestAggregatesIn: the fixture's quarter split by month in one pass is
// each month measured alone; February as worked out in
// TestViewByOwnerAndMonth.
func TestAggregatesIn(t *testing.T) {
	ctx := context.Background()
	src := NewSource(fixture(t, 1<<20))
	var spans []measure.Span
	for _, m := range []string{"2027-01", "2027-02", "2027-03"} {
		month := metric.MonthOf(day(t, m+"-01").Time())
		spans = append(spans, measure.Span{From: month.Start, To: month.End})
	}
	q := measure.Query{From: spans[0].From, To: spans[2].To, Scope: metric.Scope{Level: metric.Company}, Currency: "USD"}
	gs, err := src.AggregatesIn(ctx, q, spans)
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 3 {
		t.Fatalf("%d groups, want 3", len(gs))
	}
	for i, g := range gs {
		alone, err := src.Aggregates(ctx, measure.Query{From: spans[i].From, To: spans[i].To, Scope: q.Scope, Currency: "USD"})
		if err != nil {
			t.Fatal(err)
		}
		if !g.From.Equal(spans[i].From) || !g.To.Equal(spans[i].To) {
			t.Errorf("group %d covers %v..%v, want %v..%v", i, g.From, g.To, spans[i].From, spans[i].To)
		}
		if diff := cmp.Diff(alone, g.Aggregates); diff != "" {
			t.Errorf("span %d (-alone +in spans):\n%s", i, diff)
		}
	}
	if feb := gs[1].Aggregates; feb.Won != 2 || feb.CustomersStart != 4 || feb.Retained != 3 || feb.NewCustomers != 1 || feb.Expansion != 1 {
		t.Errorf("February: %+v", feb)
	}
	spans[1].From = spans[1].From.AddDate(0, 0, 1)
	if _, err := src.AggregatesIn(ctx, q, spans); err == nil {
		t.Error("spans with a day between them: no error")
	}
}
