package goal

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/salesgoal/salesgoal/metric"
)

// ErrInvalidTarget is matched (with errors.Is) by every error ParseTarget
// returns, so the command line can report it as wrong usage.
var ErrInvalidTarget = errors.New("invalid target")

// reNumber is a plain decimal number, optionally signed, with optional
// thousands separators: no exponents, no hex, no "inf".
var reNumber = regexp.MustCompile(`^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$`)

// Form says how a target was written (docs/goals.md).
type Form string

// The three ways of writing a target.
const (
	// Absolute is a value in the metric's unit: 120000, 30, 30%.
	Absolute Form = "absolute"
	// Percent is a change relative to the baseline: +9% is baseline × 1.09.
	Percent Form = "percent"
	// Points is a change in percentage points of a rate: +5pp is baseline + 5.
	Points Form = "points"
)

// Target is a goal's target as the manager typed it.
type Target struct {
	// Spec is the target as typed, tidied: "+9%", "-3pp", "120000".
	Spec string
	Form Form
	// Value is the value of an absolute target, or the signed change of a
	// relative one (+9 for +9%, -3 for -3pp).
	Value float64
	// PercentSign is true for an absolute target written with a percent
	// sign ("30%"), which only a rate metric accepts.
	PercentSign bool
}

// ParseTarget reads a target: an absolute value (120000, 30, 30%, 1,500.50),
// a relative change against the baseline (+9%, -15%), or a change in
// percentage points (+5pp, -3pp). A change must carry its sign, so that
// "30%" (a win rate of 30) and "+30%" (30% more than the baseline) cannot
// be confused. Whether the target suits the metric is CheckFor's business.
func ParseTarget(s string) (Target, error) {
	spec := strings.ToLower(strings.Join(strings.Fields(s), ""))
	if spec == "" {
		return Target{}, targetError(s, "no target given")
	}
	t := Target{Spec: spec, Form: Absolute}
	num := spec
	switch {
	case strings.HasSuffix(num, "pp"):
		t.Form, num = Points, strings.TrimSuffix(num, "pp")
	case strings.HasSuffix(num, "%"):
		t.Form, num = Percent, strings.TrimSuffix(num, "%")
	}
	signed := strings.HasPrefix(num, "+") || strings.HasPrefix(num, "-")
	switch {
	case t.Form == Points && !signed:
		return Target{}, targetError(s, "a change in percentage points needs a sign: +5pp or -3pp")
	case t.Form == Percent && !signed:
		// "30%" is a rate of 30, not a change.
		t.Form, t.PercentSign = Absolute, true
	case t.Form == Absolute && strings.HasPrefix(num, "+"):
		return Target{}, targetError(s, "a change needs a unit: +9% for 9% more than the baseline, +5pp for 5 points more on a rate; an absolute target has no sign")
	}
	if !reNumber.MatchString(num) || !strings.ContainsAny(num, "0123456789") {
		return Target{}, targetError(s, "not a number")
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
	if err != nil {
		return Target{}, targetError(s, "not a number")
	}
	if t.Form != Absolute && v == 0 {
		return Target{}, targetError(s, "a change of zero asks for nothing")
	}
	t.Value = v
	return t, nil
}

func targetError(s, reason string) error {
	return &inputError{
		msg:      fmt.Sprintf("target %q: %s (write 120000, 30, +9%%, -15%%, +5pp or -3pp)", s, reason),
		sentinel: ErrInvalidTarget,
	}
}

// Relative reports whether the target is a change against the baseline.
func (t Target) Relative() bool { return t.Form == Percent || t.Form == Points }

// CheckFor reports whether the target can apply to metric m: percentage
// points and percent values only apply to rates.
func (t Target) CheckFor(m metric.Metric) error {
	if m.IsRate() {
		return nil
	}
	switch {
	case t.Form == Points:
		return fmt.Errorf("%s is in percentage points, which only a rate (win-rate, gross-margin, retention-rate, churn-rate, avg-discount) can move; %s is %s: write a change such as %+g%% or a value",
			t.Spec, m.ID, unitNoun(m.Unit), t.Value)
	case t.PercentSign:
		return fmt.Errorf("%s is a percentage, but %s is %s: write +%s for a change or a plain value",
			t.Spec, m.ID, unitNoun(m.Unit), t.Spec)
	}
	return nil
}

// Resolve returns the target value in the metric's unit: an absolute target
// as it is, +9% as baseline × 1.09, +5pp as baseline + 5. A relative target
// without a baseline has no value (ok is false).
func (t Target) Resolve(baseline *float64) (v float64, ok bool) {
	switch t.Form {
	case Percent:
		if baseline == nil {
			return 0, false
		}
		return *baseline * (1 + t.Value/100), true
	case Points:
		if baseline == nil {
			return 0, false
		}
		return *baseline + t.Value, true
	}
	return t.Value, true
}

func unitNoun(u metric.Unit) string {
	switch u {
	case metric.UnitCurrency:
		return "money"
	case metric.UnitDays:
		return "a number of days"
	case metric.UnitCount:
		return "a count"
	}
	return "a rate"
}
