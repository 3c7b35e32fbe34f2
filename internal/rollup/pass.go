package rollup

import (
	"context"
	"errors"
	"fmt"

	"github.com/salesgoal/salesgoal/metric"
)

// ErrOverflow: the amounts of the database's currency add up to more than
// 64 bits hold, which only amounts an older salesgoal accepted, before
// imports were limited, can do (docs/import.md).
var ErrOverflow = errors.New("the amounts add up to more than salesgoal can sum")

// By is how a request is split into groups.
type By uint8

// The groupings of `salesgoal metrics --by`.
const (
	ByNone By = iota
	ByOwner
	ByTeam
	ByMonth
)

// Request asks for the aggregates of one range of days for one scope,
// whole or by group.
type Request struct {
	From, To Day
	Scope    metric.Scope
	By       By
}

// Group is the aggregates of one group of a request: its owner, team or
// month (YYYY-MM; "" without By), and the days it covers.
type Group struct {
	Key        string
	From, To   Day
	Aggregates metric.Aggregates
}

// dayData is one day's cells and lags, decoded once for every request.
type dayData struct {
	cells []keyCell
	lags  []lagEntry
}

type keyCell struct {
	key  KeyID
	cell Cell
}

type lagEntry struct {
	key       KeyID
	stage     Stage
	lag       int32
	n, amount int64
}

func (d *dayData) cellOf(k KeyID, c *Cell) { d.cells = append(d.cells, keyCell{k, *c}) }
func (d *dayData) lagOf(k KeyID, stage Stage, lag int32, n, amount int64) {
	d.lags = append(d.lags, lagEntry{k, stage, lag, n, amount})
}

// read decodes the blob of a day into d: its cells, with won the lags of
// its won deals, and with others those of its lost and open ones.
func (d *dayData) read(blob []byte, won, others bool) error {
	d.cells, d.lags = d.cells[:0], d.lags[:0]
	return eachInDay(blob, d, won, others)
}

// Aggregates computes, in one pass over the days their ranges cover, the
// aggregates of every request with money in currency (the database's).
// The answer to request i is groups[i]: one group without By; by month,
// every month the range touches, each cut to the range; by owner or team,
// those with a deal won, lost or created in the range or a customer in
// its starting cohort or acquired in it, in no particular order.
func (v *View) Aggregates(ctx context.Context, currency string, reqs []Request) ([][]Group, error) {
	if v.keys.Overflowed(currency) {
		return nil, ErrOverflow
	}
	from, to := union(reqs)
	if err := v.needRates(ctx, from, to); err != nil {
		return nil, err
	}
	plans := make([]*plan, len(reqs))
	for i, r := range reqs {
		if r.To < r.From {
			return nil, fmt.Errorf("aggregates: range %s..%s ends before it starts", r.From, r.To)
		}
		plans[i] = newPlan(v, r, currency)
	}
	// Each cell, lag and customer cell goes to the plans whose scope holds
	// its key, so that a pass of many owners' plans (a trend of each
	// owner) costs the cells, not the cells times the plans.
	forKey := v.plansByKey(plans)
	lags, leftOut, err := v.wholeMonths(ctx, plans, forKey, from, to)
	if err != nil {
		return nil, err
	}
	var day dayData
	err = v.eachDay(ctx, from, to, func(d Day, blob []byte) error {
		if err := day.readDay(blob, lags[d-from], leftOut); err != nil {
			return fmt.Errorf("rollup of %s: %w", d, err)
		}
		for i := range day.cells {
			kc := &day.cells[i]
			for _, p := range forKey[kc.key] {
				if d >= p.req.From && d <= p.req.To {
					p.cell(d, kc)
				}
			}
		}
		for i := range day.lags {
			l := &day.lags[i]
			if l.stage != Won {
				continue
			}
			for _, p := range forKey[l.key] {
				if d >= p.req.From && d <= p.req.To {
					p.dayLag(d, l)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i := range v.customers {
		c := &v.customers[i]
		for _, p := range forKey[c.key] {
			p.customer(c, v.later)
		}
	}
	out := make([][]Group, len(reqs))
	for i, p := range plans {
		out[i] = p.groups()
	}
	return out, nil
}

func union(reqs []Request) (Day, Day) {
	if len(reqs) == 0 {
		return 0, -1
	}
	from, to := reqs[0].From, reqs[0].To
	for _, r := range reqs[1:] {
		from, to = min(from, r.From), max(to, r.To)
	}
	return from, to
}

// plan is one request being summed.
type plan struct {
	v      *View
	req    Request
	cur    string
	months []*acc          // by month, in order
	byKey  map[string]*acc // by owner or team
	one    *acc
	conv   *converter // nil: nothing converted
	// The days of the whole months whose cycles are read from the month
	// histograms (whole.go), when wholeSet, and the keys left out there.
	wholeFrom, wholeTo Day
	wholeSet           bool
	leftOut            []bool // by key: read on the days of the whole months too (nil: none)
	// scoped says, for an owner's or a team's scope, whether each key
	// counts in it (filled at the first matches): the scope's names are
	// compared once a key, not once a cell or customer.
	scoped []bool
}

func newPlan(v *View, r Request, currency string) *plan {
	p := &plan{v: v, req: r, cur: currency, conv: newConverter(v, currency, r.From, r.To)}
	switch r.By {
	case ByOwner, ByTeam:
		p.byKey = map[string]*acc{}
	case ByMonth:
		for m := metric.MonthOf(r.From.Time()); !m.Start.After(r.To.Time()); m = m.Shift(1) {
			p.months = append(p.months, newAcc(m.Label, max(r.From, DayOf(m.Start)), min(r.To, DayOf(m.End))))
		}
	default:
		p.one = newAcc("", r.From, r.To)
	}
	return p
}

// group returns the group the rows of key k on day d count in.
func (p *plan) group(k KeyID, d Day) *acc {
	switch p.req.By {
	case ByOwner, ByTeam:
		name := p.v.info[k].Owner
		if p.req.By == ByTeam {
			name = p.v.info[k].Team
		}
		a, ok := p.byKey[name]
		if !ok {
			a = newAcc(name, p.req.From, p.req.To)
			p.byKey[name] = a
		}
		return a
	case ByMonth:
		for _, a := range p.months {
			if d >= a.from && d <= a.to {
				return a
			}
		}
		return nil
	}
	return p.one
}

// day adds one day's cells and lags to the groups they count in.
func (p *plan) day(d Day, data *dayData) {
	for i := range data.cells {
		if kc := &data.cells[i]; p.matches(kc.key) {
			p.cell(d, kc)
		}
	}
	for i := range data.lags {
		if l := &data.lags[i]; l.stage == Won && p.matches(l.key) {
			p.lag(d, l)
		}
	}
}

// cell adds a cell of the request's scope, of day d, to its group.
func (p *plan) cell(d Day, kc *keyCell) {
	if a := p.group(kc.key, d); a != nil {
		c, cur := &kc.cell, p.v.info[kc.key].Currency
		if cur == p.cur || p.conv == nil {
			a.add(c, cur == p.cur)
			return
		}
		var x Cell
		ok := p.conv.cell(kc.key, d, c, &x)
		if ok {
			c = &x
		}
		a.add(c, ok)
	}
}

// lag adds won deals of the request's scope, closed on day d, to their
// group's cycles.
func (p *plan) lag(d Day, l *lagEntry) {
	if a := p.group(l.key, d); a != nil {
		a.wonLag(d, l, p.leftOutTwice(a, l.key, d, l))
	}
}

// counted reports whether money metrics count the cells of key k on day d:
// in the request's currency, or converted into it.
func (p *plan) counted(k KeyID, d Day) bool {
	if p.conv == nil {
		return p.v.info[k].Currency == p.cur
	}
	return p.conv.counted(k, d)
}

// customer counts one customer cell of the request's scope.
func (p *plan) customer(c *custEntry, later [][]Interval) {
	var lt []Interval
	if c.later > 0 {
		lt = later[c.later-1]
	}
	switch p.req.By {
	case ByMonth:
		for _, a := range p.months {
			a.customer(c, lt)
		}
	case ByOwner, ByTeam:
		if s, _, n, b := cohort(c, lt, p.req.From, p.req.To); s+n+b > 0 {
			p.group(c.key, p.req.From).customer(c, lt)
		}
	default:
		p.one.customer(c, lt)
	}
}

// groups returns the request's groups.
func (p *plan) groups() []Group {
	spend := p.req.Scope.IsCompany() && (p.req.By == ByNone || p.req.By == ByMonth)
	var out []Group
	switch {
	case p.one != nil:
		out = append(out, p.one.result(spend))
	case p.months != nil:
		for _, a := range p.months {
			out = append(out, a.result(spend))
		}
	default:
		for _, a := range p.byKey {
			if a.active {
				out = append(out, a.result(spend))
			}
		}
	}
	return out
}
