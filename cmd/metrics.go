package cmd

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

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

	// Filled by RunE from the flags.
	fmt      format
	periodOf string // the period spec, "this-quarter" by default
	grain    metric.Grain
	scope    metric.Scope
	groupBy  store.GroupBy // "" without --by
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
month, the leaderboard of a period.

A value with nothing to divide by (no deals closed, no customers before
the period) is shown as — (null in JSON), never as 0. Money is summed only
in the database's currency (salesgoal config get currency); a footnote
says how many deals in other currencies were left out. --explain shows,
for each metric, what was counted, what it was divided by and what was
left out.`,
		Example: `  salesgoal metrics
  salesgoal metrics --quarter Q1 --year 2027
  salesgoal metrics --month 2027-03 --owner "Ana Silva"
  salesgoal metrics --period last-quarter --by owner
  salesgoal metrics --year 2027 --by month --format csv > 2027.csv
  salesgoal metrics --from 2027-01-10 --to 2027-02-20 --team EMEA --explain
  salesgoal metrics --quarter Q1 --as-of 2027-02-15 --format json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if err := opts.check(); err != nil {
				return err
			}
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
	switch {
	case o.owner != "" && o.team != "":
		return usagef("--owner and --team both given: metrics are for the company, one team or one owner")
	case o.owner != "":
		o.scope = metric.Scope{Level: metric.Owner, Value: o.owner}
	case o.team != "":
		o.scope = metric.Scope{Level: metric.Team, Value: o.team}
	default:
		o.scope = metric.Scope{Level: metric.Company}
	}
	switch o.by {
	case "":
	case "owner", "team", "month":
		o.groupBy = store.GroupBy(o.by)
	default:
		return usagef("--by %q: choose owner, team or month", o.by)
	}
	if o.groupBy == store.ByOwner && o.owner != "" {
		return usagef("--by owner with --owner %q: one owner is one row; drop --by, or --owner to rank every owner", o.owner)
	}
	if o.groupBy == store.ByTeam && o.team != "" {
		return usagef("--by team with --team %q: one team is one row; drop --by, or --team to rank every team", o.team)
	}
	if o.explain && o.groupBy != "" {
		return usagef("--explain works on one row of metrics: drop --by, or give --owner, --team or a month instead")
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

// metricsResult is what metricsRun measured, ready to print.
type metricsResult struct {
	period    metric.Period
	effective metric.Period
	started   bool // false when the period starts after as-of: nothing measured
	asOf      time.Time
	scope     metric.Scope
	currency  string
	by        store.GroupBy
	rows      []metricsRow // one without --by
	leftOut   store.LeftOut
}

// metricsRow is the metrics of one group (or of the whole scope).
type metricsRow struct {
	group  string
	from   string // the range the group covers (by month: its part of the period)
	to     string
	agg    metric.Aggregates
	values []metric.Value
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
			if opts.from > to {
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
	res, err := measure(ctx, db, opts, p, asOf, currency)
	if err != nil {
		return err
	}
	if opts.scope.Level != metric.Company {
		// A misspelt owner gives zeros, not an error: say so.
		ok, err := db.ScopeExists(ctx, opts.scope)
		if err != nil {
			return err
		}
		if !ok {
			fmt.Fprintf(opts.env.Stderr, "salesgoal: warning: %s %q appears in no deal or customer: check the spelling (as the CRM writes it)\n",
				opts.scope.Level, opts.scope.Value)
		}
	}
	return writeMetrics(opts.env.Stdout, opts.env.Stderr, opts.fmt, res, opts.explain)
}

// measure asks the store for the aggregates of the effective period and
// turns them into values.
func measure(ctx context.Context, db *store.DB, opts *metricsOptions, p metric.Period, asOf time.Time, currency string) (*metricsResult, error) {
	res := &metricsResult{period: p, asOf: asOf, scope: opts.scope, currency: currency, by: opts.groupBy}
	res.effective, res.started = p.Effective(asOf)
	q := store.AggregateQuery{
		From: metric.FormatDate(res.effective.Start), To: metric.FormatDate(res.effective.End),
		Scope: opts.scope, Currency: currency,
	}
	if !res.started {
		// The period lies after as-of: nothing in it can be counted yet.
		res.rows = []metricsRow{{from: q.From, to: q.To, values: scopedValues(metric.Aggregates{}, opts.scope)}}
		if opts.groupBy != "" {
			res.rows = []metricsRow{}
		}
		return res, nil
	}
	var err error
	if res.leftOut, err = db.LeftOut(ctx, q); err != nil {
		return nil, err
	}
	if opts.groupBy == "" {
		a, err := db.Aggregates(ctx, q)
		if err != nil {
			return nil, err
		}
		res.rows = []metricsRow{{from: q.From, to: q.To, agg: a, values: scopedValues(a, opts.scope)}}
		return res, nil
	}
	gs, err := db.AggregatesBy(ctx, q, opts.groupBy)
	if err != nil {
		return nil, err
	}
	res.rows = make([]metricsRow, 0, len(gs))
	for _, g := range gs {
		sc := opts.scope
		switch opts.groupBy {
		case store.ByOwner:
			sc = metric.Scope{Level: metric.Owner, Value: g.Key}
		case store.ByTeam:
			sc = metric.Scope{Level: metric.Team, Value: g.Key}
		}
		res.rows = append(res.rows, metricsRow{group: g.Key, from: g.From, to: g.To, agg: g.Aggregates, values: scopedValues(g.Aggregates, sc)})
	}
	return res, nil
}

// scopedValues computes every metric from the aggregates. Outside company
// scope, the metrics that exist only for the whole company (spend and cac:
// spend has no owner) are null, with the reason.
func scopedValues(a metric.Aggregates, sc metric.Scope) []metric.Value {
	vs := metric.Compute(a)
	for i, v := range vs {
		vs[i] = v.ScopedTo(sc)
	}
	return vs
}
