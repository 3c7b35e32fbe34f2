package store

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDatabaseFile: the database and the files beside it are recognised
// by every spelling; other files are not.
func TestDatabaseFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a", "x.db")
	if err := os.MkdirAll(filepath.Dir(db), 0o700); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{db, db + "-wal", filepath.Join(dir, "other.db")} {
		if err := os.WriteFile(f, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink(db+"-shm", filepath.Join(dir, "shm-link")))        // names a file that does not exist
	must(os.Symlink(filepath.Join(dir, "a"), filepath.Join(dir, "b"))) // a folder link
	must(os.Link(db, filepath.Join(dir, "hard")))
	tests := []struct {
		path, want string
	}{
		{db, "the database itself"},
		{filepath.Join(dir, "a", "..", "a", "x.db"), "the database itself"},
		{filepath.Join(dir, "b", "x.db"), "the database itself"},
		{filepath.Join(dir, "hard"), "the database itself"},
		{db + "-wal", "the database's -wal file"},
		{filepath.Join(dir, "b", "x.db-journal"), "the database's -journal file"},
		{filepath.Join(dir, "shm-link"), "the database's -shm file"},
		{filepath.Join(dir, "other.db"), ""},
		{filepath.Join(dir, "a", "x.db.md"), ""},
		{filepath.Join(dir, "a", "x.db-walrus"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, same := DatabaseFile(db, tt.path)
			if got != tt.want || same != (tt.want != "") {
				t.Errorf("DatabaseFile(%s) = %q, %v; want %q", tt.path, got, same, tt.want)
			}
		})
	}
}
