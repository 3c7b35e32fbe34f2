package store

import (
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// The arguments of an import's rows: each field of a deal, customer or
// spend row as the upsert binds it, with the few values a column takes
// boxed once.

// boxes keeps one boxed copy of each of the few values a column takes
// (owners, teams, stages, currencies, dates), so that a row's arguments
// do not each take an allocation: a million rows made ten million.
type boxes map[string]any

// maxBoxes bounds the values kept.
const maxBoxes = 8192

func (b boxes) of(s string) any {
	if v, ok := b[s]; ok {
		return v
	}
	var v any = strings.Clone(s) // not the line's memory, kept for the whole import
	if len(b) < maxBoxes {
		b[v.(string)] = v
	}
	return v
}

// date is a date, or NULL for none.
func (b boxes) date(d string) any {
	if d == "" {
		return nil
	}
	return b.of(d)
}

// orNull is a date, or NULL for none.
func orNull(date string) any {
	if date == "" {
		return nil
	}
	return date
}

func (b *Batch) dealValue(d *row.Deal, col int) any {
	switch col {
	case dealID:
		return b.slab.str(d.ID)
	case dealName:
		return b.slab.str(d.Name)
	case dealCustomer:
		return b.slab.str(d.CustomerID)
	case dealOwner:
		return b.boxes.of(d.Owner)
	case dealTeam:
		return b.boxes.of(d.Team)
	case dealStage:
		return b.boxes.of(d.Stage)
	case dealLabel:
		return b.boxes.of(d.StageLabel)
	case dealType:
		return b.boxes.of(d.Type)
	case dealAmount:
		return b.slab.int64(d.Amount)
	case dealCost:
		if d.HasCost {
			return b.slab.int64(d.Cost)
		}
	case dealDiscount:
		if d.HasDiscount {
			return b.slab.float64(d.Discount)
		}
	case dealCurrency:
		return b.boxes.of(d.Currency)
	case dealCreated:
		return b.boxes.date(d.CreatedAt)
	case dealClosed:
		return b.boxes.date(d.ClosedAt)
	}
	return nil
}

func customerValue(c *row.Customer, col int) any {
	switch col {
	case custID:
		return c.ID
	case custName:
		return c.Name
	case custOwner:
		return c.Owner
	case custTeam:
		return c.Team
	case custSegment:
		return c.Segment
	case custAcquired:
		return orNull(c.AcquiredAt)
	case custChurned:
		return orNull(c.ChurnedAt)
	}
	return nil
}

func spendValue(s *row.Spend, col int) any {
	switch col {
	case spendDate:
		return s.Date
	case spendChannel:
		return s.Channel
	case spendAmount:
		return s.Amount
	case spendCategory:
		return s.Category
	case spendCurrency:
		return s.Currency
	}
	return nil
}
