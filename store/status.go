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

// Coverage summarises the data in the database.
func (db *DB) Coverage(ctx context.Context) (Coverage, error) {
	var c Coverage
	var dFrom, dTo, cFrom, cTo, sFrom, sTo, eFrom, eTo, bFrom, bTo sql.NullString
	err := db.db.QueryRowContext(ctx, `
		SELECT
			(SELECT COUNT(*) FROM deals),
			(SELECT COUNT(*) FROM customers),
			(SELECT COUNT(*) FROM spend),
			(SELECT COUNT(*) FROM customers WHERE implicit = 1),
			(SELECT MIN(MIN(COALESCE(created_at, closed_at)), MIN(COALESCE(closed_at, created_at))) FROM deals),
			(SELECT MAX(MAX(COALESCE(created_at, closed_at)), MAX(COALESCE(closed_at, created_at))) FROM deals),
			(SELECT MIN(COALESCE(acquired_at, first_won_at)) FROM customers),
			(SELECT MAX(COALESCE(acquired_at, first_won_at)) FROM customers),
			(SELECT MIN(date) FROM spend),
			(SELECT MAX(date) FROM spend),
			(SELECT COUNT(*) FROM deals WHERE stage = 'won'),
			(SELECT COUNT(*) FROM deals WHERE cost IS NOT NULL),
			(SELECT COUNT(*) FROM deals WHERE discount IS NOT NULL),
			(SELECT COUNT(*) FROM deals WHERE type <> ''),
			(SELECT COUNT(*) FROM deals WHERE stage = 'open' AND created_at IS NULL),
			(SELECT COUNT(*) FROM customers WHERE COALESCE(acquired_at, first_won_at) IS NOT NULL),
			(SELECT COUNT(*) FROM customers WHERE churned_at IS NOT NULL),
			(SELECT COUNT(*) FROM churn_events),
			(SELECT MIN(churned_at) FROM churn_events),
			(SELECT MAX(MAX(churned_at), MAX(COALESCE(reactivated_at, churned_at))) FROM churn_events),
			(SELECT COUNT(*) FROM subscriptions),
			(SELECT MIN(started_at) FROM subscriptions),
			(SELECT MAX(MAX(started_at), MAX(COALESCE(ended_at, started_at))) FROM subscriptions)`).Scan(
		&c.Deals, &c.Customers, &c.Spend, &c.ImplicitCustomers,
		&dFrom, &dTo, &cFrom, &cTo, &sFrom, &sTo,
		&c.WonDeals, &c.DealsWithCost, &c.DealsWithDiscount, &c.DealsWithType,
		&c.OpenWithoutDate, &c.AcquiredCustomers, &c.ChurnedCustomers,
		&c.ChurnEvents, &eFrom, &eTo, &c.Subscriptions, &bFrom, &bTo)
	c.DealRange = Range{dFrom.String, dTo.String}
	c.CustomerRange = Range{cFrom.String, cTo.String}
	c.SpendRange = Range{sFrom.String, sTo.String}
	c.ChurnEventRange = Range{eFrom.String, eTo.String}
	c.SubscriptionRange = Range{bFrom.String, bTo.String}
	return c, err
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
