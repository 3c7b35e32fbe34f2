package cmd

import (
	"math"

	"github.com/salesgoal/salesgoal/metric"
)

// reportJSON is the JSON shape of the report of docs/architecture.md.
type reportJSON struct {
	Period  periodJSON `json:"period"`
	AsOf    string     `json:"as-of"`
	Elapsed float64    `json:"elapsed"`
	// Since and Changes are there only with --since: the day, and the
	// goals whose status moved since then ([] when none did).
	Since      string               `json:"since,omitempty"`
	Changes    *[]statusChangeJSON  `json:"changes,omitempty"`
	Categories []reportCategoryJSON `json:"categories"`
	Summary    map[string]int       `json:"summary"`
}

// statusChangeJSON is a goal whose status moved since --since.
type statusChangeJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	From string `json:"from"`
	To   string `json:"to"`
}

type reportCategoryJSON struct {
	Category string   `json:"category"`
	Metric   string   `json:"metric"`
	Unit     string   `json:"unit"`
	Value    *float64 `json:"value"`
	// Reason says why the value is null when the data cannot measure it.
	Reason string `json:"reason,omitempty"`
	// Note is the footnote on a value measured by a rule the data could
	// not decide otherwise (expansion without any deal type).
	Note string `json:"note,omitempty"`
	// History is the metric over the trend's periods, oldest first, the
	// report's period last; null for a period without data.
	History []*float64       `json:"history"`
	Goals   []reportGoalJSON `json:"goals"`
	// RollUps are the goals of the category served by others of them.
	RollUps []rollUpJSON `json:"roll-ups"`
}

type reportGoalJSON struct {
	ID         int64     `json:"id"`
	Name       string    `json:"name"`
	Scope      scopeJSON `json:"scope"`
	Metric     string    `json:"metric"`
	TargetSpec string    `json:"target-spec"`
	Baseline   *float64  `json:"baseline"`
	Target     *float64  `json:"target"`
	trackedJSON
}

// reportToJSON converts the report for --format json: values in their
// metric's unit, money rounded to the cent and nothing else rounded;
// elapsed, progress and used as fractions (1 is the whole period, the
// target reached, the cap used up). The summary lists every status, with 0
// for those no goal has.
func reportToJSON(d *reportData) reportJSON {
	js := reportJSON{
		Period:     toPeriodJSON(d.Period),
		AsOf:       metric.FormatDate(d.AsOf),
		Elapsed:    d.Elapsed,
		Categories: []reportCategoryJSON{},
		Summary:    map[string]int{},
	}
	for _, s := range d.Sections {
		c := reportCategoryJSON{
			Category: s.Category, Metric: s.Metric.ID, Unit: string(s.Metric.Unit),
			Value: reportCents(s.Metric, s.Value.Number()), Reason: s.Value.Reason, Note: s.Value.Note, Goals: []reportGoalJSON{},
			History: trendJSON(s.Trend), RollUps: toRollUpsJSON(s),
		}
		for _, g := range s.Goals {
			c.Goals = append(c.Goals, reportGoalJSON{
				ID: g.Goal.ID, Name: g.Goal.Name, Scope: toScopeJSON(g.Goal.Scope), Metric: g.Metric.ID,
				TargetSpec:  g.Goal.Target.Spec,
				Baseline:    reportCents(g.Metric, g.Goal.Baseline.Value),
				Target:      reportCents(g.Metric, g.Goal.TargetValue),
				trackedJSON: toTrackedJSON(g),
			})
		}
		js.Categories = append(js.Categories, c)
	}
	for _, c := range d.Summary() {
		js.Summary[string(c.Status)] = c.N
	}
	if !d.since.IsZero() {
		js.Since = metric.FormatDate(d.since)
		changes := []statusChangeJSON{}
		for _, c := range d.changes {
			changes = append(changes, statusChangeJSON{ID: c.Goal.ID, Name: c.Goal.Name, From: string(c.From), To: string(c.To)})
		}
		js.Changes = &changes
	}
	return js
}

// reportCents rounds a money value to the cent and leaves any other value
// as it is.
func reportCents(m metric.Metric, v *float64) *float64 {
	if v == nil || m.Unit != metric.UnitCurrency {
		return v
	}
	r := math.Round(*v*100) / 100
	return &r
}

// trendJSON is a trend as JSON carries it: each period's value in the
// metric's unit, money to the cent, null for a period without a value;
// nil (left out) without a trend.
func trendJSON(vs []metric.Value) []*float64 {
	if len(vs) == 0 {
		return nil
	}
	out := make([]*float64, len(vs))
	for i, v := range vs {
		out[i] = reportCents(v.Metric, v.Number())
	}
	return out
}
