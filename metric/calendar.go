package metric

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// This file builds the periods of each grain. Quarters and years are fiscal:
// they start on the first day of the fiscal-year start month, and a fiscal
// year is named by the calendar year in which it ends (docs/metrics.md), so
// with an April start FY 2027 runs from 2026-04-01 to 2027-03-31. With a
// January start fiscal and calendar years coincide.

// fiscalYearStart returns the first day of fiscal year fy.
func fiscalYearStart(fy int, fyStart time.Month) time.Time {
	if fyStart == time.January {
		return Date(fy, time.January, 1)
	}
	return Date(fy-1, fyStart, 1)
}

// fiscalYearOf returns the fiscal year that day d belongs to.
func fiscalYearOf(d time.Time, fyStart time.Month) int {
	if fyStart == time.January || d.Month() < fyStart {
		return d.Year()
	}
	return d.Year() + 1
}

// fiscalQuarterOf returns the fiscal year and quarter (1 to 4) of day d.
func fiscalQuarterOf(d time.Time, fyStart time.Month) (fy, q int) {
	monthsIn := (int(d.Month()) - int(fyStart) + 12) % 12
	return fiscalYearOf(d, fyStart), monthsIn/3 + 1
}

func yearPeriod(fy int, fyStart time.Month) Period {
	start := fiscalYearStart(fy, fyStart)
	return Period{Label: fmt.Sprintf("%04d", fy), Start: start, End: start.AddDate(1, 0, -1), Grain: GrainYear}
}

func quarterPeriod(fy, q int, fyStart time.Month) Period {
	start := fiscalYearStart(fy, fyStart).AddDate(0, 3*(q-1), 0)
	return Period{Label: quarterLabel(fy, q), Start: start, End: start.AddDate(0, 3, -1), Grain: GrainQuarter}
}

func quarterLabel(fy, q int) string {
	return fmt.Sprintf("%04d-Q%d", fy, q)
}

// parseQuarterLabel reads a canonical quarter label such as 2027-Q1.
func parseQuarterLabel(label string) (fy, q int, ok bool) {
	y, n, found := strings.Cut(label, "-Q")
	if !found || len(y) != 4 || len(n) != 1 {
		return 0, 0, false
	}
	fy, errY := strconv.Atoi(y)
	q, errQ := strconv.Atoi(n)
	if errY != nil || errQ != nil || q < 1 || q > 4 {
		return 0, 0, false
	}
	return fy, q, true
}

// MonthOf returns the calendar month that holds day d.
func MonthOf(d time.Time) Period {
	return monthPeriod(d.Year(), d.Month())
}

// MonthsBetween counts the calendar months from the month of day a to the
// month of day b, both included: 1 when they are in the same month.
func MonthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()-a.Month()) + 1
}

func monthPeriod(year int, month time.Month) Period {
	start := Date(year, month, 1)
	return Period{Label: start.Format("2006-01"), Start: start, End: start.AddDate(0, 1, -1), Grain: GrainMonth}
}

// weekContaining returns the ISO week, Monday to Sunday, that holds day d.
// Its label uses the ISO week-numbering year, which near New Year can
// differ from d's calendar year: 2027-01-01 is in 2026-W53.
func weekContaining(d time.Time) Period {
	d = DateOf(d)
	sinceMonday := (int(d.Weekday()) + 6) % 7
	start := d.AddDate(0, 0, -sinceMonday)
	year, week := start.ISOWeek()
	return Period{
		Label: fmt.Sprintf("%04d-W%02d", year, week),
		Start: start,
		End:   start.AddDate(0, 0, 6),
		Grain: GrainWeek,
	}
}

// isoWeek returns ISO week w of ISO year y; week 1 is the one holding
// January 4th.
func isoWeek(year, week int) Period {
	return weekContaining(Date(year, time.January, 4).AddDate(0, 0, 7*(week-1)))
}

// isoWeeksIn returns how many ISO weeks year has (52 or 53): December 28th
// always falls in the year's last week.
func isoWeeksIn(year int) int {
	_, w := Date(year, time.December, 28).ISOWeek()
	return w
}

func rangePeriod(start, end time.Time) Period {
	return Period{Label: FormatDate(start) + ".." + FormatDate(end), Start: start, End: end, Grain: GrainRange}
}
