package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestOpenOddPath opens databases whose names hold the characters a URI
// gives meaning to, and checks that the file created is the one named.
func TestOpenOddPath(t *testing.T) {
	for _, name := range []string{"sales?2027.db", "q1#east.db", "100%.db", "a b.db"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), name)
			db, err := Open(context.Background(), path)
			if err != nil {
				t.Fatalf("Open(%q): %v", name, err)
			}
			if err := db.SetSetting(context.Background(), SettingCurrency, "EUR"); err != nil {
				t.Fatal(err)
			}
			db.Close()
			entries, err := os.ReadDir(filepath.Dir(path))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if e.Name() != name && e.Name() != name+"-wal" && e.Name() != name+"-shm" {
					t.Errorf("Open(%q) wrote %q", name, e.Name())
				}
			}
			db, err = Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if got, _ := db.Currency(context.Background()); got != "EUR" {
				t.Errorf("reopened %q: currency %q, want EUR", name, got)
			}
		})
	}
}
