package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// goalFlags are the flags that describe a goal, shared by add and edit.
type goalFlags struct {
	name, category, metric, owner, team string
	period                              periodFlags
	target, baseline, parent, note      string
	commit, stretch                     string
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
	fl.StringVar(&f.commit, "commit", "", "the floor the team commits to, written like --target (none: no commit)")
	fl.StringVar(&f.stretch, "stretch", "", "the upside beyond the target, written like --target (none: no stretch)")
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
	for _, t := range []struct{ flag, spec string }{{"--commit", f.commit}, {"--stretch", f.stretch}} {
		if _, err := tierFlag(t.spec); err != nil {
			return out, withHint(usageError{fmt.Errorf("%s: %w", t.flag, err)}, "write it like --target: 100000, +5%%, +3pp, or none")
		}
	}
	if _, err := f.parentID(); err != nil {
		return out, err
	}
	return out, nil
}

// tierFlag reads --target, --commit or --stretch: "" and "none" are no
// tier.
func tierFlag(spec string) (goal.Target, error) {
	if s := strings.ToLower(strings.TrimSpace(spec)); s == "" || s == "none" {
		return goal.Target{}, nil
	}
	return goal.ParseTarget(spec)
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
func (f *goalFlags) scope() metric.Scope { return scopeOf(f.owner, f.team) }

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
