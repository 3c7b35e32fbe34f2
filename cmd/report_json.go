package cmd

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"

	"github.com/salesgoal/salesgoal/metric"
)

// reportJSON is the JSON shape of DESIGN.md §7's report.
type reportJSON struct {
	Period     periodJSON           `json:"period"`
	AsOf       string               `json:"as-of"`
	Elapsed    float64              `json:"elapsed"`
	Categories []reportCategoryJSON `json:"categories"`
	Summary    map[string]int       `json:"summary"`
}

type reportCategoryJSON struct {
	Category string           `json:"category"`
	Metric   string           `json:"metric"`
	Unit     string           `json:"unit"`
	Value    *float64         `json:"value"`
	Goals    []reportGoalJSON `json:"goals"`
}

type reportGoalJSON struct {
	ID         int64     `json:"id"`
	Name       string    `json:"name"`
	Scope      scopeJSON `json:"scope"`
	Metric     string    `json:"metric"`
	TargetSpec string    `json:"target-spec"`
	Baseline   *float64  `json:"baseline"`
	Target     *float64  `json:"target"`
	Actual     *float64  `json:"actual"`
	Forecast   *float64  `json:"forecast"`
	Progress   *float64  `json:"progress"`
	Status     string    `json:"status"`
}

// reportToJSON converts the report for --format json: values in their
// metric's unit, money rounded to the cent and nothing else rounded;
// elapsed and progress as fractions (1 is the whole period, the target
// reached). The summary lists every status, with 0 for those no goal has.
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
			Value: reportCents(s.Metric, s.Value), Goals: []reportGoalJSON{},
		}
		for _, g := range s.Goals {
			c.Goals = append(c.Goals, reportGoalJSON{
				ID: g.Goal.ID, Name: g.Goal.Name, Scope: toScopeJSON(g.Goal.Scope), Metric: g.Metric.ID,
				TargetSpec: g.Goal.Target.Spec,
				Baseline:   reportCents(g.Metric, g.Goal.Baseline.Value),
				Target:     reportCents(g.Metric, g.Goal.TargetValue),
				Actual:     reportCents(g.Metric, g.Actual),
				Forecast:   reportCents(g.Metric, g.Progress.Forecast),
				Progress:   g.Progress.Progress,
				Status:     string(g.Progress.Status),
			})
		}
		js.Categories = append(js.Categories, c)
	}
	for _, c := range d.Summary() {
		js.Summary[string(c.Status)] = c.N
	}
	return js
}

// cents rounds a money value to the cent and leaves any other value as it
// is.
func reportCents(m metric.Metric, v *float64) *float64 {
	if v == nil || m.Unit != metric.UnitCurrency {
		return v
	}
	r := math.Round(*v*100) / 100
	return &r
}

// reportCSVHeader is the columns of --format csv: one row per goal, and
// one row with empty goal columns for a category without goals, so that
// all the categories asked for are in the file.
var reportCSVHeader = []string{
	"period", "as-of", "category", "metric", "unit", "value", "previous-period", "previous",
	"goal-id", "goal", "scope", "goal-period", "goal-metric", "target-spec",
	"baseline", "target", "actual", "forecast", "progress", "status",
}

// writeReportCSV writes the report as one flat table, numbers as in JSON
// and text cells that a spreadsheet would run as formulas neutralised.
func writeReportCSV(w io.Writer, d *reportData) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(reportCSVHeader); err != nil {
		return err
	}
	for _, s := range d.Sections {
		lead := []string{d.Period.Label, metric.FormatDate(d.AsOf), s.Category, s.Metric.ID, string(s.Metric.Unit),
			reportNumber(reportCents(s.Metric, s.Value)), s.PreviousPeriod.Label, reportNumber(reportCents(s.Metric, s.Previous))}
		if len(s.Goals) == 0 {
			if err := cw.Write(reportCSVRow(append(lead, make([]string, len(reportCSVHeader)-len(lead))...))); err != nil {
				return err
			}
			continue
		}
		for _, g := range s.Goals {
			row := append(append([]string{}, lead...),
				strconv.FormatInt(g.Goal.ID, 10), g.Goal.Name, reportScope(g.Goal.Scope), g.Goal.Period.Label,
				g.Metric.ID, g.Goal.Target.Spec,
				reportNumber(reportCents(g.Metric, g.Goal.Baseline.Value)), reportNumber(reportCents(g.Metric, g.Goal.TargetValue)),
				reportNumber(reportCents(g.Metric, g.Actual)), reportNumber(reportCents(g.Metric, g.Progress.Forecast)),
				reportNumber(g.Progress.Progress), string(g.Progress.Status))
			if err := cw.Write(reportCSVRow(row)); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvRow neutralises every cell a spreadsheet would run as a formula.
func reportCSVRow(r []string) []string {
	for i, c := range r {
		r[i] = csvSafe(c)
	}
	return r
}

// csvNumber writes a number unrounded, or an empty cell for null.
func reportNumber(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}
