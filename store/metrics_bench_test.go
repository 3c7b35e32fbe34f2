package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// The benchmark database: 1,000,000 deals over three years (or
// $SALESGOAL_BENCH_DEALS: bench/metrics.sh measures 3,000,000 too),
// 100,000 customers, 50 owners in 10 teams, daily spend on 10 channels.
var benchDeals = envInt("SALESGOAL_BENCH_DEALS", 1_000_000)

// benchCurrencies is $SALESGOAL_BENCH_CURRENCIES: 0 (the default) for
// deals 95% in USD and 5% in EUR with no rates; 1 for every deal in USD;
// 3 for a third each in USD, EUR and GBP, with the ECB's daily rates of
// USD and GBP per euro over the whole span, so that every deal converts
// (bench/currencies.sh compares 3 with 1): by team, as a team that sells
// in three markets has a team for each, or, with
// $SALESGOAL_BENCH_MIXED=1, at random, every owner selling in all three.
var benchCurrencies = envInt("SALESGOAL_BENCH_CURRENCIES", 0)

var benchMixed = os.Getenv("SALESGOAL_BENCH_MIXED") == "1"

const (
	benchCustomers = 100_000
	benchOwners    = 50
	benchTeams     = 10
)

// benchDB opens the benchmark database, building it once: at
// $SALESGOAL_BENCH_DB when set (bench/metrics.sh uses it), else in the
// system's temporary folder under a name that changes with the schema, so
// a new index rebuilds it.
//
// The deals are written in the order they were created, as a CRM numbers
// them and as weekly re-exports append them. SALESGOAL_BENCH_SHUFFLED=1
// writes them in random order instead, the worst case for an index: each
// deal a range query finds is then on a different page.
func benchDB(b *testing.B) *DB {
	b.Helper()
	path := os.Getenv("SALESGOAL_BENCH_DB")
	if path == "" {
		h := sha256.New()
		ms, err := migrations()
		if err != nil {
			b.Fatal(err)
		}
		for _, m := range ms {
			h.Write([]byte(m.sql))
		}
		fmt.Fprintf(h, "%d %d %d %d %t v2", benchDeals, benchCustomers, benchOwners, benchTeams, benchShuffled())
		if benchCurrencies != 0 {
			fmt.Fprintf(h, " currencies %d %t", benchCurrencies, benchMixed)
		}
		path = filepath.Join(os.TempDir(), "salesgoal-bench-"+hex.EncodeToString(h.Sum(nil))[:12]+".db")
	}
	ctx := context.Background()
	if _, err := os.Stat(path); err == nil {
		db, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		var n int
		if err := db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM deals`).Scan(&n); err == nil && n == benchDeals {
			return db
		}
		db.Close()
	} else if !os.IsNotExist(err) {
		b.Fatal(err)
	}
	// Build under a temporary name and rename, so an interrupted build is
	// never taken for a finished one.
	tmp := path + ".building"
	for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			b.Fatal(err)
		}
	}
	start := time.Now()
	db, err := Open(ctx, tmp)
	if err != nil {
		b.Fatal(err)
	}
	if err := buildBench(ctx, db); err != nil {
		b.Fatal(err)
	}
	if _, err := db.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		b.Fatal(err)
	}
	db.Close()
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	// Closing the last connection removed the WAL; a leftover is harmless.
	os.Remove(tmp + "-wal")
	os.Remove(tmp + "-shm")
	b.Logf("built %s in %s", path, time.Since(start).Round(time.Millisecond))
	db, err = Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	return db
}

// envInt is the number in the environment variable name, else def.
func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

func benchShuffled() bool { return os.Getenv("SALESGOAL_BENCH_SHUFFLED") == "1" }

// buildBench fills db with the benchmark's rows, generated from a fixed seed.
func buildBench(ctx context.Context, db *DB) error {
	r := rand.New(rand.NewPCG(7, 11))
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	const span = 3 * 365
	day := func(n int) string { return start.AddDate(0, 0, n).Format("2006-01-02") }
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	deal, err := tx.PrepareContext(ctx, `INSERT INTO deals
		(id, customer_id, owner, team, stage, type, amount, cost, discount, currency, created_at, closed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	stages := []string{"won", "won", "won", "won", "lost", "lost", "lost", "open", "open", "open"}
	types := []string{"", "", "new", "upsell", "cross-sell", "renewal"}
	for i := range benchDeals {
		o := r.IntN(benchOwners)
		stage := stages[r.IntN(len(stages))]
		created := i * span / benchDeals
		if benchShuffled() {
			created = r.IntN(span)
		}
		var createdAt, closedAt, customer, costV, discV any = day(created), nil, "", nil, nil
		if stage != "open" {
			closedAt = day(min(created+r.IntN(180), span+180))
		} else if r.IntN(20) == 0 {
			createdAt = nil
		}
		if r.IntN(10) < 6 {
			customer = fmt.Sprintf("c%06d", r.IntN(benchCustomers))
		}
		amount := int64(r.IntN(10_000_000))
		if r.IntN(2) == 0 {
			costV = amount * int64(r.IntN(80)) / 100
		}
		if r.IntN(2) == 0 {
			discV = float64(r.IntN(30))
		}
		currency := "USD"
		switch c := r.IntN(60); {
		case benchCurrencies == 3 && benchMixed:
			currency = []string{"USD", "EUR", "GBP"}[c%3]
		case benchCurrencies == 3:
			currency = []string{"USD", "EUR", "GBP"}[o%benchTeams%3]
		case benchCurrencies == 0 && c < 3:
			currency = "EUR"
		}
		if _, err := deal.ExecContext(ctx, fmt.Sprintf("d%07d", i), customer,
			fmt.Sprintf("owner%02d", o), fmt.Sprintf("team%d", o%benchTeams), stage, types[r.IntN(len(types))],
			amount, costV, discV, currency, createdAt, closedAt); err != nil {
			return err
		}
	}
	cust, err := tx.PrepareContext(ctx, `INSERT INTO customers (id, owner, team, acquired_at, churned_at) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	for i := range benchCustomers {
		o := r.IntN(benchOwners)
		var acq, churn any
		a := r.IntN(span)
		if r.IntN(10) < 7 {
			acq = day(a)
		}
		if r.IntN(7) == 0 {
			churn = day(a + r.IntN(span))
		}
		if _, err := cust.ExecContext(ctx, fmt.Sprintf("c%06d", i), fmt.Sprintf("owner%02d", o), fmt.Sprintf("team%d", o%benchTeams), acq, churn); err != nil {
			return err
		}
	}
	for d := range span {
		for c := range 10 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO spend (date, channel, amount, currency) VALUES (?, ?, ?, 'USD')`,
				day(d), fmt.Sprintf("channel%d", c), r.IntN(100_000)); err != nil {
				return err
			}
		}
	}
	if benchCurrencies == 3 {
		if err := benchRates(ctx, tx, start, span+365); err != nil {
			return err
		}
	}
	// What the imports keep: implicit customers, first won days, rollups.
	if err := rebuildRollups(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}

// benchQuery is 2027-Q1 of the benchmark data (its last full quarter).
var benchQuery = measure.Query{
	From: metric.Date(2027, time.January, 1), To: metric.Date(2027, time.March, 31),
	Scope: metric.Scope{Level: metric.Company}, Currency: "USD",
}

// BenchmarkMetricsQuarter times everything `salesgoal metrics --quarter`
// asks the store for: the aggregates of every metric and the left-out counts.
func BenchmarkMetricsQuarter(b *testing.B) {
	db := benchDB(b)
	defer db.Close()
	ctx := context.Background()
	for b.Loop() {
		if _, err := db.Aggregates(ctx, benchQuery); err != nil {
			b.Fatal(err)
		}
		if _, err := db.LeftOut(ctx, benchQuery); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMetricsQuarterOwner times one owner's quarter.
func BenchmarkMetricsQuarterOwner(b *testing.B) {
	db := benchDB(b)
	defer db.Close()
	ctx := context.Background()
	q := benchQuery
	q.Scope = metric.Scope{Level: metric.Owner, Value: "owner07"}
	for b.Loop() {
		if _, err := db.Aggregates(ctx, q); err != nil {
			b.Fatal(err)
		}
		if _, err := db.LeftOut(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMetricsByOwner times the 50-owner leaderboard of one quarter.
func BenchmarkMetricsByOwner(b *testing.B) {
	db := benchDB(b)
	defer db.Close()
	ctx := context.Background()
	for b.Loop() {
		gs, err := db.AggregatesBy(ctx, benchQuery, measure.ByOwner)
		if err != nil {
			b.Fatal(err)
		}
		if len(gs) != benchOwners {
			b.Fatalf("%d groups, want %d", len(gs), benchOwners)
		}
	}
}

// BenchmarkMetricsByMonthYear times a year split by month.
func BenchmarkMetricsByMonthYear(b *testing.B) {
	db := benchDB(b)
	defer db.Close()
	ctx := context.Background()
	q := benchQuery
	q.From, q.To = metric.Date(2026, time.January, 1), metric.Date(2026, time.December, 31)
	for b.Loop() {
		if _, err := db.AggregatesBy(ctx, q, measure.ByMonth); err != nil {
			b.Fatal(err)
		}
	}
}

// benchRates writes the ECB's rates of USD and GBP per euro for every
// weekday of days from start, wandering as rates do.
func benchRates(ctx context.Context, tx DBTX, start time.Time, days int) error {
	usd, gbp := 10850, 8550 // ten-thousandths
	r := rand.New(rand.NewPCG(3, 5))
	for d := range days {
		t := start.AddDate(0, 0, d)
		if t.Weekday() == time.Saturday || t.Weekday() == time.Sunday {
			continue
		}
		usd += r.IntN(41) - 20
		gbp += r.IntN(21) - 10
		for cur, v := range map[string]int{"USD": usd, "GBP": gbp} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO rates (day, currency, base, rate, per_base) VALUES (?, ?, 'EUR', ?, 1)`,
				t.Format(time.DateOnly), cur, fmt.Sprintf("%d.%04d", v/10000, v%10000)); err != nil {
				return err
			}
		}
	}
	return nil
}

// BenchmarkMetricsQuarterConverted times the quarter with other
// currencies converted at the rates held (close-date), in one snapshot
// each time, as `salesgoal metrics` reads it: bench/currencies.sh's
// databases (SALESGOAL_BENCH_CURRENCIES=3) hold them.
func BenchmarkMetricsQuarterConverted(b *testing.B) {
	db := benchDB(b)
	defer db.Close()
	ctx := context.Background()
	for b.Loop() {
		s := convertedSnapshot(ctx, b, db)
		if _, err := s.Aggregates(ctx, benchQuery); err != nil {
			b.Fatal(err)
		}
		if _, err := s.LeftOut(ctx, benchQuery); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkMetricsTrendConverted times what the table of `salesgoal
// metrics` asks first: the eight quarters of each metric's trend in one
// pass, converted at the rates held (close-date), in one snapshot each
// time: two years of days, each currency's rate met on each of them.
func BenchmarkMetricsTrendConverted(b *testing.B) {
	db := benchDB(b)
	defer db.Close()
	ctx := context.Background()
	qs := make([]measure.Query, 8)
	for i := range qs {
		qs[i] = benchQuery
		qs[i].From, qs[i].To = benchQuery.From.AddDate(0, 3*(i-7), 0), benchQuery.From.AddDate(0, 3*(i-6), -1)
	}
	for b.Loop() {
		s := convertedSnapshot(ctx, b, db)
		if _, err := s.AggregatesMany(ctx, qs); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// convertedSnapshot is a snapshot of db that converts at the rates held,
// as `salesgoal metrics` reads one.
func convertedSnapshot(ctx context.Context, b *testing.B, db *DB) *Snapshot {
	s := db.Snapshot()
	if err := s.UseRates(ctx, benchQuery.To); err != nil {
		b.Fatal(err)
	}
	return s
}
