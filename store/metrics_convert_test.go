package store

import (
	"context"
	"fmt"
	"math/big"
	"sort"
	"testing"
	"time"

	"github.com/salesgoal/salesgoal/internal/rollup"
	"github.com/salesgoal/salesgoal/metric"
)

// Money in several currencies, checked against a second implementation of
// docs/metrics.md, "Several currencies", written from its text: each
// deal's currency converted at the rate of the policy, every sum a metric
// adds up over one owner, team, currency and day rounded half-even to the
// cent once.

// ecbRate is a rate as the ECB publishes it: units of cur per euro.
type ecbRate struct {
	day, cur, value string
}

// convertRates are the test's rates: USD per euro weekly from 2026-09-07,
// GBP per euro weekly from 2027-02-15, both with values that are not
// round. EUR deals convert at the USD rate; GBP at the USD rate divided by
// the GBP one, through the euro.
func convertRates() []ecbRate {
	var rs []ecbRate
	start := time.Date(2026, 9, 7, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 80; i++ {
		d := start.AddDate(0, 0, 7*i)
		usd := fmt.Sprintf("1.%04d", 500+37*i%900)
		if i%4 == 2 {
			usd = "1.5" // an odd number of cents converts to a half cent: ties
		}
		rs = append(rs, ecbRate{d.Format(time.DateOnly), "USD", usd})
		if !d.Before(time.Date(2027, 2, 15, 0, 0, 0, 0, time.UTC)) {
			rs = append(rs, ecbRate{d.Format(time.DateOnly), "GBP", fmt.Sprintf("0.8%03d", 100+53*i%800)})
		}
	}
	return rs
}

// oracleRates answers, for a policy, the value of 1 unit of a currency in
// USD to convert a deal of a given day at, over [from, to] as of asOf.
type oracleRates struct {
	byCur          map[string][]ecbRate // by day
	policy         rollup.Policy
	from, to, asOf string
}

func newOracleRates(rs []ecbRate, policy rollup.Policy, from, to, asOf string) *oracleRates {
	o := &oracleRates{byCur: map[string][]ecbRate{}, policy: policy, from: from, to: to, asOf: asOf}
	for _, r := range rs {
		o.byCur[r.cur] = append(o.byCur[r.cur], r)
	}
	return o
}

func rat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic(s)
	}
	return r
}

// perEuro is the rate of cur (units per euro) the policy gives for day.
func (o *oracleRates) perEuro(cur, day string) (*big.Rat, bool) {
	rs := o.byCur[cur]
	last := func(d string) (*big.Rat, bool) {
		var v *big.Rat
		for _, r := range rs {
			if r.day <= d {
				v = rat(r.value)
			}
		}
		return v, v != nil
	}
	switch o.policy {
	case rollup.Latest:
		return last(o.asOf)
	case rollup.PeriodAverage:
		sum, n := new(big.Rat), 0
		for _, r := range rs {
			if r.day >= o.from && r.day <= o.to {
				sum.Add(sum, rat(r.value))
				n++
			}
		}
		if n == 0 {
			return last(o.from)
		}
		return sum.Quo(sum, big.NewRat(int64(n), 1)), true
	}
	return last(day)
}

// rate is 1 unit of cur in USD for a deal of day.
func (o *oracleRates) rate(cur, day string) (*big.Rat, bool) {
	usd, ok := o.perEuro("USD", day)
	switch {
	case cur == "USD":
		return big.NewRat(1, 1), true
	case !ok:
		return nil, false
	case cur == "EUR":
		return usd, true
	}
	c, ok := o.perEuro(cur, day)
	if !ok {
		return nil, false
	}
	return new(big.Rat).Quo(usd, c), true
}

// roundHalfEven rounds x to an integer, ties to the even one.
func roundHalfEven(x *big.Rat) int64 {
	fl := new(big.Int).Quo(x.Num(), x.Denom()) // towards zero
	if x.Sign() < 0 && new(big.Rat).SetInt(fl).Cmp(x) != 0 {
		fl.Sub(fl, big.NewInt(1)) // floor
	}
	frac := new(big.Rat).Sub(x, new(big.Rat).SetInt(fl))
	switch frac.Cmp(big.NewRat(1, 2)) {
	case 1:
		fl.Add(fl, big.NewInt(1))
	case 0:
		if fl.Bit(0) == 1 {
			fl.Add(fl, big.NewInt(1))
		}
	}
	return fl.Int64()
}

// oracleConverted is oracle with money in every currency that has a rate
// converted into USD.
func oracleConverted(f fixture, from, to string, scope metric.Scope, o *oracleRates) oracleResult {
	res := oracle(f, from, to, scope, "USD")
	customers := oracleCustomers(f)
	s, e := oracleDay(from), oracleDay(to)
	inScope := func(owner, team string) bool { return oracleInScope(scope, owner, team) }
	type cellKey struct{ day, owner, team, cur string }
	type sums struct{ won, sized, costAmount, cost, created, exp, spend int64 }
	cells := map[cellKey]*sums{}
	cell := func(k cellKey) *sums {
		if cells[k] == nil {
			cells[k] = &sums{}
		}
		return cells[k]
	}
	var wonMoney, withCost int64
	other := map[string]bool{}
	for _, d := range f.deals {
		if !inScope(d.owner, d.team) {
			continue
		}
		cur := orUSD(d.currency)
		if within(d.created, s, e) {
			if _, ok := o.rate(cur, d.created); ok {
				cell(cellKey{d.created, d.owner, d.team, cur}).created += d.amount
			} else {
				other[d.id] = true
			}
		}
		if d.stage != "won" || !within(d.closed, s, e) {
			continue
		}
		if _, ok := o.rate(cur, d.closed); !ok {
			other[d.id] = true
			continue
		}
		c := cell(cellKey{d.closed, d.owner, d.team, cur})
		c.won += d.amount
		if d.amount >= 0 {
			wonMoney++
			c.sized += d.amount
		}
		if d.cost != nil {
			withCost++
			c.costAmount += d.amount
			c.cost += *d.cost
		}
		if oracleIsExpansion(f, customers, d) {
			c.exp += d.amount
		}
	}
	if scope.IsCompany() {
		for _, sp := range f.spend {
			if within(sp.date, s, e) {
				if _, ok := o.rate(orUSD(sp.currency), sp.date); ok {
					cell(cellKey{sp.date, "", "", orUSD(sp.currency)}).spend += sp.amount
				}
			}
		}
	}
	var t sums
	keys := make([]cellKey, 0, len(cells))
	for k := range cells {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
	for _, k := range keys {
		c := cells[k]
		r, _ := o.rate(k.cur, k.day)
		conv := func(a int64) int64 { return roundHalfEven(new(big.Rat).Mul(big.NewRat(a, 1), r)) }
		t.won += conv(c.won)
		t.sized += conv(c.sized)
		t.costAmount += conv(c.costAmount)
		t.cost += conv(c.cost)
		t.created += conv(c.created)
		t.exp += conv(c.exp)
		t.spend += conv(c.spend)
	}
	num := func(x float64) *float64 { return &x }
	ratio := func(n, d float64) *float64 {
		if d == 0 {
			return nil
		}
		return num(n / d)
	}
	v := res.values
	v["pipeline-value"] = num(float64(t.created) / 100)
	v["revenue"] = num(float64(t.won) / 100)
	v["avg-deal-size"] = ratio(float64(t.sized)/100, float64(wonMoney))
	v["gross-margin"] = nil
	if withCost > 0 {
		v["gross-margin"] = ratio(100*float64(t.costAmount-t.cost), float64(t.costAmount))
	}
	v["expansion-revenue"] = num(float64(t.exp) / 100)
	if scope.IsCompany() {
		v["spend"] = num(float64(t.spend) / 100)
		v["cac"] = ratio(float64(t.spend)/100, *v["new-customers"])
	}
	res.otherCurrency = int64(len(other))
	return res
}

// TestAggregatesConvertedMatchOracle checks every metric with EUR and GBP
// converted into USD, by each rate policy, for several periods and scopes
// (some before the first rate, some across it), against oracleConverted.
func TestAggregatesConvertedMatchOracle(t *testing.T) {
	f := randomFixture(1, 4000, 600, 1500)
	// Cells of several deals, credits among them, that each round once:
	// 12 EUR deals of ana won on 2027-05-03 (a USD rate of 1.5 since that
	// Monday), and 12 GBP deals of cy on 2027-05-04.
	for i := range 24 {
		d := fDeal{id: fmt.Sprintf("cell%02d", i), owner: "ana", team: "east", stage: "won", currency: "EUR",
			amount: int64(1001 + i), created: "2027-04-20", closed: "2027-05-03", customer: "c0001", cost: cost(int64(333 + i))}
		if i >= 12 {
			d.owner, d.team, d.currency, d.closed, d.typ = "cy", "west", "GBP", "2027-05-04", "upsell"
		}
		if i%4 == 0 {
			d.amount = -d.amount
		}
		f.deals = append(f.deals, d)
	}
	db := MustOpen(t)
	mustLoad(t, db, f)
	ctx := context.Background()
	rs := convertRates()
	for _, r := range rs {
		if _, err := db.db.ExecContext(ctx, `INSERT INTO rates (day, currency, base, rate, per_base) VALUES (?, ?, 'EUR', ?, 1)`,
			r.day, r.cur, r.value); err != nil {
			t.Fatal(err)
		}
	}
	periods := []struct{ name, from, to, asOf string }{
		{"before any rate", "2026-04-01", "2026-06-30", "2028-01-01"},
		{"across the first USD rate", "2026-08-15", "2026-10-10", "2028-01-01"},
		{"across the first GBP rate", "2027-01-01", "2027-03-31", "2028-01-01"},
		{"a year", "2027-01-01", "2027-12-31", "2028-01-01"},
		{"a week without a rate day", "2027-03-02", "2027-03-07", "2027-03-07"},
		{"the cells of several deals", "2027-05-03", "2027-05-04", "2027-05-04"},
	}
	scopes := []metric.Scope{{Level: metric.Company}, {Level: metric.Owner, Value: "ana"}, {Level: metric.Team, Value: "west"}}
	for _, policy := range []rollup.Policy{rollup.CloseDate, rollup.PeriodAverage, rollup.Latest} {
		for _, p := range periods {
			snap := db.Snapshot()
			snap.Convert(rollup.Conversion{On: true, Policy: policy, AsOf: rollup.DayOf(oracleDay(p.asOf)), Currency: "USD"})
			for _, sc := range scopes {
				t.Run(fmt.Sprintf("%s/%s/%s=%s", policy, p.name, sc.Level, sc.Value), func(t *testing.T) {
					a, err := snap.Aggregates(ctx, query(t, p.from, p.to, sc))
					if err != nil {
						t.Fatal(err)
					}
					want := oracleConverted(f, p.from, p.to, sc, newOracleRates(rs, policy, p.from, p.to, p.asOf))
					for _, d := range diffValues(valuesOf(a, sc), want.values) {
						t.Errorf("%s..%s: %s", p.from, p.to, d)
					}
					if a.OtherCurrency != want.otherCurrency {
						t.Errorf("OtherCurrency = %d, want %d", a.OtherCurrency, want.otherCurrency)
					}
				})
			}
			snap.Close()
		}
	}
}
