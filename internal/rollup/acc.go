package rollup

import (
	"slices"

	"github.com/salesgoal/salesgoal/metric"
)

// acc adds up one group: its cells in the database's currency and in the
// others, its won deals by cycle, and its customers.
type acc struct {
	key      string
	from, to Day
	cur      Cell
	other    Cell
	cycles   hist
	early    int64 // won deals closed before they were created
	dated    int64 // won deals with a created date
	both     int64 // won in another currency and created in the group's days
	s, r, n  int64 // customers: starting cohort, retained, new
	back     int64 // customers: reactivated (a later interval began in the range)
	active   bool  // a deal won, lost or created, or a customer in S or N
	daily    bool  // one day of a series: cycles summed, no median (Series)
}

func newAcc(key string, from, to Day) *acc { return &acc{key: key, from: from, to: to} }

func (a *acc) add(c *Cell, cur bool) {
	if c.closed() || c[fCreated] != 0 {
		a.active = true
	}
	if cur {
		a.cur.add(c, 1)
	} else {
		a.other.add(c, 1)
	}
}

// wonLag counts won deals that took l.lag days, closed on day d; both
// says that they were created in the group's days too and that money
// metrics count them neither on their close nor on their created day (in
// the database's currency, or converted): they are left out once.
func (a *acc) wonLag(d Day, l *lagEntry, both bool) {
	a.dated += l.n
	switch {
	case l.lag < 0:
		a.early += l.n
	case a.daily:
		a.cycles.tally(l.lag, l.n)
	default:
		a.cycles.add(l.lag, l.n)
	}
	if both {
		a.both += l.n
	}
}

// leftOutTwice reports whether the won deals of lag l of key k, closed on
// day d, were also created in a's days, and money metrics count them on
// neither day (p.counted): left out of both, they are counted once.
func (p *plan) leftOutTwice(a *acc, k KeyID, d Day, l *lagEntry) bool {
	c := d - Day(l.lag)
	return c >= a.from && c <= a.to && !p.counted(k, d) && !p.counted(k, c)
}

// cohort returns what customer cell c (with its later intervals) counts
// over [s, e] (docs/metrics.md, "Retention and churn"): a customer is
// active on day d when one of its intervals holds d; S is those active on
// s−1, R those of S also active on e, N those whose first interval began
// in [s, e], B those of whom a later interval began in [s, e].
func cohort(c *custEntry, later []Interval, s, e Day) (S, R, N, B int64) {
	if later == nil { // one interval: most customers, on the hot path
		if c.acq < s && (c.churned == NoDay || c.churned >= s) {
			S = int64(c.n)
			if c.churned == NoDay || c.churned > e {
				R = int64(c.n)
			}
		}
		if c.acq >= s && c.acq <= e {
			N = int64(c.n)
		}
		return S, R, N, 0
	}
	first := Interval{c.acq, c.churned}
	active := func(d Day) bool {
		if first.Holds(d) {
			return true
		}
		for _, iv := range later {
			if iv.Holds(d) {
				return true
			}
		}
		return false
	}
	if active(s - 1) {
		S = int64(c.n)
		if active(e) {
			R = int64(c.n)
		}
	}
	if c.acq >= s && c.acq <= e {
		N = int64(c.n)
	}
	for _, iv := range later {
		if iv.Start >= s && iv.Start <= e {
			B = int64(c.n)
			break
		}
	}
	return S, R, N, B
}

func (a *acc) customer(c *custEntry, later []Interval) {
	s, r, n, b := cohort(c, later, a.from, a.to)
	a.s += s
	a.r += r
	a.n += n
	a.back += b
	if s+n+b > 0 {
		a.active = true
	}
}

// result is the group's aggregates; spend only when asked (the company,
// whole or by month: spend has no owner).
func (a *acc) result(spend bool) Group {
	c, o := &a.cur, &a.other
	all := func(f int) int64 { return c[f] + o[f] }
	exp := func(x *Cell) int64 { return x[fExpTyped] + x[fExpCand] - x[fFirstDay] }
	g := metric.Aggregates{
		Won:               all(fWon),
		Lost:              all(fLost),
		OpenCreated:       all(fCreatedOpen),
		WonMoney:          c[fWon],
		WonAmount:         c[fWonAmount],
		CycleDaysSum:      a.cycles.sum,
		CycleDaysMedian:   a.cycles.median(),
		WonEarly:          a.early,
		WonUndated:        all(fWon) - a.dated,
		WonCredits:        all(fCredits),
		WonCreditsMoney:   c[fCredits],
		WonCreditAmount:   c[fCreditAmount],
		WonWithCost:       c[fWithCost],
		WonWithCostAmount: c[fWithCostAmount],
		WonCost:           c[fCost],
		WonWithDiscount:   all(fWithDiscount),
		DiscountSum:       float64(all(fDiscount)) / 1e6,
		WonDiscounted:     all(fDiscounted),
		NewDeals:          all(fCreated),
		NewDealsMoney:     c[fCreated],
		PipelineAmount:    c[fCreatedAmount],
		Expansion:         exp(c) + exp(o),
		ExpansionMoney:    exp(c),
		ExpansionAmount:   c[fExpTypedAmount] + c[fExpCandAmount] - c[fFirstDayAmount],
		CustomersStart:    a.s,
		Retained:          a.r,
		NewCustomers:      a.n,
		Reactivated:       a.back,
		OtherCurrency:     o[fWon] + o[fCreated] - a.both,
	}
	if spend {
		g.SpendRows, g.Spend = c[fSpendRows], c[fSpendAmount]
	}
	return Group{Key: a.key, From: a.from, To: a.to, Aggregates: g}
}

// hist counts won deals by cycle length in days, for the exact median.
type hist struct {
	small []int64 // by length, below smallCycles, as long as the longest seen
	big   map[int32]int64
	n     int64
	sum   int64
}

const smallCycles = 1024

// tally counts n deals of days each in the sum alone, for a day of a
// series, whose median nobody reads: no counts by length to allocate.
func (h *hist) tally(days int32, n int64) {
	h.n += n
	h.sum += int64(days) * n
}

func (h *hist) add(days int32, n int64) {
	h.tally(days, n)
	if days < smallCycles {
		if int(days) >= len(h.small) {
			// Grown to the longest cycle seen (doubling), not smallCycles at
			// once: a trend of every owner keeps hundreds of these.
			grown := make([]int64, min(max(int(days)+1, 2*len(h.small)), smallCycles))
			copy(grown, h.small)
			h.small = grown
		}
		h.small[days] += n
		return
	}
	if h.big == nil {
		h.big = map[int32]int64{}
	}
	h.big[days] += n
}

// median is the middle cycle, or the mean of the middle two for an even
// count; 0 when there is none.
func (h *hist) median() float64 {
	if h.n == 0 {
		return 0
	}
	// The 1-based positions of the middle values: equal when n is odd.
	lo, hi := (h.n+1)/2, (h.n+2)/2
	var seen int64
	var loV, hiV int64
	found := false
	visit := func(days, n int64) bool {
		if n == 0 {
			return false
		}
		if !found && seen+n >= lo {
			loV, found = days, true
		}
		if seen+n >= hi {
			hiV = days
			return true
		}
		seen += n
		return false
	}
	for d, n := range h.small {
		if visit(int64(d), n) {
			return float64(loV+hiV) / 2
		}
	}
	big := make([]int32, 0, len(h.big))
	for d := range h.big {
		big = append(big, d)
	}
	slices.Sort(big)
	for _, d := range big {
		if visit(int64(d), h.big[d]) {
			break
		}
	}
	return float64(loV+hiV) / 2
}
