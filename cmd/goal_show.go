package cmd

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

type goalShowOptions struct {
	*rootOptions
	id         int64
	format     format
	formatText string
}

func newGoalShowCmd(root *rootOptions) *cobra.Command {
	opts := &goalShowOptions{rootOptions: root}
	c := &cobra.Command{
		Use:   "show ID",
		Short: "Show a goal, where it stands and its SMART assessment today",
		Long: `Show prints a goal as saved, its actual value so far with the forecast and
status of 'salesgoal report', and its SMART assessment as of today (or
--as-of), without saving anything.`,
		Example: `  salesgoal goal show 3
  salesgoal goal show 3 --as-of 2027-02-01 --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			f, err := parseFormat(opts.formatText, formatTable, formatJSON)
			if err != nil {
				return err
			}
			if opts.id, err = goalID(args[0]); err != nil {
				return err
			}
			opts.format = f
			return goalShowRun(c.Context(), opts)
		},
	}
	formatFlag(c, &opts.formatText, formatTable, formatJSON)
	return c
}

// goalShowJSON is goal show's JSON: the goal as goal list gives it, what
// else was saved with it, where it stands and its assessment.
type goalShowJSON struct {
	goalJSON
	Parent    *int64    `json:"parent"`
	Note      string    `json:"note"`
	Forced    bool      `json:"forced"`
	CreatedAt string    `json:"created-at"`
	AsOf      string    `json:"as-of"`
	Actual    *float64  `json:"actual"`
	Forecast  *float64  `json:"forecast"`
	Progress  *float64  `json:"progress"`
	Status    string    `json:"status"`
	Smart     smartJSON `json:"smart"`
}

func goalShowRun(ctx context.Context, opts *goalShowOptions) error {
	s, g, err := openGoal(ctx, opts.rootOptions, opts.id, false)
	if err != nil {
		return err
	}
	defer s.db.Close()
	a, err := s.measurer.Assess(ctx, &g, false)
	if err != nil {
		return err
	}
	t, err := s.measurer.Track(ctx, g)
	if err != nil {
		return err
	}
	pr := t.Progress
	if g.TargetValue == nil {
		// Without a target value there is no forecast to show either.
		pr = metric.Progress{Elapsed: pr.Elapsed, Status: metric.StatusNoData}
	}
	if opts.format == formatJSON {
		js := goalShowJSON{
			goalJSON: toGoalJSON(g), Note: g.Note, Forced: g.Forced,
			CreatedAt: timestampOf(g), AsOf: metric.FormatDate(s.asOf),
			Actual: t.Actual, Forecast: pr.Forecast, Progress: pr.Progress, Status: string(pr.Status),
			Smart: toSmartJSON(a),
		}
		if g.ParentID != 0 {
			p := g.ParentID
			js.Parent = &p
		}
		return writeJSON(opts.env.Stdout, js)
	}
	w := opts.env.Stdout
	writeGoalHeader(w, g)
	writeGoalDetails(w, g, t.Metric, t.Actual, pr)
	fmt.Fprintln(w)
	writeChecks(w, a)
	return nil
}

func timestampOf(g goal.Goal) string {
	return g.CreatedAt.UTC().Format("2006-01-02T15:04:05Z07:00")
}

// writeGoalDetails prints what show adds to the header: parent, note,
// whether it was forced, and where the goal stands.
func writeGoalDetails(w io.Writer, g goal.Goal, m metric.Metric, actual *float64, pr metric.Progress) {
	if g.ParentID != 0 {
		fmt.Fprintf(w, "Serves goal %s\n", idString(g.ParentID))
	}
	if g.Note != "" {
		sayf(w, "Note: %s\n", g.Note)
	}
	if g.Forced {
		fmt.Fprintln(w, "Saved with --force despite a failed SMART criterion")
	}
	fmt.Fprintf(w, "Created %s\n", timestampOf(g))
	fmt.Fprintf(w, "Actual %s after %.0f%% of the period; forecast %s; progress %s; status %s\n",
		formatMetric(m, actual), 100*pr.Elapsed, formatMetric(m, pr.Forecast), formatProgress(pr.Progress), pr.Status)
}

func formatProgress(p *float64) string {
	if p == nil {
		return "—"
	}
	return metric.OneDecimal(100*(*p)) + "%"
}
