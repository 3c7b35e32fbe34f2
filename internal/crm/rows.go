package crm

import (
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// This file turns one line into the typed row of its kind, checking each
// value on the way (docs/import.md: required fields, money, discounts,
// dates and the rules between them).

type stageKey struct {
	label string
	f     Flags
}

// memoMax bounds the memo maps, so that a file of unique labels cannot
// make them grow with it.
const memoMax = 1024

func (r *Reader) stage(label string, f Flags) (string, error) {
	k := stageKey{label, f}
	if s, ok := r.stageMemo[k]; ok {
		return s, nil
	}
	s, err := r.rules.Stage(label, f)
	if err == nil && len(r.stageMemo) < memoMax {
		r.stageMemo[k] = s
	}
	return s, err
}

// dealType reads a deal-type label; an unknown one is noted and read as
// empty (docs/import.md).
func (r *Reader) dealType(s string) string {
	m, ok := r.typeMemo[s]
	if !ok {
		m.t, m.known = r.opts.Types.Type(s)
		if len(r.typeMemo) < memoMax {
			r.typeMemo[s] = m
		}
	}
	if !m.known {
		r.note(unusualType)
	}
	return m.t
}

type typeMemo struct {
	t     string
	known bool
}

func (r *Reader) deal(d *row.Deal) error {
	id := r.get(fldID)
	if id == "" {
		r.bad(fldID, "empty: every deal needs an id")
	}
	d.ID = id
	d.Name, d.CustomerID = r.get(fldName), r.get(fldCustomer)
	d.Owner, d.Team = r.get(fldOwner), r.get(fldTeam)

	label := r.get(fldStage)
	f := Flags{Won: r.flag("won"), Closed: r.flag("closed"), Status: r.flag("status"), Active: r.flag("active")}
	stage := ""
	if label == "" && f == (Flags{}) {
		r.bad(fldStage, "empty: every deal needs a stage (won, lost or an open stage)")
	} else if s, err := r.stage(label, f); err != nil {
		r.bad(fldStage, "%w", err)
	} else {
		stage = s
	}
	d.Stage, d.StageLabel = stage, label
	r.lineStage = stage

	d.Type = r.dealType(r.get(fldType))

	// docs/import.md: an empty amount is 0; a negative one is a credit.
	n := len(r.problems)
	d.Amount, _ = r.money(fldAmount, "a deal's amount", true)
	r.amountOK = len(r.problems) == n
	if r.cents {
		d.Amount /= 100 // written in minor units: read as major ones
	}
	d.Cost, d.HasCost = r.money(fldCost, "a deal's cost", false)
	d.Discount, d.HasDiscount = r.discount()
	d.Currency = r.currency()

	created, createdOK := r.date(fldCreated)
	closedAt, closedOK := r.date(fldClosed)
	d.CreatedAt, d.ClosedAt = created, closedAt
	// A date the file does not carry keeps its stored value (docs/import.md),
	// so the rules below apply to the deal as it will be.
	storedClosed := false
	if r.stored != nil && id != "" && (stage == row.StageWon || stage == row.StageLost || created != "" || closedAt != "") {
		sc, sd, err := r.stored.Dates(id)
		if err != nil {
			return err
		}
		if r.at[fldCreated] == -1 {
			created = sc
		}
		if r.at[fldClosed] == -1 {
			closedAt, storedClosed = sd, true
		}
	}
	// docs/import.md, "Unusual values": a won or lost deal without a create
	// date, and a deal that closed before it was created, are kept and
	// counted; only a won or lost deal without a close date is refused.
	if stage == row.StageWon || stage == row.StageLost {
		if created == "" && createdOK {
			r.note(unusualClosedWithoutCreated)
		}
		switch {
		case closedAt == "" && storedClosed:
			r.bad(fldClosed, "%w", &NoStoredDate{ID: id, Stage: stage})
		case closedAt == "" && closedOK:
			r.bad(fldClosed, "empty, but a %s deal needs a close date", stage)
		}
	}
	if created != "" && closedAt != "" && closedAt < created {
		r.note(unusualCloseBeforeCreate)
	}
	return nil
}

func (r *Reader) customer(c *row.Customer) error {
	id := r.get(fldID)
	if id == "" {
		r.bad(fldID, "empty: every customer needs an id")
	}
	c.ID = id
	c.Name, c.Owner, c.Team = r.get(fldName), r.get(fldOwner), r.get(fldTeam)
	c.Segment = r.get(fldSegment)
	acquired, _ := r.date(fldAcquired)
	churned, _ := r.date(fldChurned)
	c.AcquiredAt, c.ChurnedAt = acquired, churned
	// A date the file does not carry keeps its stored value (docs/import.md):
	// a churn file is checked against the acquisition dates imported
	// before it, and the other way round.
	from := ""
	if r.stored != nil && id != "" && (acquired != "" || churned != "") {
		sa, sc, err := r.stored.Dates(id)
		if err != nil {
			return err
		}
		switch {
		case r.at[fldAcquired] == -1:
			acquired, from = sa, " given by an earlier import"
		case r.at[fldChurned] == -1:
			churned = sc
		}
	}
	if acquired != "" && churned != "" && churned < acquired {
		if r.at[fldChurned] == -1 {
			r.bad(fldAcquired, "%s is after the churn date %s given by an earlier import", acquired, churned)
		} else {
			r.bad(fldChurned, "%s is before the acquisition date %s%s", churned, acquired, from)
		}
	}
	return nil
}

func (r *Reader) spend(s *row.Spend) {
	date, ok := r.date(fldDate)
	if date == "" && ok {
		r.bad(fldDate, "empty: every spend row needs a date")
	}
	s.Date = date
	channel := r.get(fldChannel)
	if channel == "" {
		r.bad(fldChannel, "empty: every spend row needs a channel (Google Ads, Events, …)")
	}
	s.Channel = channel
	amount, ok := r.money(fldAmount, "spend", false)
	if !ok && r.get(fldAmount) == "" {
		r.bad(fldAmount, "empty: every spend row needs an amount")
	}
	s.Amount = amount
	switch cat := strings.ToLower(r.get(fldCategory)); cat {
	case "", "marketing":
		s.Category = "marketing"
	case "sales":
		s.Category = "sales"
	default:
		r.bad(fldCategory, "%q is not a category: use marketing or sales", r.get(fldCategory))
	}
	s.Currency = r.currency()
}
