package rollup

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/salesgoal/salesgoal/metric"
)

// LeftOut counts, for scope, the open deals without a created date (they
// count in no period), and, for the company, the spend rows of [from, to]
// in another currency than cur.
func (v *View) LeftOut(from, to Day, scope metric.Scope, cur string) (undatedOpen, otherSpend int64) {
	p := &plan{v: v, req: Request{Scope: scope}}
	for k, n := range v.undated {
		if p.matches(k) {
			undatedOpen += n[0]
		}
	}
	if !scope.IsCompany() {
		return undatedOpen, 0
	}
	for k, n := range v.spend {
		if k.day >= from && k.day <= to && v.info[k.key].Currency != cur {
			otherSpend += n
		}
	}
	return undatedOpen, otherSpend
}

// CurrencyCount is how many deals are in one currency.
type CurrencyCount struct {
	Currency string
	Deals    int64
}

// OtherCurrencies counts the deals of scope won or created in [from, to]
// in each currency other than cur, each deal once, most first.
func (v *View) OtherCurrencies(ctx context.Context, from, to Day, scope metric.Scope, cur string) ([]CurrencyCount, error) {
	p := &plan{v: v, req: Request{From: from, To: to, Scope: scope}}
	counts := map[string]int64{}
	var day dayData
	err := v.eachDay(ctx, from, to, func(d Day, blob []byte) error {
		if err := day.read(blob, true, false); err != nil {
			return fmt.Errorf("rollup of %s: %w", d, err)
		}
		for _, kc := range day.cells {
			if c := v.info[kc.key].Currency; c != cur && p.matches(kc.key) {
				counts[c] += kc.cell[fWon] + kc.cell[fCreated]
			}
		}
		for _, l := range day.lags {
			created := d - Day(l.lag)
			if c := v.info[l.key].Currency; c != cur && l.stage == Won && created >= from && created <= to && p.matches(l.key) {
				counts[c] -= l.n // won and created in the range: counted once
			}
		}
		return nil
	})
	var out []CurrencyCount
	for c, n := range counts {
		if n > 0 {
			out = append(out, CurrencyCount{c, n})
		}
	}
	slices.SortFunc(out, func(a, b CurrencyCount) int {
		return cmp.Or(cmp.Compare(b.Deals, a.Deals), cmp.Compare(a.Currency, b.Currency))
	})
	return out, err
}

// DayGroup is the deals of one owner and team (Pair) on one day for
// pipeline coverage: won and lost that day, or able to close that day:
// their count in any currency, and their count and amounts in the
// database's.
type DayGroup struct {
	Pair              int32
	Day               Day
	Won, Lost         int64
	Deals, DealsMoney int64
	Amount            int64
}

// Pair returns the owner and team of a DayGroup's Pair.
func (v *View) Pair(p int32) (owner, team string) { return v.pairs[p][0], v.pairs[p][1] }

// Coverage counts, company-wide by owner, team and day, the deals won and
// lost from closedFrom to closedTo, and those that closed or may close
// from openFrom to openTo that were created before openFrom (or have no
// created date): on the day before openFrom they were still open. undated
// is the open deals without a close date created before openFrom or
// without a created date. closedTo is before openFrom.
func (v *View) Coverage(ctx context.Context, closedFrom, closedTo, openFrom, openTo Day, cur string) (days []DayGroup, undated int64, err error) {
	if v.keys.Overflowed(cur) {
		return nil, 0, ErrOverflow
	}
	type gk struct {
		pair int32 // the owner and team
		day  Day
	}
	at := map[gk]int32{}
	get := func(k KeyID, d Day) *DayGroup {
		i := &v.info[k]
		n, ok := at[gk{i.pair, d}]
		if !ok {
			n = int32(len(days))
			days = append(days, DayGroup{Pair: i.pair, Day: d})
			at[gk{i.pair, d}] = n
		}
		return &days[n]
	}
	var day dayData
	visit := func(d Day, blob []byte) error {
		if err := day.read(blob, true, true); err != nil {
			return fmt.Errorf("rollup of %s: %w", d, err)
		}
		open := d >= openFrom
		for _, kc := range day.cells {
			c := &kc.cell
			if !open && c.closed() {
				g := get(kc.key, d)
				g.Won += c[fWon]
				g.Lost += c[fLost]
			}
			if n := c[fWon] + c[fLost] + c[fOpenClose]; open && n != 0 {
				g := get(kc.key, d)
				g.Deals += n
				if v.info[kc.key].Currency == cur {
					g.DealsMoney += n
					g.Amount += c[fWonAmount] + c[fLostAmount] + c[fOpenCloseAmount]
				}
			}
		}
		for _, l := range day.lags {
			if open && d-Day(l.lag) >= openFrom { // created on or after openFrom: not open then
				g := get(l.key, d)
				g.Deals -= l.n
				if v.info[l.key].Currency == cur {
					g.DealsMoney -= l.n
					g.Amount -= l.amount
				}
			}
		}
		return nil
	}
	for _, s := range []span{{closedFrom, closedTo}, {openFrom, openTo}} {
		if s.to < s.from {
			continue
		}
		if err := v.eachDay(ctx, s.from, s.to, visit); err != nil {
			return nil, 0, err
		}
	}
	for _, n := range v.undated {
		undated += n[1]
	}
	for _, s := range v.series {
		if s.day < openFrom {
			undated += s.n
		}
	}
	days = slices.DeleteFunc(days, func(g DayGroup) bool { return g.Won == 0 && g.Lost == 0 && g.Deals == 0 })
	slices.SortFunc(days, func(a, b DayGroup) int {
		return cmp.Or(cmp.Compare(a.Day, b.Day), cmp.Compare(v.pairs[a.Pair][0], v.pairs[b.Pair][0]), cmp.Compare(v.pairs[a.Pair][1], v.pairs[b.Pair][1]))
	})
	return days, undated, nil
}

// Inputs is what the data holds, company-wide (metric.Inputs).
func (v *View) Inputs() metric.Inputs {
	in := metric.Inputs{Carried: v.carried, Reactivations: len(v.later) > 0}
	for i := range v.keys.Len() {
		c := v.keys.Counters(KeyID(i))
		in.DatedDeals = in.DatedDeals || c.Dated > 0
		in.WonDeals = in.WonDeals || c.Won > 0
		in.LostDeals = in.LostDeals || c.Lost > 0
		in.AcquiredCustomers = in.AcquiredCustomers || c.Acquired > 0
	}
	return in
}

// ScopeExists reports whether an owner or team appears on any deal or
// customer; the company always exists.
func (v *View) ScopeExists(s metric.Scope) bool {
	if s.IsCompany() {
		return true
	}
	p := &plan{v: v, req: Request{Scope: s}}
	for i := range v.keys.Len() {
		c := v.keys.Counters(KeyID(i))
		if (c.Deals > 0 || c.Customers > 0) && p.matches(KeyID(i)) {
			return true
		}
	}
	return false
}
