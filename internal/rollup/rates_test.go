package rollup

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// TestRatioApply: amounts in minor units times a decimal rate, rounded
// half-even to the minor unit once. Worked by hand.
func TestRatioApply(t *testing.T) {
	tests := []struct {
		name   string
		amount int64
		rate   string
		want   int64
	}{
		{"10.01 GBP at 1.165", 1001, "1.165", 1166},      // 1166.165 → 1166
		{"10.03 GBP at 1.165", 1003, "1.165", 1168},      // 1168.495 → 1168
		{"10.05 GBP at 1.165", 1005, "1.165", 1171},      // 1170.825 → 1171
		{"a tie rounds to even, down", 5, "0.5", 2},      // 2.5 → 2
		{"a tie rounds to even, up", 7, "0.5", 4},        // 3.5 → 4
		{"a credit's tie, to even", -5, "0.5", -2},       // -2.5 → -2
		{"a credit's tie, to even, away", -7, "0.5", -4}, // -3.5 → -4
		{"a credit", -1001, "1.165", -1166},
		{"100.00 USD at 1/1.0856 EUR", 10000, "10000/10856", 9211},  // 9211.4959…
		{"150.00 USD at 1/1.0856 EUR", 15000, "10000/10856", 13817}, // 13817.2439…
		{"zero", 0, "1.2", 0},
		{"the limit at 3.25", row.MaxMoney, "3.25", 3_250_000_000_000_000},
		{"beyond 64 bits of product: through big", 9_000_000_000_000_000, "123456789.987654321", math.MaxInt64},
		{"a rate whose digits pass 64 bits", 100, "1234567890123456789/1000000000000000000", 123}, // 123.4567…
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, ok := new(big.Rat).SetString(tt.rate)
			if !ok {
				t.Fatal(tt.rate)
			}
			r := newRatio(q)
			if got := r.apply(tt.amount); got != tt.want {
				t.Errorf("apply(%d) at %s = %d, want %d", tt.amount, tt.rate, got, tt.want)
			}
			if got := r.applyBig(tt.amount); got != tt.want {
				t.Errorf("applyBig(%d) at %s = %d, want %d", tt.amount, tt.rate, got, tt.want)
			}
			as := []int64{tt.amount}
			if r.applyEach(as); as[0] != tt.want {
				t.Errorf("applyEach(%d) at %s = %d, want %d", tt.amount, tt.rate, as[0], tt.want)
			}
		})
	}
}

// TestApplyEachAgainstBig: applyEach, the 64-bit path written out for a
// cell's amounts, gives what math/big gives, at random over ratios of any
// size in 64 bits (and beyond, through math/big), amounts of either sign
// and any size, and the edges: 0, ±1, ties, the largest amounts, products
// past 64 bits, denominators with the top bit set, results past int64.
func TestApplyEachAgainstBig(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 31))
	edges := []int64{0, 1, -1, 2, -2, 5, -5, row.MaxMoney, -row.MaxMoney, math.MaxInt64, math.MinInt64 + 1, 1 << 62, -(1 << 62)}
	ratios := []*big.Rat{big.NewRat(1, 2), big.NewRat(3, 2), big.NewRat(5428, 4267), big.NewRat(1250, 1357),
		new(big.Rat).SetFrac(new(big.Int).SetUint64(math.MaxUint64), big.NewInt(3)),
		new(big.Rat).SetFrac(big.NewInt(3), new(big.Int).SetUint64(math.MaxUint64)),
		new(big.Rat).SetFrac(new(big.Int).SetUint64(1<<63+1), new(big.Int).SetUint64(1<<63-1)),
		new(big.Rat).SetFrac(new(big.Int).Lsh(big.NewInt(1), 70), big.NewInt(3))} // beyond 64 bits
	for range 5000 {
		n := rnd.Uint64N(1<<uint(1+rnd.IntN(63))) + 1
		d := rnd.Uint64N(1<<uint(1+rnd.IntN(63))) + 1
		ratios = append(ratios, new(big.Rat).SetFrac(new(big.Int).SetUint64(n), new(big.Int).SetUint64(d)))
	}
	for i, q := range ratios {
		r := newRatio(q)
		as := append([]int64{}, edges...)
		for range 20 {
			a := rnd.Int64N(1 << uint(1+rnd.IntN(62)))
			if rnd.IntN(3) == 0 {
				a = -a
			}
			as = append(as, a)
		}
		// A tie: an amount whose product is an odd multiple of half the
		// denominator, when the denominator is even.
		if den := q.Denom(); den.Bit(0) == 0 && den.IsInt64() && q.Num().IsInt64() {
			as = append(as, den.Int64()/2, -den.Int64()/2, 3*den.Int64()/2)
		}
		got := append([]int64{}, as...)
		r.applyEach(got)
		for j, a := range as {
			if want := r.applyBig(a); got[j] != want {
				t.Fatalf("ratio %d, %s: applyEach(%d) = %d, math/big %d", i, q.RatString(), a, got[j], want)
			}
		}
	}
}

// TestRatioRoundTrip: money converted at a rate and back at its inverse
// comes back within half a minor unit times the rate, to the minor unit
// where the rate is exact both ways; the 64-bit path and math/big agree.
func TestRatioRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 19))
	for _, rate := range []string{"1.25", "0.8", "1.0856", "0.85342", "157.21", "1"} {
		q, _ := new(big.Rat).SetString(rate)
		there, back := newRatio(q), newRatio(new(big.Rat).Inv(q))
		exact := rate == "1.25" || rate == "0.8" || rate == "1"
		for range 2000 {
			a := r.Int64N(2*row.MaxMoney/1000) - row.MaxMoney/1000
			if f, s := there.apply(a), there.applyBig(a); f != s {
				t.Fatalf("at %s: %d gives %d in 64 bits, %d through big", rate, a, f, s)
			}
			got := back.apply(there.apply(a))
			// Converting there loses at most half a unit, which the way
			// back multiplies by 1/rate, plus half a unit of its own.
			tol, _ := new(big.Rat).Add(new(big.Rat).Quo(big.NewRat(1, 2), q), big.NewRat(1, 2)).Float64()
			if exact && a%4 == 0 && got != a {
				t.Fatalf("at %s: %d came back as %d", rate, a, got)
			}
			if math.Abs(float64(got-a)) > tol {
				t.Fatalf("at %s: %d came back as %d, more than %v off", rate, a, got, tol)
			}
		}
	}
}

// TestConverterPolicies: which rate a cell of a day takes, by policy.
// GBP in EUR: 1.2 from 2027-01-04, 1.15 from 2027-01-10, 1.1 from
// 2027-01-20.
func TestConverterPolicies(t *testing.T) {
	rs, err := NewRates([]row.Rate{
		{Date: "2027-01-04", Currency: "GBP", Base: "EUR", Value: "1.2"},
		{Date: "2027-01-10", Currency: "GBP", Base: "EUR", Value: "1.15"},
		{Date: "2027-01-20", Currency: "GBP", Base: "EUR", Value: "1.1"},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		policy   Policy
		from, to string // the request's range
		asOf     string
		day      string // the cell's
		want     string // the rate, "" for none
	}{
		{"close-date: before the first rate, left out", CloseDate, "2027-01-01", "2027-01-31", "2027-01-31", "2027-01-03", ""},
		{"close-date: on the first rate's day", CloseDate, "2027-01-01", "2027-01-31", "2027-01-31", "2027-01-04", "1.2"},
		{"close-date: a day without a rate takes the last earlier one", CloseDate, "2027-01-01", "2027-01-31", "2027-01-31", "2027-01-09", "1.2"},
		{"close-date: the next rate", CloseDate, "2027-01-01", "2027-01-31", "2027-01-31", "2027-01-10", "1.15"},
		{"close-date: after the last rate, the last", CloseDate, "2027-01-01", "2027-03-31", "2027-03-31", "2027-03-01", "1.1"},
		// (1.2 + 1.15 + 1.1) / 3 = 1.15
		{"period-average: the mean of the rates dated in the range", PeriodAverage, "2027-01-01", "2027-01-31", "2027-01-31", "2027-01-02", "1.15"},
		// (1.15 + 1.1) / 2 = 1.125
		{"period-average: only those in the range", PeriodAverage, "2027-01-05", "2027-01-31", "2027-01-31", "2027-01-05", "1.125"},
		{"period-average: none in the range, the last before it", PeriodAverage, "2027-01-05", "2027-01-09", "2027-01-09", "2027-01-06", "1.2"},
		{"period-average: none on or before the range's end", PeriodAverage, "2026-12-01", "2026-12-31", "2026-12-31", "2026-12-15", ""},
		{"latest: the last rate on or before the as-of day", Latest, "2026-12-01", "2026-12-31", "2027-01-15", "2026-12-15", "1.15"},
		{"latest: none by the as-of day", Latest, "2026-12-01", "2026-12-31", "2027-01-03", "2026-12-15", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := &View{rates: rs, conv: Conversion{On: true, Policy: tt.policy, AsOf: day(t, tt.asOf)},
				info: []keyInfo{{Key: Key{Owner: "ana", Currency: "GBP"}}}}
			c := newConverter(v, "EUR", day(t, tt.from), day(t, tt.to))
			r, ok := c.at(c.of(0), day(t, tt.day))
			got := ""
			if ok {
				got = RateText(r.rat)
			}
			if got != tt.want {
				t.Errorf("rate = %q, want %q", got, tt.want)
			}
			if c.counted(0, day(t, tt.day)) != (tt.want != "") {
				t.Errorf("ok = %v, want %v", !ok, ok)
			}
		})
	}
}

// TestRoutes: ECB rates (units per euro) into EUR, into USD through the
// euro, and the euro itself into USD; a long file's rates in EUR turned
// round into GBP.
func TestRoutes(t *testing.T) {
	rs, err := NewRates([]row.Rate{
		{Date: "2027-01-04", Currency: "USD", Base: "EUR", Value: "1.0856", PerBase: true},
		{Date: "2027-01-04", Currency: "GBP", Base: "EUR", Value: "0.8534", PerBase: true},
		{Date: "2027-01-11", Currency: "USD", Base: "EUR", Value: "1.0956", PerBase: true},
		{Date: "2027-01-04", Currency: "CHF", Base: "SEK", Value: "0.1"},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		cur, base, day string
		route, rate    string
		policy         Policy
	}{
		{"USD", "EUR", "2027-01-05", "inverted", "0.92115", CloseDate},     // 1/1.0856 = 0.9211496
		{"GBP", "USD", "2027-01-05", "through EUR", "1.272088", CloseDate}, // 1.0856/0.8534
		{"EUR", "USD", "2027-01-05", "direct", "1.0856", CloseDate},
		{"EUR", "USD", "2027-01-12", "direct", "1.0956", CloseDate},
		// Averaged as published, then turned round: 1/((1.0856+1.0956)/2) = 1/1.0906.
		{"USD", "EUR", "2027-01-12", "inverted", "0.916926", PeriodAverage},
		{"CHF", "EUR", "2027-01-05", "", "", CloseDate},
		{"EUR", "GBP", "2027-01-03", "", "", CloseDate},
	}
	for _, tt := range tests {
		t.Run(tt.cur+"→"+tt.base+" "+tt.policy.String(), func(t *testing.T) {
			if got := rs.Route(tt.cur, tt.base, day(t, tt.day)); got != tt.route {
				t.Errorf("route = %q, want %q", got, tt.route)
			}
			v := &View{rates: rs, conv: Conversion{On: true, Policy: tt.policy}, info: []keyInfo{{Key: Key{Currency: tt.cur}}}}
			c := newConverter(v, tt.base, day(t, "2027-01-01"), day(t, "2027-01-31"))
			got := ""
			if r, ok := c.at(c.of(0), day(t, tt.day)); ok {
				got = RateText(r.rat)
			}
			if got != tt.rate {
				t.Errorf("rate = %q, want %q", got, tt.rate)
			}
		})
	}
}

// TestConvertCell: a cell of three won GBP deals (10.01, 10.01 and a
// credit of -5.01) at 1.5: revenue 15.01 × 1.5 = 22.515 → 22.52 (a tie, to
// even); the deals that are no credits, 20.02 × 1.5 = 30.03 exactly, so the
// credits' field is 22.52 − 30.03 = -7.51 (not -5.01 × 1.5 = -7.515 → -7.52
// on its own).
func TestConvertCell(t *testing.T) {
	var c Cell
	c[fWon], c[fWonAmount], c[fCredits], c[fCreditAmount] = 3, 1501, 1, -501
	c[fExpTyped], c[fExpTypedAmount], c[fExpCand], c[fExpCandAmount], c[fFirstDay], c[fFirstDayAmount] = 1, 1001, 2, 500, 1, 1001
	var out Cell
	convertCell(&out, &c, newRatio(big.NewRat(3, 2)))
	if out[fWonAmount] != 2252 || out[fWonAmount]-out[fCreditAmount] != 3003 || out[fWon] != 3 {
		t.Errorf("won %d, no credits %d, count %d; want 2252, 3003, 3", out[fWonAmount], out[fWonAmount]-out[fCreditAmount], out[fWon])
	}
	// Expansion: 10.01 + 5.00 − 10.01 = 5.00 → 7.50, whatever its parts round to.
	if exp := out[fExpTypedAmount] + out[fExpCandAmount] - out[fFirstDayAmount]; exp != 750 {
		t.Errorf("expansion %d, want 750", exp)
	}
}

// TestCloseDateSegments: the segments of a pair at close-date, worked out
// once by walking both currencies' quotes, give on every day the ratio
// and the quote's day that the last quotes on or before it give (legAt,
// route, quotedDay), and the days with a rate are exactly those with one;
// at random, over quotes of either currency in the other, in a third, or
// in a fourth that gives no route, either way round.
func TestCloseDateSegments(t *testing.T) {
	rnd := rand.New(rand.NewPCG(23, 5))
	first := day(t, "2027-01-01")
	for range 200 {
		var rs []row.Rate
		for _, cur := range []string{"GBP", "USD"} {
			for d := first + Day(rnd.IntN(5)); d < first+60; d += Day(1 + rnd.IntN(6)) {
				base := []string{"EUR", "EUR", "GBP", "USD", "SEK"}[rnd.IntN(5)]
				if base == cur {
					base = "EUR"
				}
				rs = append(rs, row.Rate{Date: d.String(), Currency: cur, Base: base,
					Value: fmt.Sprintf("%d.%03d", rnd.IntN(3), 1+rnd.IntN(999)), PerBase: rnd.IntN(2) == 0})
			}
		}
		r, err := NewRates(rs)
		if err != nil {
			t.Fatal(err)
		}
		p := r.pairOf("GBP", "USD")
		days := map[Day]bool{}
		for _, s := range p.daysWith("GBP", "USD") {
			for d := max(s.from, first-5); d <= min(s.to, first+70); d++ {
				days[d] = true
			}
		}
		for d := first - 5; d <= first+70; d++ {
			cl, _ := legAt(p.cur, d)
			bl, _ := legAt(p.base, d)
			want, ok := route("GBP", "USD", cl, bl)
			got := p.closeDate("GBP", "USD", d)
			if d < got.from || d > got.until || (got.r == nil) == ok || ok && got.r.big().Cmp(want.big()) != 0 ||
				got.quoted != quotedDay("GBP", "USD", cl, bl) {
				t.Fatalf("%s in %+v: %+v, want %v (ok %v) quoted on %s", d, rs, got, want, ok, quotedDay("GBP", "USD", cl, bl))
			}
			if days[d] != ok {
				t.Fatalf("%s in %+v: a rate %v by the spans, %v by the quotes", d, rs, days[d], ok)
			}
		}
	}
}
