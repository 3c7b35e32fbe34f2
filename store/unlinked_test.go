package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const unlinkedDeals = "id,stage,amount,created_at,closed_at\nD1,won,1000,2027-01-05,2027-01-20\nD2,open,50,2027-01-06,\n"

// filesIn lists the names in dir, hidden ones too, in order.
func filesIn(t *testing.T, dir string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range paths {
		paths[i] = filepath.Base(p)
	}
	return paths
}

// openUnlinked opens a new database at path with LinkOnImport.
func openUnlinked(t *testing.T, path string) *DB {
	t.Helper()
	db, err := OpenWith(context.Background(), path, Options{Create: true, Write: true, LinkOnImport: true})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// dealsIn is how many deals the database at db holds.
func dealsIn(t *testing.T, db *DB) int64 {
	t.Helper()
	cov, err := db.Coverage(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return cov.Deals
}

// TestLinkOnImport: a new database opened with LinkOnImport is nowhere
// to be seen until its first import commits; then it is at its path, in
// WAL mode, with nothing else left in its folder. Closed without an
// import, or after a refused one, it leaves no file at all.
func TestLinkOnImport(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name, csv string
		linked    bool
	}{
		{"imported", unlinkedDeals, true},
		{"refused", "id,stage,amount\nD1,won,lots\n", false},
		{"closed before any import", "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "new.db")
			db := openUnlinked(t, path)
			if _, err := os.Stat(path); err == nil {
				t.Fatal("the database is at its path before anything was imported")
			}
			if tt.csv != "" {
				_, err := db.Import(ctx, strings.NewReader(tt.csv), ImportOptions{File: "deals.csv", Kind: KindDeals})
				if (err == nil) != tt.linked {
					t.Fatalf("import: %v", err)
				}
			}
			if tt.linked {
				if got := dealsIn(t, db); got != 2 {
					t.Errorf("after the import, the open database holds %d deals, want 2", got)
				}
				var mode string
				if err := db.db.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
					t.Errorf("journal mode %q (%v), want wal", mode, err)
				}
			}
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			want := []string(nil)
			if tt.linked {
				want = []string{"new.db"}
			}
			if got := filesIn(t, dir); strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("files left: %q, want %q", got, want)
			}
			if tt.linked {
				again, err := Open(ctx, path)
				if err != nil {
					t.Fatal(err)
				}
				defer again.Close()
				if got := dealsIn(t, again); got != 2 {
					t.Errorf("reopened, the database holds %d deals, want 2", got)
				}
			}
		})
	}
}

// TestLinkOnImportRaced: two first imports into the same new database,
// each in its own private file: the first to commit is linked; the other
// finds it there, keeps it, drops its own file and says so with
// ErrCreatedMeanwhile, and is then open on the database at the path, into
// which its file imports the normal way.
func TestLinkOnImportRaced(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "new.db")
	winner, loser := openUnlinked(t, path), openUnlinked(t, path)
	defer loser.Close()
	other := "id,stage,amount,created_at,closed_at\nE1,won,7,2027-02-05,2027-02-20\n"
	if _, err := winner.Import(ctx, strings.NewReader(unlinkedDeals), ImportOptions{File: "first.csv", Kind: KindDeals}); err != nil {
		t.Fatal(err)
	}
	winner.Close()
	_, err := loser.Import(ctx, strings.NewReader(other), ImportOptions{File: "second.csv", Kind: KindDeals})
	if !errors.Is(err, ErrCreatedMeanwhile) {
		t.Fatalf("the second import: %v, want ErrCreatedMeanwhile", err)
	}
	if got := dealsIn(t, loser); got != 2 {
		t.Fatalf("the loser is open on a database of %d deals, want the winner's 2", got)
	}
	if _, err := loser.Import(ctx, strings.NewReader(other), ImportOptions{File: "second.csv", Kind: KindDeals}); err != nil {
		t.Fatal(err)
	}
	if got := dealsIn(t, loser); got != 3 {
		t.Errorf("after importing again, %d deals, want 3", got)
	}
	if got := filesIn(t, dir); len(got) != 3 || got[0] != "new.db" { // new.db, -shm, -wal: open
		t.Errorf("files: %q, want the database alone (and its -wal and -shm)", got)
	}
}
