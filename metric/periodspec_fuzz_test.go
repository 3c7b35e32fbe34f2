package metric

import (
	"errors"
	"testing"
	"time"
)

// FuzzParsePeriod: no panic; every error matches ErrInvalidPeriod; an
// accepted period starts on or before its end, and its canonical label
// parses back to the same dates (relative forms resolve against as-of).
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2027-Q1", "Q1", "2027-03", "2027-W05", "2027", "2027-01-10..2027-02-20",
		"this-week", "last-week", "this-month", "last-month", "this-quarter", "last-quarter", "this-year", "last-year",
		"2027-q5", "0000-Q1", "9999-Q4", "9999-W52", "0001-01", "2027-02-30..2027-03-01", "2027-W53", "2026-W53", " 2027 "} {
		f.Add(s, int64(0), uint8(1))
		f.Add(s, int64(20000), uint8(4))
	}
	f.Fuzz(func(t *testing.T, spec string, asOfDays int64, fy uint8) {
		// as-of anywhere in years 1..9999, the range of a date salesgoal reads.
		const span = 3652058
		asOf := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int((asOfDays%span+span)%span))
		fyStart := time.Month(fy%12 + 1)
		p, err := ParsePeriod(spec, asOf, fyStart)
		if err != nil {
			if !errors.Is(err, ErrInvalidPeriod) {
				t.Fatalf("ParsePeriod(%q, %s, %d): %v does not match ErrInvalidPeriod", spec, asOf.Format(time.DateOnly), fyStart, err)
			}
			return
		}
		if p.End.Before(p.Start) {
			t.Fatalf("ParsePeriod(%q) = %s..%s: ends before it starts", spec, p.Start.Format(time.DateOnly), p.End.Format(time.DateOnly))
		}
		again, err := ParsePeriod(p.Label, asOf, fyStart)
		if err != nil {
			t.Fatalf("ParsePeriod(%q) is labelled %q, which is refused: %v", spec, p.Label, err)
		}
		if !again.Start.Equal(p.Start) || !again.End.Equal(p.End) {
			t.Fatalf("ParsePeriod(%q) = %s..%s, but its label %q reads as %s..%s", spec,
				p.Start.Format(time.DateOnly), p.End.Format(time.DateOnly), p.Label,
				again.Start.Format(time.DateOnly), again.End.Format(time.DateOnly))
		}
	})
}
