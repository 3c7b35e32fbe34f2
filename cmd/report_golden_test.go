package cmd

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ with the current output")

// goldenGoals are the goals of the layout tests: a few statuses, an owner,
// a monthly goal in the quarter, a null actual, and a name a spreadsheet
// would take for a formula.
var goldenGoals = []fixtureGoal{
	{name: "Revenue 100k in Q1", metric: "revenue", period: "2027-Q1", target: 100000},
	{name: "Ana | revenue 90k", metric: "revenue", scope: "owner Ana", period: "2027-Q1", target: 90000},
	{name: "January revenue", metric: "revenue", period: "2027-01", target: 25000},
	{name: "Shorter cycle", metric: "avg-cycle-days", period: "2027-Q1", target: 28, baseline: num(40)},
	{name: "=fewer discounts", metric: "discounted-deals", period: "2027-Q1", target: 1},
	{name: "Cara's win rate", metric: "win-rate", scope: "owner Cara", period: "2027-Q1", target: 30},
	{name: "Churn -3pp", metric: "churn-rate", period: "2027-Q1", relative: "-3pp", baseline: num(30)},
}

// testEnv is an Env without a terminal, with the given variables.
func testEnv(vars map[string]string) (*Env, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return &Env{
		Stdin:  strings.NewReader(""),
		Stdout: &out, Stderr: &errOut,
		Getenv: func(k string) string { return vars[k] },
		Now:    func() time.Time { return fixtureImportedAt },
	}, &out, &errOut
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd -run %s -update to create it)", err, t.Name())
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got); if the change is meant, run with -update and read the diff:\n%s", path, diff)
	}
}

// TestReportGolden pins the layout of each format, without a terminal.
func TestReportGolden(t *testing.T) {
	db := mustFixture(t, goldenGoals)
	// A week before, 2027-02-07, two goals had another status (see
	// TestReportSince): every format with --since lists them first.
	since := []string{"--since", "7d"}
	for _, tt := range []struct {
		name, file string
		tty        bool
		args       []string
	}{
		{"table", "report_table.golden", false, nil},
		{"terminal", "report_terminal.golden", true, since},
		// --wide is for a wide terminal.
		{"wide", "report_wide.golden", false, []string{"--wide"}},
		{"markdown", "report_markdown.golden", false, append([]string{"--format", "markdown"}, since...)},
		{"csv", "report_csv.golden", false, append([]string{"--format", "csv"}, since...)},
		{"json", "report_json.golden", false, append([]string{"--format", "json"}, since...)},
		{"html", "report_html.golden", false, append([]string{"--format", "html"}, since...)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// A terminal 80 columns wide (160 for --wide), without
			// colour: the layout, bars included, is what is pinned.
			columns := "80"
			if tt.name == "wide" {
				columns = "160"
			}
			env, out, errOut := testEnv(map[string]string{"NO_COLOR": "1", "COLUMNS": columns})
			env.StdoutTTY = tt.tty
			code := run(env, append([]string{"report", "--db", db, "--as-of", fixtureAsOf, "--quarter", "Q1"}, tt.args...))
			if code != exitOK {
				t.Fatalf("exit status %d: %s", code, errOut)
			}
			if strings.Contains(out.String(), "\x1b[") {
				t.Errorf("colour without a terminal, or with NO_COLOR")
			}
			golden(t, tt.file, out.Bytes())
		})
	}
}

// TestReportJSONShape checks the keys of docs/architecture.md, [] for empty
// lists, every status in the summary, and money to the cent.
func TestReportJSONShape(t *testing.T) {
	db := mustFixture(t, goldenGoals)
	env, out, errOut := testEnv(nil)
	if code := run(env, []string{"report", "--db", db, "--as-of", fixtureAsOf, "--period", "2027-Q1", "--format", "json"}); code != exitOK {
		t.Fatalf("exit status %d: %s", code, errOut)
	}
	var js map[string]any
	if err := json.Unmarshal(out.Bytes(), &js); err != nil {
		t.Fatal(err)
	}
	keys := func(v any) []string {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("%v is not an object", v)
		}
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		return ks
	}
	if diff := cmp.Diff([]string{"as-of", "categories", "elapsed", "period", "summary"}, keys(js)); diff != "" {
		t.Errorf("report keys (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"end", "label", "start"}, keys(js["period"])); diff != "" {
		t.Errorf("period keys (-want +got):\n%s", diff)
	}
	if got, want := js["elapsed"], 0.5; got != want {
		t.Errorf("elapsed = %v, want %v", got, want)
	}
	if diff := cmp.Diff([]string{"achieved", "at-risk", "behind", "missed", "no-data", "not-started", "on-track"}, keys(js["summary"])); diff != "" {
		t.Errorf("summary keys (-want +got):\n%s", diff)
	}
	cats := js["categories"].([]any)
	var names []string
	goals := 0
	for _, c := range cats {
		if diff := cmp.Diff([]string{"category", "goals", "history", "metric", "roll-ups", "unit", "value"}, keys(c)); diff != "" {
			t.Errorf("category keys (-want +got):\n%s", diff)
		}
		cm := c.(map[string]any)
		names = append(names, cm["category"].(string))
		gs, ok := cm["goals"].([]any)
		if !ok {
			t.Errorf("category %s: goals is %v, want a list", cm["category"], cm["goals"])
		}
		for _, g := range gs {
			goals++
			if diff := cmp.Diff([]string{"actual", "baseline", "baseline-used", "coverage", "expected", "forecast", "id", "low-sample", "metric", "name",
				"needed-per-week", "parent", "progress", "scope", "status", "target", "target-spec", "tiers", "used"}, keys(g)); diff != "" {
				t.Errorf("goal keys (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{"kind", "value"}, keys(g.(map[string]any)["scope"])); diff != "" {
				t.Errorf("scope keys (-want +got):\n%s", diff)
			}
		}
	}
	if diff := cmp.Diff([]string{"cycle-time", "prospects", "win-rate", "revenue", "margin", "cac", "retention", "churn", "expansion"}, names); diff != "" {
		t.Errorf("categories (-want +got):\n%s", diff)
	}
	if goals != len(goldenGoals) {
		t.Errorf("%d goals, want %d", goals, len(goldenGoals))
	}
	if !strings.Contains(out.String(), `"goals": []`) {
		t.Errorf("a category without goals is not []:\n%s", out)
	}
}

// TestReportTerminal checks that colour and bars appear on a terminal
// only, and that NO_COLOR and --no-color turn colour off but keep bars.
func TestReportTerminal(t *testing.T) {
	db := mustFixture(t, goldenGoals)
	tests := []struct {
		name       string
		tty        bool
		vars       map[string]string
		args       []string
		color, bar bool
	}{
		{"terminal", true, nil, nil, true, true},
		{"NO_COLOR", true, map[string]string{"NO_COLOR": "1"}, nil, false, true},
		{"--no-color", true, nil, []string{"--no-color"}, false, true},
		{"pipe", false, nil, nil, false, false},
		{"markdown on a terminal", true, nil, []string{"--format", "markdown"}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, out, errOut := testEnv(tt.vars)
			env.StdoutTTY, env.StderrTTY = tt.tty, tt.tty
			args := append([]string{"report", "--db", db, "--as-of", fixtureAsOf, "--quarter", "Q1"}, tt.args...)
			if code := run(env, args); code != exitOK {
				t.Fatalf("exit status %d: %s", code, errOut)
			}
			if got := strings.Contains(out.String(), "\x1b[3"); got != tt.color {
				t.Errorf("colour = %v, want %v", got, tt.color)
			}
			if got := strings.Contains(out.String(), "░"); got != tt.bar {
				t.Errorf("bars = %v, want %v", got, tt.bar)
			}
		})
	}
}

// TestReportFlags checks the flags' wrong usage (exit status 2) and what
// --fail-on and --category do.
func TestReportFlags(t *testing.T) {
	db := mustFixture(t, goldenGoals)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"bad period", []string{"--period", "2027-Q5"}, exitUsage, "a quarter is Q1 to Q4"},
		{"two periods", []string{"--quarter", "Q1", "--month", "2027-01"}, exitUsage, "name the period twice"},
		{"owner and team", []string{"--owner", "Ana", "--team", "East"}, exitUsage, "--owner and --team"},
		{"bad fail-on", []string{"--fail-on", "missed"}, exitUsage, `--fail-on "missed": choose at-risk or behind`},
		{"bad category", []string{"--category", "revenue,profit"}, exitUsage, `--category "profit"`},
		{"bad format", []string{"--format", "pdf"}, exitUsage, `--format "pdf"`},
		{"bad since", []string{"--since", "last week"}, exitUsage, `--since "last week": give a date`},
		{"since not before as-of", []string{"--since", "2027-02-14"}, exitUsage, "--since 2027-02-14 is not before the as-of date 2027-02-14"},
		{"bad by", []string{"--by", "month"}, exitUsage, `--by "month": choose owner or team`},
		{"by and owner", []string{"--by", "owner", "--owner", "Ana"}, exitUsage, "--by owner ranks every owner: --owner and --team keep one"},
		// A leaderboard has no page of charts and no changes section.
		{"by as a page", []string{"--by", "owner", "--format", "html"}, exitUsage, "--by owner is a table: choose --format table, markdown, csv or json"},
		{"by to an html file", []string{"--by", "team", "--out", "board.html"}, exitUsage, "--by team is a table"},
		{"by since", []string{"--by", "owner", "--since", "7d"}, exitUsage, "--since lists the goals that moved in the report by category: drop --by owner, or --since"},
		// Shorter cycle is at risk (and missed and behind goals exist).
		{"fail-on at-risk", []string{"--fail-on", "at-risk"}, exitFailOn, "--fail-on at-risk: 4 goals are at risk, behind or missed"},
		{"fail-on behind", []string{"--fail-on", "behind"}, exitFailOn, "--fail-on behind: 3 goals are behind or missed"},
		// Only the cycle: one goal at risk, none behind.
		{"fail-on behind, cycle only", []string{"--fail-on", "behind", "--category", "cycle-time"}, exitOK, ""},
		{"fail-on at-risk, cycle only", []string{"--fail-on", "at-risk", "--category", "cycle-time"}, exitFailOn, "1 goal is at risk"},
		// A misspelt owner: an empty report and a warning.
		{"unknown owner", []string{"--owner", "Zed"}, exitOK, "salesgoal: warning: owner Zed appears in no deal or customer"},
		{"known owner", []string{"--owner", "Ana", "--fail-on", "at-risk"}, exitFailOn, "1 goal is at risk, behind or missed"},
		// Nothing can fail before the period starts.
		{"fail-on, not started", []string{"--fail-on", "at-risk", "--quarter", "Q2"}, exitOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _, errOut := testEnv(nil)
			args := append([]string{"report", "--db", db, "--as-of", fixtureAsOf}, tt.args...)
			if code := run(env, args); code != tt.code {
				t.Errorf("exit status %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			if tt.stderr == "" && errOut.Len() > 0 {
				t.Errorf("stderr = %q, want nothing", errOut)
			}
			if !strings.Contains(errOut.String(), tt.stderr) {
				t.Errorf("stderr = %q, want it to contain %q", errOut, tt.stderr)
			}
		})
	}
}

// TestReportCategories checks that --category keeps the sections asked
// for, in docs/metrics.md order whatever the order typed.
func TestReportCategories(t *testing.T) {
	db := mustFixture(t, goldenGoals)
	env, out, errOut := testEnv(nil)
	args := []string{"report", "--db", db, "--as-of", fixtureAsOf, "--format", "json", "--category", "churn", "--category", "revenue,cycle-time"}
	if code := run(env, args); code != exitOK {
		t.Fatalf("exit status %d: %s", code, errOut)
	}
	var js reportJSON
	if err := json.Unmarshal(out.Bytes(), &js); err != nil {
		t.Fatal(err)
	}
	var got []string
	goals := 0
	for _, c := range js.Categories {
		got = append(got, c.Category)
		goals += len(c.Goals)
	}
	if diff := cmp.Diff([]string{"cycle-time", "revenue", "churn"}, got); diff != "" {
		t.Errorf("categories (-want +got):\n%s", diff)
	}
	if goals != 5 {
		t.Errorf("%d goals, want 5 (three revenue, one cycle, one churn)", goals)
	}
}
