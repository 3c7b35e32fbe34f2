package goal

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/metric"
)

func TestParseTarget(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Target
	}{
		{"amount", "120000", Target{Spec: "120000", Form: Absolute, Value: 120000}},
		{"amount with separators", "1,500.50", Target{Spec: "1,500.50", Form: Absolute, Value: 1500.5}},
		{"count", "30", Target{Spec: "30", Form: Absolute, Value: 30}},
		{"rate with percent sign", "30%", Target{Spec: "30%", Form: Absolute, Value: 30, PercentSign: true}},
		{"negative absolute", "-4", Target{Spec: "-4", Form: Absolute, Value: -4}},
		{"raise by percent", "+9%", Target{Spec: "+9%", Form: Percent, Value: 9}},
		{"cut by percent", "-15%", Target{Spec: "-15%", Form: Percent, Value: -15}},
		{"raise by points", "+5pp", Target{Spec: "+5pp", Form: Points, Value: 5}},
		{"cut by points", "-3pp", Target{Spec: "-3pp", Form: Points, Value: -3}},
		{"upper case and spaces", " +2.5 PP ", Target{Spec: "+2.5pp", Form: Points, Value: 2.5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseTarget(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseTarget(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParseTargetErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "no target given"},
		{"points without sign", "5pp", "needs a sign"},
		{"plus without unit", "+9", "a change needs a unit"},
		{"word", "lots", "not a number"},
		{"exponent", "1e5", "not a number"},
		{"infinity", "+inf%", "not a number"},
		{"sign alone", "+%", "not a number"},
		{"zero change", "+0%", "a change of zero"},
		{"bad separators", "12,00", "not a number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseTarget(tt.in)
			if err == nil {
				t.Fatalf("ParseTarget(%q) succeeded, want an error", tt.in)
			}
			if !errors.Is(err, ErrInvalidTarget) {
				t.Errorf("error %v does not match ErrInvalidTarget", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
		})
	}
}

func TestTargetCheckFor(t *testing.T) {
	tests := []struct {
		name, spec, metric, want string // want "" means accepted
	}{
		{"points on a rate", "+5pp", "win-rate", ""},
		{"percent on a rate", "+30%", "retention-rate", ""},
		{"percent value on a rate", "30%", "win-rate", ""},
		{"points on revenue", "+5pp", "revenue", "+5pp is in percentage points, which only a rate"},
		{"percent value on a count", "30%", "new-deals", "30% is a percentage, but new-deals is a count"},
		{"percent change on money", "+9%", "revenue", ""},
		{"absolute days", "30", "avg-cycle-days", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tg, err := ParseTarget(tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			m, _ := metric.Lookup(tt.metric)
			err = tg.CheckFor(m)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("CheckFor(%s) = %v, want nil", tt.metric, err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("CheckFor(%s) = %v, want an error saying %q", tt.metric, err, tt.want)
			}
		})
	}
}

func TestTargetResolve(t *testing.T) {
	b := func(v float64) *float64 { return &v }
	tests := []struct {
		name     string
		spec     string
		baseline *float64
		want     float64
		ok       bool
	}{
		{"absolute ignores baseline", "120000", b(90000), 120000, true},
		{"absolute without baseline", "120000", nil, 120000, true},
		{"plus nine percent", "+9%", b(100000), 109000, true},
		{"minus fifteen percent", "-15%", b(200), 170, true},
		{"plus five points", "+5pp", b(30), 35, true},
		{"minus three points", "-3pp", b(8), 5, true},
		{"relative without baseline", "+9%", nil, 0, false},
		{"points without baseline", "+5pp", nil, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tg, err := ParseTarget(tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := tg.Resolve(tt.baseline)
			if ok != tt.ok || (ok && !near(got, tt.want)) {
				t.Errorf("Resolve = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func near(a, b float64) bool {
	d := a - b
	return d < 1e-9 && d > -1e-9
}
