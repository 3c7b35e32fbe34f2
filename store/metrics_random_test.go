package store

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// randomFixture generates deals, customers and spend with a fixed seed,
// shaped to reach every branch of docs/metrics.md: several owners, teams,
// currencies, types and stages; open deals without a created date and open
// deals with an expected close date; same-day wins; the unusual values an
// import keeps (docs/import.md): credits (negative amounts), deals that
// closed before they were created, won and lost deals without a created
// date; customers without an
// acquisition date (acquired by their first won deal, or never: prospects);
// customers only deals name; churn dates on the first and last days of
// months, quarters and ISO weeks; spend in two currencies.
func randomFixture(seed uint64, nDeals, nCustomers, nSpend int) fixture {
	r := rand.New(rand.NewPCG(seed, seed^0x5a1e5))
	start := time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)
	const span = 900 // days: 2025-10-01 .. 2028-03-19
	day := func(from time.Time, n int) string { return from.AddDate(0, 0, n).Format("2006-01-02") }
	randDay := func() string { return day(start, r.IntN(span)) }
	// Days on the edges of the periods the test checks, so that churns and
	// acquisitions fall on first and last days.
	edges := []string{
		"2026-12-31", "2027-01-01", "2027-01-31", "2027-02-01", "2027-03-01", "2027-03-31",
		"2027-04-01", "2027-05-17", "2027-05-18", "2027-06-30", "2027-12-31",
		"2026-12-28", "2027-01-03", "2027-01-04", "2027-02-01", "2027-02-07",
		"2026-04-01", "2026-06-30", "2026-11-15", "2027-02-10",
	}
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	teamOf := map[string]string{"ana": "east", "bo": "east", "cy": "west", "dee": "west", "eli": "north", "": ""}
	owners := []string{"ana", "bo", "cy", "dee", "eli", ""}

	var f fixture
	for i := range nCustomers {
		owner := owners[r.IntN(len(owners))]
		c := fCustomer{id: fmt.Sprintf("c%04d", i), owner: owner, team: teamOf[owner]}
		if r.IntN(10) < 7 {
			if r.IntN(5) == 0 {
				c.acquired = pick(edges...)
			} else {
				c.acquired = randDay()
			}
		}
		if r.IntN(4) == 0 {
			switch {
			case r.IntN(2) == 0:
				c.churned = pick(edges...)
			case c.acquired != "":
				c.churned = day(oracleDay(c.acquired), r.IntN(400))
			default:
				c.churned = randDay()
			}
			if c.acquired != "" && c.churned < c.acquired {
				c.churned = c.acquired // churn is never before acquired_at; same day is allowed
			}
		}
		f.customers = append(f.customers, c)
	}
	types := []string{"", "", "", "new", "upsell", "cross-sell", "renewal"}
	currencies := []string{"", "", "", "", "", "", "USD", "EUR", "GBP"}
	for i := range nDeals {
		owner := owners[r.IntN(len(owners))]
		d := fDeal{
			id:       fmt.Sprintf("d%05d", i),
			owner:    owner,
			team:     teamOf[owner],
			typ:      types[r.IntN(len(types))],
			amount:   int64(r.IntN(5_000_000)),
			currency: currencies[r.IntN(len(currencies))],
		}
		if r.IntN(20) == 0 {
			d.team = "" // a deal whose owner has no team in the CRM
		}
		switch n := r.IntN(10); {
		case n < 7:
			d.customer = fmt.Sprintf("c%04d", r.IntN(nCustomers))
		case n < 9:
			d.customer = fmt.Sprintf("implicit%03d", r.IntN(nCustomers/8+1))
		}
		if r.IntN(4) == 0 {
			d.cost = cost(d.amount * int64(r.IntN(90)) / 100)
		} else if r.IntN(3) == 0 {
			d.cost = cost(int64(r.IntN(1000)))
		}
		if r.IntN(2) == 0 {
			d.discount = disc(float64(r.IntN(5)) * 2.5) // 0 counts as given
		}
		created := r.IntN(span)
		d.created = day(start, created)
		if r.IntN(10) == 0 {
			d.created = pick(edges...)
			created = int(oracleDay(d.created).Sub(start).Hours() / 24)
		}
		switch n := r.IntN(10); {
		case n < 4:
			d.stage = "won"
		case n < 7:
			d.stage = "lost"
		default:
			d.stage = "open"
		}
		if d.stage != "open" || r.IntN(3) == 0 {
			// Open deals sometimes carry an expected close date.
			cycle := r.IntN(120)
			switch r.IntN(20) {
			case 0, 1:
				cycle = 0
			case 2:
				cycle = -1 - r.IntN(60) // keyed in after it closed
			}
			d.closed = day(start, created+cycle)
		}
		if r.IntN(25) == 0 {
			d.amount = -d.amount // a credit
		}
		if d.stage == "open" && r.IntN(5) == 0 || d.stage != "open" && r.IntN(25) == 0 {
			d.created = ""
		}
		f.deals = append(f.deals, d)
	}
	channels := []string{"ads", "events", "content", "sdr"}
	seen := map[string]bool{}
	for len(f.spend) < nSpend {
		s := fSpend{date: randDay(), channel: channels[r.IntN(len(channels))], amount: int64(r.IntN(200_000))}
		if seen[s.date+s.channel] {
			continue
		}
		seen[s.date+s.channel] = true
		if r.IntN(10) == 0 {
			s.currency = "EUR"
		}
		f.spend = append(f.spend, s)
	}
	addLifecycles(r, &f, day)
	return f
}

// addLifecycles gives some customers of f subscriptions (paid or free,
// ending or running) and others, who have no won deal, churn events, some
// with a return and a second churn: customers with several intervals
// (docs/metrics.md, "Customers who leave and come back"). No event
// contradicts the others.
func addLifecycles(r *rand.Rand, f *fixture, day func(time.Time, int) string) {
	won := map[string]bool{}
	for _, d := range f.deals {
		if d.stage == "won" && d.closed != "" {
			won[d.customer] = true
		}
	}
	for _, c := range f.customers {
		if c.acquired == "" {
			continue
		}
		acq := oracleDay(c.acquired)
		switch n := r.IntN(12); {
		case n < 2:
			for j := range 1 + r.IntN(3) {
				s := fSub{id: fmt.Sprintf("s-%s-%d", c.id, j), customer: c.id, start: day(acq, r.IntN(300)), free: r.IntN(8) == 0}
				if r.IntN(3) > 0 {
					s.end = day(oracleDay(s.start), 10+r.IntN(200))
				}
				f.subs = append(f.subs, s)
			}
		case n < 4 && c.churned == "" && !won[c.id]:
			e := fEvent{customer: c.id, day: day(acq, 1+r.IntN(300))}
			if r.IntN(2) == 0 {
				e.back = day(oracleDay(e.day), 1+r.IntN(60))
			}
			f.events = append(f.events, e)
			if e.back != "" && r.IntN(2) == 0 {
				f.events = append(f.events, fEvent{customer: c.id, day: day(oracleDay(e.back), 1+r.IntN(100))})
			}
		}
	}
}

// measurable is what the metrics tests' data holds: its files carried
// every field, so every metric is measured.
var measurable = metric.Inputs{
	Carried: map[string][]string{
		"deals":     {"id", "stage", "amount", "cost", "discount", "created_at", "closed_at"},
		"customers": {"id", "acquired_at", "churned_at"},
		"spend":     {"date", "channel", "amount"},
	},
	DatedDeals: true, WonDeals: true, LostDeals: true, AcquiredCustomers: true,
}

// valuesOf computes the metrics from the store's aggregates the way the
// command line shows them: spend and cac null outside company scope.
func valuesOf(a metric.Aggregates, scope metric.Scope) map[string]*float64 {
	out := map[string]*float64{}
	for _, v := range metric.Compute(a, measurable) {
		out[v.Metric.ID] = v.Number()
		if v.Metric.CompanyOnly && !scope.IsCompany() {
			out[v.Metric.ID] = nil
		}
	}
	return out
}

// diffValues lists the metrics whose values differ beyond rounding.
func diffValues(got, want map[string]*float64) []string {
	var diffs []string
	for _, m := range metric.Metrics() {
		g, w := got[m.ID], want[m.ID]
		switch {
		case g == nil && w == nil:
		case g == nil || w == nil:
			diffs = append(diffs, fmt.Sprintf("%s: got %s, want %s", m.ID, show(g), show(w)))
		case math.Abs(*g-*w) > 1e-9*math.Max(1, math.Abs(*w)):
			diffs = append(diffs, fmt.Sprintf("%s: got %v, want %v", m.ID, *g, *w))
		}
	}
	return diffs
}

func show(p *float64) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprint(*p)
}

// effective returns the effective range of a period spec at an as-of date.
func effective(t *testing.T, spec, asOf string, fy time.Month) (string, string) {
	t.Helper()
	d, err := metric.ParseDate(asOf)
	if err != nil {
		t.Fatal(err)
	}
	p, err := metric.ParsePeriod(spec, d, fy)
	if err != nil {
		t.Fatal(err)
	}
	eff, ok := p.Effective(d)
	if !ok {
		t.Fatalf("period %s has not started by %s", spec, asOf)
	}
	return metric.FormatDate(eff.Start), metric.FormatDate(eff.End)
}

// TestAggregatesMatchOracle checks every metric, for several periods and
// scopes, against the independent implementation in metrics_oracle_test.go.
func TestAggregatesMatchOracle(t *testing.T) { forEngines(t, testAggregatesMatchOracle) }

func testAggregatesMatchOracle(t *testing.T, open opener) {
	f := randomFixture(1, 4000, 600, 1500)
	db := open(t)
	mustLoad(t, db, f)
	ctx := context.Background()

	periods := []struct {
		name, spec, asOf string
		fy               time.Month
	}{
		{"quarter", "2027-Q1", "2028-01-01", time.January},
		{"month", "2027-03", "2028-01-01", time.January},
		{"iso week", "2027-W05", "2028-01-01", time.January},
		{"week spanning two years", "2026-W53", "2028-01-01", time.January},
		{"year", "2027", "2028-01-01", time.January},
		{"fiscal year from April", "2027", "2028-01-01", time.April},
		{"fiscal quarter from April", "2027-Q1", "2028-01-01", time.April},
		{"custom range", "2026-11-15..2027-02-10", "2028-01-01", time.January},
		{"as-of inside the period", "2027-Q2", "2027-05-17", time.January},
		{"as-of on the first day", "2027-Q2", "2027-04-01", time.January},
	}
	scopes := []metric.Scope{
		{Level: metric.Company},
		{Level: metric.Owner, Value: "ana"},
		{Level: metric.Owner, Value: ""},
		{Level: metric.Team, Value: "west"},
	}
	for _, p := range periods {
		from, to := effective(t, p.spec, p.asOf, p.fy)
		for _, sc := range scopes {
			t.Run(fmt.Sprintf("%s/%s=%s", p.name, sc.Level, sc.Value), func(t *testing.T) {
				q := query(t, from, to, sc)
				a, err := db.Aggregates(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				want := oracle(f, from, to, sc, "USD")
				for _, d := range diffValues(valuesOf(a, sc), want.values) {
					t.Errorf("%s..%s: %s", from, to, d)
				}
				if a.OtherCurrency != want.otherCurrency {
					t.Errorf("OtherCurrency = %d, want %d", a.OtherCurrency, want.otherCurrency)
				}
				if !want.active {
					t.Errorf("the fixture has nothing in %s..%s for this scope: the case tests nothing", from, to)
				}
			})
		}
	}

	// Grouped: each group must equal the same query scoped to the group,
	// and every owner, team or month with anything in the range must be a
	// group.
	for _, p := range periods {
		from, to := effective(t, p.spec, p.asOf, p.fy)
		for _, by := range []measure.GroupBy{measure.ByOwner, measure.ByTeam, measure.ByMonth} {
			t.Run(fmt.Sprintf("%s/by %s", p.name, by), func(t *testing.T) {
				q := query(t, from, to, metric.Scope{Level: metric.Company})
				gs, err := db.AggregatesBy(ctx, q, by)
				if err != nil {
					t.Fatal(err)
				}
				got := map[string]measure.Group{}
				for _, g := range gs {
					got[g.Key] = g
				}
				var candidates []string
				switch by {
				case measure.ByOwner:
					candidates = []string{"ana", "bo", "cy", "dee", "eli", "", "nobody"}
				case measure.ByTeam:
					candidates = []string{"east", "west", "north", "", "nobody"}
				case measure.ByMonth:
					for m := oracleDay(from[:8] + "01"); !m.After(oracleDay(to)); m = m.AddDate(0, 1, 0) {
						candidates = append(candidates, m.Format("2006-01"))
					}
				}
				for _, k := range candidates {
					sc, gFrom, gTo := metric.Scope{Level: metric.Company}, from, to
					switch by {
					case measure.ByOwner:
						sc = metric.Scope{Level: metric.Owner, Value: k}
					case measure.ByTeam:
						sc = metric.Scope{Level: metric.Team, Value: k}
					case measure.ByMonth:
						m := oracleDay(k + "-01")
						gFrom = max(from, m.Format("2006-01-02"))
						gTo = min(to, m.AddDate(0, 1, -1).Format("2006-01-02"))
					}
					want := oracle(f, gFrom, gTo, sc, "USD")
					g, ok := got[k]
					delete(got, k)
					if !ok {
						if want.active || by == measure.ByMonth {
							t.Errorf("group %q missing", k)
						}
						continue
					}
					if gotFrom, gotTo := metric.FormatDate(g.From), metric.FormatDate(g.To); gotFrom != gFrom || gotTo != gTo {
						t.Errorf("group %q covers %s..%s, want %s..%s", k, gotFrom, gotTo, gFrom, gTo)
					}
					for _, d := range diffValues(valuesOf(g.Aggregates, sc), want.values) {
						t.Errorf("group %q: %s", k, d)
					}
					if g.Aggregates.OtherCurrency != want.otherCurrency {
						t.Errorf("group %q: OtherCurrency = %d, want %d", k, g.Aggregates.OtherCurrency, want.otherCurrency)
					}
				}
				for k := range got {
					t.Errorf("unexpected group %q", k)
				}
			})
		}
	}
}

// TestRetentionPlusChurn checks, over random data, periods and scopes, the
// property docs/metrics.md promises: for the same scope and period
// retention-rate + churn-rate = 100, each between 0 and 100, both null
// together (no starting cohort); and churned-customers = S − R.
func TestRetentionPlusChurn(t *testing.T) { forEngines(t, testRetentionPlusChurn) }

func testRetentionPlusChurn(t *testing.T, open opener) {
	ctx := context.Background()
	for seed := uint64(2); seed < 5; seed++ {
		f := randomFixture(seed, 600, 300, 10)
		db := open(t)
		mustLoad(t, db, f)
		r := rand.New(rand.NewPCG(seed, 7))
		checked := 0
		for range 60 {
			from := metric.Date(2025, time.October, 1).AddDate(0, 0, r.IntN(900))
			to := from.AddDate(0, 0, r.IntN(200))
			sc := []metric.Scope{{Level: metric.Company}, {Level: metric.Owner, Value: "ana"}, {Level: metric.Team, Value: "west"}}[r.IntN(3)]
			q := measure.Query{From: from, To: to, Scope: sc, Currency: "USD"}
			groups, err := db.AggregatesBy(ctx, q, measure.ByMonth)
			if err != nil {
				t.Fatal(err)
			}
			a, err := db.Aggregates(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range append(groups, measure.Group{Key: "whole", Aggregates: a}) {
				v := valuesOf(g.Aggregates, sc)
				ret, churn, lost := v["retention-rate"], v["churn-rate"], v["churned-customers"]
				where := fmt.Sprintf("seed %d, %s..%s, %s, group %s", seed, metric.FormatDate(from), metric.FormatDate(to), sc, g.Key)
				if (ret == nil) != (churn == nil) || (ret == nil) != (g.Aggregates.CustomersStart == 0) {
					t.Fatalf("%s: retention %s, churn %s with S = %d: want both null exactly when S = 0", where, show(ret), show(churn), g.Aggregates.CustomersStart)
				}
				if *lost != float64(g.Aggregates.CustomersStart-g.Aggregates.Retained) {
					t.Fatalf("%s: churned-customers %v, want S − R = %d", where, *lost, g.Aggregates.CustomersStart-g.Aggregates.Retained)
				}
				if ret == nil {
					continue
				}
				if math.Abs(*ret+*churn-100) > 1e-9 || *ret < 0 || *ret > 100 || *churn < 0 || *churn > 100 {
					t.Fatalf("%s: retention %v + churn %v: want 100, each within 0..100", where, *ret, *churn)
				}
				checked++
			}
		}
		if checked < 50 {
			t.Errorf("seed %d: only %d periods had a starting cohort: the property was barely tested", seed, checked)
		}
	}
}
