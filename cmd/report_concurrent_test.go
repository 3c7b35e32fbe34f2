package cmd

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/salesgoal/salesgoal/internal/importer"
	"github.com/salesgoal/salesgoal/store"
)

// TestReportDuringImport runs the report, as cron would, again and again
// while a large import is writing to the same database: every run must
// succeed (WAL lets readers in while the import holds the write lock) and
// show the data as it was before the import committed or after, never
// half of it.
func TestReportDuringImport(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 200,000 deals")
	}
	path := mustFixture(t, goldenGoals)
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	const n = 200_000
	pr, pw := io.Pipe()
	go func() {
		w := bufio.NewWriter(pw)
		fmt.Fprintln(w, "id,owner,stage,amount,created_at,closed_at")
		for i := range n {
			fmt.Fprintf(w, "B%06d,Zoe,won,1,2027-01-%02d,2027-02-01\n", i, 1+i%28)
		}
		pw.CloseWithError(w.Flush())
	}()
	var importing atomic.Bool
	importing.Store(true)
	done := make(chan error, 1)
	go func() {
		_, err := importer.Import(ctx, db, pr, importer.Options{File: "big.csv"})
		importing.Store(false)
		done <- err
	}()

	runs, during := 0, 0
	for {
		was := importing.Load()
		env, out, errOut := testEnv(nil)
		code := run(env, []string{"report", "--db", path, "--as-of", fixtureAsOf, "--format", "csv", "--category", "prospects"})
		if code != exitOK {
			t.Fatalf("run %d: exit status %d: %s", runs, code, errOut)
		}
		// new-deals is 6 before the import commits and 6 + n after.
		if got := out.String(); !containsAny(got, ",prospects,new-deals,count,6,", fmt.Sprintf(",prospects,new-deals,count,%d,", 6+n)) {
			t.Fatalf("run %d: a half-imported state?\n%s", runs, got)
		}
		runs++
		if was && importing.Load() {
			during++
		}
		if !importing.Load() {
			break
		}
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	t.Logf("%d reports, %d of them while the import ran", runs, during)
	if during == 0 {
		t.Log("the import finished before a report could overlap it")
	}
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
