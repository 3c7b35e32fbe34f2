package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/salesgoal/salesgoal/internal/safefile"
	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

type reportOptions struct {
	*rootOptions
	period     periodFlags
	owner      string
	team       string
	categories []string
	format     string
	out        string
	outMode    string
	failOn     string

	// Filled by RunE from the flags.
	fmt      format
	failAt   metric.Status // "" without --fail-on
	cats     []string      // categories to show, in docs/metrics.md order
	periodOf string        // the period spec, "this-quarter" by default
	mode     os.FileMode   // of the --out file
	outFile  *outFile      // --out's temporary file, once made
}

func newReportCmd(root *rootOptions) *cobra.Command {
	opts := &reportOptions{rootOptions: root}
	c := &cobra.Command{
		Use:   "report",
		Short: "Show the progress of every goal for a period",
		Long: `Report shows, for a period (this quarter by default), one section per goal
category (all nine, also those without goals) with the category's main
metric now and over the previous period, and one row per goal: its
baseline, target, actual so far, run rate to the end of its period,
progress and status. Progress reads by the kind of metric: revenue and
counts as a share of the target, with the pace expected by today, what is
needed per remaining week and (revenue, new deals) the open pipeline's
coverage; caps such as spend, discounts and churn as "used 10 of 9
(111%)"; ratios such as win rate from the baseline to the target. A value
the data cannot measure (no spend imported, no churn dates…) is — with the
reason; a status on fewer than 10 deals or customers says "(low sample)".
A summary of statuses ends the report.

The goals shown are those whose period overlaps the report's, so a
quarterly report also shows the quarter's monthly goals and the year's
goal; each goal is measured over its own period up to the as-of date.
--owner or --team shows only that owner's or team's goals, and their
numbers.

Statuses: on-track, at-risk (the forecast misses the target by at most 10%),
behind, achieved, missed, no-data (nothing to measure yet) and
not-started. --fail-on at-risk exits with status 3 when any goal is at
risk, behind or missed; --fail-on behind when any is behind or missed, so
that cron can tell "goals behind" (3) from "salesgoal failed" (1).

--out writes the report to a file, whole or not at all; its format follows
the file's extension (.md, .csv, .json) unless --format is given. The file
is readable by you only, unless --out-mode 0644 shares it on purpose; it is
never the database, nor another user's file.`,
		Example: `  salesgoal report
  salesgoal report --quarter Q1 --year 2027
  salesgoal report --period last-week --format markdown --out report.md
  salesgoal report --out /srv/team/sales.md --out-mode 0644
  salesgoal report --month 2027-03 --owner "Ana Silva"
  salesgoal report --category revenue,win-rate --as-of 2027-02-15
  salesgoal report --period this-quarter --fail-on behind --format json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if err := opts.check(c.Flags().Changed("format")); err != nil {
				return err
			}
			return reportRun(c.Context(), opts)
		},
	}
	opts.period.register(c, "the report's period (default this-quarter)")
	f := c.Flags()
	f.StringVar(&opts.owner, "owner", "", "only this owner's goals and numbers")
	f.StringVar(&opts.team, "team", "", "only this team's goals and numbers")
	f.StringSliceVar(&opts.categories, "category", nil, "only these categories (repeatable, or a comma list): "+strings.Join(metric.Categories(), ", "))
	formatFlag(c, &opts.format, formatTable, formatMarkdown, formatCSV, formatJSON)
	f.StringVarP(&opts.out, "out", "o", "", "write the report to this file (whole or not at all) instead of stdout")
	f.StringVar(&opts.outMode, "out-mode", "0600", "the mode of the --out file: 0600 (yours alone), 0640 or 0644 to share it on purpose")
	f.StringVar(&opts.failOn, "fail-on", "", "exit with status 3 when a goal is at or below this status: at-risk or behind")
	_ = c.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions([]string{"at-risk", "behind"}, cobra.ShellCompDirectiveNoFileComp))
	_ = c.RegisterFlagCompletionFunc("category", cobra.FixedCompletions(metric.Categories(), cobra.ShellCompDirectiveNoFileComp))
	return c
}

// check validates the flags and fills in what follows from them.
func (o *reportOptions) check(formatGiven bool) error {
	name := o.format
	if !formatGiven && o.out != "" {
		name = formatForFile(o.out, o.format)
	}
	f, err := parseFormat(name, formatTable, formatMarkdown, formatCSV, formatJSON)
	if err != nil {
		return err
	}
	o.fmt = f
	if o.owner != "" && o.team != "" {
		return usagef("--owner and --team both given: a report is for the company, one team or one owner")
	}
	if o.mode, err = parseOutMode(o.outMode); err != nil {
		return err
	}
	switch o.failOn {
	case "":
	case string(metric.StatusAtRisk), string(metric.StatusBehind):
		o.failAt = metric.Status(o.failOn)
	default:
		return usagef("--fail-on %q: choose at-risk or behind", o.failOn)
	}
	if o.cats, err = chooseCategories(o.categories); err != nil {
		return err
	}
	if o.periodOf, err = o.period.spec(); err != nil {
		return err
	}
	if o.periodOf == "" {
		o.periodOf = "this-quarter"
	}
	return nil
}

// formatForFile picks the format a file's extension asks for, else def.
func formatForFile(path, def string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		return string(formatMarkdown)
	case ".csv":
		return string(formatCSV)
	case ".json":
		return string(formatJSON)
	}
	return def
}

// chooseCategories checks --category and returns the categories to show in
// docs/metrics.md order: all nine when none is given.
func chooseCategories(given []string) ([]string, error) {
	all := metric.Categories()
	if len(given) == 0 {
		return all, nil
	}
	want := map[string]bool{}
	for _, c := range given {
		c = strings.ToLower(strings.TrimSpace(c))
		if c == "" {
			continue
		}
		if !slices.Contains(all, c) {
			return nil, usagef("--category %q: choose from %s", c, strings.Join(all, ", "))
		}
		want[c] = true
	}
	var out []string
	for _, c := range all {
		if want[c] {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return all, nil
	}
	return out, nil
}

// scope is the report's scope from --owner and --team.
func (o *reportOptions) scope() metric.Scope { return scopeOf(o.owner, o.team) }

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
	return loadReportFrom(ctx, db, snap, opts, asOf)
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
	r, err := measure.New(src, currency, asOf).Report(ctx, measure.ReportQuery{
		Period: p, Scope: opts.scope(), Categories: opts.cats, Goals: reportGoalsFor(gs, opts.cats),
	})
	if err != nil {
		return nil, err
	}
	return &reportData{Report: r, currency: currency, imports: latestPerKind(ims)}, nil
}

// emitReport renders the report, writes it to stdout or --out, and checks
// --fail-on once the report is out.
func emitReport(ctx context.Context, opts *reportOptions, d *reportData) error {
	style := textStyle{}
	if opts.out == "" {
		style.color = opts.color(opts.env.StdoutTTY)
		style.bars = opts.env.StdoutTTY
		style.width = terminalWidth(opts.env)
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

// terminalWidth is the width of the terminal stdout writes to, 0 when it
// is not a terminal or its size is unknown.
func terminalWidth(env *Env) int {
	f, ok := env.Stdout.(*os.File)
	if !env.StdoutTTY || !ok {
		return 0
	}
	w, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return w
}
