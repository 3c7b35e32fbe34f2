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
	p := &plan{v: v, req: Request{From: from, To: to, Scope: scope}, cur: cur, conv: newConverter(v, cur, from, to)}
	for k, n := range v.undated {
		if p.matches(k) {
			undatedOpen += n[0]
		}
	}
	if !scope.IsCompany() {
		return undatedOpen, 0
	}
	for k, n := range v.spend {
		if k.day >= from && k.day <= to && !p.counted(k.key, k.day) {
			otherSpend += n
		}
	}
	return undatedOpen, otherSpend
}

// CurrencyCount is how many deals are in one currency, and, when rates
// were used, the first day one of them lacked a rate (else NoDay).
type CurrencyCount struct {
	Currency string
	Deals    int64
	Missing  Day
}

// OtherCurrencies counts the deals of scope won or created in [from, to]
// in each currency other than cur that money metrics left out (with
// rates, those without a rate for the day they need), each deal once,
// most first.
func (v *View) OtherCurrencies(ctx context.Context, from, to Day, scope metric.Scope, cur string) ([]CurrencyCount, error) {
	p := &plan{v: v, req: Request{From: from, To: to, Scope: scope}, cur: cur}
	if !p.anyOther() {
		return nil, nil // every deal of the scope is in cur: no day to read
	}
	if err := v.needRates(ctx, from, to); err != nil {
		return nil, err
	}
	p.conv = newConverter(v, cur, from, to)
	counts := map[string]int64{}
	missing := map[string]Day{}
	// Only the won lags of the scope's keys in other currencies can be
	// left out: the others' are skipped unread.
	other := make([]bool, len(v.info))
	for k := range v.info {
		other[k] = v.info[k].Currency != cur && p.matches(KeyID(k))
	}
	var day dayData
	err := v.eachDay(ctx, from, to, func(d Day, blob []byte) error {
		if err := day.readDay(blob, lagsLeftOut, other); err != nil {
			return fmt.Errorf("rollup of %s: %w", d, err)
		}
		for _, kc := range day.cells {
			if n := kc.cell[fWon] + kc.cell[fCreated]; n != 0 && !p.counted(kc.key, d) && p.matches(kc.key) {
				c := v.info[kc.key].Currency
				counts[c] += n
				if m, ok := missing[c]; p.conv != nil && (!ok || d < m) {
					missing[c] = d
				}
			}
		}
		for _, l := range day.lags {
			created := d - Day(l.lag)
			if l.stage == Won && created >= from && created <= to && !p.counted(l.key, d) && !p.counted(l.key, created) && p.matches(l.key) {
				c := v.info[l.key].Currency
				counts[c] -= l.n // won and created in the range: counted once
			}
		}
		return nil
	})
	var out []CurrencyCount
	for c, n := range counts {
		if n > 0 {
			m, ok := missing[c]
			if !ok {
				m = NoDay
			}
			out = append(out, CurrencyCount{c, n, m})
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
	// The days come in order, the two ranges apart: the group of an owner
	// and team on the day being read is the last one made for its pair, if
	// it is of that day (no map of every pair and day).
	last := make([]int32, len(v.pairs)) // each pair's last group, plus one
	get := func(k KeyID, d Day) *DayGroup {
		p := v.info[k].pair
		if n := last[p]; n > 0 && days[n-1].Day == d {
			return &days[n-1]
		}
		days = append(days, DayGroup{Pair: p, Day: d})
		last[p] = int32(len(days))
		return &days[len(days)-1]
	}
	// Open deals in other currencies are converted as the cells of their
	// day: at its rate, or the open range's average, or the latest.
	if err := v.needRates(ctx, openFrom, max(openFrom, openTo)); err != nil {
		return nil, 0, err
	}
	conv := newConverter(v, cur, openFrom, openTo)
	rate := func(k KeyID, d Day) (*ratio, bool) {
		if c := v.info[k].Currency; c != cur && conv != nil {
			return conv.rate(conv.of(k), d)
		}
		return nil, v.info[k].Currency == cur
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
				if r, ok := rate(kc.key, d); ok {
					g.DealsMoney += n
					g.Amount += r.applyAll(c[fWonAmount], c[fLostAmount], c[fOpenCloseAmount])
				}
			}
		}
		for _, l := range day.lags {
			if open && d-Day(l.lag) >= openFrom { // created on or after openFrom: not open then
				g := get(l.key, d)
				g.Deals -= l.n
				if r, ok := rate(l.key, d); ok {
					g.DealsMoney -= l.n
					g.Amount -= r.applyAll(l.amount)
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
	first, last := NoDay, NoDay
	for k, n := range v.spend {
		if n == 0 {
			continue
		}
		if first == NoDay || k.day < first {
			first = k.day
		}
		if last == NoDay || k.day > last {
			last = k.day
		}
	}
	if first != NoDay {
		in.SpendFrom, in.SpendTo = first.Time(), last.Time()
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

// Conversions is, for --explain, what the cells of scope in [from, to]
// converted from each currency into cur, by currency; nil when nothing
// is converted (no rates, or conversion off).
func (v *View) Conversions(ctx context.Context, from, to Day, scope metric.Scope, cur string) ([]*Converted, error) {
	if err := v.needRates(ctx, from, to); err != nil {
		return nil, err
	}
	p := newPlan(v, Request{From: from, To: to, Scope: scope}, cur)
	if p.conv == nil {
		return nil, nil
	}
	p.conv.stats = map[string]*Converted{}
	var day dayData
	err := v.eachDay(ctx, from, to, func(d Day, blob []byte) error {
		if err := day.read(blob, true, false); err != nil {
			return fmt.Errorf("rollup of %s: %w", d, err)
		}
		p.day(d, &day)
		return nil
	})
	var out []*Converted
	for _, c := range p.conv.stats {
		if c.Won+c.Created > 0 {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b *Converted) int { return cmp.Compare(a.Currency, b.Currency) })
	return out, err
}
