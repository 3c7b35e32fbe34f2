package cmd

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/metric"
)

// TestReportSince works out by hand which goals of the golden fixture
// changed status between 2027-02-07 (day 38 of 90) and 2027-02-14:
//
//	#1 revenue 100000: on 02-07 D1 + D2 = 30000, run rate 30000 × 90/38 =
//	   71052.63, under 90% of 100000: behind; on 02-14 60000 (D3 won on
//	   02-09), run rate 120000: on-track.
//	#5 discounted-deals cap 1: on 02-07 D1 only, 1 of 1, run rate 2.37
//	   over 1.1: behind; on 02-14 D1 and D3, 2 > 1: missed.
//	#2 Ana's revenue 90000: 10000 then 40000, run rates 23684 and 80000,
//	   both under 81000: behind, unchanged.
//	#3 January revenue 25000: January ended with 30000: achieved both days.
//	#4 cycle 28 days from 40: 30 days both days (D1 40, D2 20; then D3 30
//	   too), 2 over the target, within 2.8: at-risk, unchanged.
//	#6 Cara's win rate: no deal, no-data; #7 churn 25% (K9 lost 01-31),
//	   run rates 59.2 and 50 over 27 × 1.1: behind, unchanged.
func TestReportSince(t *testing.T) {
	db := mustFixture(t, goldenGoals)
	for _, since := range []string{"7d", "1w", "2027-02-07"} {
		t.Run(since, func(t *testing.T) {
			env, out, errOut := testEnv(nil)
			args := []string{"report", "--db", db, "--as-of", fixtureAsOf, "--quarter", "Q1", "--since", since, "--format", "json"}
			if code := run(env, args); code != exitOK {
				t.Fatalf("exit status %d: %s", code, errOut)
			}
			var js reportJSON
			if err := json.Unmarshal(out.Bytes(), &js); err != nil {
				t.Fatal(err)
			}
			if js.Since != "2027-02-07" {
				t.Errorf("since = %q, want 2027-02-07", js.Since)
			}
			want := []statusChangeJSON{
				{ID: 1, Name: "Revenue 100k in Q1", From: "behind", To: "on-track"},
				{ID: 5, Name: "=fewer discounts", From: "behind", To: "missed"},
			}
			if js.Changes == nil {
				t.Fatalf("no changes in %s", out)
			}
			if diff := cmp.Diff(want, *js.Changes); diff != "" {
				t.Errorf("changes (-want +got):\n%s", diff)
			}
		})
	}
	// The day before, 02-13 (day 44), Ana's run rate was 40000 × 90/44 =
	// 81818.18, at least 90% of 90000: at-risk, behind a day later. Of
	// the cycle, win rate and churn goals, none moved: [], not null.
	for _, tt := range []struct {
		cats string
		want string
	}{
		{"revenue", `"changes": [
    {
      "id": 2,
      "name": "Ana | revenue 90k",
      "from": "at-risk",
      "to": "behind"
    }
  ],`},
		{"cycle-time,win-rate,churn", `"changes": [],`},
	} {
		env, out, errOut := testEnv(nil)
		if code := run(env, []string{"report", "--db", db, "--as-of", fixtureAsOf, "--quarter", "Q1", "--since", "1d", "--category", tt.cats, "--format", "json"}); code != exitOK {
			t.Fatalf("exit status %d: %s", code, errOut)
		}
		if !strings.Contains(out.String(), tt.want) {
			t.Errorf("--category %s --since 1d: want %s, got\n%s", tt.cats, tt.want, out)
		}
	}
	env, out, errOut := testEnv(nil)
	if code := run(env, []string{"report", "--db", db, "--as-of", fixtureAsOf, "--quarter", "Q1", "--format", "json"}); code != exitOK {
		t.Fatalf("exit status %d: %s", code, errOut)
	}
	if strings.Contains(out.String(), `"changes"`) || strings.Contains(out.String(), `"since"`) {
		t.Errorf("changes without --since:\n%s", out)
	}
	env, out, _ = testEnv(nil)
	run(env, []string{"report", "--db", db, "--as-of", fixtureAsOf, "--quarter", "Q1", "--since", "2026-12-31"})
	// Before the quarter, its goals had not started; January's had.
	for _, want := range []string{"CHANGES SINCE 2026-12-31", "#1 Revenue 100k in Q1: ○\u00a0not-started → ●\u00a0on-track",
		"#3 January revenue: ○\u00a0not-started → ✓\u00a0achieved"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
}

// TestReportTrends works out by hand each category's history over the
// eight quarters 2025-Q2 … 2027-Q1 of the golden fixture (see
// report_fixture_test.go). No deal was closed or created before D1 on
// 2026-12-02, no customer acquired before K9 on 2026-03-01, no spend
// before 2027: those quarters are gaps (null), not zeros.
//
//	cycle, win rate, margin: 2026-Q4 has D1 created but nothing closed
//	   (null); 2027-Q1 30 days, 60%, 60%
//	new deals: 2026-Q4 1 (D1), 2027-Q1 6; revenue and expansion: 0 in
//	   2026-Q4, 60000 and 20000 (D2, an upsell) in 2027-Q1
//	cac: 2027-Q1 only, 6000 / 2 new customers = 3000
//	retention, churn: 2026-Q1 has K9 acquired but nobody before it
//	   (S = 0: null); 2026-Q2 S = K9: 100% and 0%; 2026-Q3 and Q4 S = K9
//	   K7 K8 K0: 100% and 0%; 2027-Q1 K9 lost: 75% and 25%
func TestReportTrends(t *testing.T) {
	db := mustFixture(t, nil)
	env, out, errOut := testEnv(nil)
	if code := run(env, []string{"report", "--db", db, "--as-of", fixtureAsOf, "--quarter", "Q1", "--format", "json"}); code != exitOK {
		t.Fatalf("exit status %d: %s", code, errOut)
	}
	var js reportJSON
	if err := json.Unmarshal(out.Bytes(), &js); err != nil {
		t.Fatal(err)
	}
	gap := (*float64)(nil)
	want := map[string][]*float64{
		"cycle-time": {gap, gap, gap, gap, gap, gap, gap, num(30)},
		"prospects":  {gap, gap, gap, gap, gap, gap, num(1), num(6)},
		"win-rate":   {gap, gap, gap, gap, gap, gap, gap, num(60)},
		"revenue":    {gap, gap, gap, gap, gap, gap, num(0), num(60000)},
		"margin":     {gap, gap, gap, gap, gap, gap, gap, num(60)},
		"cac":        {gap, gap, gap, gap, gap, gap, gap, num(3000)},
		"retention":  {gap, gap, gap, gap, num(100), num(100), num(100), num(75)},
		"churn":      {gap, gap, gap, gap, num(0), num(0), num(0), num(25)},
		"expansion":  {gap, gap, gap, gap, gap, gap, num(0), num(20000)},
	}
	for _, c := range js.Categories {
		if diff := cmp.Diff(want[c.Category], c.History); diff != "" {
			t.Errorf("%s history (-want +got):\n%s", c.Category, diff)
		}
	}
	// The same in the terminal's sparklines: a gap, not ▁, for no data.
	env, out, _ = testEnv(nil)
	run(env, []string{"report", "--db", db, "--as-of", fixtureAsOf, "--quarter", "Q1"})
	for _, line := range []string{
		"RETENTION: retention-rate 75% (2026-Q4: 100%) " + strings.Repeat("\u00a0", 4) + "███▁",
		"PROSPECTS: new-deals 6 (2026-Q4: 1) " + strings.Repeat("\u00a0", 6) + "▁█",
		"CYCLE TIME: avg-cycle-days 30 days (2026-Q4: —) " + strings.Repeat("\u00a0", 7) + "▄",
	} {
		if !strings.Contains(out.String(), line+"\n") {
			t.Errorf("no line %q in\n%s", line, out)
		}
	}
}

func TestSinceDate(t *testing.T) {
	asOf, _ := metric.ParseDate("2027-02-14")
	tests := []struct {
		in, want, err string
	}{
		{"7d", "2027-02-07", ""},
		{"2w", "2027-01-31", ""},
		{"1d", "2027-02-13", ""},
		{"2027-01-01", "2027-01-01", ""},
		{"0d", "", "is not before the as-of date"},
		{"2027-02-14", "", "is not before the as-of date"},
		{"2027-03-01", "", "is not before the as-of date"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if err := checkSince(tt.in); err != nil {
				t.Fatalf("checkSince(%q): %v", tt.in, err)
			}
			d, err := sinceDate(tt.in, asOf)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("sinceDate(%q) = %v, want an error with %q", tt.in, err, tt.err)
				}
				return
			}
			if err != nil || metric.FormatDate(d) != tt.want {
				t.Errorf("sinceDate(%q) = %s, %v, want %s", tt.in, metric.FormatDate(d), err, tt.want)
			}
		})
	}
	for _, bad := range []string{"7", "d7", "last week", "2027-13-01", "-7d"} {
		if err := checkSince(bad); err == nil {
			t.Errorf("checkSince(%q): no error", bad)
		}
	}
}
