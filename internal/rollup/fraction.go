package rollup

import (
	"math"
	"math/big"
	"math/bits"
	"strings"
)

// Rates as exact fractions (docs/metrics.md, "Several currencies"): the
// rates of a measurement are met again day after day, so each is read
// once into a 64-bit fraction, the legs of a route are divided without
// math/big, and a ratio converts amounts in 64 bits. A stored rate has at
// most 18 digits and always fits; math/big is the way only for what does
// not: a mean over a period, a route whose legs' product passes 64 bits,
// and an amount whose conversion does.

// pow10 are the powers of ten a rate of at most 18 digits is divided by.
var pow10 = func() (p [19]uint64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// decimal reads a stored rate as row.RateValue checks it (a positive
// decimal of digits and at most one point, 18 significant digits at most)
// as m/10^e.
func decimal(s string) (m uint64, e int, ok bool) {
	whole, frac, _ := strings.Cut(strings.TrimSpace(s), ".")
	whole, frac = strings.TrimLeft(whole, "0"), strings.TrimRight(frac, "0")
	if len(whole)+len(frac) > 18 {
		return 0, 0, false
	}
	for _, part := range []string{whole, frac} {
		for i := 0; i < len(part); i++ {
			c := part[i]
			if c < '0' || c > '9' {
				return 0, 0, false
			}
			m = m*10 + uint64(c-'0')
		}
	}
	return m, len(frac), m > 0
}

// gcd is the greatest common divisor of a and b (binary, both above 0).
func gcd(a, b uint64) uint64 {
	if a == 0 {
		return b
	}
	if b == 0 {
		return a
	}
	shift := bits.TrailingZeros64(a | b)
	a >>= bits.TrailingZeros64(a)
	for b != 0 {
		b >>= bits.TrailingZeros64(b)
		if a > b {
			a, b = b, a
		}
		b -= a
	}
	return a << shift
}

// lowest is n/d in lowest terms.
func lowest(n, d uint64) (uint64, uint64) {
	g := gcd(n, d)
	return n / g, d / g
}

// fracRatio is the ratio n/d, in lowest terms already.
func fracRatio(n, d uint64) *ratio { return &ratio{num: n, den: d, fits: true} }

// ratio is a rate as conversion applies it: num/den in lowest terms, in
// 64 bits when they fit, else through rat. A ratio that fits may leave
// rat nil until asked (big): most are only ever applied in 64 bits.
type ratio struct {
	num, den uint64
	fits     bool
	rat      *big.Rat
}

// big is the ratio in math/big, made the first time.
func (r *ratio) big() *big.Rat {
	if r.rat == nil {
		r.rat = new(big.Rat).SetFrac(new(big.Int).SetUint64(r.num), new(big.Int).SetUint64(r.den))
	}
	return r.rat
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

// applyEach converts each of as in place, as apply does: the 64-bit path
// written out in one loop, without a call an amount (a converted cell's
// seven divisions are most of what converting costs), and apply for an
// amount it does not serve.
func (r *ratio) applyEach(as []int64) {
	if !r.fits {
		for i, a := range as {
			as[i] = r.applyBig(a)
		}
		return
	}
	for i, a := range as {
		if a == 0 {
			continue
		}
		u := uint64(a)
		if a < 0 {
			u = -u
		}
		hi, lo := bits.Mul64(u, r.num)
		if hi >= r.den {
			as[i] = r.apply(a)
			continue
		}
		q, rem := bits.Div64(hi, lo, r.den)
		up := r.den - rem
		q += b2u(rem > up) | b2u(rem == up)&q
		switch {
		case q > math.MaxInt64:
			as[i] = r.apply(a)
		case a < 0:
			as[i] = -int64(q)
		default:
			as[i] = int64(q)
		}
	}
}

// b2u is 1 for true, 0 for false: rounding without a branch, whose way
// goes with the remainder and could not be foretold.
func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
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
	rat := r.big()
	n := new(big.Int).Mul(big.NewInt(a), rat.Num())
	den := rat.Denom()
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

// route is the ratio of 1 unit of cur in base from the legs of cur and of
// base: cur's own rate in base, base's rate in cur turned round, or both
// in one third currency (the ECB's euro) divided. Legs of one rate each
// are divided in 64 bits when the quotient, in lowest terms, fits (it is
// the same fraction math/big would give), else through math/big.
func route(cur, base string, c, b leg) (*ratio, bool) {
	switch {
	case c.ok && c.base == base:
		if c.q == nil {
			return fracRatio(c.n, c.d), true
		}
		return newRatio(c.q), true
	case b.ok && b.base == cur:
		if b.q == nil {
			return fracRatio(b.d, b.n), true
		}
		return newRatio(new(big.Rat).Inv(b.q)), true
	case c.ok && b.ok && c.base == b.base:
		if c.q == nil && b.q == nil {
			// (cn/cd) / (bn/bd), each in lowest terms: crossed, the
			// common factors go and the quotient is in lowest terms.
			g1, g2 := gcd(c.n, b.n), gcd(c.d, b.d)
			nh, nl := bits.Mul64(c.n/g1, b.d/g2)
			dh, dl := bits.Mul64(c.d/g2, b.n/g1)
			if nh == 0 && dh == 0 {
				return fracRatio(nl, dl), true
			}
		}
		return newRatio(new(big.Rat).Quo(c.rat(), b.rat())), true
	}
	return nil, false
}

// rat is the leg's value in math/big.
func (l leg) rat() *big.Rat {
	if l.q != nil {
		return l.q
	}
	return new(big.Rat).SetFrac(new(big.Int).SetUint64(l.n), new(big.Int).SetUint64(l.d))
}
