package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/salesgoal/salesgoal/goal"
)

// GoalWrite is one goal a batch saves: a new one (ID 0) or a change to a
// saved one, with the assessment made of it.
type GoalWrite struct {
	Goal goal.Goal
	// Assessment is recorded with the goal; nil records none (a goal whose
	// only change is its place in its sheet).
	Assessment *goal.Assessment
	// Parent and BaselineFrom, when 0 or more, are the index of an earlier
	// write of the batch: the goal this one serves, and the goal whose
	// target is its planned baseline, neither saved yet. -1 keeps
	// Goal.ParentID and Goal.Baseline.From as they are.
	Parent, BaselineFrom int
}

// GoalBatch is goals saved and retired together, all or nothing: a quota
// sheet applied, or a goal with the goals that serve it (goal add --each,
// --every).
type GoalBatch struct {
	Writes []GoalWrite
	Retire []int64
	At     time.Time
}

// SaveGoals validates every goal of b, then saves and retires them in one
// transaction, and sets the ids of the new goals in b.Writes. A write names
// as parent or baseline only an earlier write. A goal to retire that a goal
// kept still serves refuses the batch with ErrGoalHasChildren; nothing is
// written then, nor when any goal is invalid.
func (db *DB) SaveGoals(ctx context.Context, b *GoalBatch) error {
	for i, w := range b.Writes {
		if w.Parent >= i || w.BaselineFrom >= i {
			return fmt.Errorf("save goals: write %d names a later write as its parent or baseline", i)
		}
		if err := w.Goal.Validate(); err != nil {
			return fmt.Errorf("goal %q: %w", w.Goal.Name, err)
		}
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// A sheet adds thousands of goals: each statement is prepared once.
	ins, err := tx.PrepareContext(ctx, insertGoal)
	if err != nil {
		return err
	}
	defer ins.Close()
	assess, err := tx.PrepareContext(ctx, insertAssessment)
	if err != nil {
		return err
	}
	defer assess.Close()
	for i := range b.Writes {
		w := &b.Writes[i]
		if w.Parent >= 0 {
			w.Goal.ParentID = b.Writes[w.Parent].Goal.ID
		}
		if w.BaselineFrom >= 0 {
			w.Goal.Baseline.From = b.Writes[w.BaselineFrom].Goal.ID
		}
		if w.Goal.ID != 0 {
			if err := updateGoalTx(ctx, tx, w.Goal, w.Assessment, b.At); err != nil {
				return err
			}
			continue
		}
		// A new goal serves no goal that it could be made to serve in
		// turn; a parent written earlier in the batch exists.
		if w.Parent < 0 {
			if err := checkParent(ctx, tx, &w.Goal); err != nil {
				return err
			}
		}
		if w.Goal.CreatedAt.IsZero() {
			w.Goal.CreatedAt = b.At
		}
		if err := ins.QueryRowContext(ctx, append(goalArgs(w.Goal), timestamp(w.Goal.CreatedAt), timestamp(b.At))...).Scan(&w.Goal.ID); err != nil {
			return fmt.Errorf("save goal %q: %w", w.Goal.Name, err)
		}
		if w.Assessment == nil {
			continue
		}
		args, err := assessmentArgs(w.Goal.ID, *w.Assessment, b.At)
		if err != nil {
			return err
		}
		if _, err := assess.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("save assessment of goal %q: %w", w.Goal.Name, err)
		}
	}
	if err := retireGoals(ctx, tx, b.Retire); err != nil {
		return err
	}
	return tx.Commit()
}

// retireGoals removes the goals ids and their assessments, once no other
// goal serves one of them.
func retireGoals(ctx context.Context, tx DBTX, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	list := make([]string, len(ids))
	for i, id := range ids {
		list[i] = strconv.FormatInt(id, 10)
	}
	in := "(" + strings.Join(list, ", ") + ")"
	serving, err := texts(ctx, tx, `SELECT '#' || id || ' serves #' || parent_id FROM goals
		WHERE parent_id IN `+in+` AND id NOT IN `+in+` ORDER BY id`)
	if err != nil {
		return err
	}
	if len(serving) > 0 {
		return fmt.Errorf("%w: %s", ErrGoalHasChildren, strings.Join(serving, ", "))
	}
	// Goals retired together may serve one another: the links go first, so
	// that no goal is removed while another still names it.
	if _, err := tx.ExecContext(ctx, `UPDATE goals SET parent_id = NULL WHERE id IN `+in); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM goals WHERE id IN `+in)
	if err != nil {
		return fmt.Errorf("retire goals: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != int64(len(ids)) {
		return fmt.Errorf("retire goals: %d of %d found: %w", n, len(ids), ErrGoalNotFound)
	}
	return nil
}
