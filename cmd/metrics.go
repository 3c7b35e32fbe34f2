package cmd

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

type metricsOptions struct {
	*rootOptions
	period   periodFlags
	from, to string
	owner    string
	team     string
	by       string
	explain  bool
	format   string
	cats     []string
	ids      []string
	all      bool

	// Filled by RunE from the flags.
	fmt      format
	periodOf string // the period spec, "this-quarter" by default
	grain    metric.Grain
	scope    metric.Scope
	groupBy  measure.GroupBy // "" without --by
	metrics  []string        // the ids of the metrics to show, in catalogue order
}

func newMetricsCmd(root *rootOptions) *cobra.Command {
	opts := &metricsOptions{rootOptions: root}
	c := &cobra.Command{
		Use:   "metrics",
		Short: "Show every metric for a period, for the company, a team or an owner",
		Long: `Metrics computes the eighteen metrics of the nine goal categories (cycle
time, prospects, win rate, revenue, margin, CAC, retention, churn and
expansion) over a period: this quarter by default, only up to the as-of
date (today unless --as-of says otherwise).

--owner and --team count only that owner's or team's deals and customers;
spend has no owner, so CAC and spend are shown for the company only.
--by owner, --by team and --by month print one row per owner, team or
month, the leaderboard of a period; with --by, each category shows its
primary metric (revenue, win-rate…) unless --metric names others or --all
asks for every one. --category and --metric (repeatable) keep those
categories and metrics. Each metric's trend over the last 8 periods of
the same length, this one so far, is drawn beside it (▁ lowest, █
highest, a gap where there was no data); with --by, for one metric.
Tables fit the terminal ($COLUMNS, else its width, else 80): columns that
do not fit go on to a table of their own.

A value with nothing to divide by (no deals closed, no customers before
the period) is shown as — (null in JSON), never as 0; so is a metric whose
input no imported file carried (no cost column, no spend file, no churn
dates, no lost deal), with a footnote saying what to import. A value on
fewer than 10 deals or customers is marked * (low sample). Money is summed
in the database's currency (salesgoal config get currency): deals in other
currencies are converted at the rates held (salesgoal rates), by the rate
policy; a footnote says how many were left out for want of a rate, and
from which day. --explain shows, for each metric, what was counted, what
it was divided by and what was left out, or why there is no value, and
for each currency converted, the rates used and the totals; --no-convert
counts only the database's currency.`,
		Example: `  salesgoal metrics
  salesgoal metrics --quarter Q1 --year 2027
  salesgoal metrics --month 2027-03 --owner "Ana Silva"
  salesgoal metrics --period last-quarter --by owner
  salesgoal metrics --by owner --metric revenue --metric win-rate
  salesgoal metrics --by team --category revenue --all
  salesgoal metrics --year 2027 --by month --format csv > 2027.csv
  salesgoal metrics --from 2027-01-10 --to 2027-02-20 --team EMEA --explain
  salesgoal metrics --quarter Q1 --as-of 2027-02-15 --format json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if err := opts.check(); err != nil {
				return err
			}
			opts.measuring()
			return metricsRun(c.Context(), opts)
		},
	}
	opts.period.register(c, "the period to measure (default this-quarter)")
	f := c.Flags()
	f.StringVar(&opts.from, "from", "", "first day of a custom period, 2027-01-10 (with --to; default --to is the as-of date)")
	f.StringVar(&opts.to, "to", "", "last day of a custom period, 2027-02-20 (with --from)")
	f.StringVar(&opts.owner, "owner", "", "count only this owner's deals and customers")
	f.StringVar(&opts.team, "team", "", "count only this team's deals and customers")
	f.StringVar(&opts.by, "by", "", "one row per owner, team or month")
	f.BoolVar(&opts.explain, "explain", false, "show what each value was computed from and what was left out")
	noConvertFlag(c, opts.rootOptions)
	f.StringSliceVar(&opts.cats, "category", nil, "only the metrics of these categories (repeatable, or a comma list): "+strings.Join(metric.Categories(), ", "))
	f.StringSliceVar(&opts.ids, "metric", nil, "only these metrics (repeatable, or a comma list), such as revenue or win-rate")
	f.BoolVar(&opts.all, "all", false, "with --by: every metric of the categories, not only their primary one")
	_ = c.RegisterFlagCompletionFunc("category", cobra.FixedCompletions(metric.Categories(), cobra.ShellCompDirectiveNoFileComp))
	formatFlag(c, &opts.format, formatTable, formatMarkdown, formatCSV, formatJSON)
	_ = c.RegisterFlagCompletionFunc("by", cobra.FixedCompletions([]string{"owner", "team", "month"}, cobra.ShellCompDirectiveNoFileComp))
	return c
}

// check validates the combination of flags and fills in what follows from
// them; it reads neither the database nor the clock.
func (o *metricsOptions) check() error {
	var err error
	if o.fmt, err = parseFormat(o.format, formatTable, formatMarkdown, formatCSV, formatJSON); err != nil {
		return err
	}
	if o.owner != "" && o.team != "" {
		return usagef("--owner and --team both given: metrics are for the company, one team or one owner")
	}
	o.scope = scopeOf(o.owner, o.team)
	switch o.by {
	case "":
	case "owner", "team", "month":
		o.groupBy = measure.GroupBy(o.by)
	default:
		return usagef("--by %q: choose owner, team or month", o.by)
	}
	if o.groupBy == measure.ByOwner && o.owner != "" {
		return usagef("--by owner with --owner %q: one owner is one row; drop --by, or --owner to rank every owner", o.owner)
	}
	if o.groupBy == measure.ByTeam && o.team != "" {
		return usagef("--by team with --team %q: one team is one row; drop --by, or --team to rank every team", o.team)
	}
	if o.explain && o.groupBy != "" {
		return usagef("--explain works on one row of metrics: drop --by, or give --owner, --team or a month instead")
	}
	if o.metrics, err = chooseMetrics(o.cats, o.ids, o.all, o.groupBy != ""); err != nil {
		return err
	}
	if o.periodOf, err = o.period.spec(); err != nil {
		return err
	}
	o.grain = o.period.grain()
	if o.from != "" || o.to != "" {
		if o.periodOf != "" {
			return usagef("--from/--to and a period flag both name the period: give only one of them")
		}
		if o.from == "" {
			return usagef("--to %s without --from: give the first day of the period too", o.to)
		}
		if _, err := metric.ParseDate(o.from); err != nil {
			return usagef("--from: %v", err)
		}
		if o.to != "" {
			if _, err := metric.ParseDate(o.to); err != nil {
				return usagef("--to: %v", err)
			}
		}
		o.grain = metric.GrainRange
		return nil
	}
	if o.periodOf == "" {
		o.periodOf = "this-quarter"
	}
	return nil
}

func metricsRun(ctx context.Context, opts *metricsOptions) error {
	db, err := opts.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	asOf, err := opts.today(ctx, db)
	if err != nil {
		return err
	}
	fy, err := db.FiscalYearStart(ctx)
	if err != nil {
		return err
	}
	currency, err := db.Currency(ctx)
	if err != nil {
		return err
	}
	spec, flag := opts.periodOf, "--period"
	if opts.grain == metric.GrainRange && opts.from != "" {
		to := opts.to
		if to == "" {
			to = metric.FormatDate(asOf)
			if from, _ := metric.ParseDate(opts.from); from.After(asOf) {
				return usagef("--from %s is after the as-of date %s: give --to as well, or a later --as-of", opts.from, to)
			}
		}
		spec, flag = opts.from+".."+to, "--from/--to"
	}
	p, err := parsePeriod(flag, spec, asOf, fy)
	if err != nil {
		return err
	}
	if err := opts.period.check(p); err != nil {
		return err
	}
	snap := db.Snapshot() // every number from the same data
	defer snap.Close()
	converted, err := opts.useRates(ctx, db, snap, asOf)
	if err != nil {
		return err
	}
	m := measure.New(snap, currency, asOf)
	trend := opts.fmt == formatTable || opts.fmt == formatMarkdown // a picture: JSON and CSV have none
	if trend && opts.groupBy == "" {
		// The period is the trend's last: one pass for all eight.
		if err := m.Prefetch(ctx, opts.scope, measure.TrendPeriods(p)...); err != nil {
			return err
		}
	}
	res, err := m.Metrics(ctx, p, opts.scope, opts.groupBy)
	if err != nil {
		return err
	}
	if opts.explain {
		if err := m.Conversions(ctx, res); err != nil {
			return err
		}
	}
	keepMetrics(res, opts.metrics)
	if opts.explain {
		if err := explainReactivations(ctx, snap, res); err != nil {
			return err
		}
	}
	var trends map[string][]metric.Value
	if trend {
		if trends, err = metricsTrends(ctx, m, res); err != nil {
			return err
		}
	}
	if opts.scope.Level != metric.Company {
		// A misspelt owner gives zeros, not an error: say so.
		ok, err := snap.ScopeExists(ctx, opts.scope)
		if err != nil {
			return err
		}
		if !ok {
			tell(opts.env.Stderr, "warning", "%s %q appears in no deal or customer: check the spelling (as the CRM writes it)",
				opts.scope.Level, opts.scope.Value)
		}
	}
	// Both warnings say where the data is: the database is read for it
	// once, and only when one of them is given.
	cov := sync.OnceValues(func() (store.Coverage, error) { return db.Coverage(ctx) })
	if err := warnEmptyPeriod(opts.env.Stderr, cov, res); err != nil {
		return err
	}
	if err := warnNoSpend(opts.env.Stderr, cov, res); err != nil {
		return err
	}
	byDefault, err := currencyByDefault(ctx, db, snap)
	if err != nil {
		return err
	}
	v := metricsView{Metrics: res, explain: opts.explain, trends: trends, width: outputWidth(opts.env), converted: converted,
		defaultCurrency: byDefault}
	return writeMetrics(opts.env.Stdout, opts.env.Stderr, opts.fmt, v)
}

// explainReactivations names, in the explanation of reactivated-customers,
// the customers who came back and when: the first shownReactivations.
func explainReactivations(ctx context.Context, snap *store.Snapshot, res *measure.Metrics) error {
	for r := range res.Rows {
		row := &res.Rows[r]
		n := row.Aggregates.Reactivated
		if n == 0 {
			continue
		}
		for i := range row.Values {
			v := &row.Values[i]
			if v.Metric.ID != "reactivated-customers" {
				continue
			}
			back, err := snap.Reactivations(ctx, row.From, row.To, res.Scope, shownReactivations)
			if err != nil {
				return err
			}
			var names []string
			for _, b := range back {
				names = append(names, fmt.Sprintf("%s on %s", b.Customer, metric.FormatDate(b.Day)))
			}
			v.Explain.Note += "; back: " + strings.Join(names, ", ")
			if more := n - int64(len(back)); more > 0 {
				v.Explain.Note += fmt.Sprintf(" and %d more", more)
			}
		}
	}
	return nil
}

// shownReactivations is how many customers who came back --explain names.
const shownReactivations = 10
