package cmd

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/measure"
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
	Parent    *int64 `json:"parent"`
	Note      string `json:"note"`
	Forced    bool   `json:"forced"`
	CreatedAt string `json:"created-at"`
	AsOf      string `json:"as-of"`
	trackedJSON
	Smart smartJSON `json:"smart"`
}

func goalShowRun(ctx context.Context, opts *goalShowOptions) error {
	s, g, err := openGoal(ctx, opts.rootOptions, opts.id, false)
	if err != nil {
		return err
	}
	defer s.db.Close()
	// Tracked first: it says whether a provisional baseline was settled,
	// which the assessment then does as well.
	t, err := s.measurer.Track(ctx, g)
	if err != nil {
		return err
	}
	served, err := s.servedBy(ctx)
	if err != nil {
		return err
	}
	a, err := s.measurer.AssessIn(ctx, &g, false, measure.Family{Children: served[g.ID]})
	if err != nil {
		return err
	}
	if opts.format == formatJSON {
		js := goalShowJSON{
			goalJSON: toGoalJSON(g), Note: g.Note, Forced: g.Forced,
			CreatedAt: timestampOf(g), AsOf: metric.FormatDate(s.asOf),
			trackedJSON: toTrackedJSON(t),
			Smart:       toSmartJSON(a),
		}
		if g.ParentID != 0 {
			p := g.ParentID
			js.Parent = &p
		}
		return writeJSON(opts.env.Stdout, js)
	}
	p := textPage{w: opts.env.Stdout, width: outputWidth(opts.env)}
	writeGoalHeader(p, g)
	writeGoalDetails(p, t)
	fmt.Fprintln(p.w)
	writeChecks(p, a)
	return nil
}

func timestampOf(g goal.Goal) string {
	return g.CreatedAt.UTC().Format("2006-01-02T15:04:05Z07:00")
}

// writeGoalDetails prints what show adds to the header: parent, note,
// whether it was forced, and where the goal stands, as the report has it.
func writeGoalDetails(p textPage, t measure.Tracked) {
	g, pr := t.Goal, t.Progress
	if g.ParentID != 0 {
		fmt.Fprintf(p.w, "Serves goal %s\n", idString(g.ParentID))
	}
	if g.Note != "" {
		p.line("Note: "+g.Note, 2)
	}
	if g.Forced {
		fmt.Fprintln(p.w, "Saved with --force despite a failed SMART criterion")
	}
	fmt.Fprintf(p.w, "Created %s\n", timestampOf(g))
	p.line(fmt.Sprintf("Actual %s after %.0f%% of the period; run-rate %s; progress %s; status %s",
		formatMetric(t.Metric, t.Actual), 100*pr.Elapsed, formatMetric(t.Metric, pr.Forecast), progressCell(t, false), statusCell(t)), 2)
	for _, n := range goalNotes(t) {
		p.line(strings.ToUpper(n[:1])+n[1:], 2)
	}
}
