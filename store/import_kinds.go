package store

import (
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm"
)

// This file turns one record into the values of its kind's columns,
// checking each value on the way (DESIGN §1: required fields, money,
// discounts, dates and the rules between them).

// Positions of the deal columns in plan.all (dealColumns).
const (
	dealID = iota
	dealName
	dealCustomer
	dealOwner
	dealTeam
	dealStage
	dealLabel
	dealType
	dealAmount
	dealCost
	dealDiscount
	dealCurrency
	dealCreated
	dealClosed
)

func (c *converter) deal(rec []string, line int) {
	v := c.vals
	id := c.get(rec, fldID)
	if id == "" {
		c.bad(line, fldID, "empty: every deal needs an id")
	}
	v[dealID] = id
	v[dealName], v[dealCustomer] = c.get(rec, fldName), c.get(rec, fldCustomer)
	v[dealOwner], v[dealTeam] = c.get(rec, fldOwner), c.get(rec, fldTeam)

	label := c.get(rec, fldStage)
	won, closed, status := c.flag(rec, "won"), c.flag(rec, "closed"), c.flag(rec, "status")
	stage := ""
	if label == "" && won == "" && closed == "" && status == "" {
		c.bad(line, fldStage, "empty: every deal needs a stage (won, lost or an open stage)")
	} else if s, err := c.stage(label, won, closed, status); err != nil {
		c.bad(line, fldStage, "%v", err)
	} else {
		stage = s
	}
	v[dealStage], v[dealLabel] = stage, label

	typ, err := c.dealType(c.get(rec, fldType))
	if err != nil {
		c.bad(line, fldType, "%v", err)
	}
	v[dealType] = typ

	amount := c.money(rec, line, fldAmount, "a deal's amount")
	if amount == nil {
		amount = int64(0) // DESIGN §1: an empty amount is 0
	}
	v[dealAmount] = amount
	v[dealCost] = c.money(rec, line, fldCost, "a deal's cost")
	v[dealDiscount] = c.discount(rec, line)
	v[dealCurrency] = c.currencyOf(rec, line)

	created, createdOK := c.date(rec, line, fldCreated)
	closedAt, closedOK := c.date(rec, line, fldClosed)
	v[dealCreated], v[dealClosed] = created, closedAt
	// A date the file does not carry keeps its stored value (DESIGN §1),
	// so the rules below apply to the deal as it will be.
	storedCreated, storedClosed := false, false
	if c.stored != nil && id != "" && (stage == crm.StageWon || stage == crm.StageLost || created != nil || closedAt != nil) {
		sc, sd, err := c.stored.dates(id)
		if err != nil {
			c.fatal = err
			return
		}
		if c.src.at[fldCreated] == -1 {
			created, storedCreated = sc, true
		}
		if c.src.at[fldClosed] == -1 {
			closedAt, storedClosed = sd, true
		}
	}
	if stage == crm.StageWon || stage == crm.StageLost {
		switch {
		case created == nil && storedCreated:
			c.bad(line, fldCreated, "the file has no create date and no earlier import gave deal %q one, but a %s deal needs it: import the file with its create date first, or add --map created_at=\"Your Header\"", id, stage)
		case created == nil && createdOK:
			c.bad(line, fldCreated, "empty, but a %s deal needs a create date (cycle time and periods count from it)", stage)
		}
		switch {
		case closedAt == nil && storedClosed:
			c.bad(line, fldClosed, "the file has no close date and no earlier import gave deal %q one, but a %s deal needs it: add --map closed_at=\"Your Header\"", id, stage)
		case closedAt == nil && closedOK:
			c.bad(line, fldClosed, "empty, but a %s deal needs a close date", stage)
		}
	}
	if created != nil && closedAt != nil && closedAt.(string) < created.(string) {
		switch {
		case storedCreated:
			c.bad(line, fldClosed, "%s is before the create date %s that an earlier import gave deal %q", closedAt, created, id)
		case storedClosed:
			c.bad(line, fldCreated, "%s is after the close date %s that an earlier import gave deal %q", created, closedAt, id)
		default:
			c.bad(line, fldClosed, "%s is before the create date %s", closedAt, created)
		}
	}
}

// Positions of the customer columns in plan.all (customerColumns).
const (
	custID = iota
	custName
	custOwner
	custTeam
	custSegment
	custAcquired
	custChurned
)

func (c *converter) customer(rec []string, line int) {
	v := c.vals
	id := c.get(rec, fldID)
	if id == "" {
		c.bad(line, fldID, "empty: every customer needs an id")
	}
	v[custID] = id
	v[custName], v[custOwner], v[custTeam] = c.get(rec, fldName), c.get(rec, fldOwner), c.get(rec, fldTeam)
	v[custSegment] = c.get(rec, fldSegment)
	acquired, _ := c.date(rec, line, fldAcquired)
	churned, _ := c.date(rec, line, fldChurned)
	v[custAcquired], v[custChurned] = acquired, churned
	// A date the file does not carry keeps its stored value (DESIGN §1):
	// a churn file is checked against the acquisition dates imported
	// before it, and the other way round.
	from := ""
	if c.stored != nil && id != "" && (acquired != nil || churned != nil) {
		sa, sc, err := c.stored.dates(id)
		if err != nil {
			c.fatal = err
			return
		}
		switch {
		case c.src.at[fldAcquired] == -1:
			acquired, from = sa, " given by an earlier import"
		case c.src.at[fldChurned] == -1:
			churned = sc
		}
	}
	if acquired != nil && churned != nil && churned.(string) < acquired.(string) {
		if c.src.at[fldChurned] == -1 {
			c.bad(line, fldAcquired, "%s is after the churn date %s given by an earlier import", acquired, churned)
		} else {
			c.bad(line, fldChurned, "%s is before the acquisition date %s%s", churned, acquired, from)
		}
	}
}

// Positions of the spend columns in plan.all (spendColumns).
const (
	spendDate = iota
	spendChannel
	spendAmount
	spendCategory
	spendCurrency
)

func (c *converter) spend(rec []string, line int) {
	v := c.vals
	date, ok := c.date(rec, line, fldDate)
	if date == nil && ok {
		c.bad(line, fldDate, "empty: every spend row needs a date")
	}
	v[spendDate] = date
	channel := c.get(rec, fldChannel)
	if channel == "" {
		c.bad(line, fldChannel, "empty: every spend row needs a channel (Google Ads, Events, …)")
	}
	v[spendChannel] = channel
	amount := c.money(rec, line, fldAmount, "spend")
	if amount == nil && c.get(rec, fldAmount) == "" {
		c.bad(line, fldAmount, "empty: every spend row needs an amount")
	}
	v[spendAmount] = amount
	switch cat := strings.ToLower(c.get(rec, fldCategory)); cat {
	case "", "marketing":
		v[spendCategory] = "marketing"
	case "sales":
		v[spendCategory] = "sales"
	default:
		c.bad(line, fldCategory, "%q is not a category: use marketing or sales", c.get(rec, fldCategory))
	}
	v[spendCurrency] = c.currencyOf(rec, line)
}

// money parses field f as money in minor units; nil when empty or invalid.
func (c *converter) money(rec []string, line, f int, what string) any {
	s := c.get(rec, f)
	if s == "" {
		return nil
	}
	m, err := crm.ParseMoney(s, c.src.comma)
	if err != nil {
		c.bad(line, f, "%v", err)
		return nil
	}
	if m < 0 {
		c.bad(line, f, "%q is negative: %s is 0 or more", s, what)
		return nil
	}
	return m
}

func (c *converter) discount(rec []string, line int) any {
	s := c.get(rec, fldDiscount)
	if s == "" {
		return nil
	}
	d, err := crm.ParseDiscount(s, c.src.comma)
	if err != nil {
		c.bad(line, fldDiscount, "%v", err)
		return nil
	}
	if d < 0 || d > 100 {
		c.bad(line, fldDiscount, "%q is not a percentage between 0 and 100", s)
		return nil
	}
	return d
}

// currencyOf is the row's currency column, else the file's default.
func (c *converter) currencyOf(rec []string, line int) string {
	s := c.get(rec, fldCurrency)
	if s == "" {
		return c.p.currency
	}
	cur, err := canonCurrency(s)
	if err != nil {
		c.bad(line, fldCurrency, "%v", err)
		return c.p.currency
	}
	return cur
}

// date parses field f into an ISO date: nil when empty or invalid; ok is
// false when invalid (a problem was recorded).
func (c *converter) date(rec []string, line, f int) (any, bool) {
	s := c.get(rec, f)
	if s == "" {
		return nil, true
	}
	if c.p.dates.Order == crm.DateAuto && needsOrder(s) {
		c.needOrder = true
		if c.p.nonISO == "" {
			c.p.nonISO = s
		}
		return nil, false
	}
	if isoDate(s) {
		return s, true // the common case, without crm.DateParser's formatting
	}
	d, err := c.p.dates.Parse(s)
	if err != nil {
		// Kept whole: ErrDateOrderUnknown makes the refusal name --date-format.
		c.problem(&crm.RowError{File: c.p.opts.File, Line: line, Column: c.column(f), Err: err})
		return nil, false
	}
	return d, true
}

// isoDate reports whether s is exactly a valid YYYY-MM-DD date, which
// DateParser would return unchanged.
func isoDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	n := 0
	for i := 0; i < 10; i++ {
		if i == 4 || i == 7 {
			continue
		}
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		n = n*10 + int(s[i]-'0')
	}
	y, m, d := n/10000, n/100%100, n%100
	return crm.ValidDate(y, m, d)
}
