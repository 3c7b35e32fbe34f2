// Package rollup keeps, and sums, the per-day summaries of the deals,
// customers and spend from which every metric of docs/metrics.md is
// computed (docs/architecture.md, "Rollups"). It is plain Go: how a row
// becomes cells, how an import's changes update them, how they are
// encoded, and how the cells of any set of windows add up to
// metric.Aggregates. A storage engine only persists and loads the encoded
// cells, in the import's transaction, and answers measure.Source through
// Source.
package rollup

import (
	"math"
	"time"
)

// Day is a calendar day as the number of days since 1970-01-01 (negative
// before it): what the cells are keyed by, and what lags and cycles are
// differences of.
type Day int32

// NoDay stands for a date that is not given.
const NoDay Day = math.MinInt32

// ParseDay reads an ISO date (YYYY-MM-DD; anything after the tenth byte is
// ignored) without allocating. ok is false for "" or anything else that
// is not a date: the store keeps only dates the import checked.
func ParseDay(s string) (Day, bool) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return NoDay, false
	}
	num := func(b string) (int, bool) {
		n := 0
		for i := 0; i < len(b); i++ {
			c := b[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(s[0:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:10])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > 31 {
		return NoDay, false
	}
	return civil(y, m, d), true
}

// civil is the day of y-m-d (Howard Hinnant's days_from_civil).
func civil(y, m, d int) Day {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Day(era*146097 + doe - 719468)
}

// DayOf is the day of a midnight UTC (metric.Date).
func DayOf(t time.Time) Day {
	return civil(t.Year(), int(t.Month()), t.Day())
}

// Time is the day at midnight UTC, as metric.Date gives it.
func (d Day) Time() time.Time {
	return time.Unix(int64(d)*86400, 0).UTC()
}

// String writes the day as YYYY-MM-DD ("" for NoDay).
func (d Day) String() string {
	if d == NoDay {
		return ""
	}
	return d.Time().Format(time.DateOnly)
}

// Month is the calendar month of d as a number (year × 12 + month − 1):
// customers are kept by the month they were acquired in.
func (d Day) Month() int32 {
	t := d.Time()
	return int32(t.Year())*12 + int32(t.Month()) - 1
}
