package cmd

import (
	"errors"
	"fmt"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/store"
)

// decide prints the assessment of g and saves it with save unless a
// criterion fails (and --force was not given) or this is a dry run. It is
// where add and edit refuse a goal.
func decide(p textPage, f format, g *goal.Goal, a goal.Assessment, fl goalFlags, save func() error) error {
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
	if err := writeAssessment(p, f, *g, a, saved, fl.dryRun); err != nil {
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
