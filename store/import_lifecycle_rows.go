package store

import (
	"fmt"
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm/row"
	"github.com/salesgoal/salesgoal/internal/rollup"
)

// The rows of churn-events and subscriptions files, as the upsert writes
// them and notes the customers they touch (import_lifecycle.go).

func eventValue(e *row.ChurnEvent, col int) any {
	switch col {
	case evCustomer:
		return e.CustomerID
	case evDay:
		return e.Day
	case evReactivation:
		if e.Reactivation {
			return int64(1)
		}
		return int64(0)
	case evReactivatedAt:
		return orNull(e.ReactivatedAt)
	}
	return nil
}

func subValue(s *row.Subscription, col int) any {
	switch col {
	case subID:
		return s.ID
	case subCustomer:
		return s.CustomerID
	case subStarted:
		return s.StartedAt
	case subEnded:
		return orNull(s.EndedAt)
	case subCounts:
		if s.Counts {
			return int64(1)
		}
		return int64(0)
	}
	return nil
}

var eventRows = others{
	query:    `SELECT ` + strings.Join(eventColumns, ", ") + ` FROM churn_events WHERE (customer_id, churned_at, reactivation) IN (VALUES `,
	keyCols:  3,
	tuple:    "(?, ?, CAST(? AS INTEGER))",
	defaults: []any{"", "", int64(0), nil},
	count: func(t *ImportTx, v []any, sign int64) error {
		t.touch(text(v[evCustomer]))
		if sign > 0 {
			id := text(v[evCustomer])
			t.life.lines[eventKey(id, day(v[evDay]), integer(v[evReactivation]) == 1)] = t.line
			if back := day(v[evReactivatedAt]); back != rollup.NoDay {
				t.life.lines[eventKey(id, back, true)] = t.line
			}
		}
		return nil
	},
}

var subRows = others{
	query:    `SELECT ` + strings.Join(subColumns, ", ") + ` FROM subscriptions WHERE id IN (`,
	keyCols:  1,
	defaults: []any{"", "", "", nil, int64(1)},
	count: func(t *ImportTx, v []any, sign int64) error {
		t.touch(text(v[subCustomer]))
		return nil
	},
}

func eventKey(id string, d rollup.Day, back bool) string {
	return fmt.Sprintf("%s\x1f%d\x1f%v", id, d, back)
}
