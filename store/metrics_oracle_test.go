package store

import (
	"slices"
	"sort"
	"time"

	"github.com/salesgoal/salesgoal/metric"
)

// This file is a second implementation of docs/metrics.md, written from its
// text with plain loops over the generated rows and no SQL, against which
// the store's aggregates (through metric.Compute) are checked.

// oracleResult is every metric's value (nil for null), plus what the test
// needs to know whether a group has anything in the range.
type oracleResult struct {
	values        map[string]*float64
	otherCurrency int64
	active        bool // a deal closed or created in P, or a customer in S or N
}

// oracleDay parses an ISO date; "" is the zero time.
func oracleDay(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// within reports whether day d (non-empty) lies in [from, to].
func within(d string, from, to time.Time) bool {
	if d == "" {
		return false
	}
	t := oracleDay(d)
	return !t.Before(from) && !t.After(to)
}

// oracleCust is a customer of the fixture and the steps of its life.
type oracleCust struct {
	owner, team string
	acq, churn  time.Time // zero: none
	given       bool      // acquired_at given: nothing before it counts
	steps       []step    // what changes whether it is active
}

// oracleCustomers returns the customers: the customers rows, plus those
// only deals name (no owner, no team). The acquisition date is
// acquired_at, else the close date of the customer's first won deal.
func oracleCustomers(f fixture) map[string]*oracleCust {
	firstWon := map[string]time.Time{}
	for _, d := range f.deals {
		if d.stage != "won" || d.customer == "" {
			continue
		}
		c := oracleDay(d.closed)
		if w, ok := firstWon[d.customer]; !ok || c.Before(w) {
			firstWon[d.customer] = c
		}
	}
	customers := map[string]*oracleCust{}
	for _, c := range f.customers {
		customers[c.id] = &oracleCust{owner: c.owner, team: c.team, acq: oracleDay(c.acquired), churn: oracleDay(c.churned)}
	}
	for _, d := range f.deals {
		if _, ok := customers[d.customer]; !ok && d.customer != "" {
			customers[d.customer] = &oracleCust{}
		}
	}
	for id, c := range customers {
		c.given = !c.acq.IsZero()
		if c.acq.IsZero() {
			c.acq = firstWon[id] // still zero when it never won: a prospect
		}
	}
	lifeSteps(f, func(id string, s step) {
		if c, ok := customers[id]; ok {
			c.steps = append(c.steps, s)
		}
	})
	for _, c := range customers {
		if !c.acq.IsZero() {
			c.steps = append(c.steps, step{day: c.acq, what: stepStart})
		}
		if !c.churn.IsZero() {
			c.steps = append(c.steps, step{day: c.churn, what: stepEnd})
		}
		sort.SliceStable(c.steps, func(i, j int) bool {
			a, b := c.steps[i], c.steps[j]
			return a.day.Before(b.day) || a.day.Equal(b.day) && a.what < b.what
		})
		if c.given { // nothing before acquired_at counts
			c.steps = slices.DeleteFunc(c.steps, func(s step) bool { return s.day.Before(c.acq) })
		}
	}
	return customers
}

// activeOn is whether c is active on day d (docs/metrics.md, "Customers
// who leave and come back"): what its steps up to the end of d leave it.
func (c *oracleCust) activeOn(d time.Time) bool { return replay(c.steps, d) }

// oracleIsExpansion reports whether won deal d counts as expansion: an
// expansion deal (oracleExpansion) unless it is untyped and brought its
// customer back (inactive the day before, active again on its close, not
// the customer's first day): that is a reactivation.
func oracleIsExpansion(f fixture, customers map[string]*oracleCust, d fDeal) bool {
	if !oracleExpansion(f, d) {
		return false
	}
	if d.typ != "" {
		return true
	}
	c, closed := customers[d.customer], oracleDay(d.closed)
	return !(closed.After(firstStart(c.steps)) && c.activeOn(closed) && !c.activeOn(closed.AddDate(0, 0, -1)))
}

// oracle computes every metric of docs/metrics.md over [from, to] for the
// scope ("" kind = company). Spend and cac are null for a scoped query.
func oracle(f fixture, from, to string, scope metric.Scope, currency string) oracleResult {
	s, e := oracleDay(from), oracleDay(to)
	inScope := func(owner, team string) bool { return oracleInScope(scope, owner, team) }
	cur := func(c string) bool { return orUSD(c) == currency }

	customers := oracleCustomers(f)

	var won, lost, wonCur, revenue, sized, cycleSum int64
	var cycles []int64
	var withCost, costAmount, costSum int64
	var withDiscount, discounted int64
	var discountSum float64
	var newDeals, pipeline int64
	var expansion, expansionAmount int64
	other := map[string]bool{}
	for _, d := range f.deals {
		if !inScope(d.owner, d.team) {
			continue
		}
		if within(d.created, s, e) {
			newDeals++
			if cur(d.currency) {
				pipeline += d.amount
			} else {
				other[d.id] = true
			}
		}
		if d.stage == "lost" && within(d.closed, s, e) {
			lost++
		}
		if d.stage != "won" || !within(d.closed, s, e) {
			continue
		}
		won++
		// Cycle time leaves out a deal that closed before it was created,
		// or has no created date (docs/import.md, "Unusual values").
		if d.created != "" && d.closed >= d.created {
			days := int64(oracleDay(d.closed).Sub(oracleDay(d.created)).Hours() / 24)
			cycleSum += days
			cycles = append(cycles, days)
		}
		if cur(d.currency) {
			// Revenue is net of credits; the average deal size leaves them out.
			revenue += d.amount
			if d.amount >= 0 {
				wonCur++
				sized += d.amount
			}
			if d.cost != nil {
				withCost++
				costAmount += d.amount
				costSum += *d.cost
			}
		} else {
			other[d.id] = true
		}
		if d.discount != nil && d.amount >= 0 {
			withDiscount++
			discountSum += *d.discount
			if *d.discount > 0 {
				discounted++
			}
		}
		if oracleIsExpansion(f, customers, d) {
			expansion++
			if cur(d.currency) {
				expansionAmount += d.amount
			}
		}
	}

	// The starting cohort S (active the day before P), those of it still
	// active on P's last day (R), and N, acquired in P; C = S − R.
	// N counts the first interval's start (the first step that makes the
	// customer active, even for no day), B those that became active again
	// on a day of P after their first (reactivated).
	var S, R, N, B int64
	dayBefore := s.AddDate(0, 0, -1)
	for _, c := range customers {
		if !inScope(c.owner, c.team) || c.acq.IsZero() {
			continue
		}
		if c.activeOn(dayBefore) {
			S++
			if c.activeOn(e) {
				R++
			}
		}
		first := firstStart(c.steps)
		if !first.Before(s) && !first.After(e) {
			N++
		}
		for d := s; !d.After(e); d = d.AddDate(0, 0, 1) {
			if d.After(first) && c.activeOn(d) && !c.activeOn(d.AddDate(0, 0, -1)) {
				B++
				break
			}
		}
	}
	C := S - R

	var spend int64
	for _, sp := range f.spend {
		if within(sp.date, s, e) && cur(sp.currency) {
			spend += sp.amount
		}
	}

	num := func(x float64) *float64 { return &x }
	ratio := func(n, d float64) *float64 {
		if d == 0 {
			return nil
		}
		return num(n / d)
	}
	var median *float64
	if len(cycles) > 0 {
		sort.Slice(cycles, func(i, j int) bool { return cycles[i] < cycles[j] })
		n := len(cycles)
		if n%2 == 1 {
			median = num(float64(cycles[n/2]))
		} else {
			median = num(float64(cycles[n/2-1]+cycles[n/2]) / 2)
		}
	}
	v := map[string]*float64{
		"avg-cycle-days":        ratio(float64(cycleSum), float64(len(cycles))),
		"median-cycle-days":     median,
		"new-deals":             num(float64(newDeals)),
		"pipeline-value":        num(float64(pipeline) / 100),
		"win-rate":              ratio(100*float64(won), float64(won+lost)),
		"revenue":               num(float64(revenue) / 100),
		"avg-deal-size":         ratio(float64(sized)/100, float64(wonCur)),
		"gross-margin":          nil,
		"discounted-deals":      num(float64(discounted)),
		"avg-discount":          ratio(discountSum, float64(withDiscount)),
		"cac":                   ratio(float64(spend)/100, float64(N)),
		"spend":                 num(float64(spend) / 100),
		"new-customers":         num(float64(N)),
		"retention-rate":        ratio(100*float64(R), float64(S)),
		"reactivated-customers": num(float64(B)),
		"churn-rate":            ratio(100*float64(C), float64(S)),
		"churned-customers":     num(float64(C)),
		"expansion-revenue":     num(float64(expansionAmount) / 100),
		"expansion-deals":       num(float64(expansion)),
	}
	if withCost > 0 {
		v["gross-margin"] = ratio(100*float64(costAmount-costSum), float64(costAmount))
	}
	if !scope.IsCompany() {
		v["cac"], v["spend"] = nil, nil
	}
	return oracleResult{
		values:        v,
		otherCurrency: int64(len(other)),
		active:        won+lost+newDeals+S+N+B > 0,
	}
}

// oracleExpansion reports whether won deal d is an expansion deal: upsell
// or cross-sell, or untyped with a customer who had an earlier won deal,
// by anyone.
func oracleExpansion(f fixture, d fDeal) bool {
	if d.typ == "upsell" || d.typ == "cross-sell" {
		return true
	}
	if d.typ == "" && d.customer != "" {
		for _, o := range f.deals {
			if o.customer == d.customer && o.stage == "won" && oracleDay(o.closed).Before(oracleDay(d.closed)) {
				return true
			}
		}
	}
	return false
}

// oracleInScope reports whether a row of owner and team counts for scope.
func oracleInScope(scope metric.Scope, owner, team string) bool {
	switch scope.Level {
	case metric.Owner:
		return owner == scope.Value
	case metric.Team:
		return team == scope.Value
	}
	return true
}

// A step in a customer's life, in the order they apply on one day:
// what starts it (acquisition, a won deal, a paid subscription), what
// ends it (churned_at, the last paid subscription running ending), a
// churn event, a return.
type step struct {
	day  time.Time
	what int
}

const (
	stepStart = iota
	stepEnd
	stepChurn
	stepBack
)

// lifeSteps calls fn with the steps of the fixture's won deals,
// subscriptions and churn events, by customer.
func lifeSteps(f fixture, fn func(string, step)) {
	for _, d := range f.deals {
		if d.stage == "won" && d.customer != "" && d.closed != "" {
			fn(d.customer, step{oracleDay(d.closed), stepStart})
		}
	}
	runs := func(s fSub, d time.Time) bool {
		return !s.free && !oracleDay(s.start).After(d) && (s.end == "" || oracleDay(s.end).After(d))
	}
	for _, s := range f.subs {
		if s.free || s.end != "" && s.end <= s.start {
			continue
		}
		fn(s.customer, step{oracleDay(s.start), stepStart})
		if s.end == "" {
			continue
		}
		end, other := oracleDay(s.end), false
		for _, o := range f.subs {
			other = other || o.customer == s.customer && runs(o, end)
		}
		if !other {
			fn(s.customer, step{end, stepEnd})
		}
	}
	for _, e := range f.events {
		fn(e.customer, step{oracleDay(e.day), stepChurn})
		if e.back != "" {
			fn(e.customer, step{oracleDay(e.back), stepBack})
		}
	}
}

// replay is whether the steps (sorted) leave a customer active at the end
// of day d.
func replay(steps []step, d time.Time) bool {
	active := false
	for _, s := range steps {
		if s.day.After(d) {
			break
		}
		active = s.what == stepStart || s.what == stepBack || active && s.what != stepEnd && s.what != stepChurn
	}
	return active
}

// firstStart is the day of the first step that makes a customer active
// (zero: never).
func firstStart(steps []step) time.Time {
	for _, s := range steps {
		if s.what == stepStart || s.what == stepBack {
			return s.day
		}
	}
	return time.Time{}
}
