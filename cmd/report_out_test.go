package cmd

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestOutFile: --out is written whole or not at all, with the mode asked
// for (0600 by default) whatever mode a file it replaces had, and nothing
// is left behind by a failure, an abort or an interrupt.
func TestOutFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "salesgoal.db")
	path := filepath.Join(dir, "report.md")
	write := func(data string, mode os.FileMode) error {
		o, err := createOut("--out", path, db, mode)
		if err != nil {
			return err
		}
		defer o.abort()
		return o.commit(context.Background(), []byte(data))
	}
	if err := write("one", 0o600); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("new file: %v, mode %v, want 0600", err, fi.Mode())
	}
	// A file others may read (or write) is replaced by one they may not.
	if err := os.Chmod(path, 0o666); err != nil {
		t.Fatal(err)
	}
	if err := write("two", 0o600); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if fi, _ := os.Stat(path); string(got) != "two" || fi.Mode().Perm() != 0o600 {
		t.Errorf("replaced file: %q, mode %v; want \"two\", 0600", got, fi.Mode())
	}
	// --out-mode 0644 shares it on purpose.
	if err := write("three", 0o644); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("--out-mode 0644: mode %v", fi.Mode())
	}
	// Failures, an abort and an interrupt leave nothing behind.
	for _, bad := range []string{filepath.Join(dir, "missing", "r.md"), dir, db + "-wal"} {
		if _, err := createOut("--out", bad, db, 0o600); err == nil {
			t.Errorf("createOut(%s) succeeded", bad)
		}
	}
	o, err := createOut("--out", filepath.Join(dir, "aborted.md"), db, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	o.abort()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	o, err = createOut("--out", filepath.Join(dir, "interrupted.md"), db, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if err := o.commit(ctx, []byte("four")); err == nil {
		t.Error("commit after an interrupt succeeded")
	}
	o.abort()
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if diff := cmp.Diff([]string{"report.md"}, names); diff != "" {
		t.Errorf("folder (-want +got):\n%s", diff)
	}
}

func TestParseOutMode(t *testing.T) {
	tests := []struct {
		in   string
		want os.FileMode
		ok   bool
	}{
		{"0600", 0o600, true},
		{"600", 0o600, true},
		{"0640", 0o640, true},
		{"0644", 0o644, true},
		{"0666", 0, false}, // others could write it
		{"0664", 0, false},
		{"0755", 0, false}, // not a program
		{"0400", 0, false}, // its owner reads and writes it
		{"644x", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseOutMode(tt.in)
			if (err == nil) != tt.ok || got != tt.want {
				t.Errorf("parseOutMode(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
			}
		})
	}
}
