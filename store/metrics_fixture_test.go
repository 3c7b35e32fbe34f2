package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// The rows the metrics tests load, in the form an export gives them. Empty
// strings are empty cells; cost and discount are nil when not given.
type (
	fDeal struct {
		id, customer, owner, team, stage, typ string
		amount                                int64
		cost                                  *int64
		discount                              *float64
		currency                              string // "" = USD
		created, closed                       string
	}
	fCustomer struct {
		id, owner, team, acquired, churned string
	}
	fSpend struct {
		date, channel string
		amount        int64
		currency      string // "" = USD
	}
	// A churn event: a churn on day, the customer back on back ("" for
	// not yet).
	fEvent struct {
		customer, day, back string
	}
	// A subscription; free ones keep no customer active.
	fSub struct {
		id, customer, start, end string
		free                     bool
	}
	fixture struct {
		deals     []fDeal
		customers []fCustomer
		spend     []fSpend
		events    []fEvent
		subs      []fSub
	}
)

func cost(c int64) *int64 { return &c }

// money writes minor units as an export does: 123456 → 1234.56.
func money(c int64) string {
	if c < 0 {
		return fmt.Sprintf("-%d.%02d", -c/100, -c%100)
	}
	return fmt.Sprintf("%d.%02d", c/100, c%100)
}
func disc(d float64) *float64 { return &d }
func orUSD(c string) string {
	if c == "" {
		return "USD"
	}
	return c
}

// mustLoad imports the fixture through Import, as three CSV files
// (customers, then deals, then spend), so that implicit customers and
// first_won_at are derived exactly as a real import derives them.
func mustLoad(tb testing.TB, db *DB, f fixture) {
	tb.Helper()
	var customers, deals, spend strings.Builder
	customers.WriteString("id,owner,team,acquired_at,churned_at\n")
	for _, c := range f.customers {
		fmt.Fprintf(&customers, "%s,%s,%s,%s,%s\n", c.id, c.owner, c.team, c.acquired, c.churned)
	}
	deals.WriteString("id,customer_id,owner,team,stage,type,amount,cost,discount,currency,created_at,closed_at\n")
	for _, d := range f.deals {
		var c, dc string
		if d.cost != nil {
			c = money(*d.cost)
		}
		if d.discount != nil {
			dc = strconv.FormatFloat(*d.discount, 'f', -1, 64)
		}
		fmt.Fprintf(&deals, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", d.id, d.customer, d.owner, d.team, d.stage, d.typ,
			money(d.amount), c, dc, orUSD(d.currency), d.created, d.closed)
	}
	spend.WriteString("date,channel,amount,currency\n")
	for _, s := range f.spend {
		fmt.Fprintf(&spend, "%s,%s,%s,%s\n", s.date, s.channel, money(s.amount), orUSD(s.currency))
	}
	var events, subs strings.Builder
	events.WriteString("customer_id,churn_date,reactivated_at\n")
	for _, e := range f.events {
		fmt.Fprintf(&events, "%s,%s,%s\n", e.customer, e.day, e.back)
	}
	subs.WriteString("subscription_id,customer_id,start_date,end_date,mrr\n")
	for _, s := range f.subs {
		mrr := "100"
		if s.free {
			mrr = "0"
		}
		fmt.Fprintf(&subs, "%s,%s,%s,%s,%s\n", s.id, s.customer, s.start, s.end, mrr)
	}
	for _, file := range []struct {
		kind Kind
		csv  string
		rows int
	}{
		{KindCustomers, customers.String(), len(f.customers)},
		{KindDeals, deals.String(), len(f.deals)},
		{KindSpend, spend.String(), len(f.spend)},
		{KindSubs, subs.String(), len(f.subs)},
		{KindEvents, events.String(), len(f.events)},
	} {
		if file.rows == 0 {
			continue
		}
		res, err := db.Import(context.Background(), strings.NewReader(file.csv), ImportOptions{File: string(file.kind) + ".csv", Kind: file.kind})
		if err != nil {
			for _, p := range res.Problems {
				tb.Log(p)
			}
			tb.Fatalf("import %s: %v", file.kind, err)
		}
		if res.Rows != int64(file.rows) {
			tb.Fatalf("import %s: %d rows, want %d", file.kind, res.Rows, file.rows)
		}
	}
}
