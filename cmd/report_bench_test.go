package cmd

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/salesgoal/salesgoal/internal/importer"
	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

// The report benchmark's database, shaped like the metrics benchmark's
// (store/metrics_bench_test.go): 1,000,000 deals over 2025–2027 (or
// $SALESGOAL_REPORT_BENCH_DEALS: bench/report.sh measures 3,000,000 too),
// 100,000 customers, 50 owners in 10 teams, daily spend on 10 channels;
// plus 50 goals of 2027-Q1 and its months, for the company, owners and
// teams.
var reportBenchDeals = benchEnvInt("SALESGOAL_REPORT_BENCH_DEALS", 1_000_000)

// benchEnvInt is the number in the environment variable name, else def.
func benchEnvInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

const (
	reportBenchCustomers = 100_000
	reportBenchOwners    = 50
	reportBenchTeams     = 10
	reportBenchAsOf      = "2027-03-15"
)

// reportBenchPath is where the benchmark database is kept between runs:
// $SALESGOAL_REPORT_BENCH_DB (bench/report.sh sets it), else the system's
// temporary folder, under a name that changes with the schema version.
func reportBenchPath() string {
	if p := os.Getenv("SALESGOAL_REPORT_BENCH_DB"); p != "" {
		return p
	}
	return filepath.Join(os.TempDir(), fmt.Sprintf("salesgoal-report-bench-s%d-%d.db", store.SchemaVersion(), reportBenchDeals))
}

// reportBenchDB returns the benchmark database's path, building it the
// first time through the import path (about a minute).
func reportBenchDB(b *testing.B) string {
	b.Helper()
	path := reportBenchPath()
	if _, err := os.Stat(path); err == nil {
		return path
	}
	ctx := context.Background()
	tmp := path + ".building"
	for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
		os.Remove(p)
	}
	start := time.Now()
	db, err := store.Open(ctx, tmp)
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 11))
	for _, f := range []struct {
		name string
		gen  func(w io.Writer, r *rand.Rand)
	}{{"customers.csv", genBenchCustomers}, {"deals.csv", genBenchDeals}, {"spend.csv", genBenchSpend}} {
		// A file, not a pipe: an import can read a file again to check a
		// repeated id its filter suspects, where from a pipe it would
		// trust the filter, now and then wrongly over a million ids.
		file, err := os.Create(filepath.Join(b.TempDir(), f.name))
		if err != nil {
			b.Fatal(err)
		}
		bw := bufio.NewWriter(file)
		f.gen(bw, r)
		if err := bw.Flush(); err != nil {
			b.Fatal(err)
		}
		if _, err := file.Seek(0, io.SeekStart); err != nil {
			b.Fatal(err)
		}
		res, err := importer.Import(ctx, db, file, importer.Options{File: f.name})
		file.Close()
		if err != nil {
			for _, p := range res.Problems {
				b.Log(p)
			}
			b.Fatalf("import %s: %v", f.name, err)
		}
		if res.ProblemCount > 0 {
			b.Fatalf("import %s: %v", f.name, res.Problems[0])
		}
	}
	asOf, _ := metric.ParseDate(reportBenchAsOf)
	for _, fg := range reportBenchGoals() {
		g := fixtureToGoal(b, fg, asOf)
		if err := db.CreateGoal(ctx, &g, passingAssessment(asOf), time.Now()); err != nil {
			b.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	b.Logf("built %s in %s", path, time.Since(start).Round(time.Second))
	return path
}

// reportBenchGoals are 50 goals a large sales team might run in 2027-Q1:
// one per category for the company, monthly revenue and CAC goals, a
// goal per team, and quarterly and monthly goals for 25 owners.
func reportBenchGoals() []fixtureGoal {
	var gs []fixtureGoal
	for _, c := range metric.Categories() {
		m, _ := metric.Primary(c)
		gs = append(gs, fixtureGoal{name: "company " + c, metric: m.ID, period: "2027-Q1", target: 50, baseline: num(40)})
	}
	for _, month := range []string{"2027-01", "2027-02", "2027-03"} {
		gs = append(gs,
			fixtureGoal{name: "revenue " + month, metric: "revenue", period: month, target: 2e9},
			fixtureGoal{name: "cac " + month, metric: "cac", period: month, target: 900, baseline: num(1000)})
	}
	for t := range reportBenchTeams {
		gs = append(gs, fixtureGoal{name: fmt.Sprintf("team%d new deals", t), metric: "new-deals",
			scope: fmt.Sprintf("team team%d", t), period: "2027-Q1", target: 9000})
	}
	for o := range 20 {
		m := []string{"revenue", "win-rate"}[o%2]
		gs = append(gs, fixtureGoal{name: fmt.Sprintf("owner%02d %s", o, m), metric: m,
			scope: fmt.Sprintf("owner owner%02d", o), period: "2027-Q1", target: 60, baseline: num(55)})
	}
	for o := 20; o < 25; o++ {
		gs = append(gs, fixtureGoal{name: fmt.Sprintf("owner%02d march", o), metric: "revenue",
			scope: fmt.Sprintf("owner owner%02d", o), period: "2027-03", target: 1e8})
	}
	return gs
}

func benchDay(n int) string {
	return time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n).Format(time.DateOnly)
}

func genBenchDeals(w io.Writer, r *rand.Rand) {
	const span = 3 * 365
	fmt.Fprintln(w, "id,customer_id,owner,team,stage,type,amount,cost,discount,currency,created_at,closed_at")
	stages := []string{"won", "won", "won", "won", "lost", "lost", "lost", "open", "open", "open"}
	types := []string{"", "", "new", "upsell", "cross-sell", "renewal"}
	for i := range reportBenchDeals {
		o := r.IntN(reportBenchOwners)
		stage := stages[r.IntN(len(stages))]
		created := r.IntN(span)
		createdAt, closedAt, customer, cost, disc := benchDay(created), "", "", "", ""
		if stage != "open" {
			closedAt = benchDay(min(created+r.IntN(180), span+180))
		}
		if r.IntN(10) < 6 {
			customer = fmt.Sprintf("c%06d", r.IntN(reportBenchCustomers))
		}
		amount := int64(r.IntN(10_000_000))
		if r.IntN(2) == 0 {
			cost = money(amount * int64(r.IntN(80)) / 100)
		}
		if r.IntN(2) == 0 {
			disc = strconv.Itoa(r.IntN(30))
		}
		currency := "USD"
		if r.IntN(20) == 0 {
			currency = "EUR"
		}
		fmt.Fprintf(w, "d%07d,%s,owner%02d,team%d,%s,%s,%s,%s,%s,%s,%s,%s\n", i, customer, o, o%reportBenchTeams,
			stage, types[r.IntN(len(types))], money(amount), cost, disc, currency, createdAt, closedAt)
	}
}

func genBenchCustomers(w io.Writer, r *rand.Rand) {
	const span = 3 * 365
	fmt.Fprintln(w, "id,owner,team,acquired_at,churned_at")
	for i := range reportBenchCustomers {
		o := r.IntN(reportBenchOwners)
		a := r.IntN(span)
		acq, churn := "", ""
		if r.IntN(10) < 7 {
			acq = benchDay(a)
		}
		if r.IntN(7) == 0 && acq != "" {
			churn = benchDay(a + r.IntN(span))
		}
		fmt.Fprintf(w, "c%06d,owner%02d,team%d,%s,%s\n", i, o, o%reportBenchTeams, acq, churn)
	}
}

func genBenchSpend(w io.Writer, r *rand.Rand) {
	fmt.Fprintln(w, "date,channel,amount")
	for d := range 3 * 365 {
		for c := range 10 {
			fmt.Fprintf(w, "%s,channel%d,%s\n", benchDay(d), c, money(int64(r.IntN(100_000))))
		}
	}
}

// money writes minor units as major units: 123456 → 1234.56.
func money(minor int64) string {
	return fmt.Sprintf("%d.%02d", minor/100, minor%100)
}

// BenchmarkReport times the whole report for 2027-Q1 with its 50 goals
// over 1,000,000 deals, as 'salesgoal report --quarter Q1' runs it: open
// the database, read settings, goals and imports, measure every goal and
// category, and render the table.
func BenchmarkReport(b *testing.B) {
	path := reportBenchDB(b)
	ctx := context.Background()
	asOf, _ := metric.ParseDate(reportBenchAsOf)
	opts := &reportOptions{rootOptions: &rootOptions{env: osEnv()}, cats: metric.Categories(), periodOf: "2027-Q1", fmt: formatTable}
	for b.Loop() {
		db, err := store.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		d, err := loadReport(ctx, db, opts, asOf)
		if err != nil {
			b.Fatal(err)
		}
		if n := countGoals(d); n != 50 {
			b.Fatalf("%d goals in the report, want 50", n)
		}
		if err := writeReport(io.Discard, formatTable, d, textStyle{}); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}

func countGoals(d *reportData) int {
	n := 0
	for _, s := range d.Sections {
		n += len(s.Goals)
	}
	return n
}
