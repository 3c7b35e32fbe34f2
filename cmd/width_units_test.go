package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/metric"
)

func TestOutputWidth(t *testing.T) {
	tests := []struct {
		name    string
		columns string
		tty     bool
		want    int
	}{
		{"COLUMNS", "120", false, 120},
		{"COLUMNS on a terminal", "100", true, 100},
		{"a pipe, no COLUMNS", "", false, 80},
		{"COLUMNS not a number", "wide", false, 80},
		{"COLUMNS too narrow", "12", false, minWidth},
		// A terminal whose size cannot be read (the test's stdout is no
		// *os.File): 80.
		{"a terminal that does not say", "", true, 80},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _, _ := testEnv(map[string]string{"COLUMNS": tt.columns})
			env.StdoutTTY = tt.tty
			if got := outputWidth(env); got != tt.want {
				t.Errorf("outputWidth = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestWrapWords(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		limit int
		want  string
	}{
		{"fits", "#1 Shorten the cycle", 80, "#1 Shorten the cycle"},
		{"at spaces", "#1 Shorten the cycle by automating email search", 26, "#1 Shorten the cycle by\nautomating email search"},
		{"a long word is cut", "#1 Supercalifragilistic goal", 10, "#1\nSupercalif\nragilistic\ngoal"},
		{"a range breaks after ..", "2026-07-01..2026-12-31", 14, "2026-07-01..\n2026-12-31"},
		{"a no-break space holds", "trend ▁\u00a0\u00a0█ here", 9, "trend\n▁\u00a0\u00a0█ here"},
		{"wide characters count two", "東日本 営業本部", 8, "東日本\n営業本部"},
		{"a wide word cut", "営業本部", 7, "営業本\n部"},
		{"colour takes no room", "\x1b[32mon track\x1b[0m", 8, "\x1b[32mon track\x1b[0m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wrapWords(tt.in, tt.limit); got != tt.want {
				t.Errorf("wrapWords(%q, %d) = %q, want %q", tt.in, tt.limit, got, tt.want)
			}
		})
	}
}

func TestFitLine(t *testing.T) {
	got := fitLine("  #2 pipeline coverage unknown: no open deal can close", 30, 4)
	want := []string{"  #2 pipeline coverage", "    unknown: no open deal can", "    close"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fitLine (-want +got):\n%s", diff)
	}
}

func TestShorten(t *testing.T) {
	tests := []struct {
		in          string
		width       int
		end, starts string
	}{
		{"Revenue 100k in Q1", 40, "Revenue 100k in Q1", "Revenue 100k in Q1"},
		{"Revenue 100k in Q1", 10, "Revenue 1…", "…00k in Q1"},
		{"東日本エンタープライズ", 9, "東日本エ…", "…プライズ"},
		{"/srv/reports/week.csv", 12, "/srv/report…", "…ts/week.csv"},
	}
	for _, tt := range tests {
		if got := shorten(tt.in, tt.width); got != tt.end || textWidth(got) > tt.width {
			t.Errorf("shorten(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.end)
		}
		if got := shortenStart(tt.in, tt.width); got != tt.starts || textWidth(got) > tt.width {
			t.Errorf("shortenStart(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.starts)
		}
	}
}

func TestShortPath(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	home := filepath.Dir(wd)
	env, _, _ := testEnv(map[string]string{"HOME": home})
	tests := []struct{ in, want string }{
		{filepath.Join(wd, "exports", "deals.csv"), filepath.Join("exports", "deals.csv")},
		{filepath.Join(home, "other", "deals.csv"), filepath.Join("~", "other", "deals.csv")},
		{"deals.csv", "deals.csv"},
		{"/elsewhere/deals.csv", "/elsewhere/deals.csv"},
	}
	for _, tt := range tests {
		if got := shortPath(tt.in, env); got != tt.want {
			t.Errorf("shortPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFitColumns: the widest column that may give way gives way first,
// each down to its minimum and never under its header; what cannot give
// way stays.
func TestFitColumns(t *testing.T) {
	header := []string{"Goal", "Actual", "Note"}
	row := func() [][]string {
		return [][]string{{"#1 Shorten the cycle by automating email search", "38.2 days", "deals won in the period only"}}
	}
	tests := []struct {
		name  string
		width int
		fits  []columnFit
		want  []string
	}{
		// Drawn: "│ " goal " │ " actual " │ " note " │": 10 + the cells, 47 +
		// 9 + 28 = 94. At 70, 24 too wide: the goal gives 19 to reach the
		// note's 28, then they take turns: 25 and 26. At 50, 44: 15 and 16.
		{"fits", 100, []columnFit{cut(0, 12)}, row()[0]},
		{"the widest gives way", 70, []columnFit{cut(0, 12), wrap(2, 8)},
			[]string{"#1 Shorten the cycle by…", "38.2 days", "deals won in the period\nonly"}},
		{"down to the minimum, then the next", 50, []columnFit{cut(0, 12), wrap(2, 12)},
			[]string{"#1 Shorten the…", "38.2 days", "deals won in the\nperiod only"}},
		{"not under the header", 20, []columnFit{cut(0, 1)}, []string{"#1…", "38.2 days", "deals won in the period only"}},
		{"the start of a path", 60, []columnFit{cutStart(0, 12)}, []string{"…email search", "38.2 days", "deals won in the period only"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := row()
			fitColumns(header, rows, tt.width, tt.fits)
			if diff := cmp.Diff(tt.want, rows[0]); diff != "" {
				t.Errorf("cells (-want +got):\n%s", diff)
			}
		})
	}
}

// TestStacked: a stacked cell's lines are made safe one by one, and the
// break between them is the table's own.
func TestStacked(t *testing.T) {
	var b strings.Builder
	cell := stacked(formatTable, "a\nforged line", "revenue, owner Ana")
	if err := writeTable(&b, formatTable, []string{"Goal"}, [][]string{{cell}}, stackedCols(0)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "│ a\\nforged line     │\n│ revenue, owner Ana │") {
		t.Errorf("stacked cell drawn as\n%s", b.String())
	}
	if got, want := stacked(formatMarkdown, "a|b", "c"), `a\|b · c`; got != want {
		t.Errorf("stacked in Markdown = %q, want %q", got, want)
	}
}

func TestStatusText(t *testing.T) {
	for _, st := range metric.Statuses() {
		text := statusText(st)
		got, ok := statusIn(text + " (low sample)")
		if !ok || got != st {
			t.Errorf("statusIn(%q) = %s, %v", text, got, ok)
		}
		if textWidth(lookOf(st).symbol) != 1 {
			t.Errorf("%s: symbol %q is not one column wide", st, lookOf(st).symbol)
		}
	}
	seen := map[string]metric.Status{}
	for _, st := range metric.Statuses() {
		if other, ok := seen[lookOf(st).symbol]; ok && !(st == metric.StatusNoData || other == metric.StatusNoData) {
			t.Errorf("%s and %s share the symbol %s", st, other, lookOf(st).symbol)
		}
		seen[lookOf(st).symbol] = st
	}
	if _, ok := statusIn("total"); ok {
		t.Errorf("statusIn(total) found a status")
	}
}
