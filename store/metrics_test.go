package store

import (
	"context"
	"math"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// render writes each metric's value as text: "null", or the number
// rounded to 9 decimals, so that cmp.Diff shows readable differences.
func render(vs map[string]*float64) map[string]string {
	out := map[string]string{}
	for id, v := range vs {
		if v == nil {
			out[id] = "null"
			continue
		}
		if math.IsNaN(*v) || math.IsInf(*v, 0) {
			out[id] = "NaN or Inf"
			continue
		}
		out[id] = strconv.FormatFloat(math.Round(*v*1e9)/1e9, 'f', -1, 64)
	}
	return out
}

// TestAggregatesHandWorked checks the edge cases of docs/metrics.md on
// small fixtures whose values are worked out by hand in the comments.
func TestAggregatesHandWorked(t *testing.T) { forEngines(t, testAggregatesHandWorked) }

func testAggregatesHandWorked(t *testing.T, open opener) {
	// Every metric is listed in each case: zero counts and sums are 0,
	// values with a zero denominator are null.
	tests := []struct {
		name       string
		f          fixture
		spec, asOf string
		fy         time.Month
		from, to   string // the effective range the spec must give
		want       map[string]string
		other      int64 // deals in another currency left out
		undated    int64 // open deals without a created date
	}{
		{
			name: "empty database",
			spec: "2027-Q1", asOf: "2027-12-31", fy: time.January,
			from: "2027-01-01", to: "2027-03-31",
			want: map[string]string{
				"avg-cycle-days": "null", "median-cycle-days": "null", "new-deals": "0", "pipeline-value": "0",
				"win-rate": "null", "revenue": "0", "avg-deal-size": "null", "gross-margin": "null",
				"discounted-deals": "0", "avg-discount": "null", "cac": "null", "spend": "0",
				"new-customers": "0", "retention-rate": "null", "churn-rate": "null", "churned-customers": "0", "reactivated-customers": "0",
				"expansion-revenue": "0", "expansion-deals": "0",
			},
		},
		{
			// One customer, acquired by its won deal on 2026-05-10 and
			// churned 2026-08-01: before 2027-Q1, so it is not active on
			// 2026-12-31 (S = 0) and nothing else falls in the quarter.
			name: "empty period",
			f: fixture{
				deals: []fDeal{{id: "w1", customer: "k1", stage: "won", amount: 100000,
					created: "2026-05-01", closed: "2026-05-10"}},
				customers: []fCustomer{{id: "k1", churned: "2026-08-01"}},
				spend:     []fSpend{{date: "2026-05-01", channel: "ads", amount: 5000}},
			},
			spec: "2027-Q1", asOf: "2027-12-31", fy: time.January,
			from: "2027-01-01", to: "2027-03-31",
			want: map[string]string{
				"avg-cycle-days": "null", "median-cycle-days": "null", "new-deals": "0", "pipeline-value": "0",
				"win-rate": "null", "revenue": "0", "avg-deal-size": "null", "gross-margin": "null",
				"discounted-deals": "0", "avg-discount": "null", "cac": "null", "spend": "0",
				"new-customers": "0", "retention-rate": "null", "churn-rate": "null", "churned-customers": "0", "reactivated-customers": "0",
				"expansion-revenue": "0", "expansion-deals": "0",
			},
		},
		{
			// Only an open deal created in March (500.00) and 300.00 of
			// spend: nothing closed, no customers. Every ratio has a zero
			// denominator and is null, not 0 and not NaN.
			name: "zero denominators",
			f: fixture{
				deals: []fDeal{{id: "o1", stage: "open", amount: 50000, created: "2027-03-05"}},
				spend: []fSpend{{date: "2027-03-10", channel: "ads", amount: 30000}},
			},
			spec: "2027-03", asOf: "2027-12-31", fy: time.January,
			from: "2027-03-01", to: "2027-03-31",
			want: map[string]string{
				"avg-cycle-days": "null", "median-cycle-days": "null", "new-deals": "1", "pipeline-value": "500",
				"win-rate": "null", "revenue": "0", "avg-deal-size": "null", "gross-margin": "null",
				"discounted-deals": "0", "avg-discount": "null", "cac": "null", "spend": "300",
				"new-customers": "0", "retention-rate": "null", "churn-rate": "null", "churned-customers": "0", "reactivated-customers": "0",
				"expansion-revenue": "0", "expansion-deals": "0",
			},
		},
		{
			// P = 2027-01-01..2027-03-31, s−1 = 2026-12-31.
			//   k1 acquired 2026-06-01, never churned           S R
			//   k2 churned 2027-01-01, P's first day            S
			//   k3 churned 2027-03-31, P's last day             S   (not active on e)
			//   k4 churned 2026-12-31, the day before P          -
			//   k5 churned 2027-04-01, the day after P          S R
			//   k6 acquired 2027-02-01, churned 2027-03-15          N (acquired and churned in P)
			//   k7 acquired 2027-01-01, P's first day               N
			//   k8 acquired 2027-03-31, P's last day                N
			//   k9 no acquired_at and only an open deal: a prospect, nowhere
			//   k10 no acquired_at, first won deal 2027-02-10       N
			//   k11 acquired 2026-12-31, churned 2027-01-01     S
			// S = 5 (k1 k2 k3 k5 k11), R = 2 (k1 k5), N = 4 (k6 k7 k8 k10),
			// C = S − R = 3 (k2 k3 k11): retention 100 × 2 / 5 = 40, churn
			// 100 × 3 / 5 = 60; k6, won and lost inside P, counts in neither.
			// Deals: w1 new, k10, created 01-20, won 02-10, 1000.00 (21 days);
			// w2 untyped, k10, created 02-15, won 03-01, 400.00 (14 days): an
			// expansion deal, k10 won w1 before; w3 renewal, k1, won 01-15
			// (created 2026-12-01, 45 days), 250.00: renewals never expand;
			// o1 open, k9, created 03-20, 50.00.
			// Won 3: avg cycle (21 + 14 + 45) / 3 = 26.666…, median 21.
			// Created in P: w1, w2, o1 = 3, pipeline 1000 + 400 + 50 = 1450.
			// Revenue 1000 + 400 + 250 = 1650, avg 550. No spend: cac 0 / 4 = 0.
			name: "customers on the edges of the period",
			f: fixture{
				deals: []fDeal{
					{id: "w1", customer: "k10", stage: "won", typ: "new", amount: 100000, created: "2027-01-20", closed: "2027-02-10"},
					{id: "w2", customer: "k10", stage: "won", amount: 40000, created: "2027-02-15", closed: "2027-03-01"},
					{id: "w3", customer: "k1", stage: "won", typ: "renewal", amount: 25000, created: "2026-12-01", closed: "2027-01-15"},
					{id: "o1", customer: "k9", stage: "open", amount: 5000, created: "2027-03-20"},
				},
				customers: []fCustomer{
					{id: "k1", acquired: "2026-06-01"},
					{id: "k2", acquired: "2026-06-01", churned: "2027-01-01"},
					{id: "k3", acquired: "2026-06-01", churned: "2027-03-31"},
					{id: "k4", acquired: "2026-06-01", churned: "2026-12-31"},
					{id: "k5", acquired: "2026-06-01", churned: "2027-04-01"},
					{id: "k6", acquired: "2027-02-01", churned: "2027-03-15"},
					{id: "k7", acquired: "2027-01-01"},
					{id: "k8", acquired: "2027-03-31"},
					{id: "k9"},
					{id: "k10"},
					{id: "k11", acquired: "2026-12-31", churned: "2027-01-01"},
				},
			},
			spec: "2027-Q1", asOf: "2027-12-31", fy: time.January,
			from: "2027-01-01", to: "2027-03-31",
			want: map[string]string{
				"avg-cycle-days": "26.666666667", "median-cycle-days": "21", "new-deals": "3", "pipeline-value": "1450",
				"win-rate": "100", "revenue": "1650", "avg-deal-size": "550", "gross-margin": "null",
				"discounted-deals": "0", "avg-discount": "null", "cac": "0", "spend": "0",
				"new-customers": "4", "retention-rate": "40", "churn-rate": "60", "churned-customers": "3", "reactivated-customers": "0",
				"expansion-revenue": "400", "expansion-deals": "1",
			},
		},
		{
			// March 2027, database currency USD.
			//   a1 won USD, created 03-01, closed 03-11 (10 days), 1000.00, cost 600.00, discount 10
			//   a2 won EUR upsell, created 02-20, closed 03-02 (10 days), 5000.00, cost 1000.00, discount 0
			//   a3 lost USD, created 03-05, closed 03-20, 200.00
			//   a4 won USD upsell, created 03-10, closed 03-31 (21 days), 3000.00, no cost, no discount
			//   a5 open GBP, created 03-15, 700.00
			//   a6 open USD without a created date: in no period
			// Won 3, lost 1: win-rate 75; cycles 10, 10, 21: avg 41 / 3, median 10.
			// Created in March: a1 a3 a4 a5 = 4; pipeline in USD 1000 + 200 + 3000 = 4200.
			// Revenue in USD: a1 + a4 = 4000 over 2 deals, avg 2000 (a2 left out).
			// Gross margin over USD won with a cost, a1 only: (1000 − 600) / 1000 = 40.
			// Discounts are percentages, any currency: a1 10, a2 0: 1 discounted, avg 5.
			// Expansion: a2 and a4 (2 deals), revenue in USD 3000.
			// Spend: 100.00 USD (the EUR row is left out); no new customers: cac null.
			// Left out of money metrics: a2 (won) and a5 (created) = 2.
			name: "deals in another currency",
			f: fixture{
				deals: []fDeal{
					{id: "a1", stage: "won", amount: 100000, cost: cost(60000), discount: disc(10), created: "2027-03-01", closed: "2027-03-11"},
					{id: "a2", stage: "won", typ: "upsell", currency: "EUR", amount: 500000, cost: cost(100000), discount: disc(0), created: "2027-02-20", closed: "2027-03-02"},
					{id: "a3", stage: "lost", amount: 20000, created: "2027-03-05", closed: "2027-03-20"},
					{id: "a4", stage: "won", typ: "upsell", amount: 300000, created: "2027-03-10", closed: "2027-03-31"},
					{id: "a5", stage: "open", currency: "GBP", amount: 70000, created: "2027-03-15"},
					{id: "a6", stage: "open", amount: 99900},
				},
				spend: []fSpend{
					{date: "2027-03-05", channel: "ads", amount: 10000},
					{date: "2027-03-06", channel: "ads", amount: 90000, currency: "EUR"},
				},
			},
			spec: "2027-03", asOf: "2027-12-31", fy: time.January,
			from: "2027-03-01", to: "2027-03-31",
			want: map[string]string{
				"avg-cycle-days": "13.666666667", "median-cycle-days": "10", "new-deals": "4", "pipeline-value": "4200",
				"win-rate": "75", "revenue": "4000", "avg-deal-size": "2000", "gross-margin": "40",
				"discounted-deals": "1", "avg-discount": "5", "cac": "null", "spend": "100",
				"new-customers": "0", "retention-rate": "null", "churn-rate": "null", "churned-customers": "0", "reactivated-customers": "0",
				"expansion-revenue": "3000", "expansion-deals": "2",
			},
			other: 2, undated: 1,
		},
		{
			// With the fiscal year starting in April, 2027-Q1 is
			// 2026-04-01..2026-06-30.
			//   b1 won, created 2026-03-25, closed 04-01 (first day, 7 days), 100.00
			//   b2 won, created 06-01, closed 06-30 (last day, 29 days), 300.00
			//   b3 won 2027-01-20: calendar Q1 2027, not this quarter
			//   b4 lost 2026-03-31, the day before; b5 lost 2026-07-01, the day after (created 05-01, 50.00)
			// Won 2, lost 0: win-rate 100; cycles 7 and 29: avg and median 18.
			// Created in P: b2, b5: 2 deals, pipeline 350. Revenue 400, avg 200.
			name: "fiscal year starting in April",
			f: fixture{
				deals: []fDeal{
					{id: "b1", stage: "won", amount: 10000, created: "2026-03-25", closed: "2026-04-01"},
					{id: "b2", stage: "won", amount: 30000, created: "2026-06-01", closed: "2026-06-30"},
					{id: "b3", stage: "won", amount: 500000, created: "2027-01-05", closed: "2027-01-20"},
					{id: "b4", stage: "lost", amount: 10000, created: "2026-03-01", closed: "2026-03-31"},
					{id: "b5", stage: "lost", amount: 5000, created: "2026-05-01", closed: "2026-07-01"},
				},
			},
			spec: "2027-Q1", asOf: "2027-12-31", fy: time.April,
			from: "2026-04-01", to: "2026-06-30",
			want: map[string]string{
				"avg-cycle-days": "18", "median-cycle-days": "18", "new-deals": "2", "pipeline-value": "350",
				"win-rate": "100", "revenue": "400", "avg-deal-size": "200", "gross-margin": "null",
				"discounted-deals": "0", "avg-discount": "null", "cac": "null", "spend": "0",
				"new-customers": "0", "retention-rate": "null", "churn-rate": "null", "churned-customers": "0", "reactivated-customers": "0",
				"expansion-revenue": "0", "expansion-deals": "0",
			},
		},
		{
			// ISO week 2026-W53 runs Monday 2026-12-28 to Sunday 2027-01-03.
			//   c1 won, created 12-20, closed 12-28 (8 days), 100.00
			//   c2 won, created 12-31, closed 2027-01-03 (3 days), 200.00
			//   c3 won 12-27 and c4 won 2027-01-04: the days either side
			//   c5 lost, created 2027-01-01, closed 01-02, amount 0
			//   k1 acquired 12-27 (the day before), churned 01-03 (the last day): S, C
			//   k2 acquired 2027-01-01: N, E
			// Won 2, lost 1: win-rate 200 / 3; avg and median cycle 5.5.
			// Created in the week: c2, c5: 2 deals, pipeline 200. Revenue 300, avg 150.
			// S 1, E 1, N 1, C 1: retention 100 × (1 − 1) / 1 = 0, churn 100.
			name: "week spanning two years",
			f: fixture{
				deals: []fDeal{
					{id: "c1", stage: "won", amount: 10000, created: "2026-12-20", closed: "2026-12-28"},
					{id: "c2", stage: "won", amount: 20000, created: "2026-12-31", closed: "2027-01-03"},
					{id: "c3", stage: "won", amount: 40000, created: "2026-12-27", closed: "2026-12-27"},
					{id: "c4", stage: "won", amount: 80000, created: "2027-01-04", closed: "2027-01-04"},
					{id: "c5", stage: "lost", amount: 0, created: "2027-01-01", closed: "2027-01-02"},
				},
				customers: []fCustomer{
					{id: "k1", acquired: "2026-12-27", churned: "2027-01-03"},
					{id: "k2", acquired: "2027-01-01"},
				},
			},
			spec: "2026-W53", asOf: "2027-12-31", fy: time.January,
			from: "2026-12-28", to: "2027-01-03",
			want: map[string]string{
				"avg-cycle-days": "5.5", "median-cycle-days": "5.5", "new-deals": "2", "pipeline-value": "200",
				"win-rate": "66.666666667", "revenue": "300", "avg-deal-size": "150", "gross-margin": "null",
				"discounted-deals": "0", "avg-discount": "null", "cac": "0", "spend": "0",
				"new-customers": "1", "retention-rate": "0", "churn-rate": "100", "churned-customers": "1", "reactivated-customers": "0",
				"expansion-revenue": "0", "expansion-deals": "0",
			},
		},
		{
			// As of 2027-02-15 only 2027-01-01..2027-02-15 of 2027-Q1 counts:
			// d1 won 02-15 (10 days, 100.00) counts, d2 won 02-16 does not.
			name: "as-of inside the period",
			f: fixture{
				deals: []fDeal{
					{id: "d1", stage: "won", amount: 10000, created: "2027-02-05", closed: "2027-02-15"},
					{id: "d2", stage: "won", amount: 20000, created: "2027-02-06", closed: "2027-02-16"},
				},
			},
			spec: "2027-Q1", asOf: "2027-02-15", fy: time.January,
			from: "2027-01-01", to: "2027-02-15",
			want: map[string]string{
				"avg-cycle-days": "10", "median-cycle-days": "10", "new-deals": "2", "pipeline-value": "300",
				"win-rate": "100", "revenue": "100", "avg-deal-size": "100", "gross-margin": "null",
				"discounted-deals": "0", "avg-discount": "null", "cac": "null", "spend": "0",
				"new-customers": "0", "retention-rate": "null", "churn-rate": "null", "churned-customers": "0", "reactivated-customers": "0",
				"expansion-revenue": "0", "expansion-deals": "0",
			},
		},
		{
			// Customers who leave and come back, 2027-Q1:
			//   k1 acquired 2026-06-01, churned 2027-02-10, back by a won
			//      deal on 2027-03-05: in S, active on 03-31 (R), reactivated
			//   k2 acquired 2026-05-01, a churn event on 2027-01-20, back on
			//      2027-04-02: in S, not active on 03-31 (churned)
			//   k3 acquired 2026-09-01, churned 2026-11-01 (event), back on
			//      2027-01-15: not in S, reactivated
			//   k4 only subscriptions: 2026-10-01..2026-12-01, then from
			//      2027-02-01: not in S, reactivated; not new (first in 2026)
			//   k5 acquired 2027-02-01: new
			//   k6 a free subscription only: never a customer
			// S = 2 (k1, k2), R = 1 (k1): retention 50, churn 50, churned 1;
			// N = 1 (k5); reactivated 3 (k1, k3, k4). The deal: won 1,
			// 100.00, cycle 4 days, k1's first won deal (no expansion).
			name: "customers who leave and come back",
			f: fixture{
				customers: []fCustomer{
					{id: "k1", acquired: "2026-06-01", churned: "2027-02-10"},
					{id: "k2", acquired: "2026-05-01"},
					{id: "k3", acquired: "2026-09-01"},
					{id: "k5", acquired: "2027-02-01"},
				},
				deals: []fDeal{{id: "kd", customer: "k1", stage: "won", amount: 10000, created: "2027-03-01", closed: "2027-03-05"}},
				events: []fEvent{
					{customer: "k2", day: "2027-01-20", back: "2027-04-02"},
					{customer: "k3", day: "2026-11-01", back: "2027-01-15"},
				},
				subs: []fSub{
					{id: "s1", customer: "k4", start: "2026-10-01", end: "2026-12-01"},
					{id: "s2", customer: "k4", start: "2027-02-01"},
					{id: "s3", customer: "k6", start: "2026-01-01", free: true},
				},
			},
			spec: "2027-Q1", asOf: "2027-12-31", fy: time.January,
			from: "2027-01-01", to: "2027-03-31",
			want: map[string]string{
				"avg-cycle-days": "4", "median-cycle-days": "4", "new-deals": "1", "pipeline-value": "100",
				"win-rate": "100", "revenue": "100", "avg-deal-size": "100", "gross-margin": "null",
				"discounted-deals": "0", "avg-discount": "null", "cac": "0", "spend": "0",
				"new-customers": "1", "retention-rate": "50", "churn-rate": "50", "churned-customers": "1", "reactivated-customers": "3",
				"expansion-revenue": "0", "expansion-deals": "0",
			},
		},
		{
			// docs/import.md, "Unusual values", in 2027-Q1 (no customer ids,
			// so no customer metric):
			//   u1 won 400.00, 2027-01-01 → 2027-01-11: 10 days, discount 10;
			//   u2 won 200.00, 2027-01-01 → 2027-01-21: 20 days, discount 0;
			//   u3 won 600.00, created 2027-02-10, closed 2027-02-01 (before
			//      it was created): counts, but not in cycle time;
			//   u4 won −300.00 (a credit), no created date, discount 50:
			//      counts in revenue and win rate, not in cycle time, new
			//      deals, average deal size or discounts;
			//   u5 lost, no created date, closed 2027-03-01.
			// Cycle: (10 + 20) / 2 = 15, median 15. Win rate 100 × 4 / 5 = 80.
			// Revenue 400 + 200 + 600 − 300 = 900 (net). Average deal size
			// (400 + 200 + 600) / 3 = 400. New deals: u1, u2, u3 (u4 and u5
			// have no created date) = 3, pipeline 1,200. Discounts: u1 and
			// u2 are given (u4 is a credit): 1 discounted, (10 + 0) / 2 = 5.
			name: "unusual values kept",
			f: fixture{
				deals: []fDeal{
					{id: "u1", stage: "won", amount: 40000, discount: disc(10), created: "2027-01-01", closed: "2027-01-11"},
					{id: "u2", stage: "won", amount: 20000, discount: disc(0), created: "2027-01-01", closed: "2027-01-21"},
					{id: "u3", stage: "won", amount: 60000, created: "2027-02-10", closed: "2027-02-01"},
					{id: "u4", stage: "won", amount: -30000, discount: disc(50), closed: "2027-02-15"},
					{id: "u5", stage: "lost", amount: 10000, closed: "2027-03-01"},
				},
			},
			spec: "2027-Q1", asOf: "2027-12-31", fy: time.January,
			from: "2027-01-01", to: "2027-03-31",
			want: map[string]string{
				"avg-cycle-days": "15", "median-cycle-days": "15", "new-deals": "3", "pipeline-value": "1200",
				"win-rate": "80", "revenue": "900", "avg-deal-size": "400", "gross-margin": "null",
				"discounted-deals": "1", "avg-discount": "5", "cac": "null", "spend": "0",
				"new-customers": "0", "retention-rate": "null", "churn-rate": "null", "churned-customers": "0", "reactivated-customers": "0",
				"expansion-revenue": "0", "expansion-deals": "0",
			},
		},
	}
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := open(t)
			mustLoad(t, db, tt.f)
			from, to := effective(t, tt.spec, tt.asOf, tt.fy)
			if from != tt.from || to != tt.to {
				t.Fatalf("%s as of %s is %s..%s, want %s..%s", tt.spec, tt.asOf, from, to, tt.from, tt.to)
			}
			q := query(t, from, to, metric.Scope{Level: metric.Company})
			a, err := db.Aggregates(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, render(valuesOf(a, q.Scope))); diff != "" {
				t.Errorf("metrics (-want +got):\n%s", diff)
			}
			if a.OtherCurrency != tt.other {
				t.Errorf("OtherCurrency = %d, want %d", a.OtherCurrency, tt.other)
			}
			lo, err := db.LeftOut(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if lo.UndatedOpen != tt.undated {
				t.Errorf("UndatedOpen = %d, want %d", lo.UndatedOpen, tt.undated)
			}
		})
	}
}

// TestAggregatesScoped checks that owner and team scope filter deals and
// customers by their own columns, and that spend is not split.
func TestAggregatesScoped(t *testing.T) { forEngines(t, testAggregatesScoped) }

func testAggregatesScoped(t *testing.T, open opener) {
	db := open(t)
	// ana (team east) won 100.00 for k1; bo (team east) won 300.00 for k2,
	// an implicit customer; k1 belongs to bo, not to ana.
	mustLoad(t, db, fixture{
		deals: []fDeal{
			{id: "x1", owner: "ana", team: "east", customer: "k1", stage: "won", amount: 10000, created: "2027-01-02", closed: "2027-01-05"},
			{id: "x2", owner: "bo", team: "east", customer: "k2", stage: "won", amount: 30000, created: "2027-01-02", closed: "2027-01-09"},
			{id: "x3", owner: "bo", team: "east", stage: "open", amount: 1},
		},
		customers: []fCustomer{{id: "k1", owner: "bo", team: "east"}},
		spend:     []fSpend{{date: "2027-01-03", channel: "ads", amount: 50000}, {date: "2027-01-04", channel: "ads", amount: 7, currency: "EUR"}},
	})
	ctx := context.Background()
	tests := []struct {
		name                        string
		scope                       metric.Scope
		won, revenue, newCust, rows int64
		undated, otherSpend         int64
	}{
		// k1 (bo's) and k2 (implicit, no owner) are both acquired in January.
		{"company", metric.Scope{Level: metric.Company}, 2, 40000, 2, 1, 1, 1},
		{"owner ana", metric.Scope{Level: metric.Owner, Value: "ana"}, 1, 10000, 0, 0, 0, 0},
		{"owner bo", metric.Scope{Level: metric.Owner, Value: "bo"}, 1, 30000, 1, 0, 1, 0},
		{"team east", metric.Scope{Level: metric.Team, Value: "east"}, 2, 40000, 1, 0, 1, 0},
		{"team west", metric.Scope{Level: metric.Team, Value: "west"}, 0, 0, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := query(t, "2027-01-01", "2027-01-31", tt.scope)
			a, err := db.Aggregates(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			got := [4]int64{a.Won, a.WonAmount, a.NewCustomers, a.SpendRows}
			if want := [4]int64{tt.won, tt.revenue, tt.newCust, tt.rows}; got != want {
				t.Errorf("won, revenue, new customers, spend rows = %v, want %v", got, want)
			}
			lo, err := db.LeftOut(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(measure.LeftOut{UndatedOpen: tt.undated, OtherCurrencySpend: tt.otherSpend}, lo); diff != "" {
				t.Errorf("LeftOut (-want +got):\n%s", diff)
			}
		})
	}
}

// query is the measure.Query of the days from to to (YYYY-MM-DD) for sc,
// money in USD.
func query(tb testing.TB, from, to string, sc metric.Scope) measure.Query {
	tb.Helper()
	f, err := metric.ParseDate(from)
	if err != nil {
		tb.Fatal(err)
	}
	t, err := metric.ParseDate(to)
	if err != nil {
		tb.Fatal(err)
	}
	return measure.Query{From: f, To: t, Scope: sc, Currency: "USD"}
}

// TestAggregatesBadQuery checks that a malformed range is refused.
func TestAggregatesBadQuery(t *testing.T) { forEngines(t, testAggregatesBadQuery) }

func testAggregatesBadQuery(t *testing.T, open opener) {
	db := open(t)
	jan1, jan31 := metric.Date(2027, time.January, 1), metric.Date(2027, time.January, 31)
	for _, q := range []measure.Query{
		{From: jan31, To: jan1},
		{To: jan1},
		{From: jan1},
	} {
		if _, err := db.Aggregates(context.Background(), q); err == nil {
			t.Errorf("Aggregates(%+v) succeeded, want an error", q)
		}
	}
	if _, err := db.AggregatesBy(context.Background(), measure.Query{From: jan1, To: jan1}, "segment"); err == nil {
		t.Error("AggregatesBy segment succeeded, want an error")
	}
}

// TestOtherCurrencies checks the count of the deals in other currencies
// won or created in the range, most first, so that a footnote can name the
// currency the database is most likely in.
func TestOtherCurrencies(t *testing.T) { forEngines(t, testOtherCurrencies) }

func testOtherCurrencies(t *testing.T, open opener) {
	db := open(t)
	mustLoad(t, db, fixture{deals: []fDeal{
		{id: "e1", stage: "won", amount: 100, currency: "EUR", created: "2026-12-01", closed: "2027-01-10"},  // won in range
		{id: "e2", stage: "open", amount: 100, currency: "EUR", created: "2027-01-05"},                       // created in range
		{id: "e3", stage: "lost", amount: 100, currency: "EUR", created: "2026-12-01", closed: "2027-01-10"}, // lost, created before: no money metric counts it
		{id: "g1", stage: "won", amount: 100, currency: "GBP", created: "2027-01-02", closed: "2027-01-03"},
		{id: "u1", stage: "won", amount: 100, created: "2027-01-02", closed: "2027-01-03"},
		{id: "e4", stage: "won", amount: 100, currency: "EUR", created: "2026-10-01", closed: "2026-10-03"}, // before the range
	}})
	got, err := db.OtherCurrencies(context.Background(), query(t, "2027-01-01", "2027-01-31", metric.Scope{Level: metric.Company}))
	if err != nil {
		t.Fatal(err)
	}
	want := []measure.CurrencyCount{{Currency: "EUR", Deals: 2}, {Currency: "GBP", Deals: 1}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("OtherCurrencies (-want +got):\n%s", diff)
	}
}

// TestCoverageDeals checks what pipeline coverage counts as of 2027-02-14
// for a quarter: the deals won and lost in 2026 (the 4 quarters before),
// and those that can still close from 2027-02-15 to 2027-03-31 — open
// deals created by then (or undated) with an expected close date in the
// range, and deals won or lost after the as-of date, which were open then
// — by owner, team and day; and the open deals of the data without a
// close date.
func TestCoverageDeals(t *testing.T) { forEngines(t, testCoverageDeals) }

func testCoverageDeals(t *testing.T, open opener) {
	db := open(t)
	mustLoad(t, db, fixture{deals: []fDeal{
		{id: "a1", owner: "ana", team: "east", stage: "won", created: "2026-01-01", closed: "2026-03-01"},
		{id: "a2", owner: "ana", team: "east", stage: "lost", created: "2026-01-01", closed: "2026-12-31"},                 // the last day
		{id: "b1", owner: "bo", stage: "won", created: "2025-12-01", closed: "2026-01-01"},                                 // the first day
		{id: "b2", owner: "bo", stage: "won", created: "2025-12-01", closed: "2025-12-31"},                                 // before the range
		{id: "b4", owner: "bo", stage: "lost", currency: "EUR", created: "2026-02-01", closed: "2026-06-01"},               // any currency
		{id: "b5", owner: "bo", stage: "open", created: "2026-02-01", closed: "2026-05-01"},                                // open, stale: neither
		{id: "o1", owner: "ana", team: "east", stage: "open", amount: 800000, created: "2027-01-10", closed: "2027-03-10"}, // can close
		{id: "o2", owner: "bo", stage: "open", amount: 400000, created: "2027-01-15", closed: "2027-02-15"},                // the first day after as-of
		{id: "o3", owner: "ana", team: "east", stage: "open", amount: 900000, created: "2026-12-01", closed: "2027-04-01"}, // after the quarter
		{id: "o4", owner: "ana", team: "east", stage: "open", amount: 500000, created: "2027-01-20"},                       // no close date
		{id: "o5", owner: "bo", stage: "won", amount: 200000, created: "2027-02-01", closed: "2027-02-20"},                 // won after as-of: open then
		{id: "o6", owner: "ana", team: "east", stage: "open", amount: 700000, created: "2027-02-20", closed: "2027-03-20"}, // created after as-of
		{id: "o7", owner: "ana", team: "east", stage: "lost", amount: 100000, created: "2027-01-02", closed: "2027-02-14"}, // closed on the as-of day
		{id: "o8", owner: "ana", team: "east", stage: "open", amount: 300000, currency: "EUR", closed: "2027-03-10"},       // undated, EUR
		{id: "o9", owner: "bo", stage: "open", amount: 100000, created: "2027-02-14", closed: "2027-02-15"},                // created on the as-of day
	}})
	day := func(s string) time.Time { d, _ := metric.ParseDate(s); return d }
	got, err := db.CoverageDeals(context.Background(), measure.CoverageQuery{
		ClosedFrom: day("2026-01-01"), ClosedTo: day("2026-12-31"), OpenFrom: day("2027-02-15"), OpenTo: day("2027-03-31"), Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(got.Days, func(i, j int) bool {
		if got.Days[i].Owner != got.Days[j].Owner {
			return got.Days[i].Owner < got.Days[j].Owner
		}
		return got.Days[i].Day.Before(got.Days[j].Day)
	})
	want := measure.CoverageCounts{Undated: 1, Days: []measure.DayGroup{ // o4 has no close date; b5 and o3 close outside
		{Owner: "ana", Team: "east", Day: day("2026-03-01"), Won: 1},
		{Owner: "ana", Team: "east", Day: day("2026-12-31"), Lost: 1},
		{Owner: "ana", Team: "east", Day: day("2027-03-10"), Pipeline: metric.Pipeline{Deals: 2, DealsMoney: 1, Amount: 800000}}, // o1, o8
		{Owner: "bo", Day: day("2026-01-01"), Won: 1},
		{Owner: "bo", Day: day("2026-06-01"), Lost: 1},
		{Owner: "bo", Day: day("2027-02-15"), Pipeline: metric.Pipeline{Deals: 2, DealsMoney: 2, Amount: 500000}}, // o2, o9
		{Owner: "bo", Day: day("2027-02-20"), Pipeline: metric.Pipeline{Deals: 1, DealsMoney: 1, Amount: 200000}}, // o5
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CoverageDeals (-want +got):\n%s", diff)
	}
}
