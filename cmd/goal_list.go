package cmd

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

type goalListOptions struct {
	*rootOptions
	period         periodFlags
	category       string
	owner, team    string
	history        string
	format         format
	formatFlagText string
}

func newGoalListCmd(root *rootOptions) *cobra.Command {
	opts := &goalListOptions{rootOptions: root}
	c := &cobra.Command{
		Use:   "list",
		Short: "List the saved goals",
		Long: `List shows the saved goals with their target and baseline, ordered by
period. --period keeps the goals that run during that period (the goals of
2027-Q1 include the yearly goal for 2027); --category, --owner and --team
keep the goals of that category, owner or team.

--history CATEGORY (or a metric) shows instead how the goals on that metric
for the company (or --owner, --team) went, period by period: the target,
the actual over the goal's own period, progress and status of each goal
that has started, oldest first.`,
		Example: `  salesgoal goal list
  salesgoal goal list --quarter Q1 --category revenue
  salesgoal goal list --owner "Ana Silva" --format json
  salesgoal goal list --history revenue --owner "Ana Silva"`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			f, err := parseFormat(opts.formatFlagText, formatTable, formatJSON)
			if err != nil {
				return err
			}
			if _, err := opts.period.spec(); err != nil {
				return err
			}
			if opts.owner != "" && opts.team != "" {
				return usagef("--owner and --team both given: a goal is for one team or one owner")
			}
			if opts.history != "" && opts.category != "" {
				return usagef("--history names the category already: drop --category")
			}
			if opts.category != "" && len(metric.InCategory(opts.category)) == 0 {
				return usagef("--category %q: choose one of %s", opts.category, strings.Join(metric.Categories(), ", "))
			}
			opts.format = f
			return goalListRun(c.Context(), opts)
		},
	}
	opts.period.register(c, "keep the goals that run during this period")
	c.Flags().StringVar(&opts.category, "category", "", "keep the goals of this category")
	c.Flags().StringVar(&opts.owner, "owner", "", "keep the goals set for this owner")
	c.Flags().StringVar(&opts.team, "team", "", "keep the goals set for this team")
	c.Flags().StringVar(&opts.history, "history", "", "show how the goals on this category (or metric) went, period by period")
	formatFlag(c, &opts.formatFlagText, formatTable, formatJSON)
	return c
}

func goalListRun(ctx context.Context, opts *goalListOptions) error {
	s, err := openSession(ctx, opts.rootOptions, false)
	if err != nil {
		return err
	}
	defer s.db.Close()
	filter := store.GoalFilter{Category: opts.category, Owner: opts.owner, Team: opts.team}
	if filter.Period, err = opts.period.filter(s.asOf, s.fyStart); err != nil {
		return err
	}
	if opts.history != "" {
		m, err := historyMetric(opts.history)
		if err != nil {
			return err
		}
		return goalHistoryRun(ctx, opts, s, m, filter)
	}
	gs, err := s.db.Goals(ctx, filter)
	if err != nil {
		return err
	}
	for i := range gs {
		// A provisional baseline whose period has ended is measured again,
		// as the report measures it, so that both show the same target.
		if _, err := s.measurer.Settle(ctx, &gs[i]); err != nil {
			return err
		}
	}
	w := opts.env.Stdout
	if opts.format == formatJSON {
		out := make([]goalJSON, 0, len(gs))
		for _, g := range gs {
			out = append(out, toGoalJSON(g))
		}
		return writeJSON(w, out)
	}
	if len(gs) == 0 {
		if filter.Period != nil || filter.Category != "" || filter.Owner != "" || filter.Team != "" {
			fmt.Fprintln(w, "No goals match.")
			return nil
		}
		fmt.Fprintln(w, "No goals yet: set one with 'salesgoal goal add --category revenue --target +9%'.")
		return nil
	}
	rows := make([][]string, len(gs))
	for i, g := range gs {
		rows[i] = goalRow(g)
	}
	fit := fitWidth(outputWidth(opts.env), wrap(1, 24), wrap(2, 10), wrap(3, 10), wrap(4, 10))
	return writeTable(w, formatTable, []string{"ID", "Goal", "Period", "Target", "Baseline"}, rows, fit, stackedCols(1))
}

// goalRow is one goal as goal list shows it: its name over its metric
// and scope, its period, its target (as typed, when relative) and its
// baseline with the period it is over.
func goalRow(g goal.Goal) []string {
	m, _ := metric.Lookup(g.Metric)
	name := g.Name
	if g.Forced {
		name += " (forced)"
	}
	scope := "company"
	if g.Scope.Level != metric.Company {
		scope = g.Scope.String()
	}
	target := formatMetric(m, g.TargetValue)
	if g.Target.Relative() {
		target += " (" + g.Target.Spec + ")"
	}
	var tiers []string
	for _, t := range g.Tiers() {
		if t.Name != goal.TierTarget {
			tiers = append(tiers, t.Name+" "+formatMetric(m, t.Value))
		}
	}
	if len(tiers) > 0 {
		target += "; " + strings.Join(tiers, ", ")
	}
	baseline := formatMetric(m, g.Baseline.Value) + " (" + g.Baseline.Period.Label + ")"
	switch b := g.Baseline; {
	case b.Planned():
		baseline = formatMetric(m, b.Value) + " (" + b.Period.Label + " planned, provisional)"
	case b.Provisional():
		baseline = formatMetric(m, b.Value) + " (" + b.Period.Label + " up to " + metric.FormatDate(b.Through) + ", provisional)"
	}
	return []string{idString(g.ID), stacked(formatTable, name, g.Metric+", "+scope), g.Period.Label, target, baseline}
}
