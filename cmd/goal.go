package cmd

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

// historyLength is how many periods of the same length before a goal's the
// Attainable check compares the target with (DESIGN.md §5).
const historyLength = 8

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
	c.AddCommand(
		newGoalAddCmd(root),
		newGoalListCmd(root),
		newGoalShowCmd(root),
		newGoalEditCmd(root),
		newGoalRmCmd(root),
		newGoalCheckCmd(root),
	)
	return c
}

// session is what every goal subcommand works with once the database is
// open: the store, as-of date, fiscal-year start and currency.
type session struct {
	db       *store.DB
	asOf     time.Time
	fyStart  time.Month
	currency string
	now      time.Time // wall-clock time, recorded with what is saved
}

// openSession opens the database and reads the settings periods and money
// depend on. The caller closes s.db.
func openSession(ctx context.Context, o *rootOptions) (*session, error) {
	db, err := o.openExisting(ctx)
	if err != nil {
		return nil, err
	}
	asOf, err := o.today(ctx, db)
	if err != nil {
		db.Close()
		return nil, err
	}
	s := &session{db: db, asOf: asOf, now: o.env.Now()}
	if s.fyStart, err = db.FiscalYearStart(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if s.currency, err = db.Currency(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// baselinePeriod chooses the period a goal's baseline is measured over:
// the previous period (DESIGN.md §5), the same period a year earlier
// ("last-year": for 2027-Q1 that is 2026-Q1, so that a quarter is compared
// with a quarter), or a period given explicitly.
func (s *session) baselinePeriod(spec string, p metric.Period) (goal.Baseline, error) {
	b := goal.Baseline{Spec: spec}
	switch spec {
	case "", goal.BaselinePrevious:
		b.Spec, b.Period = goal.BaselinePrevious, p.Previous()
	case goal.BaselineLastYear:
		b.Period = p.YearEarlier()
	default:
		bp, err := parsePeriod("--baseline", spec, s.asOf, s.fyStart)
		if err != nil {
			return b, withHint(err, "--baseline takes last-year, previous, or a period such as 2026-Q3")
		}
		b.Spec, b.Period = bp.Label, bp
	}
	return b, nil
}

// observe computes metric id for a scope over period p as of the session's
// date, over p's effective range (DESIGN.md §3). A period that has not
// started has no value.
func (s *session) observe(ctx context.Context, id string, sc metric.Scope, p metric.Period) (goal.Observation, error) {
	eff, started := p.Effective(s.asOf)
	if !started {
		return goal.Observation{Period: p, Basis: -1}, nil
	}
	a, err := s.db.Aggregates(ctx, store.AggregateQuery{
		From:     metric.FormatDate(eff.Start),
		To:       metric.FormatDate(eff.End),
		Scope:    sc,
		Currency: s.currency,
	})
	if err != nil {
		return goal.Observation{}, err
	}
	return goal.Observe(id, p, a, s.asOf), nil
}

// measureBaseline sets g's baseline value from the data and resolves its
// target, returning the observation with what the value rests on.
func (s *session) measureBaseline(ctx context.Context, g *goal.Goal) (goal.Observation, error) {
	obs := goal.Observation{Period: g.Baseline.Period, Basis: -1}
	if m, ok := metric.Lookup(g.Metric); ok && m.Category == g.Category {
		var err error
		if obs, err = s.observe(ctx, g.Metric, g.Scope, g.Baseline.Period); err != nil {
			return obs, err
		}
	}
	g.Baseline.Value = obs.Value
	g.Resolve()
	return obs, nil
}

// evidence gathers what the SMART assessment of g needs from the data.
// baseline is the observation g's baseline value came from.
func (s *session) evidence(ctx context.Context, g goal.Goal, baseline goal.Observation) (goal.Evidence, error) {
	ev := goal.Evidence{Baseline: baseline, ScopeExists: true}
	var err error
	if ev.Inputs, err = s.db.Inputs(ctx); err != nil {
		return ev, err
	}
	if ev.ScopeExists, err = s.db.ScopeExists(ctx, g.Scope); err != nil {
		return ev, err
	}
	if m, ok := metric.Lookup(g.Metric); ok && m.Category == g.Category && g.Period.Label != "" {
		for _, p := range g.Period.History(historyLength) {
			o, err := s.observe(ctx, g.Metric, g.Scope, p)
			if err != nil {
				return ev, err
			}
			ev.History = append(ev.History, o)
		}
	}
	for id, depth := g.ParentID, 0; id != 0 && depth < 100; depth++ {
		p, err := s.db.Goal(ctx, id)
		if errors.Is(err, store.ErrGoalNotFound) {
			break
		}
		if err != nil {
			return ev, err
		}
		if ev.Parent == nil {
			ev.Parent = &p
		} else {
			ev.Ancestors = append(ev.Ancestors, p)
		}
		if p.ID == g.ID {
			break // a cycle: Relevant says so
		}
		id = p.ParentID
	}
	return ev, nil
}

// assess measures g's baseline when asked, gathers the evidence and
// assesses g as of the session's date.
func (s *session) assess(ctx context.Context, g *goal.Goal, remeasure bool) (goal.Assessment, error) {
	var obs goal.Observation
	var err error
	if remeasure {
		obs, err = s.measureBaseline(ctx, g)
	} else {
		// The baseline value stays as agreed (a new target is resolved
		// against it); what it rests on is looked up again.
		g.Resolve()
		if m, ok := metric.Lookup(g.Metric); ok && m.Category == g.Category {
			obs, err = s.observe(ctx, g.Metric, g.Scope, g.Baseline.Period)
		}
	}
	if err != nil {
		return goal.Assessment{}, err
	}
	ev, err := s.evidence(ctx, *g, obs)
	if err != nil {
		return goal.Assessment{}, err
	}
	return goal.Assess(*g, ev, s.asOf), nil
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
