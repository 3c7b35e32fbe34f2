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

func TestFitGoalColumn(t *testing.T) {
	tests := []struct {
		name  string
		goal  string
		width int
		want  string
	}{
		{"fits", "#1 Shorten the cycle", 80, "#1 Shorten the cycle"},
		// Drawn: "│ " goal " │ x │" = goal + 8; 34 wide leaves 26 for the goal.
		{"wrapped to fit", "#1 Shorten the cycle by automating email search", 34, "#1 Shorten the cycle by\nautomating email search"},
		{"never under 16", "#1 Shorten the cycle by automating email search", 10, "#1 Shorten the\ncycle by\nautomating email\nsearch"},
		{"a long word keeps its line", "#1 Supercalifragilisticexpialidocious goal", 20, "#1\nSupercalifragilisticexpialidocious\ngoal"},
		{"colour codes take no room", "\x1b[32m#1 on track\x1b[0m", 20, "\x1b[32m#1 on track\x1b[0m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := [][]string{{tt.goal, "x"}}
			fitGoalColumn([]string{"Goal", "X"}, rows, tt.width)
			if got := rows[0][0]; got != tt.want {
				t.Errorf("goal cell = %q, want %q", got, tt.want)
			}
		})
	}
}
