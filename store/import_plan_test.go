package store

import (
	"context"
	"testing"
)

// TestUpsertNoOpNotCounted checks what the counting rests on: an upsert
// whose DO UPDATE ... WHERE is false changes no row and SQLite does not
// count it in changes().
func TestUpsertNoOpNotCounted(t *testing.T) { forEngines(t, testUpsertNoOpNotCounted) }

func testUpsertNoOpNotCounted(t *testing.T, open opener) {
	db := open(t)
	ctx := context.Background()
	const upsert = `INSERT INTO spend (date, channel, amount, currency) VALUES ('2027-01-01', 'ads', ?, 'USD'), ('2027-01-02', 'ads', ?, 'USD')
		ON CONFLICT (date, channel) DO UPDATE SET amount = excluded.amount WHERE spend.amount IS NOT excluded.amount`
	// Run in order against one table.
	for _, tt := range []struct {
		name   string
		a1, a2 int
		want   int64
	}{
		{"both rows new", 5, 1, 2},
		{"both rows equal: WHERE false twice", 5, 1, 0},
		{"first row changed, second equal", 6, 1, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, err := db.db.ExecContext(ctx, upsert, tt.a1, tt.a2)
			if err != nil {
				t.Fatal(err)
			}
			if n, _ := res.RowsAffected(); n != tt.want {
				t.Errorf("RowsAffected = %d, want %d", n, tt.want)
			}
		})
	}
}

// TestPlanSource: a deals file's source is a literal of its upsert,
// written on insert and on a change, and each deal carries its
// fingerprint. The deals given to the upsert are new or changed (compared
// in Go): it updates without a WHERE. Customers keep the WHERE that makes
// an unchanged row a no-op.
func TestPlanSource(t *testing.T) {
	p := newPlan("deals", []string{"id", "stage", "amount"}, false)
	p.source = 7
	got := p.sql(1)
	want := `INSERT INTO deals (id, stage, stage_label, amount, currency, hash, source) VALUES (?, ?, ?, ?, ?, ?, 7) ON CONFLICT (id) ` +
		`DO UPDATE SET stage = excluded.stage, stage_label = excluded.stage_label, amount = excluded.amount, source = excluded.source, hash = excluded.hash`
	if got != want {
		t.Errorf("sql =\n%s\nwant\n%s", got, want)
	}
	p.bulk = true
	if got, want := p.sql(1), `INSERT INTO deals (id, stage, stage_label, amount, currency, hash, source) VALUES (?, ?, ?, ?, ?, ?, 7) ON CONFLICT (id) DO NOTHING`; got != want {
		t.Errorf("bulk sql =\n%s\nwant\n%s", got, want)
	}
	c := newPlan("customers", []string{"id", "owner"}, false)
	if got, want := c.sql(1), `INSERT INTO customers (id, owner, implicit) VALUES (?, ?, 0) ON CONFLICT (id) `+
		`DO UPDATE SET owner = excluded.owner, implicit = excluded.implicit WHERE customers.owner IS NOT excluded.owner OR customers.implicit IS NOT excluded.implicit`; got != want {
		t.Errorf("customers sql =\n%s\nwant\n%s", got, want)
	}
}
