package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

// goalFlags are the flags that describe a goal, shared by add and edit.
type goalFlags struct {
	name, category, metric, owner, team string
	period                              periodFlags
	target, baseline, parent, note      string
	dryRun, force                       bool
	format                              string
}

func (f *goalFlags) register(c *cobra.Command) {
	fl := c.Flags()
	fl.StringVar(&f.name, "name", "", "what the team calls the goal (default: metric, target and period)")
	fl.StringVar(&f.category, "category", "", "cycle-time, prospects, win-rate, revenue, margin, cac, retention, churn or expansion")
	fl.StringVar(&f.metric, "metric", "", "a metric of the category (default: the category's primary metric)")
	fl.StringVar(&f.owner, "owner", "", "set the goal for one owner (as the CRM names them)")
	fl.StringVar(&f.team, "team", "", "set the goal for one team")
	f.period.register(c, "the goal's period (default this-quarter)")
	fl.StringVar(&f.target, "target", "", "120000 or 30 (a value), +9% or -15% (against the baseline), +5pp or -3pp (rates)")
	fl.StringVar(&f.baseline, "baseline", "", "the baseline period: previous (default), last-year (the same period a year earlier) or a period")
	fl.StringVar(&f.parent, "parent", "", "id of a longer-term goal this one serves (none: no parent)")
	fl.StringVar(&f.note, "note", "", "why the team takes this goal on, or how")
	fl.BoolVar(&f.dryRun, "dry-run", false, "assess the goal and save nothing")
	fl.BoolVar(&f.force, "force", false, "save the goal even if a SMART criterion fails (recorded as forced)")
	formatFlag(c, &f.format, formatTable, formatJSON)
}

// check validates flag combinations that are wrong usage whatever the data.
func (f *goalFlags) check() (format, error) {
	out, err := parseFormat(f.format, formatTable, formatJSON)
	if err != nil {
		return out, err
	}
	if f.owner != "" && f.team != "" {
		return out, usagef("--owner and --team both given: a goal is for the company, one team or one owner")
	}
	if f.dryRun && f.force {
		return out, usagef("--dry-run saves nothing, so --force has nothing to do: give one of them")
	}
	if _, err := f.period.spec(); err != nil {
		return out, err
	}
	if f.target != "" {
		if _, err := goal.ParseTarget(f.target); err != nil {
			return out, withHint(usageError{err}, "see 'salesgoal goal add --help' for examples")
		}
	}
	if _, err := f.parentID(); err != nil {
		return out, err
	}
	return out, nil
}

// parentID reads --parent: 0 for none.
func (f *goalFlags) parentID() (int64, error) {
	switch strings.ToLower(f.parent) {
	case "", "none", "0":
		return 0, nil
	}
	return goalID(f.parent)
}

// scope is the goal's scope from --owner and --team.
func (f *goalFlags) scope() metric.Scope {
	switch {
	case f.owner != "":
		return metric.Scope{Level: metric.Owner, Value: f.owner}
	case f.team != "":
		return metric.Scope{Level: metric.Team, Value: f.team}
	}
	return metric.Scope{Level: metric.Company}
}

// categoryAndMetric fills in what was not given: the category of a named
// metric, or the primary metric of a named category. Unknown names are
// kept as typed, for the Specific check to explain.
func categoryAndMetric(category, metricID string) (string, string) {
	if category == "" {
		if m, ok := metric.Lookup(metricID); ok {
			category = m.Category
		}
	}
	if metricID == "" {
		if m, ok := metric.Primary(category); ok {
			metricID = m.ID
		}
	}
	return category, metricID
}

type goalAddOptions struct {
	*rootOptions
	flags  goalFlags
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
anyway and records that it was forced. --dry-run assesses and saves nothing.`,
		Example: `  # Shorten the sales cycle to 30 days this quarter
  salesgoal goal add --category cycle-time --target 30 --note "automate email search"

  # Win rate up 5 points in Q1, for one team
  salesgoal goal add --category win-rate --target +5pp --quarter Q1 --team EMEA

  # 9% more revenue in March than in February, serving the yearly goal #1
  salesgoal goal add --category revenue --target +9% --month 2027-03 --parent 1

  # Would it be accepted?
  salesgoal goal add --category churn --target -3pp --period 2027-07-01..2027-12-31 --dry-run`,
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
			opts.format = f
			return goalAddRun(c.Context(), opts)
		},
	}
	opts.flags.register(c)
	return c
}

func goalAddRun(ctx context.Context, opts *goalAddOptions) error {
	s, err := openSession(ctx, opts.rootOptions)
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
	g.Category, g.Metric = categoryAndMetric(f.category, f.metric)
	if g.Name == "" {
		what := g.Metric
		if what == "" {
			what = g.Category
		}
		g.Name = goal.DefaultName(what, g.Scope, g.Target, g.Period)
	}
	if g.Baseline, err = s.baselinePeriod(f.baseline, p); err != nil {
		return err
	}
	a, err := s.measurer.Assess(ctx, &g, true)
	if err != nil {
		return err
	}
	return decide(opts.env.Stdout, opts.format, &g, a, f, func() error {
		return s.db.CreateGoal(ctx, &g, a, s.now)
	})
}

// decide prints the assessment of g and saves it with save unless a
// criterion fails (and --force was not given) or this is a dry run. It is
// where add and edit refuse a goal.
func decide(w io.Writer, f format, g *goal.Goal, a goal.Assessment, fl goalFlags, save func() error) error {
	failed := a.Failed()
	// Offer --force only where it can help: a goal the domain rejects (an
	// unknown metric, pp on money, CAC per owner) cannot be saved at all.
	forceHint := "change what the failed lines ask for, or add --force to save it anyway"
	if err := g.Validate(); err != nil {
		forceHint = fmt.Sprintf("change what the failed lines ask for; --force cannot save this goal (%v)", err)
	}
	var refusal error
	switch {
	case fl.dryRun:
	case failed && !fl.force:
		refusal = withHint(fmt.Errorf("goal %q is not SMART: %s failed; nothing was saved", g.Name, joinCriteria(a.Failures())),
			"%s", forceHint)
	default:
		g.Forced = failed
		if err := g.Validate(); err != nil {
			refusal = withHint(fmt.Errorf("goal %q cannot be saved, even with --force: %w", g.Name, err),
				"change what the failed lines ask for")
			break
		}
		if err := save(); err != nil {
			if errors.Is(err, store.ErrGoalNotFound) && g.ParentID != 0 {
				return withHint(fmt.Errorf("goal %q cannot be saved, even with --force: parent goal #%d does not exist", g.Name, g.ParentID),
					"give --parent the id of a saved goal ('salesgoal goal list'), or none")
			}
			return err
		}
	}
	saved := refusal == nil && !fl.dryRun
	if err := writeAssessment(w, f, *g, a, saved, fl.dryRun); err != nil {
		return err
	}
	if refusal != nil {
		return refusal
	}
	if fl.dryRun && failed {
		return withHint(fmt.Errorf("goal %q would be refused: %s failed (--dry-run: nothing was saved)", g.Name, joinCriteria(a.Failures())),
			"%s", forceHint)
	}
	return nil
}

func joinCriteria(cs []goal.Criterion) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = string(c)
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// idString writes a goal id as the tables show it.
func idString(id int64) string { return "#" + strconv.FormatInt(id, 10) }
