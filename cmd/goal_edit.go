package cmd

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/measure"
)

type goalEditOptions struct {
	*rootOptions
	id      int64
	flags   goalFlags
	changed map[string]bool // the flags given on the command line
	format  format
}

func newGoalEditCmd(root *rootOptions) *cobra.Command {
	opts := &goalEditOptions{rootOptions: root}
	c := &cobra.Command{
		Use:   "edit ID [flags]",
		Short: "Change a goal; it is assessed again before it is saved",
		Long: `Edit changes what the flags given say and keeps the rest. The goal is
assessed again and saved only if no SMART criterion fails (or with --force).

The baseline is measured again when the metric, scope, period or --baseline
changes; a new relative target is resolved against the saved baseline
otherwise. --owner "" or --team "" makes the goal company-wide; --parent none
removes its parent, --commit none and --stretch none its tiers.`,
		Example: `  salesgoal goal edit 3 --target +12%
  salesgoal goal edit 3 --quarter Q2 --note "after the price change"
  salesgoal goal edit 3 --team "" --parent none`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			f, err := opts.flags.check()
			if err != nil {
				return err
			}
			if opts.id, err = goalID(args[0]); err != nil {
				return err
			}
			opts.changed = map[string]bool{}
			for _, name := range []string{"name", "category", "metric", "owner", "team", "period", "quarter", "month", "week", "year",
				"target", "commit", "stretch", "baseline", "parent", "note"} {
				if c.Flags().Changed(name) {
					opts.changed[name] = true
				}
			}
			if len(opts.changed) == 0 {
				return withHint(usagef("nothing to change"), "give the flags to change, such as --target +12%% or --note")
			}
			if opts.changed["target"] && opts.flags.target == "" {
				return usagef("--target cannot be empty")
			}
			opts.format = f
			return goalEditRun(c.Context(), opts)
		},
	}
	opts.flags.register(c)
	return c
}

func goalEditRun(ctx context.Context, opts *goalEditOptions) error {
	s, g, err := openGoal(ctx, opts.rootOptions, opts.id, true)
	if err != nil {
		return err
	}
	defer s.db.Close()
	f, ch := opts.flags, opts.changed
	remeasure := false
	// A name salesgoal made up follows the goal; one the manager chose stays.
	defaultName := g.NamedByDefault()
	if ch["name"] {
		g.Name = strings.TrimSpace(f.name)
	}
	if ch["note"] {
		g.Note = f.note
	}
	if ch["category"] || ch["metric"] {
		// A new category alone takes its primary metric; a new metric
		// alone takes its own category.
		var category, metricID string
		if ch["category"] {
			category = f.category
		}
		if ch["metric"] {
			metricID = f.metric
		}
		g.Category, g.Metric = categoryAndMetric(category, metricID)
		remeasure = true
	}
	if ch["owner"] || ch["team"] {
		// --owner "" or --team "" alone makes the goal company-wide.
		g.Scope, remeasure = f.scope(), true
	}
	if f.period.given() {
		spec, _ := f.period.spec()
		if g.Period, err = parsePeriod("--period", spec, s.asOf, s.fyStart); err != nil {
			return err
		}
		if err := f.period.check(g.Period); err != nil {
			return err
		}
		remeasure = true
	}
	if ch["baseline"] || remeasure {
		spec := g.Baseline.Spec
		if ch["baseline"] {
			spec = f.baseline
		}
		if g.Baseline, err = s.baselinePeriod(spec, g.Period); err != nil {
			return err
		}
		remeasure = true
	}
	if ch["target"] {
		g.Target, _ = goal.ParseTarget(f.target)
	}
	if ch["commit"] {
		g.Commit, _ = tierFlag(f.commit)
	}
	if ch["stretch"] {
		g.Stretch, _ = tierFlag(f.stretch)
	}
	if ch["parent"] {
		g.ParentID, _ = f.parentID()
	}
	if defaultName && !ch["name"] {
		g.Name = goal.DefaultName(g.Metric, g.Scope, g.Target, g.Period)
	}
	g.Forced = false
	if remeasure {
		if err := s.measurer.MeasureBaseline(ctx, &g); err != nil {
			return err
		}
		if err := s.chain(ctx, &g); err != nil {
			return err
		}
	}
	served, err := s.servedBy(ctx)
	if err != nil {
		return err
	}
	a, err := s.measurer.AssessIn(ctx, &g, false, measure.Family{Children: served[g.ID]})
	if err != nil {
		return err
	}
	return decide(textPage{w: opts.env.Stdout, width: outputWidth(opts.env)}, opts.format, &g, a, f, func() error {
		return s.db.UpdateGoal(ctx, g, a, s.now)
	})
}
