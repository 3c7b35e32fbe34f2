package metric

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCoverageOf(t *testing.T) {
	revenue, newDeals, winRate := mustMetric(t, "revenue"), mustMetric(t, "new-deals"), mustMetric(t, "win-rate")
	// 3 deals can still close, 2 in the database's currency worth 14 000.00;
	// 1 open deal has no close date.
	p := Pipeline{Deals: 3, DealsMoney: 2, Amount: 1_400_000, Undated: 1}
	tests := []struct {
		name    string
		m       Metric
		p       Pipeline
		winRate *float64
		a, t    float64
		want    *Coverage
	}{
		// 14 000 × 75% = 10 500 of the 30 000 − 10 000 missing: 0.525.
		{"revenue", revenue, p, num(75), 10000, 30000,
			&Coverage{OpenDeals: 2, Open: 14000, Undated: 1, WinRate: num(75), Expected: num(10500), Missing: 20000, Ratio: num(0.525)}},
		// 3 deals × 75% = 2.25 of the 10 − 5 missing: 0.45.
		{"new deals count every currency", newDeals, p, num(75), 5, 10,
			&Coverage{OpenDeals: 3, Open: 3, Undated: 1, WinRate: num(75), Expected: num(2.25), Missing: 5, Ratio: num(0.45)}},
		{"no win rate: no yield", revenue, p, nil, 10000, 30000,
			&Coverage{OpenDeals: 2, Open: 14000, Undated: 1, Missing: 20000}},
		// Only undated deals: the pipeline is unknown, not empty.
		{"only undated open deals", revenue, Pipeline{Undated: 4}, num(75), 0, 100,
			&Coverage{Undated: 4, WinRate: num(75), Missing: 100}},
		// Nothing open at all: a coverage of 0 is a fact.
		{"nothing open", revenue, Pipeline{}, num(75), 0, 100,
			&Coverage{WinRate: num(75), Expected: num(0), Missing: 100, Ratio: num(0)}},
		{"target reached: nothing missing", revenue, p, num(75), 30000, 30000, nil},
		{"not a quota with coverage", winRate, p, num(75), 10, 30, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, CoverageOf(tt.m, tt.p, tt.winRate, tt.a, tt.t)); diff != "" {
				t.Errorf("CoverageOf (-want +got):\n%s", diff)
			}
		})
	}
}
