package metric

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// periodForms lists what --period accepts, for error messages.
const periodForms = "2027-Q1, Q1, 2027-03, 2027-W05, 2027, 2027-01-10..2027-02-20, " +
	"this-week, last-week, this-month, last-month, this-quarter, last-quarter, this-year or last-year"

// The written forms of a period, matched after lower-casing so that 2027-q1
// and 2027-w05 are accepted too. Numbers are checked after the match, so
// that 2027-Q5 gets a precise message rather than "not a period".
var (
	reYearQuarter = regexp.MustCompile(`^(\d{4,5})-q(\d{1,2})$`) // fiscal year 10000 starts in 9999
	reQuarter     = regexp.MustCompile(`^q(\d{1,2})$`)
	reMonth       = regexp.MustCompile(`^(\d{4})-(\d{1,2})$`)
	reWeek        = regexp.MustCompile(`^(\d{4})-w(\d{1,2})$`)
	reYear        = regexp.MustCompile(`^(\d{4})$`)
)

// MaxPeriodYears is the longest period salesgoal measures, in years.
const MaxPeriodYears = 100

// ParsePeriod reads a period as written on the command line (docs/metrics.md):
// 2027-Q1, Q1 (a quarter of the fiscal year that holds as-of), 2027-03,
// 2027-W05 (an ISO week), 2027 (a fiscal year), 2027-01-10..2027-02-20, or
// one of this-week, last-week, this-month, last-month, this-quarter,
// last-quarter, this-year and last-year, taken relative to as-of.
//
// Quarters and years follow the fiscal year that starts on the first day of
// fyStart; a zero fyStart means January. The returned label is canonical
// whatever was typed: this-quarter becomes 2027-Q1, 2027-q1 becomes 2027-Q1.
// Errors unwrap to ErrInvalidPeriod and say which forms are accepted.
func ParsePeriod(spec string, asOf time.Time, fyStart time.Month) (Period, error) {
	p, err := parsePeriod(spec, asOf, fyStart)
	switch {
	case err != nil:
		return p, err
	// A longer range has no sensible previous period or history to compare
	// with, and day counts beyond 292 years overflow time.Duration.
	case !p.End.Before(p.Start.AddDate(MaxPeriodYears, 0, 0)):
		return Period{}, periodError(spec, fmt.Sprintf("a period is at most %d years long", MaxPeriodYears))
	// Dates are YYYY-MM-DD text: a period reaching past year 9999 (a fiscal
	// year named 10000) could neither be compared nor typed back. Its first
	// day is after 0001-01-01, which is Go's zero date, read as "no date".
	case !p.Start.After(Date(1, time.January, 1)) || p.End.Year() > 9999:
		return Period{}, periodError(spec, "a period runs within 0001-01-02..9999-12-31")
	}
	return p, nil
}

func parsePeriod(spec string, asOf time.Time, fyStart time.Month) (Period, error) {
	if fyStart == 0 {
		fyStart = time.January
	}
	if fyStart < time.January || fyStart > time.December {
		return Period{}, fmt.Errorf("fiscal year start month %d is not a month from 1 to 12", int(fyStart))
	}
	asOf = DateOf(asOf)
	s := strings.ToLower(strings.TrimSpace(spec))

	switch s {
	case "this-week":
		return weekContaining(asOf), nil
	case "last-week":
		return weekContaining(asOf).Previous(), nil
	case "this-month":
		return monthPeriod(asOf.Year(), asOf.Month()), nil
	case "last-month":
		return monthPeriod(asOf.Year(), asOf.Month()).Previous(), nil
	case "this-quarter":
		fy, q := fiscalQuarterOf(asOf, fyStart)
		return quarterPeriod(fy, q, fyStart), nil
	case "last-quarter":
		fy, q := fiscalQuarterOf(asOf, fyStart)
		return quarterPeriod(fy, q, fyStart).Previous(), nil
	case "this-year":
		return yearPeriod(fiscalYearOf(asOf, fyStart), fyStart), nil
	case "last-year":
		return yearPeriod(fiscalYearOf(asOf, fyStart)-1, fyStart), nil
	}

	if from, to, ok := strings.Cut(s, ".."); ok {
		return parseRange(spec, from, to)
	}
	if m := reYearQuarter.FindStringSubmatch(s); m != nil {
		return parseQuarter(spec, atoi(m[1]), m[2], fyStart)
	}
	if m := reQuarter.FindStringSubmatch(s); m != nil {
		return parseQuarter(spec, fiscalYearOf(asOf, fyStart), m[1], fyStart)
	}
	if m := reWeek.FindStringSubmatch(s); m != nil {
		year, week := atoi(m[1]), atoi(m[2])
		if n := isoWeeksIn(year); week < 1 || week > n {
			return Period{}, periodError(spec, fmt.Sprintf("%d has ISO weeks W01 to W%02d", year, n))
		}
		return isoWeek(year, week), nil
	}
	if m := reMonth.FindStringSubmatch(s); m != nil {
		month := atoi(m[2])
		if month < 1 || month > 12 {
			return Period{}, periodError(spec, "a month is 01 to 12")
		}
		return monthPeriod(atoi(m[1]), time.Month(month)), nil
	}
	if m := reYear.FindStringSubmatch(s); m != nil {
		return yearPeriod(atoi(m[1]), fyStart), nil
	}
	if s == "" {
		return Period{}, periodError(spec, "no period given")
	}
	return Period{}, periodError(spec, "not a period salesgoal knows")
}

func parseQuarter(spec string, fy int, q string, fyStart time.Month) (Period, error) {
	n := atoi(q)
	if n < 1 || n > 4 {
		return Period{}, periodError(spec, "a quarter is Q1 to Q4")
	}
	return quarterPeriod(fy, n, fyStart), nil
}

func parseRange(spec, from, to string) (Period, error) {
	start, err := ParseDate(strings.TrimSpace(from))
	if err != nil {
		return Period{}, periodError(spec, fmt.Sprintf("%q is not a valid YYYY-MM-DD date", from))
	}
	end, err := ParseDate(strings.TrimSpace(to))
	if err != nil {
		return Period{}, periodError(spec, fmt.Sprintf("%q is not a valid YYYY-MM-DD date", to))
	}
	if end.Before(start) {
		return Period{}, periodError(spec, "the range ends before it starts")
	}
	return rangePeriod(start, end), nil
}

func periodError(spec, reason string) error {
	return &inputError{
		msg:      fmt.Sprintf("period %q: %s; write a period as %s", spec, reason, periodForms),
		sentinel: ErrInvalidPeriod,
	}
}

// atoi converts digits the patterns above have already matched.
func atoi(digits string) int {
	n, _ := strconv.Atoi(digits)
	return n
}
