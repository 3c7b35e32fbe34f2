package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/salesgoal/salesgoal/store"
)

// A first import writes a new database in a private file and links it
// into place as it commits (docs/architecture.md, "Storage"): these tests
// check what others see of it.

// dealsAt opens the database at path, checks its integrity and returns
// how many deals it holds.
func dealsAt(t *testing.T, path string) int64 {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatalf("the database does not open: %v", err)
	}
	defer db.Close()
	if err := db.Check(ctx); err != nil {
		t.Fatalf("integrity check: %v", err)
	}
	cov, err := db.Coverage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return cov.Deals
}

// TestFirstImportKilled kills a first import, into a database that does
// not exist yet, at several points from its first rows to its commit: it
// leaves either no database, and the next import starts afresh, or a
// whole one holding all of the file.
func TestFirstImportKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 80,000 deals several times")
	}
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL")
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "big.csv")
	writeDeals(t, big, "B", bigDeals)
	points := func(took time.Duration) []time.Duration {
		return []time.Duration{50 * time.Millisecond, took * 50 / 100, took * 90 / 100, took * 97 / 100, took * 99 / 100}
	}
	killImports(t, big, points, func(t *testing.T, i int) (string, func() bool) {
		path := filepath.Join(dir, fmt.Sprintf("first%d.db", i+1)) // 0: the whole run
		return path, func() bool {
			if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
				return false
			}
			if got := dealsAt(t, path); got != bigDeals {
				t.Fatalf("the database holds %d deals: neither none nor all %d of the file", got, bigDeals)
			}
			return true
		}
	})
	// What the killed imports left of their new databases, once a minute
	// old, the next import into that folder removes.
	left, _ := filepath.Glob(filepath.Join(dir, ".first*.db.salesgoal-new-*.tmp*"))
	old := time.Now().Add(-2 * time.Minute)
	for _, f := range left {
		if err := os.Chtimes(f, old, old); err != nil {
			t.Fatal(err)
		}
	}
	mustRun(t, filepath.Join(dir, "first0.db"), "import", big)
	if left, _ := filepath.Glob(filepath.Join(dir, ".first*")); len(left) > 0 {
		t.Errorf("left after the next import: %v", left)
	}
}

// TestFirstImportsRaced: while a first import writes its new database,
// another salesgoal creates the database at the same path. The import
// keeps that one, says so in a note, and imports its file into it; and two
// first imports of the same file started together both succeed, the
// second finding the file there unchanged.
func TestFirstImportsRaced(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 80,000 deals")
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "big.csv")
	writeDeals(t, big, "B", bigDeals)

	t.Run("created meanwhile", func(t *testing.T) {
		path := filepath.Join(dir, "meanwhile.db")
		c := salesgoal(path, "import", big)
		var out bytes.Buffer
		c.Stdout, c.Stderr = &out, &out
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		// Once the import writes its private file, make the database.
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
			if m, _ := filepath.Glob(filepath.Join(dir, ".meanwhile.db.salesgoal-new-*.tmp")); len(m) > 0 {
				break
			}
		}
		mustRun(t, path, "config", "set", "fiscal-year-start", "4")
		if err := c.Wait(); err != nil {
			t.Fatalf("import: %v\n%s", err, out.String())
		}
		if !strings.Contains(out.String(), "salesgoal: note: "+path+": "+store.ErrCreatedMeanwhile.Error()+"; importing "+big+" into it\n") {
			if strings.Count(out.String(), " inserted, ") == 1 {
				t.Skipf("the import was done before the database was made:\n%s", out.String())
			}
			t.Errorf("import output:\n%s", out.String())
		}
		if got := dealsAt(t, path); got != bigDeals {
			t.Errorf("%d deals, want %d", got, bigDeals)
		}
		if got := mustRun(t, path, "config", "get", "fiscal-year-start"); !strings.Contains(got, "4") {
			t.Errorf("the setting made meanwhile is lost: %s", got)
		}
		if got := mustRun(t, path, "status", "--format", "json"); strings.Count(got, `"kind": "deals"`) != 1 {
			t.Errorf("the import log should hold the one import:\n%s", got)
		}
	})

	t.Run("two at once", func(t *testing.T) {
		path := filepath.Join(dir, "two.db")
		var outs [2]bytes.Buffer
		var cs [2]*exec.Cmd
		for i := range cs {
			cs[i] = salesgoal(path, "import", big)
			cs[i].Stdout, cs[i].Stderr = &outs[i], &outs[i]
			if err := cs[i].Start(); err != nil {
				t.Fatal(err)
			}
		}
		for i, c := range cs {
			if err := c.Wait(); err != nil {
				t.Fatalf("import %d: %v\n%s", i+1, err, outs[i].String())
			}
			t.Logf("import %d:\n%s", i+1, outs[i].String())
		}
		if got := dealsAt(t, path); got != bigDeals {
			t.Errorf("%d deals, want %d", got, bigDeals)
		}
		status := mustRun(t, path, "status", "--format", "json")
		if strings.Count(status, `"kind": "deals"`) != 2 || !strings.Contains(status, fmt.Sprintf(`"unchanged": %d`, bigDeals)) {
			t.Errorf("the import log should hold both imports, the second unchanged:\n%s", status)
		}
		if left, _ := filepath.Glob(filepath.Join(dir, ".two.db.*")); len(left) > 0 {
			t.Errorf("files left: %v", left)
		}
	})
}
