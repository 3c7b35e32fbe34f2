package metric

import (
	"fmt"
	"strconv"
)

// Value is one metric computed over one period and scope.
type Value struct {
	Metric Metric
	// Value is the metric's value in its unit: currency in major units
	// (not rounded; callers round money to the cent), percent 0 to 100,
	// days, or a count. It is 0 when Null is true.
	Value float64
	// Null is true when the value is undefined because its denominator is
	// zero (no deals closed, no customers at the start, …); it is shown as
	// "—" and written as JSON null. A count or a sum over nothing is 0,
	// never null.
	Null bool
	// Reason says, for a value that is null because the data cannot
	// measure it at all (never imported what it needs, or a company-only
	// metric asked for one owner), why, in one line; "" otherwise.
	Reason string
	// Note is a caveat on a value that was measured, which the metrics'
	// footnotes, the report and JSON ("note") carry: what the rule counted
	// because the data lacked a field that would decide otherwise (an
	// expansion deal without any deal type, docs/metrics.md); "" otherwise.
	Note string
	// Basis is how many deals or customers the value rests on, named by
	// BasisNoun; -1 for a metric that rests on none (spend).
	Basis     int64
	BasisNoun string
	// Explain says how the value was obtained, for --explain.
	Explain Explanation
}

// LowSample reports whether the value rests on fewer than LowSampleBelow
// deals or customers (docs/metrics.md): shown, but marked.
func (v Value) LowSample() bool {
	return !v.Null && v.Basis >= 0 && v.Basis < LowSampleBelow
}

// unmeasurable is m's value when the data cannot measure it: null, with
// the reason as its explanation.
func unmeasurable(m Metric, reason string) Value {
	return Value{Metric: m, Null: true, Reason: reason, Basis: -1, Explain: Explanation{Note: reason}}
}

// Number returns the value, or nil when it is null: the form progress
// (Track) and JSON output take.
func (v Value) Number() *float64 {
	if v.Null {
		return nil
	}
	x := v.Value
	return &x
}

// Explanation says what a value was computed from, in a sales manager's
// words.
type Explanation struct {
	// Numerator is what was counted or summed, e.g. "41 won".
	Numerator string
	// Denominator is what it was divided by, e.g. "78 closed (41 won +
	// 37 lost)"; empty for counts and sums.
	Denominator string
	// Note is one line on what was counted and what was left out, or, for
	// a null value, why there is no value.
	Note string
}

// String joins the parts of the explanation on one line:
// "41 won / 78 closed (41 won + 37 lost): won 41, lost 37 (…)".
func (e Explanation) String() string {
	s := e.Numerator
	if e.Denominator != "" {
		s += " / " + e.Denominator
	}
	if e.Note == "" {
		return s
	}
	if s == "" {
		return e.Note
	}
	return s + ": " + e.Note
}

// number is a defined value with its explanation.
func number(v float64, e Explanation) Value {
	return Value{Value: v, Explain: e}
}

// tally is a count of n deals or customers, named by the singular or
// plural noun, with a note on what was counted.
func tally(n int64, singular, plural, note string) Value {
	return number(float64(n), Explanation{Numerator: count(n, singular, plural), Note: note})
}

// amounts is a sum of amounts, total in minor units, over the deals that
// what describes ("3 deals won in the period"), other deals in another
// currency having been left out.
func amounts(total int64, what string, other int64) Value {
	return number(float64(total)/100, Explanation{
		Numerator: money(total) + " in amounts",
		Note:      "amounts of " + what + leftOut(other),
	})
}

// null is an undefined value; the reason replaces the explanation's note.
func null(reason string, e Explanation) Value {
	e.Note = reason
	return Value{Null: true, Explain: e}
}

// money writes minor units as major units with two decimals, exactly,
// and thousands separators: 123456 → "1,234.56", -5 → "-0.05".
func money(minor int64) string {
	sign := ""
	u := uint64(minor)
	if minor < 0 {
		sign, u = "-", uint64(-minor)
	}
	return Thousands(fmt.Sprintf("%s%d.%02d", sign, u/100, u%100))
}

// count writes n followed by the singular or plural noun: "1 deal",
// "2 deals".
func count(n int64, singular, plural string) string {
	if n == 1 {
		return "1 " + singular
	}
	return strconv.FormatInt(n, 10) + " " + plural
}

// omitted is the clause on won deals a metric could not use, such as those
// without a cost for gross-margin, or "" when there are none.
func omitted(n int64, without string) string {
	if n <= 0 {
		return ""
	}
	return "; " + strconv.FormatInt(n, 10) + " won " + without + " left out"
}

// leftOut is the clause on deals in another currency that a money metric
// could not add up (docs/import.md), or "" when there are none.
func leftOut(n int64) string {
	if n <= 0 {
		return ""
	}
	return "; " + count(n, "deal", "deals") + " in another currency left out"
}

// ScopedTo returns v as measured for scope sc: for one owner or one team,
// a metric that exists only for the whole company (spend has no owner,
// docs/metrics.md) becomes null, with the reason.
func (v Value) ScopedTo(sc Scope) Value {
	if sc.IsCompany() || !v.Metric.CompanyOnly {
		return v
	}
	return unmeasurable(v.Metric, "spend has no owner or team: measured for the whole company only")
}
