package rollup

import (
	"math/bits"
	"strings"
)

// The rates of a measurement are met again day after day: read once into
// 64-bit fractions, they are divided without math/big, which a rate whose
// digits pass 64 bits still goes through (docs/metrics.md, "Several
// currencies": rates are exact decimals).

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
