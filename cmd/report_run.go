package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/salesgoal/salesgoal/internal/safefile"
	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

// Running a report: open the database, measure, render, write it out.

func reportRun(ctx context.Context, opts *reportOptions) error {
	if opts.out != "" {
		path, err := opts.databasePath()
		if err != nil {
			return err
		}
		if opts.outFile, err = createOut("--out", opts.out, path, opts.mode); err != nil {
			return err
		}
		defer opts.outFile.abort()
	}
	db, err := opts.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	asOf, err := opts.today(ctx, db)
	if err != nil {
		return err
	}
	d, err := loadReport(ctx, db, opts, asOf)
	if err != nil {
		return err
	}
	if sc := opts.scope(); sc.Level != metric.Company {
		// A misspelt owner gives an empty report, not an error: say so.
		ok, err := db.ScopeExists(ctx, sc)
		if err != nil {
			return err
		}
		if !ok {
			tell(opts.env.Stderr, "warning", "%s appears in no deal or customer: check the spelling (as the CRM writes it)", sc)
		}
	}
	return emitReport(ctx, opts, d)
}

// loadReport reads the settings, goals and imports and builds the report,
// every number from one snapshot of the data.
func loadReport(ctx context.Context, db *store.DB, opts *reportOptions, asOf time.Time) (*reportData, error) {
	snap := db.Snapshot()
	defer snap.Close()
	converted, err := opts.useRates(ctx, db, snap, asOf)
	if err != nil {
		return nil, err
	}
	d, err := loadReportFrom(ctx, db, snap, opts, asOf)
	if d != nil {
		d.converted = converted
	}
	return d, err
}

// loadReportFrom is loadReport with the data measured from src.
func loadReportFrom(ctx context.Context, db *store.DB, src measure.Source, opts *reportOptions, asOf time.Time) (*reportData, error) {
	fy, err := db.FiscalYearStart(ctx)
	if err != nil {
		return nil, err
	}
	currency, err := db.Currency(ctx)
	if err != nil {
		return nil, err
	}
	p, err := parsePeriod("--period", opts.periodOf, asOf, fy)
	if err != nil {
		return nil, err
	}
	if err := opts.period.check(p); err != nil {
		return nil, err
	}
	gs, err := db.Goals(ctx, store.GoalFilter{Period: &p, Owner: opts.owner, Team: opts.team})
	if err != nil {
		return nil, err
	}
	ims, err := db.Imports(ctx, 0)
	if err != nil {
		return nil, err
	}
	var since time.Time
	if opts.since != "" {
		if since, err = sinceDate(opts.since, asOf); err != nil {
			return nil, err
		}
	}
	goals := reportGoalsFor(gs, opts.cats)
	m := measure.New(src, currency, asOf)
	r, err := m.Report(ctx, measure.ReportQuery{Period: p, Scope: opts.scope(), Categories: opts.cats, Goals: goals})
	if err != nil {
		return nil, err
	}
	d := &reportData{Report: r, currency: currency, noConvert: opts.noConvert, imports: latestPerKind(ims), since: since, by: metric.Level(opts.by)}
	for i, im := range d.imports {
		d.imports[i].File = shortPath(im.File, opts.env)
	}
	if !since.IsZero() {
		if d.changes, err = changesSince(ctx, src, currency, since, r, goals); err != nil {
			return nil, err
		}
	}
	if opts.fmt == formatHTML {
		if d.paths, err = m.Paths(ctx, goals); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// emitReport renders the report, writes it to stdout or --out, and checks
// --fail-on once the report is out.
func emitReport(ctx context.Context, opts *reportOptions, d *reportData) error {
	style := textStyle{wide: opts.wide, width: outputWidth(opts.env)}
	if opts.wide && !widthKnown(opts.env) {
		style.width = 0 // no terminal to fit: every detail, as wide as it is
	}
	if opts.out == "" {
		style.color = opts.color(opts.env.StdoutTTY)
		style.bars = opts.env.StdoutTTY
	}
	var buf bytes.Buffer
	if err := writeReport(&buf, opts.fmt, d, style); err != nil {
		return err
	}
	if opts.out != "" {
		if err := opts.outFile.commit(ctx, buf.Bytes()); err != nil {
			if errors.Is(err, safefile.ErrNotYours) || errors.Is(err, safefile.ErrNotRegular) || ctx.Err() != nil {
				return fmt.Errorf("--out %w", err)
			}
			return withHint(fmt.Errorf("write report: %w", err), "check that the folder of --out is writable and has room; nothing was written")
		}
		if opts.env.StderrTTY {
			sayf(opts.env.Stderr, "Report written to %s\n", quoted(opts.out))
		}
	} else if _, err := opts.env.Stdout.Write(buf.Bytes()); err != nil {
		return err
	}
	if opts.failAt != "" {
		if n := d.Failing(opts.failAt); n > 0 {
			what := "at risk, behind or missed"
			if opts.failAt == metric.StatusBehind {
				what = "behind or missed"
			}
			tell(opts.env.Stderr, "", "--fail-on %s: %d %s %s", opts.failAt, n, plural(n, "goal is", "goals are"), what)
			return exitError{exitFailOn}
		}
	}
	return nil
}
