package metric

import (
	"math"
	"strconv"
	"strings"
)

// FormatValue writes v in m's unit for a table: money with two decimals
// and thousands separators ("1,234.50"), rates as "32.5%", cycles as
// "41.5 days", counts with at most one decimal ("12", "12.5").
func FormatValue(m Metric, v float64) string {
	switch m.Unit {
	case UnitCurrency:
		return Thousands(strconv.FormatFloat(math.Round(v*100)/100, 'f', 2, 64))
	case UnitPercent:
		return OneDecimal(v) + "%"
	case UnitDays:
		return OneDecimal(v) + " days"
	}
	return OneDecimal(v)
}

// OneDecimal writes v with at most one decimal, and none when it rounds to
// a whole number: 41.25 → "41.3", 12.04 → "12", -0.01 → "0".
func OneDecimal(v float64) string {
	s := strings.TrimSuffix(strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64), ".0")
	if s == "-0" {
		return "0"
	}
	return s
}

// Thousands puts separators into the whole part of a formatted number:
// "1234567.5" → "1,234,567.5", "-1234" → "-1,234".
func Thousands(s string) string {
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
