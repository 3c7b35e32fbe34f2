package cmd

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.md")
	if err := writeFileAtomic(path, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("new file: %v, mode %v, want 0600", err, fi.Mode())
	}
	// An existing file is replaced whole and keeps its mode.
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(path, []byte("two")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if fi, _ := os.Stat(path); string(got) != "two" || fi.Mode().Perm() != 0o644 {
		t.Errorf("replaced file: %q, mode %v; want \"two\", 0644", got, fi.Mode())
	}
	// Failures leave nothing behind.
	for _, bad := range []string{filepath.Join(dir, "missing", "r.md"), dir} {
		if err := writeFileAtomic(bad, []byte("three")); err == nil {
			t.Errorf("writeFileAtomic(%s) succeeded", bad)
		}
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if diff := cmp.Diff([]string{"report.md"}, names); diff != "" {
		t.Errorf("folder (-want +got):\n%s", diff)
	}
}
