//go:build ignore

// gen writes the demo's sample exports (deals.csv, customers.csv,
// spend.csv) for Northwind Analytics, a small software company, from
// January 2025 to the demo's as-of date, 2026-11-18. It is deterministic:
// run it again and the files do not change.
//
//	go run ./cmd/demodata/gen.go   (from the repository root, writes into cmd/demodata)
//
// The monthly plan below is shaped so that the demo's nine goals end up in
// different states on 2026-11-18: the fourth quarter closes deals faster
// but wins fewer of them, October's revenue beats September's, discounts
// keep creeping in, churn slows down after a bad 2025, and so on.
package main

import (
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"
)

// asOf is the last day of the sample data (the demo's --as-of).
var asOf = time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)

// month is what happens in one calendar month.
type month struct {
	newWon, expWon, renewWon, lost int     // deals closed in the month
	cycle                          int     // mean days from created to won
	amount, expAmount              int     // mean amounts of new and expansion deals
	discounted                     int     // won deals with a discount above 0
	open                           int     // deals created in the month and still open
	churn                          int     // customers lost in the month
	spendPerWeek                   float64 // marketing spend per Monday, all channels
}

// plan lists the months from 2025-01 to 2026-11.
func plan() []month {
	base := month{newWon: 5, expWon: 2, renewWon: 2, lost: 20, cycle: 45, amount: 12000, expAmount: 7000,
		discounted: 4, open: 1, churn: 2, spendPerWeek: 12500}
	ms := make([]month, 23)
	churn2025 := []int{2, 2, 3, 2, 2, 3, 2, 2, 3, 2, 2, 2} // 27: a bad year
	for i := range ms {
		ms[i] = base
		if i < 12 {
			ms[i].churn = churn2025[i]
		}
	}
	// 2026-H1: a little more business, churn slows down (15 in six months).
	for i, c := range []int{3, 2, 3, 2, 3, 2} {
		m := &ms[12+i]
		m.newWon, m.lost, m.cycle, m.churn = 6, 22, 44, c
	}
	// 2026-Q3: the baseline quarter of the Q4 goals.
	for i := 18; i <= 20; i++ {
		m := &ms[i]
		m.newWon, m.expWon, m.renewWon, m.lost, m.cycle, m.discounted, m.open, m.churn = 6, 2, 2, 23, 42, 4, 3, 2
	}
	// 2026-10: bigger deals, shorter cycles (email search automated), more
	// losses, and more discounts.
	ms[21] = month{newWon: 7, expWon: 3, renewWon: 2, lost: 36, cycle: 33, amount: 14000, expAmount: 8000,
		discounted: 7, open: 20, churn: 1, spendPerWeek: 15750}
	// 2026-11, up to the 18th.
	ms[22] = month{newWon: 3, expWon: 2, renewWon: 1, lost: 18, cycle: 33, amount: 13000, expAmount: 8000,
		discounted: 3, open: 28, churn: 1, spendPerWeek: 8200}
	return ms
}

var owners = []struct{ name, team string }{
	{"Ana Silva", "Inbound"}, {"Ben Okafor", "Inbound"}, {"Chloé Martin", "Inbound"},
	{"Dev Patel", "Outbound"}, {"Eva Novak", "Outbound"}, {"Felix Wang", "Outbound"},
}

var (
	prefixes = []string{"Acme", "Blue", "Cedar", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Iris", "Juniper",
		"Kestrel", "Lumen", "Maple", "Nimbus", "Orbit", "Pioneer", "Quartz", "River", "Summit", "Tidal"}
	suffixes = []string{"Logistics", "Foods", "Health", "Labs", "Retail", "Energy", "Media", "Bank", "Travel", "Works",
		"Systems", "Freight", "Clinics", "Studios", "Foundry", "Insurance", "Hotels", "Farms", "Robotics", "Outfitters"}
	segments = []string{"SMB", "SMB", "Mid-market", "Enterprise"}
)

type customer struct {
	id, name, owner, team, segment string
	acquired, churned              time.Time
	given                          bool // acquired_at in the customers file (else: first won deal)
}

type deal struct {
	id, name, customer, owner, team, stage, typ string
	amount, cost                                int
	discount                                    int // -1: not given
	created, closed                             time.Time
}

func main() {
	r := rand.New(rand.NewPCG(2026, 11))
	dir := "cmd/demodata"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	var customers []*customer
	names := map[string]bool{}
	newCustomer := func(acq time.Time, given bool) *customer {
		var name string
		for {
			name = prefixes[r.IntN(len(prefixes))] + " " + suffixes[r.IntN(len(suffixes))]
			if !names[name] {
				break
			}
		}
		names[name] = true
		o := owners[r.IntN(len(owners))]
		c := &customer{id: fmt.Sprintf("C-%03d", len(customers)+1), name: name, owner: o.name, team: o.team,
			segment: segments[r.IntN(len(segments))], acquired: acq, given: given}
		customers = append(customers, c)
		return c
	}
	// The customer base before 2025: 90 customers won over three years.
	for range 90 {
		newCustomer(time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(3*365)), true)
	}

	var deals []deal
	addDeal := func(d deal) {
		d.id = fmt.Sprintf("D-%04d", 1001+len(deals))
		deals = append(deals, d)
	}
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, m := range plan() {
		first := start.AddDate(0, i, 0)
		last := first.AddDate(0, 1, -1)
		if last.After(asOf) {
			last = asOf
		}
		days := int(last.Sub(first).Hours()/24) + 1
		day := func() time.Time { return first.AddDate(0, 0, r.IntN(days)) }
		cycle := func(mean int) int { return max(3, mean-mean*2/5+r.IntN(mean*4/5+1)) }
		active := func(at time.Time) []*customer {
			var out []*customer
			for _, c := range customers {
				if !c.acquired.IsZero() && c.acquired.Before(at) && (c.churned.IsZero() || c.churned.After(at)) {
					out = append(out, c)
				}
			}
			return out
		}
		won := m.newWon + m.expWon + m.renewWon
		discounted := r.Perm(won)[:m.discounted]
		isDiscounted := map[int]bool{}
		for _, k := range discounted {
			isDiscounted[k] = true
		}
		for k := range won {
			closed := day()
			o := owners[r.IntN(len(owners))]
			d := deal{owner: o.name, team: o.team, stage: "won", closed: closed, discount: 0}
			switch {
			case k < m.newWon:
				c := newCustomer(closed, false)
				c.owner, c.team = o.name, o.team
				d.customer, d.typ, d.name = c.id, "new", c.name+" — platform"
				d.amount = spread(r, m.amount, 30)
			case k < m.newWon+m.expWon:
				cs := active(closed)
				c := cs[r.IntN(len(cs))]
				d.customer, d.name = c.id, c.name+" — more seats"
				d.typ = []string{"upsell", "cross-sell"}[r.IntN(2)]
				d.amount = spread(r, m.expAmount, 20)
			default:
				cs := active(closed)
				c := cs[r.IntN(len(cs))]
				d.customer, d.typ, d.name = c.id, "renewal", c.name+" — renewal"
				d.amount = spread(r, 9000, 15)
			}
			d.created = closed.AddDate(0, 0, -cycle(m.cycle))
			if isDiscounted[k] {
				d.discount = 5 + 5*r.IntN(4)
			}
			if r.IntN(5) > 0 {
				d.cost = d.amount * (30 + r.IntN(16)) / 100
			} else {
				d.cost = -1
			}
			addDeal(d)
		}
		for range m.lost {
			closed := day()
			o := owners[r.IntN(len(owners))]
			addDeal(deal{name: prefixes[r.IntN(len(prefixes))] + " " + suffixes[r.IntN(len(suffixes))] + " — platform",
				owner: o.name, team: o.team, stage: "lost", typ: "new", amount: spread(r, m.amount, 30), cost: -1,
				discount: -1, closed: closed, created: closed.AddDate(0, 0, -cycle(30))})
		}
		for range m.open {
			o := owners[r.IntN(len(owners))]
			addDeal(deal{name: prefixes[r.IntN(len(prefixes))] + " " + suffixes[r.IntN(len(suffixes))] + " — platform",
				owner: o.name, team: o.team, stage: "open", typ: "new", amount: spread(r, m.amount, 30), cost: -1,
				discount: -1, created: day()})
		}
		// Churn: customers who have been with us since before this year.
		yearStart := time.Date(first.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		for range m.churn {
			var pool []*customer
			for _, c := range active(first) {
				if c.acquired.Before(yearStart) && c.churned.IsZero() {
					pool = append(pool, c)
				}
			}
			pool[r.IntN(len(pool))].churned = day()
		}
	}
	sort.SliceStable(deals, func(i, j int) bool { return deals[i].id < deals[j].id })

	write(filepath.Join(dir, "deals.csv"), []string{"id", "name", "customer_id", "owner", "team", "stage", "type",
		"amount", "cost", "discount", "currency", "created_at", "closed_at"}, len(deals), func(i int) []string {
		d := deals[i]
		return []string{d.id, d.name, d.customer, d.owner, d.team, d.stage, d.typ, strconv.Itoa(d.amount),
			opt(d.cost), opt(d.discount), "USD", date(d.created), date(d.closed)}
	})
	write(filepath.Join(dir, "customers.csv"), []string{"id", "name", "owner", "team", "segment", "acquired_at", "churned_at"},
		len(customers), func(i int) []string {
			c := customers[i]
			acq := ""
			if c.given {
				acq = date(c.acquired)
			}
			return []string{c.id, c.name, c.owner, c.team, c.segment, acq, date(c.churned)}
		})

	// Spend: every Monday, four marketing channels, plus the sales team's
	// tools on the first of the month.
	type row struct {
		date, channel, category string
		amount                  float64
	}
	var spend []row
	channels := []struct {
		name  string
		share float64
	}{{"Google Ads", 0.4}, {"LinkedIn Ads", 0.3}, {"Events", 0.2}, {"Content", 0.1}}
	ms := plan()
	for d := start; !d.After(asOf); d = d.AddDate(0, 0, 1) {
		m := ms[(d.Year()-2025)*12+int(d.Month())-1]
		if d.Weekday() == time.Monday {
			for _, c := range channels {
				spend = append(spend, row{date(d), c.name, "marketing", m.spendPerWeek * c.share})
			}
		}
	}
	write(filepath.Join(dir, "spend.csv"), []string{"date", "channel", "category", "amount"}, len(spend), func(i int) []string {
		s := spend[i]
		return []string{s.date, s.channel, s.category, strconv.FormatFloat(s.amount, 'f', 2, 64)}
	})
}

// spread returns mean ± pct%, rounded to tens.
func spread(r *rand.Rand, mean, pct int) int {
	d := mean * pct / 100
	return (mean - d + r.IntN(2*d+1)) / 10 * 10
}

func opt(n int) string {
	if n < 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func write(path string, header []string, n int, row func(int) []string) {
	f, err := os.Create(path)
	if err != nil {
		panic(err)
	}
	w := csv.NewWriter(f)
	w.Write(header)
	for i := range n {
		w.Write(row(i))
	}
	w.Flush()
	if err := w.Error(); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
}
