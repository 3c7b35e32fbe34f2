package rollup

import (
	"math"
	"math/big"
	"math/bits"
	"strings"
)

// ratio is a rate as conversion applies it: num/den in lowest terms, in
// 64 bits when they fit, else through rat.
type ratio struct {
	num, den uint64
	fits     bool
	rat      *big.Rat
}

func newRatio(q *big.Rat) *ratio {
	r := &ratio{rat: q}
	if q.Num().IsUint64() && q.Denom().IsUint64() {
		r.num, r.den, r.fits = q.Num().Uint64(), q.Denom().Uint64(), true
	}
	return r
}

// apply converts a, in minor units, rounding half-even to the minor unit,
// once. A result beyond 64 bits stays at the largest value (the amounts
// of one currency are bounded at import; a rate above a few thousand
// could only get there with amounts salesgoal refuses).
func (r *ratio) apply(a int64) int64 {
	if a == 0 {
		return 0
	}
	neg := a < 0
	u := uint64(a)
	if neg {
		u = -u
	}
	if r.fits {
		hi, lo := bits.Mul64(u, r.num)
		if hi < r.den {
			q, rem := bits.Div64(hi, lo, r.den)
			if up := r.den - rem; rem > up || (rem == up && q&1 == 1) {
				q++
			}
			if q <= math.MaxInt64 {
				if neg {
					return -int64(q)
				}
				return int64(q)
			}
		}
	}
	return r.applyBig(a)
}

// applyAll is the sum of as, each converted; a nil ratio (the database's
// currency) adds them as they are.
func (r *ratio) applyAll(as ...int64) int64 {
	var s int64
	for _, a := range as {
		if r != nil {
			a = r.apply(a)
		}
		s += a
	}
	return s
}

func (r *ratio) applyBig(a int64) int64 {
	n := new(big.Int).Mul(big.NewInt(a), r.rat.Num())
	den := r.rat.Denom()
	q, m := new(big.Int).QuoRem(n, den, new(big.Int))
	m.Abs(m).Lsh(m, 1)
	if c := m.Cmp(den); c > 0 || (c == 0 && q.Bit(0) == 1) {
		if n.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	if !q.IsInt64() {
		if q.Sign() < 0 {
			return math.MinInt64 + 1
		}
		return math.MaxInt64
	}
	return q.Int64()
}

// moneyFields are the fields of a Cell that are amounts in the key's
// currency.
var moneyFields = []int{fWonAmount, fCreditAmount, fWithCostAmount, fCost, fExpTypedAmount, fExpCandAmount,
	fFirstDayAmount, fLostAmount, fOpenCloseAmount, fCreatedAmount, fSpendAmount}

// convertCell is c with every amount converted at r. The unit of rounding
// is each sum a metric adds up over the cell of one owner, team and
// currency on one day (docs/metrics.md, "Several currencies"), rounded
// once: the won amount (revenue), that of the won deals that are no
// credits (average deal size: the credits' field is what makes the
// difference), the expansion amount (typed, plus untyped with a customer,
// less those on the customer's first day: the untyped field makes the
// difference), and each other amount as it is.
func convertCell(c *Cell, r *ratio) Cell {
	out := *c
	for _, f := range moneyFields {
		out[f] = r.apply(c[f])
	}
	out[fCreditAmount] = out[fWonAmount] - r.apply(c[fWonAmount]-c[fCreditAmount])
	exp := r.apply(c[fExpTypedAmount] + c[fExpCandAmount] - c[fFirstDayAmount])
	out[fExpCandAmount] = exp - out[fExpTypedAmount] + out[fFirstDayAmount]
	return out
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
}

// converter converts the cells of one request into its currency.
type converter struct {
	rates    *Rates
	base     string
	conv     Conversion
	from, to Day
	segs     map[string]*segment
	stats    map[string]*Converted // nil unless asked (Conversions)
}

// segment is the ratio of one currency over the days [from, until].
type segment struct {
	from, until Day
	r           *ratio // nil: no rate
}

func newConverter(v *View, base string, from, to Day) *converter {
	if !v.conv.On || v.rates.Empty() {
		return nil
	}
	return &converter{rates: v.rates, base: base, conv: v.conv, from: from, to: to, segs: map[string]*segment{}}
}

// at is the ratio cur converts at on day d, if it has one.
func (c *converter) at(cur string, d Day) (*ratio, bool) {
	s := c.segs[cur]
	if s == nil || d < s.from || d > s.until {
		s = c.segment(cur, d)
		c.segs[cur] = s
	}
	return s.r, s.r != nil
}

func (c *converter) segment(cur string, d Day) *segment {
	var cl, bl leg
	s := &segment{from: NoDay + 1, until: maxDay}
	switch c.conv.Policy {
	case PeriodAverage:
		cl, bl = c.rates.mean(cur, c.from, c.to), c.rates.mean(c.base, c.from, c.to)
	case Latest:
		cl, _ = c.rates.at(cur, c.conv.AsOf)
		bl, _ = c.rates.at(c.base, c.conv.AsOf)
	default:
		var nc, nb Day
		cl, nc = c.rates.at(cur, d)
		bl, nb = c.rates.at(c.base, d)
		s.from, s.until = d, min(nc, nb)-1
		// Every request of a snapshot meets the same days: each day's
		// rate is worked out once.
		k := ratioKey{cur, c.base, max(cl.day, bl.day)}
		if r, ok := c.rates.ratios[k]; ok {
			s.r = r
			return s
		}
		defer func() { c.rates.ratios[k] = s.r }()
	}
	if q, ok := route(cur, c.base, cl, bl); ok {
		s.r = newRatio(q)
	}
	return s
}

// ok reports whether cur has a rate for day d, without computing it.
func (c *converter) ok(cur string, d Day) bool {
	if c.conv.Policy != CloseDate {
		_, ok := c.at(cur, d)
		return ok
	}
	return c.rates.has(cur, c.base, d)
}

// cell converts the cell of a key in cur on day d, when it has a rate,
// and, when asked, counts it for --explain.
func (c *converter) cell(cur string, d Day, in *Cell) (Cell, bool) {
	r, ok := c.at(cur, d)
	if !ok {
		return *in, false
	}
	out := convertCell(in, r)
	if c.stats != nil && (in[fWon] != 0 || in[fCreated] != 0) {
		st := c.stats[cur]
		if st == nil {
			st = &Converted{Currency: cur}
			c.stats[cur] = st
		}
		st.Won += in[fWon]
		st.Created += in[fCreated]
		st.WonAmount += in[fWonAmount]
		st.WonInto += out[fWonAmount]
		st.CreatedAmount += in[fCreatedAmount]
		st.CreatedInto += out[fCreatedAmount]
		if r != st.lastLow && (st.Low == nil || r.rat.Cmp(st.Low) < 0) {
			st.Low, st.lastLow = r.rat, r
		}
		if r != st.lastHigh && (st.High == nil || r.rat.Cmp(st.High) > 0) {
			st.High, st.lastHigh = r.rat, r
		}
	}
	return out, true
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
