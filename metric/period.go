package metric

import (
	"fmt"
	"slices"
	"time"
)

// Grain says how a period was named: a quarter, a month, an ISO week, a
// fiscal year or a custom range. It decides what the period "of the same
// grain just before" is (docs/metrics.md).
type Grain string

// The grains of period. The zero Grain is treated as GrainRange.
const (
	GrainQuarter Grain = "quarter" // a fiscal quarter, 2027-Q1
	GrainMonth   Grain = "month"   // a calendar month, 2027-03
	GrainWeek    Grain = "week"    // an ISO week, Monday to Sunday, 2027-W05
	GrainYear    Grain = "year"    // a fiscal year, 2027
	GrainRange   Grain = "range"   // any days, 2027-01-10..2027-02-20
)

// Period is an inclusive range of days with a canonical label, such as
// 2027-Q1 from 2026-04-01 to 2026-06-30. Start and End are midnights UTC
// (see Date). Build periods with ParsePeriod; a Period built by hand with a
// label that is not canonical shifts like a custom range.
type Period struct {
	Label      string
	Start, End time.Time
	Grain      Grain
}

// Days returns the number of days in the period, both ends included.
func (p Period) Days() int {
	return daysBetween(p.Start, p.End) + 1
}

// Contains reports whether day d falls within the period.
func (p Period) Contains(d time.Time) bool {
	return daysBetween(p.Start, d) >= 0 && daysBetween(d, p.End) >= 0
}

// MadeUpBy reports whether parts make up p: each lies within p, and
// together they cover every day of it. A part may come more than once
// (each owner's goal for the same month) and parts may overlap; a part
// that reaches outside p, or a day of p no part covers, and they do not
// make it up (a goal's roll-up then compares nothing, docs/goals.md).
func (p Period) MadeUpBy(parts []Period) bool {
	spans := make([]Period, 0, len(parts))
	for _, q := range parts {
		if daysBetween(p.Start, q.Start) < 0 || daysBetween(q.End, p.End) < 0 {
			return false
		}
		spans = append(spans, q)
	}
	slices.SortFunc(spans, func(a, b Period) int { return a.Start.Compare(b.Start) })
	next := p.Start // the first day no span has covered yet
	for _, q := range spans {
		if daysBetween(next, q.Start) > 0 {
			return false
		}
		if daysBetween(next, q.End) >= 0 {
			next = q.End.AddDate(0, 0, 1)
		}
	}
	return daysBetween(next, p.End) < 0
}

// Started reports whether the period has begun by the as-of date: a period
// that starts after as-of is "not started" (docs/goals.md).
func (p Period) Started(asOf time.Time) bool {
	return daysBetween(p.Start, asOf) >= 0
}

// Ended reports whether the whole period lies before the as-of date. On
// its last day a period has not ended yet: deals can still close that day.
func (p Period) Ended(asOf time.Time) bool {
	return daysBetween(p.End, asOf) > 0
}

// Effective returns the part of the period that metrics are computed over,
// [start, min(end, as-of)] (docs/metrics.md). It returns the period unchanged
// and false when as-of is before the period starts, as nothing of it can
// be measured yet.
func (p Period) Effective(asOf time.Time) (Period, bool) {
	if !p.Started(asOf) {
		return p, false
	}
	if daysBetween(asOf, p.End) > 0 {
		p.End = DateOf(asOf)
	}
	return p, true
}

// ElapsedDays returns how many days of the period have passed by the as-of
// date, as-of included: 0 before the period, Days() after it.
func (p Period) ElapsedDays(asOf time.Time) int {
	return min(max(daysBetween(p.Start, asOf)+1, 0), p.Days())
}

// Elapsed returns the share of the period that has passed by the as-of
// date, f in docs/goals.md: elapsed days (as-of included) over days in the
// period, from 0 before it starts to 1 on and after its last day.
func (p Period) Elapsed(asOf time.Time) float64 {
	days := p.Days()
	if days <= 0 {
		return 0 // a hand-built period that ends before it starts
	}
	return float64(p.ElapsedDays(asOf)) / float64(days)
}

// Previous returns the period of the same grain just before p: the previous
// quarter, month, ISO week or fiscal year; for a custom range of whole
// months, the same number of whole months just before it; for any other
// custom range, the same number of days ending the day before p starts.
func (p Period) Previous() Period {
	return p.Shift(-1)
}

// Shift returns the period n periods of the same grain after p, or before it
// when n is negative. Shift(-1) is Previous and Shift(0) is p.
func (p Period) Shift(n int) Period {
	switch p.Grain {
	case GrainMonth:
		start := p.Start.AddDate(0, n, 0)
		return monthPeriod(start.Year(), start.Month())
	case GrainWeek:
		return weekContaining(p.Start.AddDate(0, 0, 7*n))
	case GrainYear:
		// A fiscal year is named by the calendar year in which it ends, so
		// the label follows from the end date whatever the start month.
		start := p.Start.AddDate(n, 0, 0)
		end := start.AddDate(1, 0, -1)
		return Period{Label: fmt.Sprintf("%04d", end.Year()), Start: start, End: end, Grain: GrainYear}
	case GrainQuarter:
		// The quarter's number depends on the fiscal-year start month,
		// which the label encodes together with the start date.
		if fy, q, ok := parseQuarterLabel(p.Label); ok {
			i := fy*4 + (q - 1) + n
			start := p.Start.AddDate(0, 3*n, 0)
			return Period{
				Label: quarterLabel(i/4, i%4+1),
				Start: start,
				End:   start.AddDate(0, 3, -1),
				Grain: GrainQuarter,
			}
		}
	}
	if months, ok := p.WholeMonths(); ok {
		// Whole months shift by whole months: the previous period of
		// Q3 + Q4 is Q1 + Q2, not the 184 days before it.
		start := p.Start.AddDate(0, n*months, 0)
		return rangePeriod(start, start.AddDate(0, months, -1))
	}
	days := p.Days()
	return rangePeriod(p.Start.AddDate(0, 0, n*days), p.End.AddDate(0, 0, n*days))
}

// WholeMonths reports whether p runs from the first day of a month to the
// last day of a month, and how many months it covers.
func (p Period) WholeMonths() (int, bool) {
	if p.Start.Day() != 1 || p.End.AddDate(0, 0, 1).Day() != 1 || p.End.Before(p.Start) {
		return 0, false
	}
	return MonthsBetween(p.Start, p.End), true
}

// YearEarlier returns the period of the same grain one year before p: for
// 2027-Q1 that is 2026-Q1, so that a quarter is compared with a quarter
// (the "last-year" baseline of docs/goals.md). A week is the ISO week of
// the same number a year before, or the week 52 weeks before when that
// year has no such week (53); a custom range is the same days a year
// earlier, and a range that would start before year 1 has none (the zero
// Period).
func (p Period) YearEarlier() Period {
	switch p.Grain {
	case GrainQuarter:
		return p.Shift(-4)
	case GrainMonth:
		return p.Shift(-12)
	case GrainWeek:
		year, week := p.Start.ISOWeek()
		if week <= isoWeeksIn(year-1) {
			if w := isoWeek(year-1, week); w.Start.Year() >= 1 {
				return w
			}
		}
		return p.Shift(-52)
	case GrainYear:
		return p.Shift(-1)
	}
	r := rangePeriod(DateOf(p.Start).AddDate(-1, 0, 0), DateOf(p.End).AddDate(-1, 0, 0))
	if r.Start.Year() < 1 {
		return Period{}
	}
	return r
}

// History returns the n periods of the same grain just before p, oldest
// first, so that consecutive entries can be compared (the SMART check looks
// at the last 8). It returns an empty slice when n is not positive.
func (p Period) History(n int) []Period {
	out := make([]Period, 0, max(n, 0))
	for i := n; i >= 1; i-- {
		out = append(out, p.Shift(-i))
	}
	return out
}

// String returns the period's label followed by its dates, for messages:
// "2027-Q1 (2026-04-01..2026-06-30)". A custom range's label already says
// its dates, so it is returned alone.
func (p Period) String() string {
	dates := FormatDate(p.Start) + ".." + FormatDate(p.End)
	if p.Label == dates {
		return dates
	}
	return fmt.Sprintf("%s (%s)", p.Label, dates)
}
