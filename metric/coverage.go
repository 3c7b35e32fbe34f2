package metric

// Pipeline is the deals open on the as-of date whose close date falls in
// the rest of a period (after as-of, up to the period's end), for one
// scope: the deals that can still close within the period.
type Pipeline struct {
	Deals      int64 // in any currency
	DealsMoney int64 // in the database's currency
	Amount     int64 // the amounts of DealsMoney, minor units
	// Undated counts the deals of the whole data open on the as-of date
	// without an expected close date: nobody can tell whether they close
	// in the period, or whose they are worth counting for.
	Undated int64
}

// Coverage says whether the open pipeline can cover what a running quota
// still misses (docs/goals.md, "Pace and coverage"): the deals that can
// still close in the period, times the scope's recent win rate, over what
// is missing.
type Coverage struct {
	// OpenDeals is how many open deals can still close in the period, and
	// Open their amount (revenue) or their count (new-deals). Undated
	// counts the open deals of the data without an expected close date.
	OpenDeals int64
	Open      float64
	Undated   int64
	// WinRate is the scope's win rate over the last CoverageHistory
	// periods, in percent; nil when no deal closed in them.
	WinRate *float64
	// Expected is Open × WinRate, what the pipeline is expected to yield;
	// nil without a win rate.
	Expected *float64
	// Missing is T − A, what the goal still misses.
	Missing float64
	// Ratio is Expected / Missing: 1 means the pipeline, at the usual win
	// rate, just covers what is missing. Nil without a win rate, and when
	// no open deal has an expected close date (the pipeline is unknown,
	// not empty).
	Ratio *float64
}

// CoverageHistory is how many periods before a goal's give the win rate
// that pipeline coverage expects the open deals to close at.
const CoverageHistory = 4

// HasCoverage reports whether goals on m get pipeline coverage: revenue
// (the open amount) and new-deals (the open count).
func (m Metric) HasCoverage() bool {
	return m.ID == "revenue" || m.ID == "new-deals"
}

// CoverageOf is the coverage of a goal on m whose actual is a and target
// t, by pipeline p at win rate (percent, nil when unknown). It is nil for
// a metric without coverage and for a goal that misses nothing.
func CoverageOf(m Metric, p Pipeline, winRate *float64, a, t float64) *Coverage {
	if !m.HasCoverage() || a >= t {
		return nil
	}
	c := &Coverage{OpenDeals: p.Deals, Open: float64(p.Deals), Undated: p.Undated, WinRate: winRate, Missing: t - a}
	if m.Unit == UnitCurrency {
		c.OpenDeals, c.Open = p.DealsMoney, float64(p.Amount)/100
	}
	if winRate != nil && (c.OpenDeals > 0 || p.Undated == 0) {
		c.Expected = ptr(c.Open * *winRate / 100)
		c.Ratio = ptr(*c.Expected / c.Missing)
	}
	return c
}
