package cmd

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/salesgoal/salesgoal/internal/importer"
	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

// external matches what would make a page fetch something: a URL, a
// source or a link attribute, a CSS url() or @import, a script, a frame or
// an object. Inline SVG in HTML needs no namespace URL.
var external = regexp.MustCompile(`(?i)https?:|//[a-z0-9.-]+\.[a-z]|\bsrc\s*=|\bhref\s*=|url\(|@import|<script|<link|<iframe|<object|<embed|<img|<image`)

// TestReportHTMLSafe: what came from the data cannot add markup, a script
// or a fetch to the page: names and file names are escaped by
// html/template after a terminal's visible escapes.
func TestReportHTMLSafe(t *testing.T) {
	hostile := append([]fixtureGoal{}, goldenGoals...)
	hostile = append(hostile,
		fixtureGoal{name: `<script>alert(1)</script> revenue`, metric: "revenue", period: "2027-Q1", target: 1},
		fixtureGoal{name: `"><img src=https://evil.example/x onerror=alert(1)>`, metric: "win-rate", period: "2027-Q1", target: 50, baseline: num(40)},
		fixtureGoal{name: "bidi \u202eTSAE\u202c and \x1b]8;;https://evil.example\x07link", metric: "churn-rate", period: "2027-Q1", target: 10},
	)
	db := mustFixture(t, hostile)
	// A file name that is markup, imported too.
	func() {
		s, err := store.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		data := "id,stage,amount,created_at,closed_at\nX1,won,1,2027-01-02,2027-01-03\n"
		if _, err := importer.Import(context.Background(), s, strings.NewReader(data),
			importer.Options{File: `<style>body{background:url(https://evil.example)}</style>.csv`, Now: fixtureImportedAt.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}()
	env, out, errOut := testEnv(nil)
	if code := run(env, []string{"report", "--db", db, "--as-of", fixtureAsOf, "--quarter", "Q1", "--since", "7d", "--format", "html"}); code != exitOK {
		t.Fatalf("exit status %d: %s", code, errOut)
	}
	page := out.String()
	// The names' URLs are there, as text: no element or attribute holds
	// them.
	for _, bad := range []string{"<script", "<img", "<style>body", "\u202e", "\x1b", "\x07", "src=\"", "url(\""} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %q from the data", bad)
		}
	}
	for _, want := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt; revenue",
		"&#34;&gt;&lt;img src=https:",
		`bidi \u202eTSAE\u202c and \x1b]8;;https:`,
		"&lt;style&gt;body{background:url(https:",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page does not show %q", want)
		}
	}
}

// TestReportHTMLContent: the page has what the issue asks of it, for
// the golden fixture: a summary of statuses, the changes, a chart per goal
// that has started, and each goal's numbers beside its chart.
func TestReportHTMLContent(t *testing.T) {
	db := mustFixture(t, goldenGoals)
	env, out, errOut := testEnv(nil)
	if code := run(env, []string{"report", "--db", db, "--as-of", fixtureAsOf, "--quarter", "Q1", "--since", "7d", "--format", "html"}); code != exitOK {
		t.Fatalf("exit status %d: %s", code, errOut)
	}
	page := out.String()
	// 7 goals, all started: 7 charts, and 9 trends.
	if n := strings.Count(page, "<svg"); n != len(goldenGoals)+9 {
		t.Errorf("%d pictures, want %d charts and 9 trends", n, len(goldenGoals))
	}
	for _, want := range []string{
		"<!DOCTYPE html>", "Summary: 7 goals", "Changes since 2027-02-07", "@page { size: A4",
		// Revenue 100k: actual, target, progress, run rate, pace.
		"<b>60,000.00 (low sample)</b>", "<b>100,000.00</b>", "<b>60%</b>", "<b>120,000.00</b>",
		"Pace: 50,000.00 expected by today (50% of 100,000.00)",
		// The discount cap: used, never progress.
		"<td style=\"padding:0 10px 0 0;color:#555555;white-space:nowrap\">Used</td><td><b>used 2 of 1 (200%)</b></td>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("no %q in the page", want)
		}
	}
	// Each status shown has its colour and its symbol: behind in
	// vermillion with ▼, never by colour alone.
	for _, st := range []metric.Status{metric.StatusOnTrack, metric.StatusAtRisk, metric.StatusBehind, metric.StatusAchieved, metric.StatusMissed, metric.StatusNoData} {
		l := lookOf(st)
		if !strings.Contains(page, "background:"+l.html) || !strings.Contains(page, l.symbol+"</span> "+string(st)) {
			t.Errorf("status %s: no %s swatch, or no %s before its name", st, l.html, l.symbol)
		}
	}
	if m := external.FindString(page); m != "" {
		t.Errorf("the page could fetch something: %q in it", m)
	}
	// Mail allows lines of 998 characters at most.
	for i, line := range strings.Split(page, "\n") {
		if len(line) > 998 {
			t.Errorf("line %d is %d long", i+1, len(line))
		}
	}
}

// TestReportHTMLOut: --out FILE.html picks HTML.
func TestReportHTMLOut(t *testing.T) {
	db := mustFixture(t, goldenGoals)
	path := filepath.Join(t.TempDir(), "week.html")
	env, _, errOut := testEnv(nil)
	if code := run(env, []string{"report", "--db", db, "--as-of", fixtureAsOf, "--out", path}); code != exitOK {
		t.Fatalf("exit status %d: %s", code, errOut)
	}
	if got := formatForFile(path, "table"); got != string(formatHTML) {
		t.Errorf("format for %s = %s", path, got)
	}
}

// TestReportHTMLFamilies: on the demo's page the reps' goals stand to the
// right of the company's, marked └, whose notes say what they add up to;
// the tiered goal's chart has its commit and stretch across, and its
// notes which tier it reaches (the numbers are worked out in
// testdata/script/demo_run.txtar).
func TestReportHTMLFamilies(t *testing.T) {
	env, out, errOut := testEnv(nil)
	if code := run(env, []string{"demo", "--format", "html"}); code != exitOK {
		t.Fatalf("exit status %d: %s", code, errOut)
	}
	page := out.String()
	for _, want := range []string{
		`<b>#10 Q4 revenue &#43;5%, every rep</b>`,
		`<tr><td colspan="2" style="padding:0 0 6px 24px">`,
		`<b>└ #11 Q4 revenue &#43;5%, every rep: Ana Silva</b>`,
		`<b>└ #16 Q4 revenue &#43;5%, every rep: Felix Wang</b>`,
		"#10 is served by the 6 goals beneath it; their targets add up to 334,099.50 (100% of its own); they have made 196,590.00",
		"Tiers: commit 131 at-risk, target 143 at-risk, stretch 155 behind: at-risk for commit",
		"aria-label=\"new-deals over 2026-Q4: ▲\u00a0at-risk\"",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("no %q in the page", want)
		}
	}
	if n := strings.Count(page, `padding:0 0 6px 24px`); n != 6 {
		t.Errorf("%d goals set to the right, want the 6 reps'", n)
	}
	// The commit and the stretch across #2's chart, named at their left
	// end, and across no other.
	chart := page[strings.Index(page, `aria-label="new-deals over 2026-Q4`):]
	chart = chart[:strings.Index(chart, "</svg>")]
	for _, name := range []string{"commit", "stretch", "target"} {
		if !strings.Contains(chart, ">"+name+"</text>") {
			t.Errorf("no %s across the new-deals chart", name)
		}
	}
	if n := strings.Count(page, ">commit</text>"); n != 1 {
		t.Errorf("%d charts with a commit, want 1", n)
	}
}
