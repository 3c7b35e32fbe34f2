package metric

import (
	"errors"
	"fmt"
	"time"
)

// dateLayout is the only date format this package reads and writes: ISO
// 8601 calendar dates, as stored in the database and typed on the command
// line.
const dateLayout = "2006-01-02"

// ErrInvalidDate is matched (with errors.Is) by every error ParseDate
// returns, so the command line can report it as wrong usage.
var ErrInvalidDate = errors.New("invalid date")

// ErrInvalidPeriod is matched (with errors.Is) by every error ParsePeriod
// returns, so the command line can report it as wrong usage.
var ErrInvalidPeriod = errors.New("invalid period")

// inputError is a sentence meant for the user that still unwraps to one of
// the sentinels above: the message says what to type, the sentinel lets cmd
// pick the exit status without reading the message.
type inputError struct {
	msg      string
	sentinel error
}

func (e *inputError) Error() string { return e.msg }
func (e *inputError) Unwrap() error { return e.sentinel }

// Date returns the given calendar day at midnight UTC, the one
// representation of a day used throughout salesgoal. Out-of-range values
// are normalised as time.Date does (Date(2027, 2, 29) is 2027-03-01).
func Date(year int, month time.Month, day int) time.Time {
	return time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
}

// DateOf returns the calendar day of t in t's own location, at midnight
// UTC. The command line uses it to turn "now" in the user's time zone into
// the as-of date.
func DateOf(t time.Time) time.Time {
	return Date(t.Year(), t.Month(), t.Day())
}

// ParseDate reads a YYYY-MM-DD date and returns it at midnight UTC. Dates
// that do not exist, such as 2027-02-30, are refused.
func ParseDate(s string) (time.Time, error) {
	d, err := time.Parse(dateLayout, s)
	if err != nil {
		return time.Time{}, &inputError{
			msg:      fmt.Sprintf("%q is not a valid date: write it as YYYY-MM-DD, for example 2027-01-31", s),
			sentinel: ErrInvalidDate,
		}
	}
	return d, nil
}

// FormatDate writes the calendar day of d as YYYY-MM-DD.
func FormatDate(d time.Time) string {
	return d.Format(dateLayout)
}

// daysBetween returns the number of calendar days from a to b (negative
// when b is before a). Both are first reduced to midnight UTC, where every
// day is 24 hours long, so a caller's time of day or zone cannot shift it.
func daysBetween(a, b time.Time) int {
	return int(DateOf(b).Sub(DateOf(a)) / (24 * time.Hour))
}
