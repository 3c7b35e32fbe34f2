package cmd

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/metric"
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
	by         string
	wide       bool
	since      string

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
metric now, over the previous period and as a trend over the last eight
periods (▁ lowest, █ highest, a gap where there was no data), and its
goals. On a terminal each goal is one line: its actual so far, target,
progress and status, fitted to the terminal's width ($COLUMNS, else the
terminal's, else 80). --wide (and Markdown) adds its scope, period,
baseline, run rate to the end of its period, the pace expected by today
and what is needed per remaining week, and (revenue, new deals) the open
pipeline's coverage, one line per goal; on a terminal too narrow for it
(about 120 columns) it says so and shows one line per goal instead.
'salesgoal goal show ID' has all of it for one goal.

Progress reads by the kind of metric: revenue and counts as a share of
the target; caps such as spend, discounts and churn as the share used,
"used 10 of 9 (111%)"; retention as the points lost of those the target
allows, or how far below the target it is; ratios such as win rate from the baseline to the
target. A value the data cannot measure (no spend imported, no churn
dates…) is — with the reason; an actual on fewer than 10 deals or
customers is marked as a low sample. A summary of statuses ends the
report.

The goals shown are those whose period overlaps the report's, so a
quarterly report also shows the quarter's monthly goals and the year's
goal; each goal is measured over its own period up to the as-of date.
--owner or --team shows only that owner's or team's goals, and their
numbers.

Statuses, each with its symbol and colour (one that people with red-green
colour blindness tell apart): ● on-track, ▲ at-risk (the forecast misses
the target by at most 10%), ▼ behind, ✓ achieved, ✗ missed, ? no-data
(nothing to measure yet) and ○ not-started. --since 7d (or a date) starts
the report with the goals whose status changed since then, worked out
from the data as of that day. --fail-on at-risk exits with status 3 when
any goal is at risk, behind or missed; --fail-on behind when any is behind
or missed, so that cron can tell "goals behind" (3) from "salesgoal
failed" (1).

--format html writes one page to read in a browser or a mail client: a
chart per goal (a burn-up of accumulating metrics against the line to the
target, the same against a cap, a ratio week by week against its target
and baseline) with its numbers, self-contained and printable on A4.

--by owner (or team) shows, instead of the categories, a leaderboard of
the goals set for each owner (or team): one per metric and period, the
best attainment first (progress for quotas and ratios, the least of a cap
used for caps).

--out writes the report to a file, whole or not at all; its format follows
the file's extension (.md, .csv, .json, .html) unless --format is given.
The file is readable by you only, unless --out-mode 0644 shares it on
purpose; it is never the database, nor another user's file.`,
		Example: `  salesgoal report
  salesgoal report --quarter Q1 --year 2027 --wide
  salesgoal report --since 7d
  salesgoal report --period last-week --format markdown --out report.md
  salesgoal report --since 7d --out report.html
  salesgoal report --out /srv/team/sales.md --out-mode 0644
  salesgoal report --month 2027-03 --owner "Ana Silva"
  salesgoal report --category revenue,win-rate --as-of 2027-02-15
  salesgoal report --period this-quarter --fail-on behind --format json
  salesgoal report --month 2027-03 --by owner`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if err := opts.check(c.Flags().Changed("format")); err != nil {
				return err
			}
			opts.measuring()
			return reportRun(c.Context(), opts)
		},
	}
	opts.period.register(c, "the report's period (default this-quarter)")
	f := c.Flags()
	f.StringVar(&opts.owner, "owner", "", "only this owner's goals and numbers")
	f.StringVar(&opts.team, "team", "", "only this team's goals and numbers")
	f.StringSliceVar(&opts.categories, "category", nil, "only these categories (repeatable, or a comma list): "+strings.Join(metric.Categories(), ", "))
	formatFlag(c, &opts.format, reportFormats...)
	noConvertFlag(c, opts.rootOptions)
	f.BoolVar(&opts.wide, "wide", false, "every detail of each goal on a terminal: scope, period, baseline, run rate, pace, pipeline coverage")
	f.StringVar(&opts.since, "since", "", "first list the goals whose status changed since this day: a date (2027-02-07), or days or weeks before the as-of date (7d, 2w)")
	f.StringVarP(&opts.out, "out", "o", "", "write the report to this file (whole or not at all) instead of stdout")
	f.StringVar(&opts.outMode, "out-mode", "0600", "the mode of the --out file: 0600 (yours alone), 0640 or 0644 to share it on purpose")
	f.StringVar(&opts.failOn, "fail-on", "", "exit with status 3 when a goal is at or below this status: at-risk or behind")
	f.StringVar(&opts.by, "by", "", "a leaderboard of the goals set for each owner or team, instead of the categories")
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
	f, err := parseFormat(name, reportFormats...)
	if err != nil {
		return err
	}
	o.fmt = f
	if err := checkSince(o.since); err != nil {
		return err
	}
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
	switch o.by {
	case "", string(metric.Owner), string(metric.Team):
	default:
		return usagef("--by %q: choose owner or team", o.by)
	}
	if o.by != "" && (o.owner != "" || o.team != "") {
		return usagef("--by %s ranks every %s: --owner and --team keep one", o.by, o.by)
	}
	// A leaderboard is a table of its own: it has no charts for the page,
	// and no section for the goals that moved.
	if o.by != "" && o.fmt == formatHTML {
		return usagef("--by %s is a table: choose --format table, markdown, csv or json", o.by)
	}
	if o.by != "" && o.since != "" {
		return usagef("--since lists the goals that moved in the report by category: drop --by %s, or --since", o.by)
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
	case ".html", ".htm":
		return string(formatHTML)
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
