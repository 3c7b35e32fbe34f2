package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// The record of the SMART assessments made of each goal: the one that
// accepted it, and one for each 'salesgoal goal check'.

// SaveAssessment records an assessment made of goal id at the given time.
func (db *DB) SaveAssessment(ctx context.Context, id int64, a goal.Assessment, at time.Time) error {
	return saveAssessment(ctx, db.db, id, a, at)
}

func saveAssessment(ctx context.Context, q DBTX, id int64, a goal.Assessment, at time.Time) error {
	args, err := assessmentArgs(id, a, at)
	if err != nil {
		return err
	}
	if _, err = q.ExecContext(ctx, insertAssessment, args...); err != nil {
		return fmt.Errorf("save assessment of goal #%d: %w", id, err)
	}
	return nil
}

// insertAssessment records an assessment with assessmentArgs.
const insertAssessment = `INSERT INTO goal_assessments
		(goal_id, as_of, assessed_at, verdict, specific, measurable, attainable, relevant, time_bound, reasons)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// assessmentArgs are the values insertAssessment writes for an assessment
// of goal id made at the given time.
func assessmentArgs(id int64, a goal.Assessment, at time.Time) ([]any, error) {
	reasons := map[goal.Criterion][]string{}
	verdicts := make([]any, 0, 5)
	for _, c := range goal.Criteria() {
		ch := a.Check(c)
		if ch.Verdict == "" {
			return nil, fmt.Errorf("save assessment of goal #%d: no verdict for %s", id, c)
		}
		verdicts = append(verdicts, string(ch.Verdict))
		reasons[c] = append([]string{}, ch.Reasons...)
	}
	js, err := json.Marshal(reasons)
	if err != nil {
		return nil, err
	}
	args := append([]any{id, metric.FormatDate(a.AsOf), timestamp(at), string(a.Verdict())}, verdicts...)
	return append(args, string(js)), nil
}

// StoredAssessment is an assessment as saved, with when it was made.
type StoredAssessment struct {
	goal.Assessment
	At time.Time
}

// Assessments returns the assessments made of goal id, oldest first.
func (db *DB) Assessments(ctx context.Context, id int64) ([]StoredAssessment, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT as_of, assessed_at, specific, measurable, attainable, relevant, time_bound, reasons
		FROM goal_assessments WHERE goal_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []StoredAssessment{}
	for rows.Next() {
		var asOf, at, reasons string
		v := make([]string, 5)
		if err := rows.Scan(&asOf, &at, &v[0], &v[1], &v[2], &v[3], &v[4], &reasons); err != nil {
			return nil, err
		}
		var rs map[goal.Criterion][]string
		if err := json.Unmarshal([]byte(reasons), &rs); err != nil {
			return nil, fmt.Errorf("assessment of goal #%d: %w", id, err)
		}
		var sa StoredAssessment
		if sa.AsOf, err = metric.ParseDate(asOf); err != nil {
			return nil, err
		}
		if sa.At, err = time.Parse(time.RFC3339, at); err != nil {
			return nil, err
		}
		for i, c := range goal.Criteria() {
			sa.Checks = append(sa.Checks, goal.Check{Criterion: c, Verdict: goal.Verdict(v[i]), Reasons: rs[c]})
		}
		out = append(out, sa)
	}
	return out, rows.Err()
}
