package cmd

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

// The JSON shapes of `metrics` (DESIGN.md §7): one list of metrics, or with
// --by one per group. Lists are [] when empty, never null.
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
		// Only with --explain: an addition to §7's shape, absent otherwise.
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
func writeMetrics(out, errw io.Writer, f format, res *metricsResult, explain bool) error {
	switch f {
	case formatJSON:
		return writeJSON(out, metricsToJSON(res, explain))
	case formatCSV:
		if err := writeTable(out, f, metricsHeader(res, explain, true), metricsRows(res, explain, true)); err != nil {
			return err
		}
		for _, n := range metricsNotes(res, explain) {
			fmt.Fprintln(errw, "salesgoal: note: "+n)
		}
		return nil
	}
	for _, l := range metricsTitle(res) {
		fmt.Fprintln(out, l)
	}
	fmt.Fprintln(out)
	if len(res.rows) == 0 {
		fmt.Fprintln(out, "Nothing to show: no "+string(res.by)+" has deals or customers in the period.")
	} else if err := writeTable(out, f, metricsHeader(res, explain, false), metricsRows(res, explain, false)); err != nil {
		return err
	}
	if notes := metricsNotes(res, explain); len(notes) > 0 {
		fmt.Fprintln(out)
		for _, n := range notes {
			fmt.Fprintln(out, "* "+n)
		}
	}
	return nil
}

// metricsTitle says which period, range, as-of date, scope and currency
// the numbers are for.
func metricsTitle(res *metricsResult) []string {
	title := "Metrics for " + res.period.String() + ", as of " + metric.FormatDate(res.asOf)
	switch {
	case !res.started:
		title += ": the period has not started, nothing to measure yet"
	case !res.effective.End.Equal(res.period.End):
		title += " (measured " + metric.FormatDate(res.effective.Start) + ".." + metric.FormatDate(res.effective.End) + ")"
	}
	scope := "the company"
	if res.scope.Level != metric.Company {
		scope = string(res.scope.Level) + " " + res.scope.Value
	}
	line := "Scope: " + scope + "; money in " + res.currency
	if res.by != "" {
		line += "; one row per " + string(res.by)
	}
	return []string{title, line}
}

// metricsHeader is the table's first row: per metric without --by, per
// group with it.
func metricsHeader(res *metricsResult, explain, csv bool) []string {
	if res.by == "" {
		h := []string{"Category", "Metric", "Value"}
		if csv {
			h = []string{"category", "metric", "unit", "value"}
		}
		if explain {
			if csv {
				return append(h, "numerator", "denominator", "note")
			}
			return append(h, "Counted", "Divided by", "Counted and left out")
		}
		return h
	}
	name := map[store.GroupBy]string{store.ByOwner: "Owner", store.ByTeam: "Team", store.ByMonth: "Month"}[res.by]
	if csv {
		name = string(res.by)
	}
	h := []string{name}
	for _, m := range metric.Metrics() {
		h = append(h, m.ID)
	}
	return h
}

// metricsRows writes each value for a table (with its unit, rounded for
// reading, — for null) or for CSV (a plain number as in JSON, empty for null).
func metricsRows(res *metricsResult, explain, csv bool) [][]string {
	cell := func(v metric.Value) string {
		if csv {
			return csvNumber(v)
		}
		return formatMetric(v.Metric, v.Number())
	}
	var rows [][]string
	if res.by == "" {
		for _, v := range res.rows[0].values {
			r := []string{v.Metric.Category, v.Metric.ID, cell(v)}
			if csv {
				r = []string{v.Metric.Category, v.Metric.ID, string(v.Metric.Unit), cell(v)}
			}
			if explain {
				r = append(r, v.Explain.Numerator, v.Explain.Denominator, v.Explain.Note)
			}
			rows = append(rows, r)
		}
		return rows
	}
	for _, g := range res.rows {
		name := g.group
		if name == "" && !csv {
			name = "(no " + string(res.by) + ")"
		}
		r := []string{name}
		for _, v := range g.values {
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

// metricsNotes are the footnotes: deals and spend in other currencies left
// out of the money metrics, and with --explain the open deals without a
// created date, which no period counts.
func metricsNotes(res *metricsResult, explain bool) []string {
	var other int64
	for _, r := range res.rows {
		other += r.agg.OtherCurrency
	}
	var notes []string
	if other > 0 {
		// Name only the money metrics that did leave a deal out: a deal
		// won in the period but created before it changes revenue, not
		// pipeline.
		var hit []string
		for _, m := range metric.Metrics() {
			var n int64
			for _, r := range res.rows {
				n += m.OtherCurrency(r.agg)
			}
			if n > 0 {
				hit = append(hit, m.ID)
			}
		}
		notes = append(notes, fmt.Sprintf("%s in other currencies than %s left out of %s: salesgoal does not convert currencies",
			countOf(other, "deal", "deals"), res.currency, strings.Join(hit, ", ")))
	}
	if n := res.leftOut.OtherCurrencySpend; n > 0 {
		notes = append(notes, fmt.Sprintf("%s in other currencies than %s left out of spend and cac",
			countOf(n, "spend row", "spend rows"), res.currency))
	}
	if explain && res.leftOut.UndatedOpen > 0 {
		notes = append(notes, fmt.Sprintf("%s without a created date counted in no period (new-deals, pipeline-value)",
			countOf(res.leftOut.UndatedOpen, "open deal", "open deals")))
	}
	return notes
}

func countOf(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.FormatInt(n, 10) + " " + many
}

// metricsToJSON converts the result to §7's shape: values in their unit,
// money rounded to the cent and nothing else rounded, null for null.
func metricsToJSON(res *metricsResult, explain bool) any {
	scope := scopeJSON{Level: string(res.scope.Level)}
	if res.scope.Level != metric.Company {
		v := res.scope.Value
		scope.Value = &v
	}
	list := func(vs []metric.Value) []metricJSON {
		out := make([]metricJSON, 0, len(vs))
		for _, v := range vs {
			m := metricJSON{Category: v.Metric.Category, Metric: v.Metric.ID, Unit: string(v.Metric.Unit), Value: reportCents(v.Metric, v.Number())}
			if explain {
				m.Explain = &explainJSON{Numerator: v.Explain.Numerator, Denominator: v.Explain.Denominator, Note: v.Explain.Note}
			}
			out = append(out, m)
		}
		return out
	}
	period, asOf := toPeriodJSON(res.period), metric.FormatDate(res.asOf)
	if res.by == "" {
		return metricsJSON{Period: period, AsOf: asOf, Scope: scope, Metrics: list(res.rows[0].values)}
	}
	js := metricsByJSON{Period: period, AsOf: asOf, Scope: scope, Groups: []metricsGroupJSON{}}
	for _, g := range res.rows {
		js.Groups = append(js.Groups, metricsGroupJSON{Group: g.group, Metrics: list(g.values)})
	}
	return js
}
