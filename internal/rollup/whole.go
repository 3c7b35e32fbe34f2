package rollup

import (
	"context"
	"fmt"
)

// A pass reads the won deals' cycles of the whole calendar months in a
// request's range from the month histograms (cycles.go), and only those
// of its ragged edges from the lags of their days. This is exact: a
// month's histogram is the sum of its days' won lags, and cycles, like
// the won deals with a created date and those closed before it, are
// counted in any currency. The lags of a day say more than the histogram:
// the currency of each deal and the day it was created, which
// OtherCurrency needs for deals that money metrics leave out both on
// their close day and on their created day (plan.leftOutTwice). So on the
// days of its whole months a request still reads the won lags of the
// keys of its scope that money metrics leave out on one of those days (in
// another currency, without a rate), and only to count those deals; a
// day's blob lets the others' be skipped unread (putLags).

// setWhole works out the whole months of the request's range, and the
// keys whose won lags it reads on their days.
func (p *plan) setWhole() {
	first := p.req.From.Month()
	if MonthStart(first) != p.req.From {
		first++
	}
	last := p.req.To.Month()
	if MonthStart(last+1)-1 != p.req.To {
		last--
	}
	if last < first {
		return
	}
	p.wholeFrom, p.wholeTo, p.wholeSet = MonthStart(first), MonthStart(last+1)-1, true
	p.leftOut = p.leftOutKeys()
}

// whole reports whether the cycles of day d are read from its month's
// histogram.
func (p *plan) whole(d Day) bool { return p.wholeSet && d >= p.wholeFrom && d <= p.wholeTo }

// leftOutKeys lists, by key, the keys of the request's scope with won
// deals that money metrics leave out on a day of its whole months; nil
// when there are none.
func (p *plan) leftOutKeys() []bool {
	var out []bool
	counted := map[string]bool{} // by currency: on every day of the whole months
	for i := range p.v.info {
		k := KeyID(i)
		cur := p.v.info[i].Currency
		if cur == p.cur || p.v.keys.Counters(k).Won == 0 || !p.matches(k) {
			continue
		}
		all, ok := counted[cur]
		if !ok {
			all = p.conv != nil
			for d := p.wholeFrom; all && d <= p.wholeTo; d++ {
				all = p.conv.counted(k, d)
			}
			counted[cur] = all
		}
		if !all {
			if out == nil {
				out = make([]bool, len(p.v.info))
			}
			out[k] = true
		}
	}
	return out
}

// dayLag adds won deals of the request's scope, closed on day d in its
// range, to their group: from the lags of a day outside its whole months,
// and on one of them, of a key left out, the deals counted once
// (leftOutTwice), whose cycles the month's histogram has.
func (p *plan) dayLag(d Day, l *lagEntry) {
	switch {
	case !p.whole(d):
		p.lag(d, l)
	case p.leftOut != nil && p.leftOut[l.key]:
		if a := p.group(l.key, d); a != nil && p.leftOutTwice(a, l.key, d, l) {
			a.both += l.n
		}
	}
}

// What a pass reads of a day's won lags.
const (
	lagsNone uint8 = iota
	lagsLeftOut
	lagsAll
)

// readDay decodes a day's cells and what of its won lags the pass needs.
func (d *dayData) readDay(blob []byte, need uint8, leftOut []bool) error {
	if need == lagsLeftOut {
		d.cells, d.lags = d.cells[:0], d.lags[:0]
		return eachInDayOf(blob, d, true, false, leftOut)
	}
	return d.read(blob, need == lagsAll, false)
}

// wholeMonths adds the histograms of the plans' whole months to their
// groups, and says what the pass reads of the won lags of each day of
// [from, to]: all of them, on a day of a plan's range outside its whole
// months; else those of the keys left out (leftOut, any plan's) on a day
// of a plan's whole months that has some.
func (v *View) wholeMonths(ctx context.Context, plans []*plan, forKey [][]*plan, from, to Day) (lags []uint8, leftOut []bool, err error) {
	lags = make([]uint8, int(to-from)+1)
	first, last := int32(0), int32(-1)
	for _, p := range plans {
		p.setWhole()
		for d := p.req.From; d <= p.req.To; d++ {
			switch {
			case !p.whole(d):
				lags[d-from] = lagsAll
			case p.leftOut != nil:
				lags[d-from] = max(lags[d-from], lagsLeftOut)
			}
		}
		if p.leftOut != nil {
			if leftOut == nil {
				leftOut = make([]bool, len(v.info))
			}
			for k, out := range p.leftOut {
				leftOut[k] = leftOut[k] || out
			}
		}
		if p.wholeSet {
			m0, m1 := p.wholeFrom.Month(), p.wholeTo.Month()
			if last < first {
				first, last = m0, m1
			}
			first, last = min(first, m0), max(last, m1)
		}
	}
	if last < first {
		return lags, leftOut, nil
	}
	err = v.load.Range(ctx, KindCycles, int64(first), int64(last), func(id int64, blob []byte) error {
		start := MonthStart(int32(id))
		var bad bool
		err := eachCycle(blob, func(pair KeyID, lag int32, n int64) {
			if int(pair) >= len(forKey) {
				bad = true
				return
			}
			l := lagEntry{key: pair, stage: Won, lag: lag, n: n}
			for _, p := range forKey[pair] {
				if p.whole(start) {
					if a := p.group(pair, start); a != nil {
						a.wonLag(start, &l, false)
					}
				}
			}
		})
		if err == nil && bad {
			err = ErrCorrupt
		}
		if err != nil {
			return fmt.Errorf("rollup of the cycles of %s: %w", start.String()[:7], err)
		}
		return nil
	})
	return lags, leftOut, err
}
