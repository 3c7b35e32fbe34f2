// Package row holds the typed rows a CRM export turns into: a deal, a
// customer, a day's spend on a channel, each checked by package crm and
// written by package store. It is all that store knows of crm: it reads no
// files and speaks no SQL.
package row

import (
	"fmt"
	"strings"
)

// Kind is the kind of data a file holds, as --kind names it: deals,
// customers or spend (docs/import.md).
type Kind string

// The three kinds of file salesgoal imports.
const (
	KindDeals     Kind = "deals"
	KindCustomers Kind = "customers"
	KindSpend     Kind = "spend"
	// Customers who leave and come back (docs/import.md, "Churn events
	// and subscriptions"): one line per churn or return, one line per
	// subscription.
	KindChurnEvents   Kind = "churn-events"
	KindSubscriptions Kind = "subscriptions"
)

// Deal stages (docs/import.md).
const (
	StageWon  = "won"
	StageLost = "lost"
	StageOpen = "open"
)

// Deal is one valid line of a deals file. A field the file does not carry
// is left at its zero value; the writer then keeps what is stored.
type Deal struct {
	ID, Name, CustomerID, Owner, Team string
	Stage                             string // StageWon, StageLost or StageOpen
	StageLabel                        string // the CRM's own label, as written
	Type                              string // new, upsell, cross-sell, renewal or ""
	Amount                            int64  // minor units (cents)
	Cost                              int64  // minor units, when HasCost
	HasCost                           bool
	Discount                          float64 // a percentage 0–100, when HasDiscount
	HasDiscount                       bool
	Currency                          string
	CreatedAt, ClosedAt               string // ISO dates; "" for none
}

// Customer is one valid line of a customers file.
type Customer struct {
	ID, Name, Owner, Team, Segment string
	AcquiredAt, ChurnedAt          string // ISO dates; "" for none
}

// Spend is one valid line of a spend file: what was spent on a channel on
// a day.
type Spend struct {
	Date, Channel string // Date is ISO
	Amount        int64  // minor units
	Category      string // marketing or sales
	Currency      string
}

// ChurnEvent is one valid line of a churn-events file: a customer left on
// Day (and, with ReactivatedAt, came back on that day), or, with
// Reactivation, came back on Day.
type ChurnEvent struct {
	CustomerID    string
	Day           string // ISO
	Reactivation  bool   // the line is a return, not a churn
	ReactivatedAt string // ISO; "" for none
}

// Subscription is one valid line of a subscriptions file. Counts is false
// for a trial or a free subscription, which keeps no customer active.
type Subscription struct {
	ID, CustomerID     string
	StartedAt, EndedAt string // ISO; EndedAt "" while it runs
	Counts             bool
}

// Row is one valid line of a file: the field of the file's kind is filled.
// One value serves every line of a file, so that reading allocates no row.
type Row struct {
	Deal         Deal
	Customer     Customer
	Spend        Spend
	Event        ChurnEvent
	Subscription Subscription
}

// CurrencyCode checks a currency code and puts it in upper case: the one
// rule for a row's currency and for the database's currency setting.
func CurrencyCode(v string) (string, error) {
	u := strings.ToUpper(v)
	if len(u) != 3 || strings.Trim(u, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		return "", fmt.Errorf("%q is not a currency code: give three letters such as USD or EUR", v)
	}
	return u, nil
}
