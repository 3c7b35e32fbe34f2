package cmd

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/internal/sheet"
	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

type goalExportOptions struct {
	*rootOptions
	period periodFlags
	sheet  string
}

func newGoalExportCmd(root *rootOptions) *cobra.Command {
	opts := &goalExportOptions{rootOptions: root}
	c := &cobra.Command{
		Use:   "export [--period P] [--sheet NAME] > plan.csv",
		Short: "Write the saved goals as a quota sheet",
		Long: `Export writes the saved goals as a quota sheet, the format 'salesgoal goal
apply' reads: one row per goal, with every column, the goals of each sheet
in the sheet's order. Export, edit, apply: the sheet round-trips, and a
sheet kept in git diffs line by line. --period keeps the goals that run
during that period, --sheet the goals of one sheet.

A name salesgoal made up is written empty (apply makes it up again), the
default baseline (the previous period) too, and a parent by its name, or
by its id (#3) when the name would not say which goal it is.`,
		Example: `  salesgoal goal export > goals.csv
  salesgoal goal export --sheet plan-2027-q1 > plan-2027-q1.csv
  salesgoal goal export --quarter Q1 --year 2027 > q1.csv`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if _, err := opts.period.spec(); err != nil {
				return err
			}
			return goalExportRun(c.Context(), opts)
		},
	}
	opts.period.register(c, "keep the goals that run during this period")
	c.Flags().StringVar(&opts.sheet, "sheet", "", "keep the goals of this quota sheet")
	return c
}

func goalExportRun(ctx context.Context, opts *goalExportOptions) error {
	s, err := openSession(ctx, opts.rootOptions, false)
	if err != nil {
		return err
	}
	defer s.db.Close()
	filter := store.GoalFilter{Sheet: opts.sheet, SheetOrder: true}
	if filter.Period, err = opts.period.filter(s.asOf, s.fyStart); err != nil {
		return err
	}
	gs, err := s.db.Goals(ctx, filter)
	if err != nil {
		return err
	}
	all, err := s.db.Goals(ctx, store.GoalFilter{})
	if err != nil {
		return err
	}
	return sheet.Write(opts.env.Stdout, sheetOf(gs, all))
}

// sheetOf writes goals gs as the rows of a quota sheet; all are the saved
// goals, among which a parent is named.
func sheetOf(gs, all []goal.Goal) []sheet.Row {
	names := map[string]int{}
	for _, g := range all {
		names[g.Name]++
	}
	byID := map[int64]goal.Goal{}
	for _, g := range all {
		byID[g.ID] = g
	}
	rows := make([]sheet.Row, len(gs))
	for i, g := range gs {
		r := sheet.Row{Category: g.Category, Metric: g.Metric, Period: g.Period.Label, Target: g.Target.Spec,
			Commit: g.Commit.Spec, Stretch: g.Stretch.Spec, Note: g.Note, Name: g.Name}
		if g.NamedByDefault() {
			r.Name = ""
		}
		switch g.Scope.Level {
		case metric.Owner:
			r.Owner = g.Scope.Value
		case metric.Team:
			r.Team = g.Scope.Value
		}
		if g.Baseline.Spec != goal.BaselinePrevious {
			r.Baseline = g.Baseline.Spec
		}
		if p, ok := byID[g.ParentID]; ok {
			r.Parent = p.Name
			if names[p.Name] > 1 || strings.HasPrefix(p.Name, "#") {
				r.Parent = idString(p.ID)
			}
		}
		rows[i] = r
	}
	return rows
}
