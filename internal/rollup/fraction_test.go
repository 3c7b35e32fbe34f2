package rollup

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// TestDecimal: a stored rate read as m/10^e, accepted exactly where
// row.RateValue accepts it.
func TestDecimal(t *testing.T) {
	tests := []struct {
		in string
		m  uint64
		e  int
		ok bool
	}{
		{"1.0856", 10856, 4, true},
		{"0.85", 85, 2, true},
		{"157", 157, 0, true},
		{" 1.50 ", 15, 1, true}, // trailing zeros of the fraction go
		{"007.0", 7, 0, true},
		{".5", 5, 1, true},
		{"123456789012345678", 123456789012345678, 0, true}, // 18 digits
		{"0.000000000000000001", 1, 18, true},
		{"1234567890123456789", 0, 0, false}, // 19 digits
		{"", 0, 0, false},
		{".", 0, 0, false},
		{"0", 0, 0, false},
		{"0.000", 0, 0, false},
		{"1.2.3", 0, 0, false},
		{"-1", 0, 0, false},
		{"1e3", 0, 0, false},
		{"1,5", 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			m, e, ok := decimal(tt.in)
			if ok != tt.ok || ok && (m != tt.m || e != tt.e) {
				t.Errorf("decimal(%q) = %d, %d, %v; want %d, %d, %v", tt.in, m, e, ok, tt.m, tt.e, tt.ok)
			}
			if _, err := row.RateValue(tt.in); (err == nil) != ok {
				t.Errorf("decimal(%q) ok = %v, but row.RateValue says %v", tt.in, ok, err)
			}
		})
	}
}

// TestRouteInSixtyFourBits: the ratio route works out in 64 bits is the
// fraction math/big gives, in lowest terms. By hand: USD at 1.0856 and
// GBP at 0.8534 per euro make 1 GBP = 10856/8534 USD, whose common factor
// is 2: 5428/4267; 1 USD = 10000/10856 EUR, whose common factor is 8:
// 1250/1357.
func TestRouteInSixtyFourBits(t *testing.T) {
	rs, err := NewRates([]row.Rate{
		{Date: "2027-01-04", Currency: "USD", Base: "EUR", Value: "1.0856", PerBase: true},
		{Date: "2027-01-04", Currency: "GBP", Base: "EUR", Value: "0.8534", PerBase: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	d := day(t, "2027-01-05")
	leg := func(cur string) leg { l, _ := rs.at(cur, d); return l }
	for _, tt := range []struct {
		cur, base string
		num, den  uint64
	}{
		{"GBP", "USD", 5428, 4267},
		{"USD", "EUR", 1250, 1357},
		{"EUR", "USD", 1357, 1250},
	} {
		r, ok := route(tt.cur, tt.base, leg(tt.cur), leg(tt.base))
		if !ok || !r.fits || r.num != tt.num || r.den != tt.den {
			t.Errorf("%s → %s: %+v, want %d/%d", tt.cur, tt.base, r, tt.num, tt.den)
		}
	}
	// At random, up to 18 digits a rate: the same fraction as math/big's,
	// through it when it does not fit in 64 bits.
	rnd := rand.New(rand.NewPCG(19, 64))
	for range 5000 {
		a := fmt.Sprintf("%d.%d", rnd.Uint64N(1e9), rnd.Uint64N(1e9-1)+1)
		b := fmt.Sprintf("%d.%d", rnd.Uint64N(1e6), rnd.Uint64N(1e9-1)+1)
		pa, pb := rnd.IntN(2) == 0, rnd.IntN(2) == 0
		rs, err := NewRates([]row.Rate{
			{Date: "2027-01-04", Currency: "AAA", Base: "EUR", Value: a, PerBase: pa},
			{Date: "2027-01-04", Currency: "BBB", Base: "EUR", Value: b, PerBase: pb},
		})
		if err != nil {
			t.Fatal(err)
		}
		value := func(s string, perBase bool) *big.Rat { // 1 unit in euros
			q, _ := new(big.Rat).SetString(s)
			if perBase {
				q.Inv(q)
			}
			return q
		}
		ca, _ := rs.at("AAA", d)
		cb, _ := rs.at("BBB", d)
		got, _ := route("AAA", "BBB", ca, cb)
		want := newRatio(new(big.Rat).Quo(value(a, pa), value(b, pb)))
		if got.fits != want.fits || got.num != want.num || got.den != want.den || got.big().Cmp(want.rat) != 0 {
			t.Fatalf("%s / %s: %d/%d (fits %v), want %d/%d (fits %v)", a, b, got.num, got.den, got.fits, want.num, want.den, want.fits)
		}
	}
}
