package metric

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// parse reads a period spec relative to asOf or fails the test.
func parse(tb testing.TB, spec, asOf string, fyStart time.Month) Period {
	tb.Helper()
	p, err := ParsePeriod(spec, mustDate(tb, asOf), fyStart)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func TestPeriodDays(t *testing.T) {
	tests := []struct {
		name    string
		spec    string
		fyStart time.Month
		want    int
	}{
		{"calendar quarter", "2027-Q1", time.January, 90},                  // 31 + 28 + 31
		{"april quarter", "2027-Q1", time.April, 91},                       // 30 + 31 + 30
		{"common year", "2027", time.January, 365},                         // 2027 is not a leap year
		{"april year over a leap day", "2028", time.April, 366},            // 2027-04-01..2028-03-31 holds 2028-02-29
		{"week", "2026-W53", time.January, 7},                              // always 7
		{"range", "2027-01-10..2027-02-20", time.January, 42},              // 22 days of January + 20 of February
		{"one day", "2027-01-10..2027-01-10", time.January, 1},             // both ends included
		{"leap february", "2028-02", time.January, 29},                     // leap year
		{"range over new year", "2026-12-30..2027-01-02", time.January, 4}, // 30, 31, 1, 2
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := parse(t, tt.spec, "2027-02-15", tt.fyStart).Days(), tt.want; got != want {
				t.Errorf("Days() = %d, want %d", got, want)
			}
		})
	}
}

func TestPeriodPrevious(t *testing.T) {
	tests := []struct {
		name    string
		spec    string
		fyStart time.Month
		want    Period
	}{
		{"calendar quarter into last year", "2027-Q1", time.January, period(t, "2026-Q4", "2026-10-01", "2026-12-31", GrainQuarter)},
		{"calendar quarter", "2027-Q3", time.January, period(t, "2027-Q2", "2027-04-01", "2027-06-30", GrainQuarter)},
		// FY 2026 Q4 is January to March 2026 with an April start.
		{"april Q1", "2027-Q1", time.April, period(t, "2026-Q4", "2026-01-01", "2026-03-31", GrainQuarter)},
		{"april Q4", "2027-Q4", time.April, period(t, "2027-Q3", "2026-10-01", "2026-12-31", GrainQuarter)},
		{"april year", "2027", time.April, period(t, "2026", "2025-04-01", "2026-03-31", GrainYear)},
		{"calendar year", "2027", time.January, period(t, "2026", "2026-01-01", "2026-12-31", GrainYear)},
		{"month", "2027-03", time.January, period(t, "2027-02", "2027-02-01", "2027-02-28", GrainMonth)},
		{"january", "2027-01", time.January, period(t, "2026-12", "2026-12-01", "2026-12-31", GrainMonth)},
		{"first ISO week", "2027-W01", time.January, period(t, "2026-W53", "2026-12-28", "2027-01-03", GrainWeek)},
		{"week 53", "2026-W53", time.January, period(t, "2026-W52", "2026-12-21", "2026-12-27", GrainWeek)},
		// 42 days ending 2027-01-09: 9 days of January, 31 of December and
		// 2 of November (29 and 30) = 42.
		{"custom range", "2027-01-10..2027-02-20", time.January, period(t, "2026-11-29..2027-01-09", "2026-11-29", "2027-01-09", GrainRange)},
		{"one-day range", "2027-03-01..2027-03-01", time.January, period(t, "2027-02-28..2027-02-28", "2027-02-28", "2027-02-28", GrainRange)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parse(t, tt.spec, "2027-02-15", tt.fyStart).Previous()
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Previous() of %s mismatch (-want +got):\n%s", tt.spec, diff)
			}
		})
	}
}

func TestPeriodShift(t *testing.T) {
	tests := []struct {
		name    string
		spec    string
		fyStart time.Month
		n       int
		want    Period
	}{
		{"zero", "2027-Q2", time.April, 0, period(t, "2027-Q2", "2026-07-01", "2026-09-30", GrainQuarter)},
		// Q2 + 3 quarters = Q5 = next year's Q1.
		{"quarter forward over the fiscal year end", "2027-Q2", time.April, 3, period(t, "2028-Q1", "2027-04-01", "2027-06-30", GrainQuarter)},
		// Q2 − 6 quarters: Q1 of 2027, Q4, Q3, Q2, Q1 of 2026, then Q4 of 2025.
		{"quarter back six", "2027-Q2", time.April, -6, period(t, "2025-Q4", "2025-01-01", "2025-03-31", GrainQuarter)},
		{"week forward over new year", "2026-W53", time.January, 1, period(t, "2027-W01", "2027-01-04", "2027-01-10", GrainWeek)},
		// 2027-W05 − 52 weeks = Monday 2027-02-01 − 364 days = 2026-02-02,
		// which is in 2026-W06 because 2026 has a week 53 still ahead.
		{"week back a year", "2027-W05", time.January, -52, period(t, "2026-W06", "2026-02-02", "2026-02-08", GrainWeek)},
		{"month back a year", "2027-03", time.January, -12, period(t, "2026-03", "2026-03-01", "2026-03-31", GrainMonth)},
		{"month forward", "2027-11", time.January, 3, period(t, "2028-02", "2028-02-01", "2028-02-29", GrainMonth)},
		{"year forward", "2027", time.October, 2, period(t, "2029", "2028-10-01", "2029-09-30", GrainYear)},
		// 10 days: 2027-01-01..2027-01-10 moved by 2 × 10 days.
		{"range forward", "2027-01-01..2027-01-10", time.January, 2, period(t, "2027-01-21..2027-01-30", "2027-01-21", "2027-01-30", GrainRange)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parse(t, tt.spec, "2027-02-15", tt.fyStart).Shift(tt.n)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Shift(%d) of %s mismatch (-want +got):\n%s", tt.n, tt.spec, diff)
			}
		})
	}
}

func TestPeriodShiftHandBuilt(t *testing.T) {
	// A period built without a grain, or with a quarter label this package
	// did not write, moves like a custom range of the same length: 2 to 31
	// March has 30 days, and the 30 days before it run from 31 January.
	want := period(t, "2027-01-31..2027-03-01", "2027-01-31", "2027-03-01", GrainRange)
	tests := []struct {
		name string
		p    Period
	}{
		{"no grain", Period{Label: "spring push", Start: Date(2027, 3, 2), End: Date(2027, 3, 31)}},
		{"quarter with a free label", Period{Label: "Q1 push", Start: Date(2027, 3, 2), End: Date(2027, 3, 31), Grain: GrainQuarter}},
		{"quarter 5", Period{Label: "2027-Q5", Start: Date(2027, 3, 2), End: Date(2027, 3, 31), Grain: GrainQuarter}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(want, tt.p.Previous()); diff != "" {
				t.Errorf("Previous() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPreviousOfWholeMonths checks that a custom range of whole months is
// preceded by the same number of whole months, not of days: Q3 + Q4 (184
// days) comes after Q1 + Q2 (181 days), not after 2025-12-29..2026-06-30.
func TestPreviousOfWholeMonths(t *testing.T) {
	tests := []struct {
		name, spec string
		want       Period
	}{
		{"Q3 and Q4", "2026-07-01..2026-12-31", period(t, "2026-01-01..2026-06-30", "2026-01-01", "2026-06-30", GrainRange)},
		{"one month written as a range", "2027-03-01..2027-03-31", period(t, "2027-02-01..2027-02-28", "2027-02-01", "2027-02-28", GrainRange)},
		{"across a year", "2027-01-01..2027-02-28", period(t, "2026-11-01..2026-12-31", "2026-11-01", "2026-12-31", GrainRange)},
		// Not whole months: the same number of days, 10 then 31.
		{"ten days", "2027-03-01..2027-03-10", period(t, "2027-02-19..2027-02-28", "2027-02-19", "2027-02-28", GrainRange)},
		{"from the 2nd", "2027-03-02..2027-04-01", period(t, "2027-01-30..2027-03-01", "2027-01-30", "2027-03-01", GrainRange)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, parse(t, tt.spec, "2027-02-15", time.January).Previous()); diff != "" {
				t.Errorf("Previous() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPeriodBackwards(t *testing.T) {
	// Only a hand-built period can end before it starts; it must not
	// divide by zero.
	p := Period{Label: "oops", Start: Date(2027, 3, 2), End: Date(2027, 3, 1)}
	if got := p.Elapsed(Date(2027, 3, 5)); got != 0 {
		t.Errorf("Elapsed() = %v, want 0", got)
	}
}

func TestPeriodHistory(t *testing.T) {
	tests := []struct {
		name string
		spec string
		n    int
		want []string // labels, oldest first
	}{
		{"quarters", "2027-Q1", 3, []string{"2026-Q2", "2026-Q3", "2026-Q4"}},
		{"eight quarters", "2027-Q1", 8, []string{"2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"}},
		{"weeks over new year", "2027-W02", 3, []string{"2026-W52", "2026-W53", "2027-W01"}},
		{"ranges", "2027-01-11..2027-01-20", 2, []string{"2026-12-22..2026-12-31", "2027-01-01..2027-01-10"}},
		{"none", "2027-Q1", 0, []string{}},
		{"negative", "2027-Q1", -1, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := []string{}
			for _, p := range parse(t, tt.spec, "2027-02-15", time.January).History(tt.n) {
				got = append(got, p.Label)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("History(%d) of %s mismatch (-want +got):\n%s", tt.n, tt.spec, diff)
			}
		})
	}
}

func TestPeriodAsOf(t *testing.T) {
	// 2027-Q1 (January start) runs 2027-01-01..2027-03-31: 90 days.
	q1 := parse(t, "2027-Q1", "2027-02-15", time.January)
	tests := []struct {
		name          string
		asOf          string
		wantStarted   bool
		wantEnded     bool
		wantEffective Period
		wantOK        bool
		wantDays      int
		wantElapsed   float64
	}{
		{"before", "2026-12-31", false, false, q1, false, 0, 0},
		{"first day", "2027-01-01", true, false, period(t, "2027-Q1", "2027-01-01", "2027-01-01", GrainQuarter), true, 1, 1.0 / 90},
		// 31 days of January + 15 of February = 46.
		{"inside", "2027-02-15", true, false, period(t, "2027-Q1", "2027-01-01", "2027-02-15", GrainQuarter), true, 46, 46.0 / 90},
		{"last day", "2027-03-31", true, false, q1, true, 90, 1},
		{"after", "2027-04-10", true, true, q1, true, 90, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			asOf := mustDate(t, tt.asOf)
			if got, want := q1.Started(asOf), tt.wantStarted; got != want {
				t.Errorf("Started() = %v, want %v", got, want)
			}
			if got, want := q1.Ended(asOf), tt.wantEnded; got != want {
				t.Errorf("Ended() = %v, want %v", got, want)
			}
			eff, ok := q1.Effective(asOf)
			if got, want := ok, tt.wantOK; got != want {
				t.Errorf("Effective() ok = %v, want %v", got, want)
			}
			if diff := cmp.Diff(tt.wantEffective, eff); diff != "" {
				t.Errorf("Effective() mismatch (-want +got):\n%s", diff)
			}
			if got, want := q1.ElapsedDays(asOf), tt.wantDays; got != want {
				t.Errorf("ElapsedDays() = %d, want %d", got, want)
			}
			if got, want := q1.Elapsed(asOf), tt.wantElapsed; got != want {
				t.Errorf("Elapsed() = %v, want %v", got, want)
			}
		})
	}
}

func TestPeriodContains(t *testing.T) {
	p := parse(t, "2027-01-10..2027-02-20", "2027-02-15", time.January)
	for _, tt := range []struct {
		day  string
		want bool
	}{
		{"2027-01-09", false}, {"2027-01-10", true}, {"2027-02-01", true}, {"2027-02-20", true}, {"2027-02-21", false},
	} {
		t.Run(tt.day, func(t *testing.T) {
			if got, want := p.Contains(mustDate(t, tt.day)), tt.want; got != want {
				t.Errorf("Contains(%s) = %v, want %v", tt.day, got, want)
			}
		})
	}
}

func TestPeriodString(t *testing.T) {
	tests := []struct {
		name string
		p    Period
		want string
	}{
		{"quarter", parse(t, "2027-Q1", "2027-02-15", time.April), "2027-Q1 (2026-04-01..2026-06-30)"},
		{"range", parse(t, "2027-01-10..2027-02-20", "2027-02-15", time.January), "2027-01-10..2027-02-20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := tt.p.String(), tt.want; got != want {
				t.Errorf("String() = %q, want %q", got, want)
			}
		})
	}
}

func TestPeriodYearEarlier(t *testing.T) {
	tests := []struct {
		spec, want string
	}{
		{"2027-Q1", "2026-Q1 (2026-01-01..2026-03-31)"},
		{"2027-03", "2026-03 (2026-03-01..2026-03-31)"},
		{"2027", "2026 (2026-01-01..2026-12-31)"},
		{"2027-W05", "2026-W05 (2026-01-26..2026-02-01)"},
		{"2026-W53", "2026-W01 (2025-12-29..2026-01-04)"}, // 2025 has no week 53: 52 weeks earlier
		{"2027-07-01..2027-12-31", "2026-07-01..2026-12-31"},
		{"2028-02-29..2028-03-01", "2027-03-01..2027-03-01"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			if got := parse(t, tt.spec, "2027-01-15", time.January).YearEarlier().String(); got != tt.want {
				t.Errorf("YearEarlier() of %s = %s, want %s", tt.spec, got, tt.want)
			}
		})
	}
}

func TestMonths(t *testing.T) {
	m := MonthOf(Date(2028, time.February, 17))
	if got, want := m.String(), "2028-02 (2028-02-01..2028-02-29)"; got != want {
		t.Errorf("MonthOf(2028-02-17) = %s, want %s", got, want)
	}
	for _, tt := range []struct {
		a, b time.Time
		want int
	}{
		{Date(2027, 1, 1), Date(2027, 1, 31), 1},
		{Date(2027, 1, 31), Date(2027, 2, 1), 2},
		{Date(2026, 11, 15), Date(2027, 2, 10), 4},
		{Date(2026, 1, 1), Date(2027, 2, 28), 14},
	} {
		if got := MonthsBetween(tt.a, tt.b); got != tt.want {
			t.Errorf("MonthsBetween(%s, %s) = %d, want %d", FormatDate(tt.a), FormatDate(tt.b), got, tt.want)
		}
	}
}

// TestMadeUpBy: the parts make up a period when each lies within it and
// every one of its days is covered, whatever their order, repeats and
// overlaps (docs/goals.md, roll-ups).
func TestMadeUpBy(t *testing.T) {
	tests := []struct {
		name   string
		parent string
		parts  []string
		want   bool
	}{
		{"the three months", "2027-Q1", []string{"2027-03", "2027-01", "2027-02"}, true},
		{"months of several owners", "2027-Q1", []string{"2027-01", "2027-01", "2027-02", "2027-03", "2027-03"}, true},
		{"the quarter itself", "2027-Q1", []string{"2027-Q1"}, true},
		{"overlapping ranges", "2027-Q1", []string{"2027-01-01..2027-02-15", "2027-02-01..2027-03-31"}, true},
		{"a month missing", "2027-Q1", []string{"2027-01", "2027-03"}, false},
		{"its last day missing", "2027-Q1", []string{"2027-01", "2027-02", "2027-03-01..2027-03-30"}, false},
		// December's days would stand in for January's: 31 + 28 + 31 days
		// add up to Q1's 90, but they are not Q1's.
		{"a month outside", "2027-Q1", []string{"2026-12", "2027-02", "2027-03"}, false},
		{"a year around it", "2027-Q1", []string{"2027"}, false},
		{"nothing", "2027-Q1", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := parse(t, tt.parent, "2027-01-01", time.January)
			var parts []Period
			for _, s := range tt.parts {
				parts = append(parts, parse(t, s, "2027-01-01", time.January))
			}
			if got := parent.MadeUpBy(parts); got != tt.want {
				t.Errorf("%s made up by %v = %v, want %v", tt.parent, tt.parts, got, tt.want)
			}
		})
	}
}
