package goal

import (
	"fmt"
	"math"
	"strconv"

	"github.com/salesgoal/salesgoal/metric"
)

// formatValue writes a value in its metric's unit for a reason line:
// money with thousands separators ("86,956.52", "120,000"), rates as
// "32.5%", cycles as "41.5 days", counts as "12".
func formatValue(m metric.Metric, v float64) string {
	switch m.Unit {
	case metric.UnitCurrency:
		if v == math.Trunc(v) {
			return metric.Thousands(strconv.FormatFloat(v, 'f', 0, 64))
		}
		return metric.Thousands(strconv.FormatFloat(v, 'f', 2, 64))
	case metric.UnitPercent:
		return metric.OneDecimal(v) + "%"
	case metric.UnitDays:
		if metric.OneDecimal(v) == "1" {
			return "1 day"
		}
		return metric.OneDecimal(v) + " days"
	}
	return metric.OneDecimal(v)
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
		return sign + metric.OneDecimal(a) + "pp"
	}
	if a >= 10 {
		return sign + strconv.FormatFloat(math.Round(a), 'f', 0, 64) + "%"
	}
	return sign + metric.OneDecimal(a) + "%"
}

// words names a grain of period in reason lines.
type words struct {
	singular, plural, onOn string
}

// periodWords names the grain of the goal's period: "quarter", "quarters",
// "quarter-on-quarter"; a custom range is a "period of 42 days", or of
// whole months a "period of 6 months".
func periodWords(p metric.Period) words {
	switch p.Grain {
	case metric.GrainQuarter, metric.GrainMonth, metric.GrainWeek, metric.GrainYear:
		k := string(p.Grain)
		return words{k, k + "s", k + "-on-" + k}
	}
	if n, ok := p.WholeMonths(); ok {
		return words{
			fmt.Sprintf("period of %d months", n),
			fmt.Sprintf("periods of %d months", n),
			"period-on-period",
		}
	}
	return words{
		fmt.Sprintf("period of %d days", p.Days()),
		fmt.Sprintf("periods of %d days", p.Days()),
		"period-on-period",
	}
}
