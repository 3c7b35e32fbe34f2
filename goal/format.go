package goal

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/salesgoal/salesgoal/metric"
)

// formatValue writes a value in its metric's unit for a reason line:
// money with thousands separators ("86,956.52", "120,000"), rates as
// "32.5%", cycles as "41.5 days", counts as "12".
func formatValue(m metric.Metric, v float64) string {
	switch m.Unit {
	case metric.UnitCurrency:
		if v == math.Trunc(v) {
			return group(strconv.FormatFloat(v, 'f', 0, 64))
		}
		return group(strconv.FormatFloat(v, 'f', 2, 64))
	case metric.UnitPercent:
		return short(v) + "%"
	case metric.UnitDays:
		if short(v) == "1" {
			return "1 day"
		}
		return short(v) + " days"
	}
	return short(v)
}

// formatChange writes a change the way formatValue's reader expects it:
// "+5pp" for a rate, "+38%" for anything else.
func formatChange(m metric.Metric, d float64) string {
	sign := "+"
	if d < 0 {
		sign = "-"
	}
	a := math.Abs(d)
	if m.IsRate() {
		return sign + short(a) + "pp"
	}
	if a >= 10 {
		return sign + strconv.FormatFloat(math.Round(a), 'f', 0, 64) + "%"
	}
	return sign + short(a) + "%"
}

// short writes v with at most one decimal, and none when it is whole.
func short(v float64) string {
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		return "0"
	}
	return s
}

// group puts thousands separators into a formatted number: 1234567.5 →
// 1,234,567.5.
func group(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		return sign + b.String() + "." + frac
	}
	return sign + b.String()
}

// words names a kind of period in reason lines.
type words struct {
	singular, plural, onOn string
}

// periodWords names the goal's period kind: "quarter", "quarters",
// "quarter-on-quarter"; a custom range is a "period of 42 days".
func periodWords(p metric.Period) words {
	switch p.Kind {
	case metric.KindQuarter, metric.KindMonth, metric.KindWeek, metric.KindYear:
		k := string(p.Kind)
		return words{k, k + "s", k + "-on-" + k}
	}
	return words{
		fmt.Sprintf("period of %d days", p.Days()),
		fmt.Sprintf("periods of %d days", p.Days()),
		"period-on-period",
	}
}
