package store

import (
	"context"
	"database/sql"
	"math"

	"github.com/salesgoal/salesgoal/internal/rollup"
)

// Counts are the rows of each kind in the database.
type Counts struct {
	Deals     int64 `json:"deals"`
	Customers int64 `json:"customers"`
	Spend     int64 `json:"spend"`
	// The lines of churn-events and subscriptions files held.
	ChurnEvents   int64 `json:"churn-events"`
	Subscriptions int64 `json:"subscriptions"`
}

// Range is the span of dates a kind of row covers; empty when it has none.
type Range struct {
	From, To string
}

// Coverage says what the data holds beyond row counts: the date ranges, and
// the inputs some metrics need (costs for gross margin, spend for CAC,
// churn dates for churn and retention).
type Coverage struct {
	Counts
	// Customers named only by deals (no row in a customers file).
	ImplicitCustomers int64
	DealRange         Range // created_at and closed_at
	CustomerRange     Range // acquisition dates (given or derived)
	SpendRange        Range
	ChurnEventRange   Range // the days of churn events and returns
	SubscriptionRange Range // from the first start to the last start or end
	WonDeals          int64
	DealsWithCost     int64
	DealsWithDiscount int64
	DealsWithType     int64
	OpenWithoutDate   int64 // open deals without created_at: they count in no period
	AcquiredCustomers int64 // with an acquisition date, given or from a won deal
	ChurnedCustomers  int64
}

// Import is one entry of the import log.
type Import struct {
	File      string
	SHA256    string
	Kind      string
	Inserted  int64
	Updated   int64
	Unchanged int64
	Skipped   int64
	Deleted   int64  // deals of its source it no longer listed (import --replace)
	At        string // RFC 3339, UTC
}

// Coverage summarises the data in the database. Each table is read once
// (one scan of the deals, one of the customers, however many things are
// counted in it): at 10M deals a scan per count made `status` take
// seconds per count.
func (db *DB) Coverage(ctx context.Context) (c Coverage, err error) {
	// One read transaction: the counts of one moment, while an import
	// may be committing.
	tx, err := db.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return c, err
	}
	defer tx.Rollback()
	var dCreated, dClosed, dTo1, dTo2, cFrom, cTo, sFrom, sTo, eFrom, eTo, bFrom, bTo sql.NullString
	err = tx.QueryRowContext(ctx, `
		SELECT COUNT(*),
			MIN(COALESCE(created_at, closed_at)), MIN(COALESCE(closed_at, created_at)),
			MAX(COALESCE(created_at, closed_at)), MAX(COALESCE(closed_at, created_at)),
			COUNT(*) FILTER (WHERE stage = 'won'),
			COUNT(*) FILTER (WHERE cost IS NOT NULL),
			COUNT(*) FILTER (WHERE discount IS NOT NULL),
			COUNT(*) FILTER (WHERE type <> ''),
			COUNT(*) FILTER (WHERE stage = 'open' AND created_at IS NULL)
		FROM deals`).Scan(&c.Deals, &dCreated, &dClosed, &dTo1, &dTo2,
		&c.WonDeals, &c.DealsWithCost, &c.DealsWithDiscount, &c.DealsWithType, &c.OpenWithoutDate)
	if err != nil {
		return c, err
	}
	err = tx.QueryRowContext(ctx, `
		SELECT COUNT(*),
			COUNT(*) FILTER (WHERE implicit = 1),
			MIN(COALESCE(acquired_at, first_won_at)), MAX(COALESCE(acquired_at, first_won_at)),
			COUNT(*) FILTER (WHERE COALESCE(acquired_at, first_won_at) IS NOT NULL),
			COUNT(*) FILTER (WHERE churned_at IS NOT NULL)
		FROM customers`).Scan(&c.Customers, &c.ImplicitCustomers, &cFrom, &cTo,
		&c.AcquiredCustomers, &c.ChurnedCustomers)
	if err != nil {
		return c, err
	}
	err = tx.QueryRowContext(ctx, `
		SELECT
			(SELECT COUNT(*) FROM spend),
			(SELECT MIN(date) FROM spend),
			(SELECT MAX(date) FROM spend),
			(SELECT COUNT(*) FROM churn_events),
			(SELECT MIN(churned_at) FROM churn_events),
			(SELECT MAX(MAX(churned_at), MAX(COALESCE(reactivated_at, churned_at))) FROM churn_events),
			(SELECT COUNT(*) FROM subscriptions),
			(SELECT MIN(started_at) FROM subscriptions),
			(SELECT MAX(MAX(started_at), MAX(COALESCE(ended_at, started_at))) FROM subscriptions)`).Scan(
		&c.Spend, &sFrom, &sTo, &c.ChurnEvents, &eFrom, &eTo, &c.Subscriptions, &bFrom, &bTo)
	c.DealRange = Range{least(dCreated, dClosed), greatest(dTo1, dTo2)}
	c.CustomerRange = Range{cFrom.String, cTo.String}
	c.SpendRange = Range{sFrom.String, sTo.String}
	c.ChurnEventRange = Range{eFrom.String, eTo.String}
	c.SubscriptionRange = Range{bFrom.String, bTo.String}
	return c, err
}

// least and greatest are the earlier and the later of two ISO dates that
// may be missing ("" when both are).
func least(a, b sql.NullString) string {
	if !a.Valid || (b.Valid && b.String < a.String) {
		return b.String
	}
	return a.String
}

func greatest(a, b sql.NullString) string {
	if !a.Valid || (b.Valid && b.String > a.String) {
		return b.String
	}
	return a.String
}

// Imports returns the most recent imports, newest first; limit ≤ 0 means all.
func (db *DB) Imports(ctx context.Context, limit int) ([]Import, error) {
	if limit <= 0 {
		limit = math.MaxInt32 // all of them, on either engine
	}
	rows, err := db.db.QueryContext(ctx, `
		SELECT file, sha256, kind, inserted, updated, unchanged, skipped, deleted, at
		FROM imports ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ims := []Import{}
	for rows.Next() {
		var im Import
		if err := rows.Scan(&im.File, &im.SHA256, &im.Kind, &im.Inserted, &im.Updated, &im.Unchanged, &im.Skipped, &im.Deleted, &im.At); err != nil {
			return nil, err
		}
		ims = append(ims, im)
	}
	return ims, rows.Err()
}

// DealsByCurrency counts the deals in each currency.
func (db *DB) DealsByCurrency(ctx context.Context) (map[string]int64, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT currency, COUNT(*) FROM deals GROUP BY currency`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var cur string
		var n int64
		if err := rows.Scan(&cur, &n); err != nil {
			return nil, err
		}
		out[cur] = n
	}
	return out, rows.Err()
}

// RollupSize is how much the rollups take: their bytes (keys, cells and
// customers' first-day records left out), and the days that have cells.
type RollupSize struct {
	Bytes int64
	Days  int64
}

// RollupSize measures the rollups (docs/architecture.md, "Rollups").
func (db *DB) RollupSize(ctx context.Context) (RollupSize, error) {
	var s RollupSize
	err := db.db.QueryRowContext(ctx, `SELECT COALESCE(SUM(length(cells)), 0), COUNT(*) FILTER (WHERE slot BETWEEN ? AND ?) FROM rollups`,
		rollup.Slot(rollup.KindDay, -1<<31), rollup.Slot(rollup.KindDay, 1<<31-1)).Scan(&s.Bytes, &s.Days)
	return s, err
}
