// Package fakedeals writes synthetic deals as CSV, the same file for the
// same arguments: bench/gendeals (bench/import.sh) and the import's
// benchmarks and tests read it.
package fakedeals

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"time"
)

var (
	owners = []string{"ann", "bob", "carla", "dev", "eve", "farid", "gina", "hugo"}
	teams  = []string{"east", "east", "west", "west", "enterprise", "enterprise", "smb", "smb"}
	types  = []string{"new", "upsell", "cross-sell", "renewal", ""}
	open   = []string{"Prospecting", "Proposal", "Negotiation"}
)

// Write writes n deals over customers customers, created over three years.
func Write(w *bufio.Writer, n, customers int) error {
	return WriteChanged(w, n, customers, 0)
}

// WriteChanged writes the deals Write writes, but for changed percent of
// them, picked at random, which differ as next week's export of the same
// CRM would: an open deal won or lost, a closed one reopened, an amount
// corrected, a deal handed to another owner.
func WriteChanged(w *bufio.Writer, n, customers, changed int) error {
	r := rand.New(rand.NewPCG(1, 2))
	pick := rand.New(rand.NewPCG(3, 4)) // which rows change, and how: Write's rows stay the same
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	w.WriteString("id,name,customer_id,owner,team,stage,type,amount,cost,discount,currency,created_at,closed_at\n")
	for i := range n {
		o := r.IntN(len(owners))
		created := start.AddDate(0, 0, r.IntN(3*365))
		stage, closed := open[r.IntN(3)], ""
		switch p := r.IntN(100); {
		case p < 45:
			stage, closed = "Closed Won", created.AddDate(0, 0, 5+r.IntN(90)).Format("2006-01-02")
		case p < 75:
			stage, closed = "Closed Lost", created.AddDate(0, 0, 5+r.IntN(90)).Format("2006-01-02")
		}
		amount := 1000 + r.IntN(99000)
		cost, discount := "", ""
		if r.IntN(2) == 0 {
			cost = fmt.Sprintf("%d.00", amount*(20+r.IntN(40))/100)
		}
		if r.IntN(3) == 0 {
			discount = fmt.Sprint(r.IntN(4) * 5)
		}
		currency := "USD"
		if r.IntN(50) == 0 {
			currency = "EUR"
		}
		customer, typ, cents := r.IntN(customers)+1, types[r.IntN(len(types))], r.IntN(100)
		if pick.IntN(100) < changed {
			switch pick.IntN(4) {
			case 0:
				if closed == "" {
					stage, closed = "Closed Won", created.AddDate(0, 0, 30).Format("2006-01-02")
				} else {
					stage, closed = open[0], ""
				}
			case 1:
				amount += 500
			case 2:
				o = (o + 1) % len(owners)
			default:
				stage = "Closed Lost"
				if closed == "" {
					closed = created.AddDate(0, 0, 20).Format("2006-01-02")
				}
			}
		}
		_, err := fmt.Fprintf(w, "D-%07d,Deal %d,C-%06d,%s,%s,%s,%s,%d.%02d,%s,%s,%s,%s,%s\n",
			i+1, i+1, customer, owners[o], teams[o], stage, typ,
			amount, cents, cost, discount, currency, created.Format("2006-01-02"), closed)
		if err != nil {
			return err
		}
	}
	return nil
}
