package rollup

import (
	"math/big"
	"strings"
)

// convertCell writes c with every amount converted at r to out. The unit
// of rounding is each sum a metric adds up over the cell of one owner,
// team and currency on one day (docs/metrics.md, "Several currencies"),
// rounded once: the won amount (revenue), that of the won deals that are
// no credits (average deal size: the credits' field is what makes the
// difference), the expansion amount (typed, plus untyped with a customer,
// less those on the customer's first day), and each other amount as it
// is. The expansion amount is added up only whole (acc.result), so it is
// converted whole into the typed field, its other two left at 0; the
// lost and expected-to-close amounts, which no aggregate adds up
// (pipeline coverage converts them from the cells as stored: Coverage),
// are left at 0 too rather than converted for nothing. Seven divisions a
// cell.
func convertCell(out, c *Cell, r *ratio) {
	*out = *c
	as := [...]int64{c[fWonAmount], c[fWonAmount] - c[fCreditAmount], c[fWithCostAmount], c[fCost],
		c[fExpTypedAmount] + c[fExpCandAmount] - c[fFirstDayAmount], c[fCreatedAmount], c[fSpendAmount]}
	r.applyEach(as[:])
	out[fWonAmount], out[fCreditAmount] = as[0], as[0]-as[1]
	out[fWithCostAmount], out[fCost] = as[2], as[3]
	out[fExpTypedAmount], out[fExpCandAmount], out[fFirstDayAmount] = as[4], 0, 0
	out[fCreatedAmount], out[fSpendAmount] = as[5], as[6]
	out[fLostAmount], out[fOpenCloseAmount] = 0, 0
}

// Converted is what one request converted from one currency, for
// --explain: the deals won and created on days with a rate, the amounts
// won and created before and after, and the lowest and highest rate used.
type Converted struct {
	Currency                   string
	Won, Created               int64
	WonAmount, WonInto         int64
	CreatedAmount, CreatedInto int64
	Low, High                  *big.Rat
	lastLow, lastHigh          *ratio
	// StaleWon and StaleCreated count the deals won and created that were
	// converted at close-date by a rate quoted more than StaleAfter days
	// before the day it served; Oldest is the oldest such quote's day and
	// For the day it served (docs/metrics.md, "Several currencies").
	StaleWon, StaleCreated int64
	Oldest, For            Day
}

// StaleAfter is how many days before the day it serves a rate may be
// quoted before --explain says so: a week.
const StaleAfter = 7

// converter converts the cells of one request into its currency.
type converter struct {
	v        *View
	rates    *Rates
	base     string
	conv     Conversion
	from, to Day
	curs     map[string]*curConv
	keys     []*curConv            // by KeyID, as met
	stats    map[string]*Converted // nil unless asked (Conversions)
}

// curConv is how one currency converts in one request: its rate over the
// days last asked.
type curConv struct {
	name   string
	own    bool       // the request's currency: nothing to convert
	pair   *pairRates // its quotes and the base's, and their segments
	seg    segment
	segSet bool
}

// segment is the ratio of one currency over the days [from, until], and
// at close-date the day of the oldest quote it rests on (NoDay otherwise).
type segment struct {
	from, until Day
	r           *ratio // nil: no rate
	quoted      Day
}

func newConverter(v *View, base string, from, to Day) *converter {
	if !v.conv.On || v.rates.Empty() {
		return nil
	}
	return &converter{v: v, rates: v.rates, base: base, conv: v.conv, from: from, to: to,
		curs: map[string]*curConv{}, keys: make([]*curConv, len(v.info))}
}

// of is the currency of key k.
func (c *converter) of(k KeyID) *curConv {
	if cc := c.keys[k]; cc != nil {
		return cc
	}
	name := c.v.info[k].Currency
	cc := c.curs[name]
	if cc == nil {
		cc = &curConv{name: name, own: name == c.base, pair: c.rates.pairOf(name, c.base)}
		c.curs[name] = cc
	}
	c.keys[k] = cc
	return cc
}

// at is the ratio cc converts at on day d, if it has one, with its value
// in math/big.
func (c *converter) at(cc *curConv, d Day) (*ratio, bool) {
	r, ok := c.rate(cc, d)
	if ok {
		r.big()
	}
	return r, ok
}

// rate is at without math/big: what converting cells needs.
func (c *converter) rate(cc *curConv, d Day) (*ratio, bool) {
	if !cc.segSet || d < cc.seg.from || d > cc.seg.until {
		cc.seg, cc.segSet = c.segment(cc, d), true
	}
	return cc.seg.r, cc.seg.r != nil
}

func (c *converter) segment(cc *curConv, d Day) segment {
	var cl, bl leg
	s := segment{from: NoDay + 1, until: maxDay, quoted: NoDay}
	switch c.conv.Policy {
	case PeriodAverage:
		cl, bl = c.rates.mean(cc.name, c.from, c.to), c.rates.mean(c.base, c.from, c.to)
	case Latest:
		cl, _ = legAt(cc.pair.cur, c.conv.AsOf)
		bl, _ = legAt(cc.pair.base, c.conv.AsOf)
	default:
		// Every request of a snapshot meets the same days: each day's
		// rate is worked out once.
		return cc.pair.closeDate(cc.name, c.base, d)
	}
	s.r, _ = route(cc.name, c.base, cl, bl)
	return s
}

// counted reports whether money metrics count the cells of key k on day
// d: in the request's currency, or with a rate for the day.
func (c *converter) counted(k KeyID, d Day) bool {
	cc := c.of(k)
	switch {
	case cc.own:
		return true
	case c.conv.Policy != CloseDate:
		_, ok := c.rate(cc, d)
		return ok
	}
	for _, s := range cc.pair.daysWith(cc.name, c.base) {
		if d >= s.from && d <= s.to {
			return true
		}
	}
	return false
}

// cell writes the cell of key k (in another currency than the request's)
// on day d converted to out, and reports whether it did: whether the
// currency has a rate for the day. When asked, it counts the cell for
// --explain.
func (c *converter) cell(k KeyID, d Day, in, out *Cell) bool {
	cc := c.of(k)
	r, ok := c.rate(cc, d)
	if !ok {
		return false
	}
	convertCell(out, in, r)
	if c.stats != nil && (in[fWon] != 0 || in[fCreated] != 0) {
		st := c.stats[cc.name]
		if st == nil {
			st = &Converted{Currency: cc.name}
			c.stats[cc.name] = st
		}
		st.Won += in[fWon]
		st.Created += in[fCreated]
		st.WonAmount += in[fWonAmount]
		st.WonInto += out[fWonAmount]
		st.CreatedAmount += in[fCreatedAmount]
		st.CreatedInto += out[fCreatedAmount]
		if r != st.lastLow && (st.Low == nil || r.big().Cmp(st.Low) < 0) {
			st.Low, st.lastLow = r.big(), r
		}
		if r != st.lastHigh && (st.High == nil || r.big().Cmp(st.High) > 0) {
			st.High, st.lastHigh = r.big(), r
		}
		if q := cc.seg.quoted; q != NoDay && d-q > StaleAfter {
			if st.StaleWon+st.StaleCreated == 0 || q < st.Oldest {
				st.Oldest, st.For = q, d
			}
			st.StaleWon += in[fWon]
			st.StaleCreated += in[fCreated]
		}
	}
	return true
}

// RateText writes a rate with six decimals at most, trailing zeros
// dropped.
func RateText(q *big.Rat) string {
	if q == nil {
		return ""
	}
	s := q.FloatString(6)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
