package cmd

import (
	"fmt"
	"io"
	"strconv"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// The JSON shapes of `metrics` (docs/architecture.md): one list of
// metrics, or with --by one per group. Lists are [] when empty, never null.
type (
	metricsJSON struct {
		Period  periodJSON   `json:"period"`
		AsOf    string       `json:"as-of"`
		Scope   scopeJSON    `json:"scope"`
		Metrics []metricJSON `json:"metrics"`
	}
	metricsByJSON struct {
		Period periodJSON         `json:"period"`
		AsOf   string             `json:"as-of"`
		Scope  scopeJSON          `json:"scope"`
		Groups []metricsGroupJSON `json:"groups"`
	}
	metricsGroupJSON struct {
		Group   string       `json:"group"`
		Metrics []metricJSON `json:"metrics"`
	}
	metricJSON struct {
		Category string   `json:"category"`
		Metric   string   `json:"metric"`
		Unit     string   `json:"unit"`
		Value    *float64 `json:"value"`
		// LowSample: the value rests on fewer than 10 deals or customers.
		LowSample bool `json:"low-sample"`
		// Reason says why the value is null when the data cannot measure
		// it (docs/metrics.md).
		Reason string `json:"reason,omitempty"`
		// Only with --explain: an addition to the shape of
		// docs/architecture.md, absent otherwise.
		Explain *explainJSON `json:"explain,omitempty"`
	}
	explainJSON struct {
		Numerator   string `json:"numerator"`
		Denominator string `json:"denominator"`
		Note        string `json:"note"`
	}
)

// writeMetrics prints what metricsRun measured: data to out, and for CSV
// the footnotes, which are not data, to errw.
func writeMetrics(out, errw io.Writer, f format, res *measure.Metrics, explain bool) error {
	switch f {
	case formatJSON:
		return writeJSON(out, metricsToJSON(res, explain))
	case formatCSV:
		if err := writeTable(out, f, metricsHeader(res, explain, true), metricsRows(res, explain, true)); err != nil {
			return err
		}
		for _, n := range metricsNotes(res, explain) {
			tell(errw, "note", "%s", n)
		}
		return nil
	}
	for _, l := range metricsTitle(res) {
		fmt.Fprintln(out, textFor(f, l))
	}
	fmt.Fprintln(out)
	if len(res.Rows) == 0 {
		fmt.Fprintln(out, "Nothing to show: no "+string(res.By)+" has deals or customers in the period.")
	} else if err := writeTable(out, f, metricsHeader(res, explain, false), metricsRows(res, explain, false)); err != nil {
		return err
	}
	if notes := metricsNotes(res, explain); len(notes) > 0 {
		fmt.Fprintln(out)
		for _, n := range notes {
			fmt.Fprintln(out, "* "+textFor(f, n))
		}
	}
	return nil
}

// metricsTitle says which period, range, as-of date, scope and currency
// the numbers are for.
func metricsTitle(res *measure.Metrics) []string {
	title := "Metrics for " + res.Period.String() + ", as of " + metric.FormatDate(res.AsOf)
	switch {
	case !res.Started:
		title += ": the period has not started, nothing to measure yet"
	case !res.Effective.End.Equal(res.Period.End):
		title += " (measured " + metric.FormatDate(res.Effective.Start) + ".." + metric.FormatDate(res.Effective.End) + ")"
	}
	line := "Scope: " + res.Scope.String() + "; money in " + res.Currency
	if res.By != "" {
		line += "; one row per " + string(res.By)
	}
	return []string{title, line}
}

// metricsHeader is the table's first row: per metric without --by, per
// group with it.
func metricsHeader(res *measure.Metrics, explain, csv bool) []string {
	if res.By == "" {
		h := []string{"Category", "Metric", "Value"}
		if csv {
			h = []string{"category", "metric", "unit", "value", "low-sample", "reason"}
		}
		if explain {
			if csv {
				return append(h, "numerator", "denominator", "note")
			}
			return append(h, "Counted", "Divided by", "Counted and left out")
		}
		return h
	}
	name := map[measure.GroupBy]string{measure.ByOwner: "Owner", measure.ByTeam: "Team", measure.ByMonth: "Month"}[res.By]
	if csv {
		name = string(res.By)
	}
	h := []string{name}
	for _, m := range metric.Metrics() {
		h = append(h, m.ID)
	}
	return h
}

// metricsRows writes each value for a table (with its unit, rounded for
// reading, — for null, * for low sample) or for CSV (a plain number as in
// JSON, empty for null).
func metricsRows(res *measure.Metrics, explain, csv bool) [][]string {
	cell := func(v metric.Value) string {
		if csv {
			return csvNumber(v)
		}
		s := formatMetric(v.Metric, v.Number())
		if v.LowSample() {
			s += lowSampleMark
		}
		return s
	}
	var rows [][]string
	if res.By == "" {
		for _, v := range res.Rows[0].Values {
			r := []string{v.Metric.Category, v.Metric.ID, cell(v)}
			if csv {
				r = []string{v.Metric.Category, v.Metric.ID, string(v.Metric.Unit), cell(v), strconv.FormatBool(v.LowSample()), v.Reason}
			}
			if explain {
				r = append(r, v.Explain.Numerator, v.Explain.Denominator, v.Explain.Note)
			}
			rows = append(rows, r)
		}
		return rows
	}
	for _, g := range res.Rows {
		name := g.Group
		if name == "" && !csv {
			name = "(no " + string(res.By) + ")"
		}
		r := []string{name}
		for _, v := range g.Values {
			r = append(r, cell(v))
		}
		rows = append(rows, r)
	}
	return rows
}

// csvNumber is a value as CSV carries it: the number as in JSON (money to
// the cent), or an empty cell for null.
func csvNumber(v metric.Value) string {
	n := reportCents(v.Metric, v.Number())
	if n == nil {
		return ""
	}
	return strconv.FormatFloat(*n, 'f', -1, 64)
}

// metricsToJSON converts the result to the shape of docs/architecture.md:
// values in their unit, money rounded to the cent and nothing else
// rounded, null for null.
func metricsToJSON(res *measure.Metrics, explain bool) any {
	scope := toScopeJSON(res.Scope)
	list := func(vs []metric.Value) []metricJSON {
		out := make([]metricJSON, 0, len(vs))
		for _, v := range vs {
			m := metricJSON{Category: v.Metric.Category, Metric: v.Metric.ID, Unit: string(v.Metric.Unit), Value: reportCents(v.Metric, v.Number()),
				LowSample: v.LowSample(), Reason: v.Reason}
			if explain {
				m.Explain = &explainJSON{Numerator: v.Explain.Numerator, Denominator: v.Explain.Denominator, Note: v.Explain.Note}
			}
			out = append(out, m)
		}
		return out
	}
	period, asOf := toPeriodJSON(res.Period), metric.FormatDate(res.AsOf)
	if res.By == "" {
		return metricsJSON{Period: period, AsOf: asOf, Scope: scope, Metrics: list(res.Rows[0].Values)}
	}
	js := metricsByJSON{Period: period, AsOf: asOf, Scope: scope, Groups: []metricsGroupJSON{}}
	for _, g := range res.Rows {
		js.Groups = append(js.Groups, metricsGroupJSON{Group: g.Group, Metrics: list(g.Values)})
	}
	return js
}
