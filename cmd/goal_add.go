package cmd

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

type goalAddOptions struct {
	*rootOptions
	flags  goalFlags
	family familyFlags
	format format
}

func newGoalAddCmd(root *rootOptions) *cobra.Command {
	opts := &goalAddOptions{rootOptions: root}
	c := &cobra.Command{
		Use:   "add --category CATEGORY --target TARGET [flags]",
		Short: "Set a goal, if it is SMART",
		Long: `Add assesses a goal against the five SMART criteria and saves it only if
none fails: Specific (a known metric, a team or owner that exists in the
data), Measurable (the data holds what the metric needs; a relative target
has a baseline), Attainable (possible at all, and how it compares with the
last 8 periods of the same length), Relevant (it moves the metric the right
way; the parent goal covers the period), Time-bound (warns when the period
has ended or is longer than a year).

A refused goal exits with status 1 and saves nothing; --force saves it
anyway and records that it was forced. --dry-run assesses and saves nothing.

--commit and --stretch give the goal tiers beside its target: the floor
the team commits to and the upside, written like --target. They must be
in order (commit, target, stretch, in the metric's better direction), and
each is compared with the history like the target.

--each owner (or team) sets the goal for every owner (or team) that has
deals, of --team T only when given, under a parent goal for the whole: the
one --parent names, or a new one asking what they add up to (the sum of a
count or an amount, the same target for a rate or an average). --every
month (quarter, week) sets it for every part of --period under a goal for
the whole period: an absolute target is split over the parts, --split even
(the default) or --split seasonal (as the same parts a year before were);
a relative target chains, each part's baseline being the part before.
Those goals are shown as a plan and saved together, or not at all.`,
		Example: `  # Shorten the sales cycle to 30 days this quarter
  salesgoal goal add --category cycle-time --target 30 --note "automate email search"

  # Win rate up 5 points in Q1, for one team
  salesgoal goal add --category win-rate --target +5pp --quarter Q1 --team EMEA

  # 9% more revenue in March than in February, serving the yearly goal #1
  salesgoal goal add --category revenue --target +9% --month 2027-03 --parent 1

  # Would it be accepted?
  salesgoal goal add --category churn --target -3pp --period 2027-07-01..2027-12-31 --dry-run

  # 30,000 of revenue for every rep of team East in Q1, with tiers
  salesgoal goal add --category revenue --target 30000 --commit 25000 --stretch 36000 --quarter Q1 --each owner --team East

  # +9% revenue each month of 2027, and 1.2M over the year, split like 2026
  salesgoal goal add --category revenue --target +9% --year 2027 --every month
  salesgoal goal add --category revenue --target 1200000 --year 2027 --every month --split seasonal`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			f, err := opts.flags.check()
			if err != nil {
				return err
			}
			if opts.flags.target == "" {
				return withHint(usagef("--target is required"), "write 120000 or 30 for a value, +9%% or -15%% for a change, +5pp for rate points")
			}
			if opts.flags.category == "" && opts.flags.metric == "" {
				return withHint(usagef("--category (or --metric) is required"),
					"choose one of %s", strings.Join(metric.Categories(), ", "))
			}
			if err := opts.family.check(opts.flags.owner, opts.flags.team); err != nil {
				return err
			}
			opts.format = f
			return goalAddRun(c.Context(), opts)
		},
	}
	opts.flags.register(c)
	c.Flags().StringVar(&opts.family.each, "each", "", "set the goal for each owner or team that has deals, under a parent goal: owner or team")
	c.Flags().StringVar(&opts.family.every, "every", "", "set the goal for each month, quarter or week of --period, under a goal for the whole")
	c.Flags().StringVar(&opts.family.split, "split", "", "with --every, how an absolute target is split: even (default) or seasonal (as a year before)")
	return c
}

func goalAddRun(ctx context.Context, opts *goalAddOptions) error {
	s, err := openSession(ctx, opts.rootOptions, true)
	if err != nil {
		return err
	}
	defer s.db.Close()
	f := opts.flags
	spec, _ := f.period.spec()
	if spec == "" {
		spec = "this-quarter"
	}
	p, err := parsePeriod("--period", spec, s.asOf, s.fyStart)
	if err != nil {
		return err
	}
	if err := f.period.check(p); err != nil {
		return err
	}
	tg, _ := goal.ParseTarget(f.target)
	parent, _ := f.parentID()
	g := goal.Goal{Name: strings.TrimSpace(f.name), Scope: f.scope(), Period: p, Target: tg, ParentID: parent, Note: f.note}
	g.Commit, _ = tierFlag(f.commit)
	g.Stretch, _ = tierFlag(f.stretch)
	g.Category, g.Metric = categoryAndMetric(f.category, f.metric)
	if g.Baseline, err = s.baselinePeriod(f.baseline, p); err != nil {
		return err
	}
	if opts.family.each != "" || opts.family.every != "" {
		saved, err := s.db.Goals(ctx, store.GoalFilter{})
		if err != nil {
			return err
		}
		pl, err := familyPlan(ctx, s, opts.family, g, saved)
		if err != nil {
			return err
		}
		if err := pl.assess(ctx, s.measurer, saved); err != nil {
			return err
		}
		return applyPlan(ctx, s, pl, textPage{w: opts.env.Stdout, width: outputWidth(opts.env)}, opts.env.Stderr, opts.format, f.dryRun, f.force)
	}
	if g.Name == "" {
		what := g.Metric
		if what == "" {
			what = g.Category
		}
		g.Name = goal.DefaultName(what, g.Scope, g.Target, g.Period)
	}
	if err := s.measurer.MeasureBaseline(ctx, &g); err != nil {
		return err
	}
	if err := s.chain(ctx, &g); err != nil {
		return err
	}
	a, err := s.measurer.Assess(ctx, &g, false)
	if err != nil {
		return err
	}
	return decide(textPage{w: opts.env.Stdout, width: outputWidth(opts.env)}, opts.format, &g, a, f, func() error {
		return s.db.CreateGoal(ctx, &g, a, s.now)
	})
}
