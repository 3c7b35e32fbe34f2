package rollup

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// A trend's periods and the HTML report's paths, each one pass over the
// days they cover, from the same snapshot as every other measurement.

// AggregatesIn computes the aggregates of each of spans, consecutive
// ranges of days that make up q's range (measure.Span): one request per
// span, answered in one pass over their days.
func (s *Source) AggregatesIn(ctx context.Context, q measure.Query, spans []measure.Span) ([]measure.Group, error) {
	if len(spans) == 0 {
		return nil, nil
	}
	qs := make([]measure.Query, len(spans))
	for i, sp := range spans {
		if sp.To.Before(sp.From) || (i > 0 && !sp.From.Equal(spans[i-1].To.AddDate(0, 0, 1))) {
			return nil, fmt.Errorf("aggregates in spans: span %d does not follow the one before", i)
		}
		qs[i] = measure.Query{From: sp.From, To: sp.To, Scope: q.Scope, Currency: q.Currency}
	}
	as, err := s.AggregatesMany(ctx, qs)
	if err != nil {
		return nil, err
	}
	out := make([]measure.Group, len(spans))
	for i, sp := range spans {
		out[i] = measure.Group{Key: strconv.Itoa(i), From: sp.From, To: sp.To, Aggregates: as[i]}
	}
	return out, nil
}

// Series computes the aggregates of q's range day by day
// (measure.SeriesQuery): for q's scope, or with q.Split for every owner and
// team and for the company's own spend. See View.Series.
func (s *Source) Series(ctx context.Context, q measure.SeriesQuery) ([]measure.Series, error) {
	if q.From.IsZero() || q.To.IsZero() || q.To.Before(q.From) {
		return nil, fmt.Errorf("series: the range needs a first and a last day, in order")
	}
	var out []measure.Series
	err := s.with(ctx, func(v *View) error {
		var err error
		out, err = v.Series(ctx, q)
		return err
	})
	return out, err
}

// series is one scope's, or one owner and team's, answer being summed:
// the acc of the day being read, the days before it already in Days, and
// the customer cells.
type series struct {
	measure.Series
	// acc sums the day being read, when open: the days come in order, and
	// every cell and won deal of a day is in that day's blob, so a day is
	// done once the pass is past it. One acc a series, not one a day: the
	// memory of a path does not grow with its days (docs/architecture.md,
	// "Memory").
	acc       acc
	open      bool
	customers map[[2]Day]int64
	returning []measure.CustomerCell // cells with later intervals, as they are
}

// Series reads the days of q's range once and answers measure.Series: for
// each day, the cells of the deals closed or created on it (and, for the
// company, the day's spend) summed into that day's aggregates, with no
// median (the path reads it off the cycles); the customers by the day they
// were acquired and the day they churned, clamped to the range; and with
// q.Cycles the won deals of each day by cycle length. Split, the deals
// and customers of each owner and team are a series, and the company's
// spend one more (Company), so that every scope's series adds up from
// them.
func (v *View) Series(ctx context.Context, q measure.SeriesQuery) ([]measure.Series, error) {
	if v.keys.Overflowed(q.Currency) {
		return nil, ErrOverflow
	}
	from, to := DayOf(q.From), DayOf(q.To)
	if err := v.needRates(ctx, from, to); err != nil {
		return nil, err
	}
	scope := q.Scope
	if q.Split {
		scope = metric.Scope{Level: metric.Company}
	}
	match := &plan{v: v, req: Request{Scope: scope}, cur: q.Currency, conv: newConverter(v, q.Currency, from, to)}
	// The one series, or with Split the company's spend.
	company := &series{Series: measure.Series{Company: q.Split}}
	byPair := map[int32]*series{}
	get := func(k KeyID) *series {
		if !q.Split {
			return company
		}
		p := v.info[k].pair
		s, ok := byPair[p]
		if !ok {
			s = &series{Series: measure.Series{Owner: v.pairs[p][0], Team: v.pairs[p][1]}}
			byPair[p] = s
		}
		return s
	}
	var data dayData
	err := v.eachDay(ctx, from, to, func(d Day, blob []byte) error {
		if err := data.read(blob, true, false); err != nil {
			return fmt.Errorf("rollup of %s: %w", d, err)
		}
		for j := range data.cells {
			kc := &data.cells[j]
			if !match.matches(kc.key) {
				continue
			}
			c, cur := kc.cell, v.info[kc.key].Currency == q.Currency
			if !cur && match.conv != nil && match.conv.cell(kc.key, d, &kc.cell, &c) {
				cur = true
			}
			var spend Cell // spend has no owner: the company's alone
			spend[fSpendRows], spend[fSpendAmount] = c[fSpendRows], c[fSpendAmount]
			c[fSpendRows], c[fSpendAmount] = 0, 0
			c[fOpenClose], c[fOpenCloseAmount] = 0, 0 // coverage's: no path reads them
			if !c.zero() {
				get(kc.key).day(d).add(&c, cur)
			}
			if !spend.zero() && scope.IsCompany() {
				company.day(d).add(&spend, cur)
			}
		}
		for j := range data.lags {
			l := &data.lags[j]
			if l.stage != Won || !match.matches(l.key) {
				continue
			}
			s := get(l.key)
			a := s.day(d)
			a.wonLag(d, l, match.leftOutTwice(a, l.key, d, l))
			if q.Cycles && l.lag >= 0 {
				s.Cycles = append(s.Cycles, measure.CycleCell{Day: d.Time(), Days: int64(l.lag), Won: l.n})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i := range v.customers {
		c := &v.customers[i]
		if !match.matches(c.key) {
			continue
		}
		if c.later > 0 {
			get(c.key).returning = append(get(c.key).returning, returning(c, v.later[c.later-1], to))
			continue
		}
		churned := c.churned
		if churned == NoDay || churned > to {
			churned = to + 1
		}
		if c.acq > to || c.acq < from && churned < from {
			continue // in no part of the range
		}
		get(c.key).customer(max(c.acq, from-1), max(churned, from-1), int64(c.n))
	}
	list := make([]*series, 0, len(byPair)+1)
	if !q.Split || company.open || company.Days != nil {
		list = append(list, company)
	}
	for _, s := range byPair {
		list = append(list, s)
	}
	slices.SortFunc(list, func(a, b *series) int {
		return cmp.Or(cmp.Compare(a.Owner, b.Owner), cmp.Compare(a.Team, b.Team), cmpBool(a.Company, b.Company))
	})
	out := make([]measure.Series, len(list))
	for i, s := range list {
		out[i] = s.done()
	}
	return out, nil
}

// day returns the acc of day d, the day the pass is reading, ending the
// day before it (flush) the first time d is asked for.
func (s *series) day(d Day) *acc {
	if s.open && s.acc.from != d {
		s.flush()
	}
	if !s.open {
		s.acc, s.open = acc{from: d, to: d, daily: true}, true
	}
	return &s.acc
}

// flush adds the day being summed to the series' days, when one is.
func (s *series) flush() {
	if !s.open {
		return
	}
	// Spend is in the company's days alone; no day has a median or counts
	// OtherCurrency: the path reads them off longer ranges.
	g := s.acc.result(true).Aggregates
	g.CycleDaysMedian, g.OtherCurrency = 0, 0
	s.Days = append(s.Days, measure.DayAggregates{Day: s.acc.from.Time(), Aggregates: g})
	s.open = false
}

// customer counts n customers acquired on acq and churned on churned, both
// clamped to the range already (the day before it for any earlier day,
// the day after it for a later one or none).
func (s *series) customer(acq, churned Day, n int64) {
	if s.customers == nil {
		s.customers = map[[2]Day]int64{}
	}
	s.customers[[2]Day{acq, churned}] += n
}

// done is the series' answer: its days in order, and its customer cells.
func (s *series) done() measure.Series {
	s.flush()
	out := s.Series
	for k, n := range s.customers {
		out.Customers = append(out.Customers, measure.CustomerCell{Acquired: k[0].Time(), Churned: k[1].Time(), N: n})
	}
	slices.SortFunc(out.Customers, func(a, b measure.CustomerCell) int {
		return cmp.Or(a.Acquired.Compare(b.Acquired), a.Churned.Compare(b.Churned))
	})
	out.Customers = append(out.Customers, s.returning...)
	return out
}

// returning is the cell of customers with later intervals, unclamped but
// for an end past the range (or none), which is the day after it.
func returning(c *custEntry, later []Interval, to Day) measure.CustomerCell {
	end := func(d Day) time.Time {
		if d == NoDay || d > to {
			d = to + 1
		}
		return d.Time()
	}
	cell := measure.CustomerCell{Acquired: c.acq.Time(), Churned: end(c.churned), N: int64(c.n)}
	for _, iv := range later {
		cell.Later = append(cell.Later, [2]time.Time{iv.Start.Time(), end(iv.End)})
	}
	return cell
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
