package cmd

import (
	"errors"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/metric"
)

// periodFlags are --period and its shorthands (docs/metrics.md): --quarter Q1
// (with --year 2027), --month 2027-03, --week 2027-W05, --year 2027.
type periodFlags struct {
	period, quarter, month, week, year string
}

// register adds the period flags to c; what names the period, for help.
func (f *periodFlags) register(c *cobra.Command, what string) {
	fl := c.Flags()
	fl.StringVar(&f.period, "period", "", what+": 2027-Q1, Q1, 2027-03, 2027-W05, 2027, 2027-01-10..2027-02-20, this-quarter, last-month …")
	fl.StringVar(&f.quarter, "quarter", "", "shorthand for --period: a quarter, Q1 to Q4 (of fiscal year --year, else of the fiscal year of the as-of date)")
	fl.StringVar(&f.month, "month", "", "shorthand for --period: a month, 2027-03")
	fl.StringVar(&f.week, "week", "", "shorthand for --period: an ISO week, 2027-W05")
	fl.StringVar(&f.year, "year", "", "shorthand for --period: a fiscal year, 2027; with --quarter, the quarter's year")
}

// given reports whether any period flag was set.
func (f *periodFlags) given() bool {
	return f.period != "" || f.quarter != "" || f.month != "" || f.week != "" || f.year != ""
}

// spec combines the flags into one --period value, or "" when none is set.
// More than one way of naming the period is wrong usage.
func (f *periodFlags) spec() (string, error) {
	var set []string
	for _, s := range []struct{ name, v string }{
		{"--period", f.period}, {"--quarter", f.quarter}, {"--month", f.month}, {"--week", f.week},
	} {
		if s.v != "" {
			set = append(set, s.name)
		}
	}
	if f.year != "" && f.quarter == "" {
		set = append(set, "--year")
	}
	if len(set) > 1 {
		return "", usagef("%s name the period twice: give only one of them", strings.Join(set, " and "))
	}
	switch {
	case f.quarter != "" && f.year != "":
		return f.year + "-" + f.quarter, nil
	case f.quarter != "":
		return f.quarter, nil
	case f.month != "":
		return f.month, nil
	case f.week != "":
		return f.week, nil
	case f.year != "":
		return f.year, nil
	}
	return f.period, nil
}

// grain is the grain of period the shorthand that was used names
// (--quarter a quarter, …), or "" for --period, which takes any.
func (f *periodFlags) grain() metric.Grain {
	switch {
	case f.quarter != "":
		return metric.GrainQuarter
	case f.month != "":
		return metric.GrainMonth
	case f.week != "":
		return metric.GrainWeek
	case f.year != "":
		return metric.GrainYear
	}
	return ""
}

// check refuses a period that is not of the grain its shorthand names:
// --week 2027-05 is a month, not a week.
func (f *periodFlags) check(p metric.Period) error {
	want := f.grain()
	if want == "" || p.Grain == want {
		return nil
	}
	spec, _ := f.spec()
	return usagef("%q is a %s, not a %s: use --period %s, or write the %s as the examples in --help do",
		spec, p.Grain, want, spec, want)
}

// parsePeriod reads a period spec for a flag, as wrong usage when it is
// not one.
func parsePeriod(flag, spec string, asOf time.Time, fy time.Month) (metric.Period, error) {
	p, err := metric.ParsePeriod(spec, asOf, fy)
	if errors.Is(err, metric.ErrInvalidPeriod) {
		return p, usageError{err}
	}
	if err != nil {
		return p, err
	}
	return p, nil
}

// filter is the period the flags name, for keeping the goals that run
// during it: nil when none is given.
func (f *periodFlags) filter(asOf time.Time, fy time.Month) (*metric.Period, error) {
	spec, _ := f.spec()
	if spec == "" {
		return nil, nil
	}
	p, err := parsePeriod("--period", spec, asOf, fy)
	if err != nil {
		return nil, err
	}
	if err := f.check(p); err != nil {
		return nil, err
	}
	return &p, nil
}
