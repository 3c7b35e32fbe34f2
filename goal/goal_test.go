package goal

import (
	"errors"
	"strings"
	"testing"

	"github.com/salesgoal/salesgoal/metric"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Goal)
		want   string // "" means valid
	}{
		{"valid", nil, ""},
		{"team goal", func(g *Goal) { g.Scope = metric.Scope{Level: metric.Team, Value: "EMEA"} }, ""},
		{"no name", func(g *Goal) { g.Name = "  " }, "a goal needs a name"},
		{"unknown metric", func(g *Goal) { g.Metric = "bookings" }, `"bookings" is not a metric`},
		{"metric of another category", func(g *Goal) { g.Category = "win-rate" }, "metric revenue belongs to category revenue"},
		{"owner without a name", func(g *Goal) { g.Scope = metric.Scope{Level: metric.Owner} }, "a goal for one owner needs the owner's name"},
		{"company with a name", func(g *Goal) { g.Scope = metric.Scope{Level: metric.Company, Value: "Ana"} }, "names no team or owner"},
		{"unknown scope", func(g *Goal) { g.Scope = metric.Scope{Level: "region", Value: "EU"} }, `scope "region"`},
		{"cac for an owner", func(g *Goal) {
			g.Category, g.Metric = "cac", "cac"
			g.Scope = metric.Scope{Level: metric.Owner, Value: "Ana"}
		}, "cac is company-wide only"},
		{"no period", func(g *Goal) { g.Period = metric.Period{} }, "needs a period"},
		{"points on revenue", func(g *Goal) { g.Target, _ = ParseTarget("+5pp") }, "only a rate"},
		{"bad target", func(g *Goal) { g.Target = Target{Spec: "lots"} }, "not a number"},
		{"own parent", func(g *Goal) { g.ID, g.ParentID = 4, 4 }, "its own parent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, _ := revenueGoal(t)
			if tt.change != nil {
				tt.change(&g)
			}
			err := g.Validate()
			if tt.want == "" {
				if err != nil {
					t.Errorf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, ErrInvalid) {
				t.Errorf("Validate() = %v, want ErrInvalid saying %q", err, tt.want)
			}
		})
	}
}

func TestResolveRounds(t *testing.T) {
	tests := []struct {
		name, metric, spec string
		baseline, want     float64
	}{
		{"money to the cent", "revenue", "+9%", 100000, 109000},
		{"money with cents", "revenue", "+9%", 1234.56, 1345.67},
		{"rate", "win-rate", "+10%", 30, 33},
		{"points", "win-rate", "+5pp", 30.25, 35.25},
		// A count is whole, rounded toward the harder side.
		{"more deals round up", "new-deals", "+20%", 119, 143},            // 142.8
		{"fewer discounts round down", "discounted-deals", "-25%", 13, 9}, // 9.75
		{"a whole result stays", "new-deals", "+10%", 10, 11},             // 11.000000000000002 before rounding to a millionth
		{"an absolute count is as typed", "new-deals", "12.5", 0, 12.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tg, err := ParseTarget(tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			g := Goal{Metric: tt.metric, Target: tg, Baseline: Baseline{Value: num(tt.baseline)}}
			g.Resolve()
			if g.TargetValue == nil || *g.TargetValue != tt.want {
				t.Errorf("TargetValue = %v, want %v", g.TargetValue, tt.want)
			}
		})
	}
}

func TestDefaultName(t *testing.T) {
	tg, _ := ParseTarget("+5pp")
	q1 := period(t, "2027-Q1")
	tests := []struct {
		name  string
		scope metric.Scope
		want  string
	}{
		{"company", metric.Scope{Level: metric.Company}, "win-rate +5pp 2027-Q1"},
		{"owner", metric.Scope{Level: metric.Owner, Value: "Ana"}, "win-rate +5pp for owner Ana 2027-Q1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DefaultName("win-rate", tt.scope, tg, q1); got != tt.want {
				t.Errorf("DefaultName = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBaselineOver(t *testing.T) {
	q1 := period(t, "2027-Q1")
	tests := []struct {
		spec, want, label string
		ok                bool
	}{
		{"", BaselinePrevious, "2026-Q4", true},
		{"previous", BaselinePrevious, "2026-Q4", true},
		{"last-year", BaselineLastYear, "2026-Q1", true},
		{"2026-Q3", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			b, ok := BaselineOver(tt.spec, q1)
			if ok != tt.ok || b.Spec != tt.want || b.Period.Label != tt.label {
				t.Errorf("BaselineOver(%q) = %q over %q, %v; want %q over %q, %v", tt.spec, b.Spec, b.Period.Label, ok, tt.want, tt.label, tt.ok)
			}
		})
	}
}
