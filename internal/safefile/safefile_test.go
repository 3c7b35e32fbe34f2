package safefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestIsTemp(t *testing.T) {
	tests := []struct {
		name, kind string
		want       bool
	}{
		{".week.md.salesgoal-report-123.tmp", "report", true},
		{".a.b.db.salesgoal-backup-4294967295.tmp", "backup", true},
		{".week.md.salesgoal-report-123.tmp", "backup", false}, // another kind
		{"week.md.salesgoal-report-123.tmp", "report", false},  // not hidden
		{".week.md.salesgoal-report-abc.tmp", "report", false}, // not our random part
		{".week.md.salesgoal-report-123.tmp.bak", "report", false},
		{".salesgoal-report-123.tmp", "report", false}, // no name before it
		{".week.md.tmp-123", "report", false},          // an older salesgoal's naming
	}
	for _, tt := range tests {
		t.Run(tt.name+" "+tt.kind, func(t *testing.T) {
			if got := IsTemp(tt.name, tt.kind); got != tt.want {
				t.Errorf("IsTemp(%q, %q) = %v, want %v", tt.name, tt.kind, got, tt.want)
			}
		})
	}
}

// TestTemp: a temporary file is 0600 whatever the umask, named as IsTemp
// knows, and making one removes this kind's stale ones (and the -journal
// SQLite left beside one), not young ones nor another kind's.
func TestTemp(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-2 * StaleAfter)
	stale := []string{".a.db.salesgoal-backup-1.tmp", ".a.db.salesgoal-backup-1.tmp-journal"}
	kept := []string{".b.db.salesgoal-backup-2.tmp", ".c.md.salesgoal-report-3.tmp"}
	for i, n := range append(stale, kept...) {
		p := filepath.Join(dir, n)
		if err := os.WriteFile(p, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if i != len(stale) { // all old but the young backup
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	f, err := Temp(dir, "x.db", "backup")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 || !IsTemp(fi.Name(), "backup") {
		t.Errorf("temporary file %s, mode %v", fi.Name(), fi.Mode())
	}
	for _, n := range stale {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			t.Errorf("stale %s was kept", n)
		}
	}
	for _, n := range kept {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s was removed", n)
		}
	}
}

func TestCheckWritable(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		mode fs.FileMode
		want error
	}{
		{0o600, nil},
		{0o644, nil},
		{0o620, ErrOpenToOthers},
		{0o606, ErrOpenToOthers},
		{0o666, ErrOpenToOthers},
	}
	for _, tt := range tests {
		p := filepath.Join(dir, tt.mode.String())
		if err := os.WriteFile(p, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, tt.mode); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := CheckWritable(fi); !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
			t.Errorf("mode %v: %v, want %v", tt.mode, err, tt.want)
		}
	}
}

// TestInstall: without replace, an existing file is never replaced.
func TestInstall(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "dest")
	if err := os.WriteFile(dest, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(dir, "tmp")
	if err := os.WriteFile(tmp, []byte("new"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Install(tmp, dest, false); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Install over a file without replace: %v", err)
	}
	if b, _ := os.ReadFile(dest); string(b) != "mine" {
		t.Errorf("dest holds %q", b)
	}
	if err := Install(tmp, dest, true); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(dest); string(b) != "new" {
		t.Errorf("dest holds %q", b)
	}
	if _, err := os.Stat(tmp); err == nil {
		t.Error("the temporary file is still there")
	}
}

func TestQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"report.md", "report.md"},
		{"/home/ana/reports/week-2027-02-15.md", "/home/ana/reports/week-2027-02-15.md"},
		{"Verkäufe.db", "Verkäufe.db"},
		{"my reports/x.md", `"my reports/x.md"`},
		{"r.md\nsalesgoal: hint: x", `"r.md\nsalesgoal: hint: x"`},
		{"a\u202eb", `"a\u202eb"`},
		{"", `""`},
	}
	for _, tt := range tests {
		if got := Quote(tt.in); got != tt.want {
			t.Errorf("Quote(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
