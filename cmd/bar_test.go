package cmd

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

func TestDrawBar(t *testing.T) {
	tests := []struct {
		name  string
		f     float64
		n     int
		marks []barMark
		want  string
	}{
		{"empty", 0, 8, nil, "░░░░░░░░"},
		// 0.6 × 8 = 4.8: five cells.
		{"rounded to a cell", 0.6, 8, nil, "█████░░░"},
		{"past the end is full", 2.08, 8, nil, "████████"},
		{"below 0 is empty", -0.5, 4, nil, "░░░░"},
		{"a mark in the cell it falls in", 0.25, 8, []barMark{{at: 0.8, r: '│'}}, "██░░░░│░"},
		{"a mark at the end stays on the bar", 1, 8, []barMark{{at: 1, r: '┃'}}, "███████┃"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := drawBar(tt.f, tt.n, tt.marks...); got != tt.want {
				t.Errorf("drawBar(%v, %d) = %q, want %q", tt.f, tt.n, got, tt.want)
			}
		})
	}
}

func TestSparkline(t *testing.T) {
	v := func(xs ...any) []metric.Value {
		m, _ := metric.Lookup("revenue")
		var out []metric.Value
		for _, x := range xs {
			if x == nil {
				out = append(out, metric.Value{Metric: m, Null: true})
				continue
			}
			out = append(out, metric.Value{Metric: m, Value: float64(x.(int))})
		}
		return out
	}
	const gap = "\u00a0"
	tests := []struct {
		name string
		in   []metric.Value
		want string
	}{
		// From the lowest (▁) to the highest (█): 0 → ▁, 70 → 7 × 70/70.
		{"rising", v(0, 10, 20, 30, 40, 50, 60, 70), "▁▂▃▄▅▆▇█"},
		{"gaps are not zeros", v(nil, nil, 10, 0, nil, 70, 35, 70), gap + gap + "▂▁" + gap + "█▅█"},
		{"all equal", v(5, 5, 5), "▄▄▄"},
		{"all zero", v(0, nil, 0, 0), "▁" + gap + "▁▁"},
		{"one value", v(nil, 3), gap + "▄"},
		{"nothing", v(nil, nil), gap + gap},
		// Negative revenue (credits) is a value like another.
		{"below zero", v(-10, 0, 4), "▁▆█"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sparkline(tt.in); got != tt.want {
				t.Errorf("sparkline = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCompactProgress(t *testing.T) {
	tests := []struct {
		name string
		t    measure.Tracked
		bar  int
		want string
	}{
		{"quota", tracked(t, "revenue", 100000, num(60000), metric.Progress{Progress: num(0.6)}), 8, "█████░░░ 60%"},
		{"quota without a bar", tracked(t, "revenue", 100000, num(60000), metric.Progress{Progress: num(0.6)}), 0, "60%"},
		{"a cap is used", tracked(t, "discounted-deals", 9, num(10), metric.Progress{Used: num(10.0 / 9)}), 8, "████████ 111% used"},
		// Retention is never "used": 100 − 95 = 5 of the 9 points allowed
		// lost (56%: 2 of 4 cells); below target, 91 − 81.3 = 9.7 points
		// short and no bar.
		{"retention within its allowance", tracked(t, "retention-rate", 91, num(95), metric.Progress{Used: num(5.0 / 9), Status: metric.StatusOnTrack}), 4, "██░░ lost 5pp of 9pp"},
		{"retention missed", tracked(t, "retention-rate", 91, num(81.3), metric.Progress{Used: num(18.7 / 9), Status: metric.StatusMissed}), 4, "9.7pp below target"},
		{"retention behind, customers can come back", tracked(t, "retention-rate", 91, num(81.3), metric.Progress{Used: num(18.7 / 9), Status: metric.StatusBehind}), 4, "9.7pp to win back"},
		{"a cap of 0", tracked(t, "churned-customers", 0, num(1), metric.Progress{}), 8, "used 1 of 0"},
		{"below the baseline", tracked(t, "win-rate", 35.3, num(25), metric.Progress{Progress: num(-1.06)}), 8, "below baseline"},
		{"nothing to measure", tracked(t, "spend", 100, nil, metric.Progress{}), 8, "—"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := compactProgress(tt.t, tt.bar); got != tt.want {
				t.Errorf("compactProgress = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestChooseMetrics(t *testing.T) {
	primaries := []string{"avg-cycle-days", "new-deals", "win-rate", "revenue", "gross-margin", "cac", "retention-rate", "churn-rate", "expansion-revenue"}
	tests := []struct {
		name       string
		categories []string
		ids        []string
		all, by    bool
		want       []string
		err        string
	}{
		{"every metric without --by", nil, nil, false, false, allIDs(), ""},
		{"each category's primary with --by", nil, nil, false, true, primaries, ""},
		{"--all with --by", nil, nil, true, true, allIDs(), ""},
		{"a category", []string{"revenue"}, nil, false, false, []string{"revenue", "avg-deal-size"}, ""},
		{"a category with --by", []string{"Revenue, churn"}, nil, false, true, []string{"revenue", "churn-rate"}, ""},
		{"metrics, in catalogue order", nil, []string{"win-rate", "spend"}, false, true, []string{"win-rate", "spend"}, ""},
		{"a category and a metric", []string{"margin"}, []string{"new-deals"}, false, true, []string{"new-deals", "gross-margin"}, ""},
		{"an unknown metric", nil, []string{"profit"}, false, false, nil, `--metric "profit": choose from avg-cycle-days`},
		{"an unknown category", []string{"sales"}, nil, false, false, nil, `--category "sales": choose from cycle-time`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := chooseMetrics(tt.categories, tt.ids, tt.all, tt.by)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("error %v, want one with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("metrics (-want +got):\n%s", diff)
			}
		})
	}
}

func allIDs() []string {
	var out []string
	for _, m := range metric.Metrics() {
		out = append(out, m.ID)
	}
	return out
}

// TestGoalChart: each kind of metric gets its picture. The quota's line
// to the target runs from 0 on the first day to the target on the last;
// the run rate goes on from today's value to the forecast at the end;
// today is marked while the period runs; a ratio shows the target and the
// baseline across, and a point at each week's end and today.
func TestGoalChart(t *testing.T) {
	asOf := metric.Date(2027, time.February, 14)
	path := func(days int, v func(i int) *float64) measure.Path {
		var p measure.Path
		for i := range days {
			p.Days = append(p.Days, metric.Date(2027, time.January, 1).AddDate(0, 0, i))
			p.Values = append(p.Values, v(i))
		}
		return p
	}
	// Revenue: 1000 a day for 45 days of 90, target 100000, run rate 90000.
	quota := tracked(t, "revenue", 100000, num(45000), metric.Progress{Forecast: num(90000), Status: metric.StatusAtRisk})
	c := goalChart(quota, path(45, func(i int) *float64 { return num(float64(1000 * (i + 1))) }), asOf)
	if c == nil {
		t.Fatal("no chart")
	}
	lines := map[string]bool{}
	for _, l := range c.Lines {
		lines[l.Points+" "+l.Color+" "+l.Dash] = true
	}
	// The plot: x from 50 (day 0) to 312 (day 89), y from 124 (0) up to
	// 8 (the top: 100000 × 1.05 = 105000 rounded up to 110000).
	y := func(v float64) float64 { return 8 + 116*(110000-v)/110000 }
	x := func(day int) float64 { return 50 + 262*float64(day)/89 }
	for _, want := range []string{
		coord(x(0)) + "," + coord(y(0)) + " " + coord(x(89)) + "," + coord(y(100000)) + " " + chartGuide + " 5 4",                           // 0 to the target
		coord(x(44)) + "," + coord(y(45000)) + " " + coord(x(89)) + "," + coord(y(90000)) + " " + lookOf(metric.StatusAtRisk).html + " 5 4", // the run rate
		coord(x(44)) + ",8 " + coord(x(44)) + ",124 " + chartLight + " 3 3",                                                                 // today
	} {
		if !lines[want] {
			t.Errorf("no line %q in %v", want, c.Lines)
		}
	}
	// A ratio: win rate 25 against 35.3 from 30.3, points on days 6, 13,
	// … 41 and today (44): 7 points.
	ratio := tracked(t, "win-rate", 35.3, num(25), metric.Progress{Status: metric.StatusBehind})
	ratio.Goal.Baseline.Value = num(30.3)
	c = goalChart(ratio, path(45, func(int) *float64 { return num(25) }), asOf)
	if got := len(c.Dots); got != 7 {
		t.Errorf("%d points, want 7", got)
	}
	var names []string
	for _, tx := range c.Texts {
		names = append(names, tx.Text)
	}
	for _, want := range []string{"target", "baseline", "today", "2027-01-01", "2027-03-31"} {
		if !strings.Contains(strings.Join(names, " "), want) {
			t.Errorf("no %q among the ratio chart's words %v", want, names)
		}
	}
	// Not started: no chart.
	if c := goalChart(quota, measure.Path{}, metric.Date(2026, time.December, 1)); c != nil {
		t.Errorf("a chart before the period")
	}
}

func TestShortNumber(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{{150.15, "150.2"}, {48000, "48k"}, {1234567, "1.2M"}, {-25000, "-25k"}, {3e9, "3G"}, {0, "0"}} {
		if got := shortNumber(tt.v); got != tt.want {
			t.Errorf("shortNumber(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
	for _, tt := range []struct{ v, up, down float64 }{{150.15, 160, 150}, {9353.3, 9400, 9300}, {0.37, 0.37, 0.37}, {-12.5, -12, -13}} {
		if got := roundSig(tt.v, math.Ceil); got != tt.up {
			t.Errorf("roundSig(%v, up) = %v, want %v", tt.v, got, tt.up)
		}
		if got := roundSig(tt.v, math.Floor); got != tt.down {
			t.Errorf("roundSig(%v, down) = %v, want %v", tt.v, got, tt.down)
		}
	}
}
