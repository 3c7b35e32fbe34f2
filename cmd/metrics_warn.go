package cmd

import (
	"io"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/store"
)

// The warnings of `metrics` on where the data is, when the period asked
// holds none of it: zeros that should not read as a quiet quarter.

// warnEmptyPeriod says, when no deal of the company was created, won or
// lost in the period but the data holds deals, where they are: metrics on
// the current quarter of an export a year old are zeros, and should not
// read as a quiet quarter.
func warnEmptyPeriod(w io.Writer, coverage func() (store.Coverage, error), res *measure.Metrics) error {
	if !res.Started || !res.Scope.IsCompany() {
		return nil
	}
	for _, r := range res.Rows {
		if a := r.Aggregates; a.Won+a.Lost+a.NewDeals > 0 {
			return nil
		}
	}
	cov, err := coverage()
	if err != nil || cov.DealRange.From == "" {
		return err
	}
	tell(w, "warning", "no deal was created, won or lost in %s: the deals run %s .. %s; choose a period there (--quarter Q1 --year %s, or --period)",
		res.Period, cov.DealRange.From, cov.DealRange.To, cov.DealRange.To[:4])
	return nil
}

// warnNoSpend says, when spend and CAC are shown for a period no imported
// spend row is dated in, where the spend is: the period lies inside the
// days the spend runs over (outside them the two are null,
// docs/metrics.md), so they read 0, but a gap in a spend file should not
// read as a quarter of free customers without a word.
func warnNoSpend(w io.Writer, coverage func() (store.Coverage, error), res *measure.Metrics) error {
	if !res.Started || !res.Scope.IsCompany() || res.By != "" || len(res.Rows) != 1 {
		return nil
	}
	r := res.Rows[0]
	shown := false
	for _, id := range []string{"spend", "cac"} {
		if v, ok := valueOf(r, id); ok && v.Reason == "" {
			shown = true
		}
	}
	if !shown || r.Aggregates.SpendRows > 0 {
		return nil
	}
	cov, err := coverage()
	if err != nil || cov.SpendRange.From == "" {
		return err
	}
	tell(w, "warning", "no spend is dated in %s, while the spend imported runs %s .. %s: spend is 0 and cac counts no cost; import the period's spend to measure them",
		res.Period, cov.SpendRange.From, cov.SpendRange.To)
	return nil
}
