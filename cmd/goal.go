package cmd

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

func newGoalCmd(root *rootOptions) *cobra.Command {
	c := &cobra.Command{
		Use:   "goal",
		Short: "Set SMART sales goals, list them and check them again",
		Long: `A goal asks one metric (by default its category's primary metric) to reach
a target over a period, for the company, a team or an owner. salesgoal
assesses every goal against the five SMART criteria from your own data and
refuses one that fails any of them (unless --force).

Categories: cycle-time, prospects, win-rate, revenue, margin, cac,
retention, churn, expansion. Targets: an absolute value (120000, 30), a
change against the baseline (+9%, -15%), or percentage points for rates
(+5pp, -3pp). The baseline is the metric over the previous period.`,
		Example: `  salesgoal goal add --category win-rate --target +5pp --quarter Q1
  salesgoal goal list --period this-quarter
  salesgoal goal show 3
  salesgoal goal check`,
	}
	noConvertFlag(c, root)
	c.AddCommand(
		newGoalAddCmd(root),
		newGoalListCmd(root),
		newGoalShowCmd(root),
		newGoalEditCmd(root),
		newGoalRmCmd(root),
		newGoalCheckCmd(root),
		newGoalApplyCmd(root),
		newGoalExportCmd(root),
	)
	groupOf(c)
	return c
}

// session is what every goal subcommand works with once the database is
// open: the store, as-of date and fiscal-year start, and the measurer that
// measures goals from the store as of that date.
type session struct {
	db       *store.DB
	asOf     time.Time
	fyStart  time.Month
	measurer *measure.Measurer
	now      time.Time // wall-clock time, recorded with what is saved
}

// openSession opens the database, for writing when write, and reads the
// settings periods and money depend on. The caller closes s.db.
func openSession(ctx context.Context, o *rootOptions, write bool) (*session, error) {
	db, err := o.openDB(ctx, store.Options{Write: write})
	if err != nil {
		return nil, err
	}
	asOf, err := o.today(ctx, db)
	if err != nil {
		db.Close()
		return nil, err
	}
	s, err := newSession(ctx, db, asOf, o.env.Now(), !o.noConvert)
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// openGoal opens a session and reads the saved goal with the given id.
// The caller closes s.db.
func openGoal(ctx context.Context, o *rootOptions, id int64, write bool) (*session, goal.Goal, error) {
	s, err := openSession(ctx, o, write)
	if err != nil {
		return nil, goal.Goal{}, err
	}
	g, err := s.db.Goal(ctx, id)
	if err != nil {
		s.db.Close()
		return nil, goal.Goal{}, notFound(err)
	}
	return s, g, nil
}

// newSession reads the settings of db that periods and money depend on.
// now is recorded with what is saved; convert converts money in other
// currencies at the rates held.
func newSession(ctx context.Context, db *store.DB, asOf, now time.Time, convert bool) (*session, error) {
	fy, err := db.FiscalYearStart(ctx)
	if err != nil {
		return nil, err
	}
	currency, err := db.Currency(ctx)
	if err != nil {
		return nil, err
	}
	// One snapshot of the data for every measurement of the command.
	snap := db.Snapshot()
	if convert {
		if err := snap.UseRates(ctx, asOf); err != nil {
			return nil, err
		}
	}
	return &session{db: db, asOf: asOf, fyStart: fy, measurer: measure.New(snap, currency, asOf), now: now}, nil
}

// baselinePeriod chooses the period a goal over p measures its baseline
// over, from --baseline: previous, last-year (goal.BaselineOver) or a
// period given explicitly.
func (s *session) baselinePeriod(spec string, p metric.Period) (goal.Baseline, error) {
	if b, ok := goal.BaselineOver(spec, p); ok {
		return b, nil
	}
	bp, err := parsePeriod("--baseline", spec, s.asOf, s.fyStart)
	if err != nil {
		return goal.Baseline{Spec: spec}, withHint(err, "--baseline takes last-year, previous, or a period such as 2026-Q3")
	}
	return goal.Baseline{Spec: bp.Label, Period: bp}, nil
}

// chain makes the target of the saved goal set for g's baseline period
// (the same metric and scope) g's planned baseline, while that period has
// not ended (docs/goals.md, "Baselines"): March's +9% rests on the target
// set for February until February is over.
func (s *session) chain(ctx context.Context, g *goal.Goal) error {
	b := g.Baseline.Period
	if b.Ended(s.asOf) || b.Label == "" {
		return nil
	}
	gs, err := s.db.Goals(ctx, store.GoalFilter{Period: &b, Category: g.Category})
	if err != nil {
		return err
	}
	for _, pred := range gs {
		if pred.Metric == g.Metric && pred.Scope == g.Scope && pred.Period.Start.Equal(b.Start) && pred.Period.End.Equal(b.End) {
			if _, err := s.measurer.Settle(ctx, &pred); err != nil {
				return err
			}
			s.measurer.Chain(g, pred)
			return nil
		}
	}
	return nil
}

// servedBy returns, for each saved goal, the goals that serve it, their
// planned baselines settled: what Relevant adds up when it judges a goal
// again (goal check, show, edit).
func (s *session) servedBy(ctx context.Context) (map[int64][]goal.Goal, error) {
	all, err := s.db.Goals(ctx, store.GoalFilter{})
	if err != nil {
		return nil, err
	}
	out := map[int64][]goal.Goal{}
	for _, g := range all {
		if g.ParentID == 0 {
			continue
		}
		if _, err := s.measurer.Settle(ctx, &g); err != nil {
			return nil, err
		}
		out[g.ParentID] = append(out[g.ParentID], g)
	}
	return out, nil
}

// goalID reads a goal id argument.
func goalID(arg string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(arg, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, withHint(usagef("%q is not a goal id", arg), "goal ids are the numbers 'salesgoal goal list' shows")
	}
	return id, nil
}

// notFound turns a missing goal into a message with a hint.
func notFound(err error) error {
	if errors.Is(err, store.ErrGoalNotFound) {
		return withHint(err, "run 'salesgoal goal list' to see the goals and their ids")
	}
	return err
}
