package store

import (
	"fmt"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// What an import records beside its rows: the fields the file carried and,
// for a first deals file, the database's currency.

// recordCarried adds the fields the file carried to the record that
// decides which metrics the data can measure (docs/metrics.md).
func (t *ImportTx) recordCarried() error {
	kind, fields := string(t.plan.kind), t.spec.Carried
	if t.plan.kind == row.KindChurnEvents || t.plan.kind == row.KindSubscriptions {
		// They tell when customers left, as churned_at does: churn and
		// retention are measured (docs/metrics.md, "Measurable or null").
		kind, fields = string(row.KindCustomers), []string{"churned_at"}
	}
	for _, f := range fields {
		if _, err := t.tx.ExecContext(t.ctx, `INSERT INTO carried (kind, field) VALUES (?, ?) ON CONFLICT DO NOTHING`,
			kind, f); err != nil {
			return fmt.Errorf("record the fields carried: %w", err)
		}
	}
	return nil
}

// adoptCurrency sets the database's currency to cur, the one currency of
// a deals file, when this is the first money the database holds (no deal
// before this file, no spend) and its currency was never set: a team whose
// deals are all in EUR then measures in EUR without a step of its own. It
// returns the currency adopted, or "".
func (t *ImportTx) adoptCurrency(cur string) (string, error) {
	if t.plan.kind != row.KindDeals || cur == "" || !t.tracker.Fresh() {
		return "", nil
	}
	var set, spend bool
	err := t.tx.QueryRowContext(t.ctx, `SELECT EXISTS (SELECT 1 FROM settings WHERE key = ?), EXISTS (SELECT 1 FROM spend)`,
		SettingCurrency).Scan(&set, &spend)
	if err != nil || set || spend || cur == settings[SettingCurrency].def {
		return "", err
	}
	if _, err := t.tx.ExecContext(t.ctx, `INSERT INTO settings (key, value) VALUES (?, ?)`, SettingCurrency, cur); err != nil {
		return "", fmt.Errorf("set the currency: %w", err)
	}
	return cur, nil
}
