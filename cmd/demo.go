package cmd

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/internal/importer"
	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

// demoData holds the sample exports of Northwind Analytics, written by
// demodata/gen.go: deals, customers and spend from 2025-01 to 2026-11-18.
//
//go:embed demodata/*.csv
var demoData embed.FS

// The demo's fixed dates, so that its report is the same on every run: the
// data ends on demoAsOf, was "imported" that morning, and the report is for
// the quarter that holds it.
const (
	demoAsOf   = "2026-11-18"
	demoPeriod = "2026-Q4"
)

var demoImportedAt = time.Date(2026, 11, 18, 7, 0, 0, 0, time.UTC)

// demoFiles are the sample exports in the order they are imported.
var demoFiles = []string{"customers.csv", "deals.csv", "spend.csv"}

type demoOptions struct {
	*rootOptions
	format string
	fmt    format
	wide   bool
	since  string
}

func newDemoCmd(root *rootOptions) *cobra.Command {
	opts := &demoOptions{rootOptions: root}
	c := &cobra.Command{
		Use:   "demo",
		Short: "Show a report over sample data, in a temporary database",
		Long: `Demo imports the sample exports of a small software company (a few hundred
deals, their customers and marketing spend, embedded in salesgoal) into a
fresh database, sets one example goal per category the way 'salesgoal goal
add' does (the prospects goal with a commit and a stretch), and a revenue
goal for every rep under one for the company (goal add --each owner), and
prints the report for ` + demoPeriod + ` as of ` + demoAsOf + `.

The database is temporary and removed afterwards, unless --db names a file
to keep (it must be new or empty): then you can try every other command on
it. $SALESGOAL_DB is ignored, so the demo never touches your own data.`,
		Example: `  salesgoal demo
  salesgoal demo --wide --since 7d
  salesgoal demo --format markdown > demo.md
  salesgoal demo --format html > demo.html
  salesgoal demo --db demo.db && salesgoal --db demo.db goal list --as-of ` + demoAsOf,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			f, err := parseFormat(opts.format, reportFormats...)
			if err != nil {
				return err
			}
			if err := checkSince(opts.since); err != nil {
				return err
			}
			opts.fmt = f
			return demoRun(c.Context(), opts)
		},
	}
	formatFlag(c, &opts.format, reportFormats...)
	c.Flags().BoolVar(&opts.wide, "wide", false, "every detail of each goal, as report --wide")
	c.Flags().StringVar(&opts.since, "since", "", "first list the goals whose status changed since this day, as report --since (7d, or a date)")
	return c
}

func demoRun(ctx context.Context, opts *demoOptions) (err error) {
	asOf, err := metric.ParseDate(demoAsOf)
	if err != nil {
		return err
	}
	if d, given, err := opts.asOfFlag(); err != nil {
		return err
	} else if given {
		asOf = d
	}
	path := opts.dbPath
	var db *store.DB
	if path == "" {
		var done func()
		if db, done, err = openTempStore(ctx, "salesgoal-demo-"); err != nil {
			return err
		}
		defer done()
	} else {
		if db, err = opts.openStore(ctx); err != nil {
			return err
		}
		defer db.Close()
	}
	if err := demoFill(ctx, db, asOf); err != nil {
		return err
	}
	ropts := &reportOptions{rootOptions: opts.rootOptions, fmt: opts.fmt, cats: metric.Categories(), periodOf: demoPeriod,
		wide: opts.wide, since: opts.since}
	d, err := loadReport(ctx, db, ropts, asOf)
	if err != nil {
		return err
	}
	if err := emitReport(ctx, ropts, d); err != nil {
		return err
	}
	if opts.dbPath != "" {
		sayf(opts.env.Stderr, "The demo database is %s: try 'salesgoal --db %s --as-of %s goal list'.\n", quoted(store.Redact(path)), quoted(store.Redact(path)), demoAsOf)
	}
	return nil
}

// errDemoNotEmpty refuses to mix the sample data into a database in use.
var errDemoNotEmpty = errors.New("already holds data")

// demoFill imports the sample exports through the same path as 'salesgoal
// import' and sets the demo's goals through the same path as 'salesgoal
// goal add'.
func demoFill(ctx context.Context, db *store.DB, asOf time.Time) error {
	cov, err := db.Coverage(ctx)
	if err != nil {
		return err
	}
	gs, err := db.Goals(ctx, store.GoalFilter{})
	if err != nil {
		return err
	}
	if cov.Deals+cov.Customers+cov.Spend > 0 || len(gs) > 0 {
		return withHint(fmt.Errorf("database %s %w", db.Path(), errDemoNotEmpty),
			"run 'salesgoal demo' without --db for a temporary database, or give --db a new file")
	}
	for _, name := range demoFiles {
		data, err := demoData.ReadFile("demodata/" + name)
		if err != nil {
			return err
		}
		res, err := importer.Import(ctx, db, bytes.NewReader(data), importer.Options{File: name, Now: demoImportedAt})
		if err != nil {
			return fmt.Errorf("demo data %s: %w", name, err)
		}
		if res.ProblemCount > 0 {
			return fmt.Errorf("demo data %s: %d invalid rows, first: %v", name, res.ProblemCount, res.Problems[0])
		}
	}
	return addDemoGoals(ctx, db, asOf)
}
