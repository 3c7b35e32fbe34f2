package cmd

import (
	"encoding/csv"
	"io"
	"slices"
	"strconv"

	"github.com/salesgoal/salesgoal/metric"
)

// reportCSVHeader is the columns of --format csv: one row per goal, and
// one row with empty goal columns for a category without goals, so that
// all the categories asked for are in the file. With --since, "since" is
// its day and "status-since" each goal's status on that day, so that a
// sheet can filter the goals that moved (a flat table has no section to
// list them first).
var reportCSVHeader = []string{
	"period", "as-of", "category", "metric", "unit", "value", "previous-period", "previous",
	"goal-id", "goal", "scope", "goal-period", "goal-metric", "target-spec",
	"baseline", "target", "actual", "forecast", "progress", "status",
	"used", "low-sample", "expected", "needed-per-week", "coverage", "baseline-period", "baseline-through",
	"value-reason", "actual-reason",
	// Tiers and roll-ups (report_tiers.go).
	"parent", "commit-spec", "commit", "commit-status", "stretch-spec", "stretch", "stretch-status", "tier-status",
	"since", "status-since",
}

// writeReportCSV writes the report as one flat table, numbers as in JSON
// and text cells that a spreadsheet would run as formulas neutralised.
func writeReportCSV(w io.Writer, d *reportData) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(reportCSVHeader); err != nil {
		return err
	}
	since, then := "", map[int64]string{}
	if !d.since.IsZero() {
		since = metric.FormatDate(d.since)
		for _, s := range d.Sections {
			for _, g := range s.Goals {
				then[g.Goal.ID] = string(g.Progress.Status)
			}
		}
		for _, c := range d.changes {
			then[c.Goal.ID] = string(c.From)
		}
	}
	for _, s := range d.Sections {
		lead := []string{d.Period.Label, metric.FormatDate(d.AsOf), s.Category, s.Metric.ID, string(s.Metric.Unit),
			reportNumber(reportCents(s.Metric, s.Value.Number())), s.PreviousPeriod.Label, reportNumber(reportCents(s.Metric, s.Previous.Number()))}
		if len(s.Goals) == 0 {
			row := append(lead, make([]string, len(reportCSVHeader)-len(lead))...)
			row[slices.Index(reportCSVHeader, "value-reason")] = s.Value.Reason
			if err := cw.Write(reportCSVRow(row)); err != nil {
				return err
			}
			continue
		}
		for _, g := range s.Goals {
			js := toTrackedJSON(g)
			row := append(append([]string{}, lead...),
				strconv.FormatInt(g.Goal.ID, 10), g.Goal.Name, reportScope(g.Goal.Scope), g.Goal.Period.Label,
				g.Metric.ID, g.Goal.Target.Spec,
				reportNumber(reportCents(g.Metric, g.Goal.Baseline.Value)), reportNumber(reportCents(g.Metric, g.Goal.TargetValue)),
				reportNumber(js.Actual), reportNumber(js.Forecast), reportNumber(js.Progress), js.Status,
				reportNumber(js.Used), strconv.FormatBool(js.LowSample), reportNumber(js.Expected), reportNumber(js.NeededPerWeek),
				reportNumber(coverageRatio(js.Coverage)), js.BaselineUsed.Label, js.BaselineUsed.Through,
				s.Value.Reason, js.Reason)
			row = append(append(row, tierCSVCells(g)...), since, then[g.Goal.ID])
			if err := cw.Write(reportCSVRow(row)); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// coverageRatio is the ratio of a goal's pipeline coverage, nil without
// one.
func coverageRatio(c *coverageJSON) *float64 {
	if c == nil {
		return nil
	}
	return c.Ratio
}

// reportCSVRow neutralises every cell a spreadsheet would run as a formula.
func reportCSVRow(r []string) []string {
	for i, c := range r {
		r[i] = csvSafe(c)
	}
	return r
}

// reportNumber writes a number unrounded, or an empty cell for null.
func reportNumber(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}
