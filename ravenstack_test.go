package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestRavenStackLifecycles imports the whole RavenStack data set of
// ../shared/data (accounts, subscriptions, churn events) with the README's
// command lines, and checks the retention, churn, new and reactivated
// customers of every quarter of 2023 and 2024 against a count made here
// from the raw files, with encoding/csv and nothing of salesgoal. The
// count reads the files as docs/import.md says, day by day:
//   - an account is active from its signup_date;
//   - a paid subscription (is_trial FALSE, mrr_amount not 0) starting on a
//     day makes it active; the day its last running paid subscription
//     ends, it is not; one that ends the day it began never runs;
//   - a churn event makes it inactive, a line with is_reactivation TRUE
//     active again; a line that finds the account already so is one the
//     import leaves out (--skip-invalid), as are the lines of an event
//     given twice;
//   - on one day, starts come first, then ends, churns and returns.
//
// Its state at the end of each day gives S (active the day before the
// quarter), R (of S, active on its last day), N (first active in it) and
// the reactivated (active again on a day of it, not their first).
func TestRavenStackLifecycles(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "shared", "data", "ravenstack-saas-subscriptions"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "ravenstack_accounts.csv")); err != nil {
		t.Skipf("no shared data beside the checkout: %v", err)
	}
	want, skipped, err := ravenStackCount(dir)
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/ravenstack",
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			e.Setenv("SALESGOAL_DB", e.WorkDir+"/salesgoal.db")
			e.Setenv("TZ", "UTC")
			e.Setenv("RAVENSTACK", dir)
			e.Setenv("SKIPPED", strconv.Itoa(skipped))
			for q, c := range want {
				e.Setenv("Q"+strings.ReplaceAll(q, "-", ""), c.pattern())
			}
			return nil
		},
	})
}

// quarterCount is one quarter's customers.
type quarterCount struct{ s, r, n, b int }

// pattern matches the quarter's customer lines of `metrics --format csv`.
func (c quarterCount) pattern() string {
	low := func(n int) string { return strconv.FormatBool(n < 10) }
	rate := func(x int) string {
		if c.s == 0 {
			return ""
		}
		return regexp.QuoteMeta(strconv.FormatFloat(100*float64(x)/float64(c.s), 'f', -1, 64))
	}
	rateLow := strconv.FormatBool(c.s > 0 && c.s < 10) // a null rate is not low sample
	return fmt.Sprintf(`(?s)cac,new-customers,count,%d,%s,\n.*retention,retention-rate,percent,%s,%s,\n`+
		`retention,reactivated-customers,count,%d,%s,\nchurn,churn-rate,percent,%s,%s,\nchurn,churned-customers,count,%d,%s,\n`,
		c.n, low(c.n), rate(c.r), rateLow, c.b, low(c.b), rate(c.s-c.r), rateLow, c.s-c.r, low(c.s))
}

// ravenStackCount counts, by quarter of 2023 and 2024, and the churn
// event lines an import with --skip-invalid leaves out.
func ravenStackCount(dir string) (map[string]quarterCount, int, error) {
	read := func(name string) ([]map[string]string, error) {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		defer f.Close()
		recs, err := csv.NewReader(f).ReadAll()
		if err != nil {
			return nil, err
		}
		var out []map[string]string
		for _, r := range recs[1:] {
			m := map[string]string{}
			for i, h := range recs[0] {
				m[h] = strings.TrimSpace(r[i])
			}
			out = append(out, m)
		}
		return out, nil
	}
	accounts, err := read("ravenstack_accounts.csv")
	if err != nil {
		return nil, 0, err
	}
	subs, err := read("ravenstack_subscriptions.csv")
	if err != nil {
		return nil, 0, err
	}
	events, err := read("ravenstack_churn_events.csv")
	if err != nil {
		return nil, 0, err
	}
	type change struct {
		day  string
		what int // 0 start, 1 end, 2 churn, 3 return
	}
	changes := map[string][]change{}
	for _, a := range accounts {
		changes[a["account_id"]] = append(changes[a["account_id"]], change{a["signup_date"], 0})
	}
	paid := map[string][][2]string{}
	for _, s := range subs {
		if s["is_trial"] == "TRUE" || s["mrr_amount"] == "0" || s["end_date"] != "" && s["end_date"] <= s["start_date"] {
			continue // a trial, a free one, or one that ended the day it began: it never ran
		}
		id := s["account_id"]
		changes[id] = append(changes[id], change{s["start_date"], 0})
		paid[id] = append(paid[id], [2]string{s["start_date"], s["end_date"]})
	}
	for id, ps := range paid {
		for _, p := range ps {
			if p[1] == "" {
				continue
			}
			running := false // another paid subscription runs on the end day
			for _, o := range ps {
				running = running || o[0] <= p[1] && (o[1] == "" || o[1] > p[1])
			}
			if !running {
				changes[id] = append(changes[id], change{p[1], 1})
			}
		}
	}
	lines := map[string]int{}
	key := func(e map[string]string) string { return e["account_id"] + e["churn_date"] + e["is_reactivation"] }
	for _, e := range events {
		lines[key(e)]++
	}
	skipped := 0
	for _, e := range events {
		if lines[key(e)] > 1 { // every line of a repeated event is left out
			skipped++
			continue
		}
		what := 2
		if e["is_reactivation"] == "TRUE" {
			what = 3
		}
		changes[e["account_id"]] = append(changes[e["account_id"]], change{e["churn_date"], what})
	}
	// Each account's state at the end of each day, from 2022-12-31.
	first := time.Date(2022, 12, 31, 0, 0, 0, 0, time.UTC)
	const days = 2*365 + 2
	active := map[string][]bool{}
	firstDay := map[string]string{}
	for id, cs := range changes {
		sort.SliceStable(cs, func(i, j int) bool {
			return cs[i].day < cs[j].day || cs[i].day == cs[j].day && cs[i].what < cs[j].what
		})
		state := false
		for _, c := range cs {
			switch {
			case c.what == 0 || c.what == 3 && !state:
				if !state && firstDay[id] == "" {
					firstDay[id] = c.day
				}
				state = true
			case c.what == 1:
				state = false
			case c.what == 2 && state:
				state = false
			default:
				skipped++ // a churn of an inactive account, a return of an active one
			}
		}
		states := make([]bool, days)
		for d := range days {
			day := first.AddDate(0, 0, d).Format(time.DateOnly)
			s := false
			for _, c := range cs {
				if c.day > day {
					break
				}
				s = c.what == 0 || c.what == 3 // left out lines change nothing either way
			}
			states[d] = s
		}
		active[id] = states
	}
	out := map[string]quarterCount{}
	for y := 2023; y <= 2024; y++ {
		for q := 0; q < 4; q++ {
			s := time.Date(y, time.Month(3*q+1), 1, 0, 0, 0, 0, time.UTC)
			e := s.AddDate(0, 3, -1)
			at := func(t time.Time) int { return int(t.Sub(first).Hours() / 24) }
			var c quarterCount
			for id, st := range active {
				if st[at(s)-1] {
					c.s++
					if st[at(e)] {
						c.r++
					}
				}
				if f := firstDay[id]; f >= s.Format(time.DateOnly) && f <= e.Format(time.DateOnly) {
					c.n++
				}
				for d := at(s); d <= at(e); d++ {
					if st[d] && !st[d-1] && first.AddDate(0, 0, d).Format(time.DateOnly) > firstDay[id] {
						c.b++
						break
					}
				}
			}
			out[fmt.Sprintf("%d-Q%d", y, q+1)] = c
		}
	}
	return out, skipped, nil
}
