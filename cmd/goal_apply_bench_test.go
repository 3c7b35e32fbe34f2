package cmd

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesgoal/salesgoal/internal/importer"
	"github.com/salesgoal/salesgoal/store"
)

// The quota sheet benchmark: a sales organisation of 200 reps in 20 teams
// with 100,000 deals over 2025–2026 plans 2027 in one sheet of 10,000
// rows: for every rep, every month, revenue, new deals, win rate and
// average deal size (9,600 rows), and for every team, every quarter, five
// metrics (400 rows), the reps' monthly revenue under their team's
// quarter. Applying it must take under 5 seconds (docs/architecture.md).
const (
	sheetBenchReps  = 200
	sheetBenchTeams = 20
	sheetBenchDeals = 100_000
)

// BenchmarkGoalApply applies the 10,000-row sheet, as 'salesgoal goal
// apply plan.csv --force' does: read, matched, assessed row by row against
// 8 periods of history, printed, and saved in one transaction. "new"
// applies it to a fresh copy of the database; "again" applies it once
// more, where nothing changes (and nothing is written).
func BenchmarkGoalApply(b *testing.B) {
	dir := b.TempDir()
	base := filepath.Join(dir, "base.db")
	sheetBenchDB(b, base)
	plan := filepath.Join(dir, "plan-2027.csv")
	rows := writeSheetBench(b, plan)
	if rows != 10_000 {
		b.Fatalf("the sheet has %d rows, want 10,000", rows)
	}
	data, err := os.ReadFile(base)
	if err != nil {
		b.Fatal(err)
	}
	apply := func(b *testing.B, path string) {
		env, _, errOut := testEnv(nil)
		env.Stdout = io.Discard
		if code := run(env, []string{"--db", path, "--as-of", "2027-01-15", "goal", "apply", plan, "--force"}); code != 0 {
			b.Fatalf("exit %d: %s", code, errOut)
		}
	}
	fresh := func(b *testing.B, i int) string {
		path := filepath.Join(dir, fmt.Sprintf("run%d.db", i))
		if err := os.WriteFile(path, data, 0o600); err != nil {
			b.Fatal(err)
		}
		return path
	}
	b.Run("new", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			path := fresh(b, i)
			b.StartTimer()
			apply(b, path)
			b.StopTimer()
			checkSheetBench(b, path, rows)
			os.Remove(path)
			b.StartTimer()
		}
	})
	b.Run("again", func(b *testing.B) {
		path := fresh(b, -1)
		apply(b, path)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			apply(b, path)
		}
	})
}

// checkSheetBench fails unless the database at path holds the sheet's
// rows goals.
func checkSheetBench(b *testing.B, path string, rows int) {
	db, err := store.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	gs, err := db.Goals(context.Background(), store.GoalFilter{Sheet: "plan-2027"})
	if err != nil || len(gs) != rows {
		b.Fatalf("%d goals saved (%v), want %d", len(gs), err, rows)
	}
}

// sheetBenchDB imports the benchmark's deals into a new database at path.
func sheetBenchDB(b *testing.B, path string) {
	b.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	r := rand.New(rand.NewPCG(3, 5))
	fmt.Fprintln(w, "id,owner,team,stage,amount,created_at,closed_at")
	stages := []string{"won", "won", "won", "lost", "lost", "open"}
	for i := range sheetBenchDeals {
		rep := r.IntN(sheetBenchReps)
		created := r.IntN(2 * 365)
		stage, closed := stages[r.IntN(len(stages))], ""
		if stage != "open" {
			closed = benchDay(min(created+5+r.IntN(90), 2*365-1))
		}
		fmt.Fprintf(w, "D%d,rep-%03d,team-%02d,%s,%d,%s,%s\n", i, rep, rep%sheetBenchTeams, stage, 1000+r.IntN(50000), benchDay(created), closed)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	res, err := importer.Import(ctx, db, &buf, importer.Options{File: "deals.csv"})
	if err != nil || res.ProblemCount > 0 {
		b.Fatalf("import: %v, %d problems", err, res.ProblemCount)
	}
}

// writeSheetBench writes the 10,000-row sheet to path and returns its rows.
func writeSheetBench(b *testing.B, path string) int {
	b.Helper()
	var s strings.Builder
	s.WriteString("name,category,metric,owner,team,period,target,commit,stretch,baseline,parent,note\n")
	rows := 0
	for t := range sheetBenchTeams {
		for q := 1; q <= 4; q++ {
			for _, m := range []string{"revenue", "new-deals", "win-rate", "avg-deal-size", "pipeline-value"} {
				name := ""
				if m == "revenue" {
					name = fmt.Sprintf("team-%02d Q%d", t, q)
				}
				fmt.Fprintf(&s, "%s,,%s,,team-%02d,2027-Q%d,+10%%,+5%%,+15%%,,,\n", name, m, t, q)
				rows++
			}
		}
	}
	for rep := range sheetBenchReps {
		for month := 1; month <= 12; month++ {
			for _, m := range []string{"revenue", "new-deals", "win-rate", "avg-deal-size"} {
				target, parent := "+8%", ""
				switch m {
				case "win-rate":
					target = "+2pp"
				case "revenue":
					parent = fmt.Sprintf("team-%02d Q%d", rep%sheetBenchTeams, (month-1)/3+1)
				}
				fmt.Fprintf(&s, ",,%s,rep-%03d,,2027-%02d,%s,,,,%s,\n", m, rep, month, target, parent)
				rows++
			}
		}
	}
	if err := os.WriteFile(path, []byte(s.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	return rows
}
