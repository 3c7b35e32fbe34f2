package cmd

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/store"
)

type goalCheckOptions struct {
	*rootOptions
	ids        []int64
	format     format
	formatText string
}

func newGoalCheckCmd(root *rootOptions) *cobra.Command {
	opts := &goalCheckOptions{rootOptions: root}
	c := &cobra.Command{
		Use:   "check [ID...]",
		Short: "Assess saved goals again against today's data",
		Long: `Check assesses every saved goal (or those named) against the data as it
is today, records each assessment, and exits with status 1 if any goal now
fails a SMART criterion: a goal whose owner left the data, whose parent no
longer covers it, or whose metric lost its inputs.

The target and baseline stay as they were agreed; the evidence (history,
inputs, scope) is read again.`,
		Example: `  salesgoal goal check
  salesgoal goal check 3 4 --format json`,
		RunE: func(c *cobra.Command, args []string) error {
			f, err := parseFormat(opts.formatText, formatTable, formatJSON)
			if err != nil {
				return err
			}
			for _, a := range args {
				id, err := goalID(a)
				if err != nil {
					return err
				}
				opts.ids = append(opts.ids, id)
			}
			opts.format = f
			return goalCheckRun(c.Context(), opts)
		},
	}
	formatFlag(c, &opts.formatText, formatTable, formatJSON)
	return c
}

func goalCheckRun(ctx context.Context, opts *goalCheckOptions) error {
	s, err := openSession(ctx, opts.rootOptions, true)
	if err != nil {
		return err
	}
	defer s.db.Close()
	gs, err := s.db.Goals(ctx, store.GoalFilter{IDs: opts.ids})
	if err != nil {
		return err
	}
	if missing := missingIDs(opts.ids, gs); len(missing) > 0 {
		return notFound(fmt.Errorf("goal %s: %w", strings.Join(missing, ", "), store.ErrGoalNotFound))
	}
	type checked struct {
		g goal.Goal
		a goal.Assessment
	}
	served, err := s.servedBy(ctx)
	if err != nil {
		return err
	}
	results := make([]checked, 0, len(gs))
	for _, g := range gs {
		a, err := s.measurer.AssessIn(ctx, &g, false, measure.Family{Children: served[g.ID]})
		if err != nil {
			return err
		}
		results = append(results, checked{g, a})
	}
	// Record the assessments only once every goal could be assessed.
	for _, r := range results {
		if err := s.db.SaveAssessment(ctx, r.g.ID, r.a, s.now); err != nil {
			return err
		}
	}

	w := opts.env.Stdout
	page := textPage{w: w, width: outputWidth(opts.env)}
	var failing []string
	for _, r := range results {
		if r.a.Failed() {
			failing = append(failing, fmt.Sprintf("%s (%s failed)", idString(r.g.ID), joinCriteria(r.a.Failures())))
		}
	}
	if opts.format == formatJSON {
		out := make([]assessmentJSON, 0, len(results))
		for _, r := range results {
			out = append(out, toAssessmentJSON(r.g, r.a, true))
		}
		if err := writeJSON(w, out); err != nil {
			return err
		}
	} else {
		if len(results) == 0 {
			fmt.Fprintln(w, "No goals to check: set one with 'salesgoal goal add'.")
		}
		for i, r := range results {
			if i > 0 {
				fmt.Fprintln(w)
			}
			writeGoalHeader(page, r.g)
			writeChecks(page, r.a)
		}
		if len(results) > 0 {
			fmt.Fprintf(w, "\n%s checked: %d failing.\n", goalCount(len(results), "goal", "goals"), len(failing))
		}
	}
	if len(failing) > 0 {
		return withHint(fmt.Errorf("%s not SMART any more: %s", isAre(len(failing)), strings.Join(failing, ", ")),
			"change them with 'salesgoal goal edit ID', or remove them with 'salesgoal goal rm ID'")
	}
	return nil
}

func missingIDs(ids []int64, gs []goal.Goal) []string {
	have := map[int64]bool{}
	for _, g := range gs {
		have[g.ID] = true
	}
	var out []string
	for _, id := range ids {
		if !have[id] {
			out = append(out, idString(id))
		}
	}
	return out
}

func goalCount(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// isAre starts the sentence on how many goals fail: "1 goal is", "2 goals are".
func isAre(n int) string {
	if n == 1 {
		return "1 goal is"
	}
	return goalCount(n, "goal", "goals") + " are"
}
