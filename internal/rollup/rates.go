package rollup

import (
	"fmt"
	"math/big"
	"slices"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// quote is one stored rate: on day, 1 unit of its currency is worth
// n/d units of base (in lowest terms, read when stored); r is the value
// as published and q the same as n/d, in math/big, both read from value
// when first used (by the period-average policy's means).
type quote struct {
	day     Day
	base    string
	perBase bool
	value   string
	n, d    uint64
	r, q    *big.Rat
}

// parse reads the quote's value, the first time.
func (q *quote) parse() {
	if q.r != nil {
		return
	}
	q.r, _ = new(big.Rat).SetString(q.value) // checked by NewRates
	q.q = q.r
	if q.perBase {
		q.q = new(big.Rat).Inv(q.r)
	}
}

// Rates are the stored rates, by currency, each currency's by day, and
// what every measurement of a snapshot asks of them again: for each pair
// of currencies, the segments of days at close-date and the days with a
// rate.
type Rates struct {
	by    map[string][]quote
	pairs map[[2]string]*pairRates
}

// pairRates is what conversion from one currency into another asks again
// and again: the quotes of each, and, worked out the first time they are
// asked, the segments of days at close-date, each with its ratio, and
// the spans of days that have one.
type pairRates struct {
	cur, base []quote
	segs      []segment
	spans     []span
	spansSet  bool
}

// pairOf is the quotes and segments of cur into base.
func (r *Rates) pairOf(cur, base string) *pairRates {
	k := [2]string{cur, base}
	p := r.pairs[k]
	if p == nil {
		p = &pairRates{cur: r.by[cur], base: r.by[base]}
		r.pairs[k] = p
	}
	return p
}

// closeDate is the segment of the pair cur into base at close-date that
// holds day d. The segments are worked out the first time, walking both
// currencies' quotes once: one starts on each day either has a quote,
// with the ratio of the last quotes on or before it (route; nil: no
// rate), after one of the days before any quote; the last runs on for
// ever.
func (p *pairRates) closeDate(cur, base string, d Day) segment {
	if p.segs == nil {
		p.segs = make([]segment, 1, 1+len(p.cur)+len(p.base))
		p.segs[0] = segment{from: NoDay + 1, until: maxDay, quoted: NoDay}
		i, j := 0, 0
		for i < len(p.cur) || j < len(p.base) {
			next := Day(maxDay)
			if i < len(p.cur) {
				next = p.cur[i].day
			}
			if j < len(p.base) {
				next = min(next, p.base[j].day)
			}
			for i < len(p.cur) && p.cur[i].day <= next {
				i++
			}
			for j < len(p.base) && p.base[j].day <= next {
				j++
			}
			cl, bl := legOf(p.cur, i), legOf(p.base, j)
			r, _ := route(cur, base, cl, bl)
			p.segs[len(p.segs)-1].until = next - 1
			p.segs = append(p.segs, segment{from: next, until: maxDay, r: r, quoted: quotedDay(cur, base, cl, bl)})
		}
	}
	i, _ := slices.BinarySearchFunc(p.segs, d, func(s segment, d Day) int { return cmpInt(s.until, d) })
	return p.segs[i]
}

// daysWith is the spans of days the pair has a rate on at close-date:
// its segments with a ratio, those that follow each other as one.
func (p *pairRates) daysWith(cur, base string) []span {
	if !p.spansSet {
		p.closeDate(cur, base, 0)
		for _, s := range p.segs {
			switch n := len(p.spans); {
			case s.r == nil:
			case n > 0 && p.spans[n-1].to == s.from-1:
				p.spans[n-1].to = s.until
			default:
				p.spans = append(p.spans, span{s.from, s.until})
			}
		}
		p.spansSet = true
	}
	return p.spans
}

// NewRates reads stored rates; a rate that cannot be read is an error (the
// store keeps only rates an import checked).
func NewRates(rs []row.Rate) (*Rates, error) {
	out := &Rates{by: map[string][]quote{}, pairs: map[[2]string]*pairRates{}}
	n := map[string]int{}
	for _, r := range rs {
		n[r.Currency]++
	}
	for c, k := range n {
		out.by[c] = make([]quote, 0, k)
	}
	for _, r := range rs {
		d, ok := ParseDay(r.Date)
		m, e, okRate := decimal(r.Value)
		if !ok || !okRate {
			return nil, fmt.Errorf("stored rate %s %s on %q: not a date and a positive rate", r.Currency, r.Value, r.Date)
		}
		q := quote{day: d, base: r.Base, perBase: r.PerBase, value: r.Value}
		q.n, q.d = lowest(m, pow10[e])
		if r.PerBase {
			q.n, q.d = q.d, q.n
		}
		out.by[r.Currency] = append(out.by[r.Currency], q)
	}
	for _, qs := range out.by {
		slices.SortFunc(qs, func(a, b quote) int { return cmpInt(a.day, b.day) })
	}
	return out, nil
}

// Empty reports whether no rate is held (of the currencies read).
func (r *Rates) Empty() bool { return r == nil || len(r.by) == 0 }

// leg is the value of 1 unit of a currency in base, from one stored rate
// (n/d, in lowest terms) or the mean of several (q).
type leg struct {
	day     Day // of the quote (the last of a mean's)
	base    string
	n, d    uint64
	q       *big.Rat // a mean's; nil for one rate
	ok      bool
	perBase bool // quoted as units of it per unit of base
}

// at is the last quote of cur on or before d, and the day the next one
// starts (maxDay: none after).
func (r *Rates) at(cur string, d Day) (leg, Day) { return legAt(r.by[cur], d) }

// legAt is the last of quotes qs on or before d, and the day the next one
// starts.
func legAt(qs []quote, d Day) (leg, Day) {
	i, _ := slices.BinarySearchFunc(qs, d+1, func(q quote, d Day) int { return cmpInt(q.day, d) })
	next := Day(maxDay)
	if i < len(qs) {
		next = qs[i].day
	}
	return legOf(qs, i), next
}

// legOf is the leg of the quote before the i-th of qs (none when i is 0).
func legOf(qs []quote, i int) leg {
	if i == 0 {
		return leg{}
	}
	q := &qs[i-1]
	return leg{day: q.day, base: q.base, n: q.n, d: q.d, ok: true, perBase: q.perBase}
}

const maxDay = 1<<31 - 1

// mean is the mean of the quotes of cur dated in [from, to] in the base of
// the last of them, averaged as published (the ECB's units per euro are
// averaged, then turned round), or, when none is, the last quote before.
func (r *Rates) mean(cur string, from, to Day) leg {
	qs := r.by[cur]
	i, _ := slices.BinarySearchFunc(qs, from, func(q quote, d Day) int { return cmpInt(q.day, d) })
	j, _ := slices.BinarySearchFunc(qs, to+1, func(q quote, d Day) int { return cmpInt(q.day, d) })
	if i == j {
		l, _ := r.at(cur, from)
		return l
	}
	last := qs[j-1]
	sum, n := new(big.Rat), int64(0)
	for k := range qs[i:j] {
		q := &qs[i+k]
		q.parse()
		if q.base == last.base && q.perBase == last.perBase {
			sum.Add(sum, q.r)
			n++
		}
	}
	sum.Quo(sum, new(big.Rat).SetInt64(n))
	if last.perBase {
		sum.Inv(sum)
	}
	return leg{day: last.day, base: last.base, q: sum, ok: true}
}

// quotedDay is the day of the oldest quote route converts cur into base
// by, from legs c and b; NoDay when it has none.
func quotedDay(cur, base string, c, b leg) Day {
	switch {
	case c.ok && c.base == base:
		return c.day
	case b.ok && b.base == cur:
		return b.day
	case c.ok && b.ok && c.base == b.base:
		return min(c.day, b.day)
	}
	return NoDay
}

// Route says how cur converts into base on day d at close-date: "direct"
// (a rate as imported gives the units of base for 1 cur), "inverted" (a
// rate as imported gives the units of cur for 1 base, and is turned
// round), "through X" (both in X) or "" (no rate).
func (r *Rates) Route(cur, base string, d Day) string {
	c, _ := r.at(cur, d)
	b, _ := r.at(base, d)
	inverted := func(yes bool) string {
		if yes {
			return "inverted"
		}
		return "direct"
	}
	switch {
	case c.ok && c.base == base:
		return inverted(c.perBase)
	case b.ok && b.base == cur:
		return inverted(!b.perBase)
	case c.ok && b.ok && c.base == b.base:
		return "through " + c.base
	}
	return ""
}

// Currencies lists every currency named by a rate, as quoted or as base,
// sorted.
func (r *Rates) Currencies() []string {
	seen := map[string]bool{}
	for c, qs := range r.by {
		seen[c] = true
		for _, q := range qs {
			seen[q.base] = true
		}
	}
	out := make([]string, 0, len(seen))
	for c := range seen {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// Last is the last day any rate is held for.
func (r *Rates) Last() Day {
	last := Day(NoDay)
	for _, qs := range r.by {
		last = max(last, qs[len(qs)-1].day)
	}
	return last
}
