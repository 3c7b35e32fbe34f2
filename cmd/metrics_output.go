package cmd

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

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
		fmt.Fprintln(out, l)
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
			fmt.Fprintln(out, "* "+n)
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

// lowSampleMark follows a value in a table that rests on fewer than 10
// deals or customers.
const lowSampleMark = " *"

// metricsNotes are the footnotes: the metrics the data cannot measure and
// why, the values marked low sample, deals and spend in other currencies
// left out of the money metrics, and with --explain the open deals without
// a created date, which no period counts.
func metricsNotes(res *measure.Metrics, explain bool) []string {
	var other int64
	var all metric.Aggregates
	for _, r := range res.Rows {
		other += r.Aggregates.OtherCurrency
		all.Add(&r.Aggregates)
	}
	notes := unmeasuredNotes(res.Rows)
	if lowSampleIn(res.Rows) {
		notes = append(notes, fmt.Sprintf("values marked * rest on fewer than %d deals or customers: low sample, one more or less moves them a lot",
			metric.LowSampleBelow))
	}
	if other > 0 {
		// Name only the money metrics that did leave a deal out: a deal
		// won in the period but created before it changes revenue, not
		// pipeline.
		var hit []string
		for i, m := range metric.Metrics() {
			var n int64
			for _, r := range res.Rows {
				if i >= len(r.Values) || r.Values[i].Reason == "" { // not measured: left out of nothing
					n += m.OtherCurrency(r.Aggregates)
				}
			}
			if n > 0 {
				hit = append(hit, m.ID)
			}
		}
		note := fmt.Sprintf("%s in other currencies than %s left out of %s: salesgoal does not convert currencies",
			countOf(other, "deal", "deals"), res.Currency, strings.Join(hit, ", "))
		if cur := res.LeftOut.AllIn(all); cur != "" {
			note += fmt.Sprintf("; every deal of the period is in another currency: if your money is in %s, run 'salesgoal config set currency %s'", cur, cur)
		}
		notes = append(notes, note)
	}
	if n := res.LeftOut.OtherCurrencySpend; n > 0 {
		notes = append(notes, fmt.Sprintf("%s in other currencies than %s left out of spend and cac",
			countOf(n, "spend row", "spend rows"), res.Currency))
	}
	if explain && res.LeftOut.UndatedOpen > 0 {
		notes = append(notes, fmt.Sprintf("%s without a created date counted in no period (new-deals, pipeline-value)",
			countOf(res.LeftOut.UndatedOpen, "open deal", "open deals")))
	}
	return notes
}

// unmeasuredNotes say, once per reason, which metrics the data cannot
// measure and why: "cac, spend are not measured: no spend was imported:
// import a spend file (date, amount, channel)".
func unmeasuredNotes(rows []measure.Row) []string {
	var reasons []string
	ids := map[string][]string{}
	for _, r := range rows {
		for _, v := range r.Values {
			if v.Reason == "" || slices.Contains(ids[v.Reason], v.Metric.ID) {
				continue
			}
			if ids[v.Reason] == nil {
				reasons = append(reasons, v.Reason)
			}
			ids[v.Reason] = append(ids[v.Reason], v.Metric.ID)
		}
	}
	var notes []string
	for _, reason := range reasons {
		verb := " are"
		if len(ids[reason]) == 1 {
			verb = " is"
		}
		notes = append(notes, strings.Join(ids[reason], ", ")+verb+" not measured: "+reason)
	}
	return notes
}

// lowSampleIn reports whether any value of rows is low sample.
func lowSampleIn(rows []measure.Row) bool {
	for _, r := range rows {
		for _, v := range r.Values {
			if v.LowSample() {
				return true
			}
		}
	}
	return false
}

func countOf(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.FormatInt(n, 10) + " " + many
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
