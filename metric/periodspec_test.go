package metric

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// mustDate parses a YYYY-MM-DD date or fails the test.
func mustDate(tb testing.TB, s string) time.Time {
	tb.Helper()
	d, err := ParseDate(s)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// period builds the expected Period from its label, dates and grain.
func period(tb testing.TB, label, start, end string, grain Grain) Period {
	tb.Helper()
	return Period{Label: label, Start: mustDate(tb, start), End: mustDate(tb, end), Grain: grain}
}

func TestParsePeriod(t *testing.T) {
	// Calendar facts the cases rely on: 2026-01-01 is a Thursday, so 2026
	// has 53 ISO weeks and W01 starts on Monday 2025-12-29; 2027-01-01 is a
	// Friday, so 2027-W01 starts on Monday 2027-01-04 and 2027 has 52 weeks.
	// 2027-02-15 is a Monday (2027-01-04 + 42 days = 6 weeks), in 2027-W07.
	tests := []struct {
		name    string
		spec    string
		asOf    string
		fyStart time.Month
		want    Period
	}{
		// Calendar year (January start).
		{"quarter", "2027-Q1", "2027-02-15", time.January, period(t, "2027-Q1", "2027-01-01", "2027-03-31", GrainQuarter)},
		{"quarter lower case", "2027-q4", "2027-02-15", time.January, period(t, "2027-Q4", "2027-10-01", "2027-12-31", GrainQuarter)},
		{"zero start month means January", "2027-Q2", "2027-02-15", 0, period(t, "2027-Q2", "2027-04-01", "2027-06-30", GrainQuarter)},
		{"month", "2027-03", "2027-02-15", time.January, period(t, "2027-03", "2027-03-01", "2027-03-31", GrainMonth)},
		{"month in a leap year", "2028-02", "2027-02-15", time.January, period(t, "2028-02", "2028-02-01", "2028-02-29", GrainMonth)},
		{"month with one digit", "2027-3", "2027-02-15", time.January, period(t, "2027-03", "2027-03-01", "2027-03-31", GrainMonth)},
		{"year", "2027", "2027-02-15", time.January, period(t, "2027", "2027-01-01", "2027-12-31", GrainYear)},
		{"range", "2027-01-10..2027-02-20", "2027-02-15", time.January, period(t, "2027-01-10..2027-02-20", "2027-01-10", "2027-02-20", GrainRange)},
		{"one-day range", "2027-01-10..2027-01-10", "2027-02-15", time.January, period(t, "2027-01-10..2027-01-10", "2027-01-10", "2027-01-10", GrainRange)},
		{"spaces trimmed", "  2027-Q1 ", "2027-02-15", time.January, period(t, "2027-Q1", "2027-01-01", "2027-03-31", GrainQuarter)},

		// ISO weeks: W05 starts 2027-01-04 + 4×7 = 2027-02-01.
		{"week", "2027-W05", "2027-02-15", time.January, period(t, "2027-W05", "2027-02-01", "2027-02-07", GrainWeek)},
		{"first week starts in its own year", "2027-W01", "2027-02-15", time.January, period(t, "2027-W01", "2027-01-04", "2027-01-10", GrainWeek)},
		// 2025-12-29 + 52×7 = 2026-12-28, a Monday; the week ends 2027-01-03.
		{"week 53 spans two years", "2026-W53", "2027-02-15", time.January, period(t, "2026-W53", "2026-12-28", "2027-01-03", GrainWeek)},
		// 2026-01-04 is a Sunday, so 2026-W01 starts the Monday before.
		{"first week starts the year before", "2026-W01", "2027-02-15", time.January, period(t, "2026-W01", "2025-12-29", "2026-01-04", GrainWeek)},

		// Relative names, as of Monday 2027-02-15, January start.
		{"this-week", "this-week", "2027-02-15", time.January, period(t, "2027-W07", "2027-02-15", "2027-02-21", GrainWeek)},
		{"this-week on a Sunday", "this-week", "2027-02-21", time.January, period(t, "2027-W07", "2027-02-15", "2027-02-21", GrainWeek)},
		{"last-week", "last-week", "2027-02-15", time.January, period(t, "2027-W06", "2027-02-08", "2027-02-14", GrainWeek)},
		{"this-week on new year's day", "this-week", "2027-01-01", time.January, period(t, "2026-W53", "2026-12-28", "2027-01-03", GrainWeek)},
		{"last-week in the first week", "last-week", "2027-01-05", time.January, period(t, "2026-W53", "2026-12-28", "2027-01-03", GrainWeek)},
		{"this-month", "this-month", "2027-02-15", time.January, period(t, "2027-02", "2027-02-01", "2027-02-28", GrainMonth)},
		{"last-month", "last-month", "2027-02-15", time.January, period(t, "2027-01", "2027-01-01", "2027-01-31", GrainMonth)},
		{"last-month in January", "last-month", "2027-01-15", time.January, period(t, "2026-12", "2026-12-01", "2026-12-31", GrainMonth)},
		{"this-quarter", "this-quarter", "2027-02-15", time.January, period(t, "2027-Q1", "2027-01-01", "2027-03-31", GrainQuarter)},
		{"this-quarter upper case", "This-Quarter", "2027-02-15", time.January, period(t, "2027-Q1", "2027-01-01", "2027-03-31", GrainQuarter)},
		{"last-quarter in January", "last-quarter", "2027-01-15", time.January, period(t, "2026-Q4", "2026-10-01", "2026-12-31", GrainQuarter)},
		{"this-year", "this-year", "2027-02-15", time.January, period(t, "2027", "2027-01-01", "2027-12-31", GrainYear)},
		{"last-year", "last-year", "2027-02-15", time.January, period(t, "2026", "2026-01-01", "2026-12-31", GrainYear)},
		{"Q1 of the as-of year", "Q1", "2027-08-01", time.January, period(t, "2027-Q1", "2027-01-01", "2027-03-31", GrainQuarter)},

		// Fiscal year starting in April: FY 2027 is 2026-04-01..2027-03-31.
		{"april Q1", "2027-Q1", "2027-02-15", time.April, period(t, "2027-Q1", "2026-04-01", "2026-06-30", GrainQuarter)},
		{"april Q2", "2027-Q2", "2027-02-15", time.April, period(t, "2027-Q2", "2026-07-01", "2026-09-30", GrainQuarter)},
		{"april Q3", "2027-Q3", "2027-02-15", time.April, period(t, "2027-Q3", "2026-10-01", "2026-12-31", GrainQuarter)},
		{"april Q4", "2027-Q4", "2027-02-15", time.April, period(t, "2027-Q4", "2027-01-01", "2027-03-31", GrainQuarter)},
		{"april year", "2027", "2027-02-15", time.April, period(t, "2027", "2026-04-01", "2027-03-31", GrainYear)},
		// A month is a calendar month whatever the fiscal year.
		{"april month", "2027-03", "2027-02-15", time.April, period(t, "2027-03", "2027-03-01", "2027-03-31", GrainMonth)},
		// February 2027 is before April, so it is in FY 2027, whose Q1 began
		// in April 2026.
		{"april Q1 as of February", "Q1", "2027-02-15", time.April, period(t, "2027-Q1", "2026-04-01", "2026-06-30", GrainQuarter)},
		// May 2027 is on or after April, so it is in FY 2028.
		{"april Q1 as of May", "Q1", "2027-05-10", time.April, period(t, "2028-Q1", "2027-04-01", "2027-06-30", GrainQuarter)},
		{"april Q1 on its first day", "q1", "2027-04-01", time.April, period(t, "2028-Q1", "2027-04-01", "2027-06-30", GrainQuarter)},
		// February is (2 − 4 + 12) mod 12 = 10 months into the fiscal year:
		// quarter 10/3 + 1 = 4.
		{"april this-quarter", "this-quarter", "2027-02-15", time.April, period(t, "2027-Q4", "2027-01-01", "2027-03-31", GrainQuarter)},
		{"april last-quarter in January", "last-quarter", "2027-01-15", time.April, period(t, "2027-Q3", "2026-10-01", "2026-12-31", GrainQuarter)},
		{"april last-quarter in April", "last-quarter", "2027-04-15", time.April, period(t, "2027-Q4", "2027-01-01", "2027-03-31", GrainQuarter)},
		{"april this-year", "this-year", "2027-02-15", time.April, period(t, "2027", "2026-04-01", "2027-03-31", GrainYear)},
		{"april this-year from April on", "this-year", "2027-04-01", time.April, period(t, "2028", "2027-04-01", "2028-03-31", GrainYear)},
		{"april last-year", "last-year", "2027-02-15", time.April, period(t, "2026", "2025-04-01", "2026-03-31", GrainYear)},

		// Fiscal year starting in October: FY 2027 is 2026-10-01..2027-09-30.
		{"october Q1", "2027-Q1", "2027-02-15", time.October, period(t, "2027-Q1", "2026-10-01", "2026-12-31", GrainQuarter)},
		{"october Q4", "2027-Q4", "2027-02-15", time.October, period(t, "2027-Q4", "2027-07-01", "2027-09-30", GrainQuarter)},
		{"october year", "2027", "2027-02-15", time.October, period(t, "2027", "2026-10-01", "2027-09-30", GrainYear)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePeriod(tt.spec, mustDate(t, tt.asOf), tt.fyStart)
			if err != nil {
				t.Fatalf("ParsePeriod(%q) error: %v", tt.spec, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParsePeriod(%q) mismatch (-want +got):\n%s", tt.spec, diff)
			}
		})
	}
}

func TestParsePeriodErrors(t *testing.T) {
	tests := []struct {
		name   string
		spec   string
		reason string
	}{
		{"quarter 5", "2027-Q5", "a quarter is Q1 to Q4"},
		{"quarter 0", "Q0", "a quarter is Q1 to Q4"},
		{"month 13", "2027-13", "a month is 01 to 12"},
		{"month 0", "2027-00", "a month is 01 to 12"},
		{"week 53 in a 52-week year", "2027-W53", "2027 has ISO weeks W01 to W52"},
		{"week 0", "2026-W00", "2026 has ISO weeks W01 to W53"},
		{"range with an invalid date", "2027-02-30..2027-03-10", `"2027-02-30" is not a valid YYYY-MM-DD date`},
		{"range backwards", "2027-03-01..2027-02-01", "the range ends before it starts"},
		{"range missing its end", "2027-03-01..", `"" is not a valid YYYY-MM-DD date`},
		{"single date", "2027-03-01", "not a period salesgoal knows"},
		{"unknown name", "next-week", "not a period salesgoal knows"},
		{"two-digit year", "27-Q1", "not a period salesgoal knows"},
		{"empty", "", "no period given"},
		// A period is at most 100 years long: 0001..9999 once failed with
		// an internal message, and 2000..2400 got a previous period that
		// overlapped it (day counts past 292 years overflow).
		{"all of time", "0001-01-01..9999-12-31", "a period is at most 100 years long"},
		{"four hundred years", "2000-01-01..2400-01-01", "a period is at most 100 years long"},
		{"a hundred years and a day", "2000-01-01..2100-01-01", "a period is at most 100 years long"},
		// 0001-01-01 is Go's zero date, which means "no date".
		{"starts on the first date", "0001-01-01..0001-12-31", "a period runs within 0001-01-02..9999-12-31"},
		{"year one", "0001", "a period runs within 0001-01-02..9999-12-31"},
		{"fiscal year 10000", "10000-Q4", "a period runs within 0001-01-02..9999-12-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePeriod(tt.spec, mustDate(t, "2027-02-15"), time.January)
			if err == nil {
				t.Fatalf("ParsePeriod(%q) succeeded, want an error", tt.spec)
			}
			if !errors.Is(err, ErrInvalidPeriod) {
				t.Errorf("ParsePeriod(%q) error %v does not match ErrInvalidPeriod", tt.spec, err)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.reason) {
				t.Errorf("ParsePeriod(%q) error %q does not say %q", tt.spec, msg, tt.reason)
			}
			if !strings.Contains(msg, "2027-Q1, Q1, 2027-03, 2027-W05") {
				t.Errorf("ParsePeriod(%q) error %q does not list the accepted forms", tt.spec, msg)
			}
		})
	}
}

// TestHundredYears: the longest period salesgoal takes, and its previous
// period, which ends the day before it starts. 2000–2099 has 25 leap years
// (2000, 2004 … 2096): 36,525 days. 1900–1999 has 24 (1900 is not one):
// 36,524 days, so the previous period starts a day earlier, on 1899-12-31.
func TestHundredYears(t *testing.T) {
	p, err := ParsePeriod("2000-01-01..2099-12-31", mustDate(t, "2027-02-15"), time.January)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.Days(), 36525; got != want {
		t.Errorf("days = %d, want %d", got, want)
	}
	// Whole months: the previous period is the 1,200 months before it,
	// not the 36,525 days (which would start on 1899-12-31).
	prev := p.Previous()
	if got, want := prev.Label, "1900-01-01..1999-12-31"; got != want {
		t.Errorf("previous = %s, want %s", got, want)
	}
}

func TestParsePeriodBadFiscalStart(t *testing.T) {
	_, err := ParsePeriod("2027-Q1", mustDate(t, "2027-02-15"), 13)
	if err == nil {
		t.Fatal("ParsePeriod with fiscal start month 13 succeeded, want an error")
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want time.Time // zero when an error is expected
	}{
		{"plain", "2027-01-31", Date(2027, time.January, 31)},
		{"leap day", "2028-02-29", Date(2028, time.February, 29)},
		{"february 30", "2027-02-30", time.Time{}},
		{"february 29 in a common year", "2027-02-29", time.Time{}},
		{"month 13", "2027-13-01", time.Time{}},
		{"single digits", "2027-1-5", time.Time{}},
		{"date-time", "2027-01-31T10:00:00Z", time.Time{}},
		{"us order", "01/31/2027", time.Time{}},
		{"empty", "", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if tt.want.IsZero() {
				if !errors.Is(err, ErrInvalidDate) {
					t.Fatalf("ParseDate(%q) = %v, %v; want an ErrInvalidDate", tt.in, got, err)
				}
				if !strings.Contains(err.Error(), "YYYY-MM-DD") {
					t.Errorf("ParseDate(%q) error %q does not say the format", tt.in, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q) error: %v", tt.in, err)
			}
			if !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
			if got, want := FormatDate(got), tt.in; got != want {
				t.Errorf("FormatDate = %q, want %q", got, want)
			}
		})
	}
}

func TestDateOf(t *testing.T) {
	// 23:30 on 31 January in New York is already 1 February in UTC; the
	// user's day is the 31st.
	ny := time.FixedZone("EST", -5*60*60)
	got := DateOf(time.Date(2027, time.January, 31, 23, 30, 0, 0, ny))
	if want := Date(2027, time.January, 31); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("DateOf = %v, want %v", got, want)
	}
}
