package cmd

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// metricsView is what `metrics` shows: the values measured (of the
// metrics asked for), their trends, and how.
type metricsView struct {
	*measure.Metrics
	explain bool
	// columns is true when the table itself says how each value was
	// counted (Markdown and CSV with --explain); a terminal says it under
	// the table, where it has room.
	columns bool
	// trends are each metric's values over the trend's periods, by metric
	// id; with --by owner or team and one metric, by owner or team.
	trends map[string][]metric.Value
	width  int // of the terminal: tables and lines fit it
	// converted says how other currencies were converted ("" for not).
	converted string
	// defaultCurrency: nothing set the database's currency (no `config
	// set currency`, no first deals file of one currency), so it is the
	// default, and the title says so rather than assert it.
	defaultCurrency bool
}

// writeMetrics prints what metricsRun measured: data to out, and for CSV
// the footnotes, which are not data, to errw.
func writeMetrics(out, errw io.Writer, f format, v metricsView) error {
	res, explain := v.Metrics, v.explain
	v.columns = explain && f != formatTable
	switch f {
	case formatJSON:
		return writeJSON(out, metricsToJSON(v))
	case formatCSV:
		if err := writeTable(out, f, metricsHeader(v, true), metricsRows(v, true)); err != nil {
			return err
		}
		for _, n := range metricsNotes(res, f, explain) {
			tell(errw, "note", "%s", n)
		}
		if explain {
			for _, l := range conversionLines(res.LeftOut, res.Currency) {
				tell(errw, "note", "%s", strings.TrimSpace(l))
			}
		}
		return nil
	}
	p := textPage{w: out, md: f == formatMarkdown, width: v.width}
	if p.md {
		p.width = 0
	}
	for _, l := range metricsTitle(res, v.converted, v.defaultCurrency) {
		p.line(l, 2)
	}
	fmt.Fprintln(out)
	if len(res.Rows) == 0 {
		p.line("Nothing to show: no "+string(res.By)+" has deals or customers in the period.", 2)
	} else if err := writeMetricsTable(out, f, v, metricsHeader(v, false), metricsRows(v, false)); err != nil {
		return err
	}
	if explain && !p.md {
		writeExplained(p, res)
	}
	if lines := conversionLines(res.LeftOut, res.Currency); explain && len(lines) > 0 {
		fmt.Fprintln(out)
		p.line(lines[0], 2)
		for _, l := range lines[1:] {
			if p.md {
				fmt.Fprintln(out, "* "+markdownText(strings.TrimSpace(l)))
			} else {
				p.item(strings.TrimSpace(l))
			}
		}
	}
	if notes := metricsNotes(res, f, explain); len(notes) > 0 {
		fmt.Fprintln(out)
		for _, n := range notes {
			if p.md {
				fmt.Fprintln(out, "* "+markdownText(n))
			} else {
				p.line("* "+n, 2)
			}
		}
	}
	return nil
}

// metricsTitle says which period, range, as-of date, scope and currency
// the numbers are for, and how other currencies were converted; a currency
// nothing set is said to be the default, and how to set it.
func metricsTitle(res *measure.Metrics, converted string, byDefault bool) []string {
	title := "Metrics for " + res.Period.String() + ", as of " + metric.FormatDate(res.AsOf)
	switch {
	case !res.Started:
		title += ": the period has not started, nothing to measure yet"
	case !res.Effective.End.Equal(res.Period.End):
		title += " (measured " + metric.FormatDate(res.Effective.Start) + ".." + metric.FormatDate(res.Effective.End) + ")"
	}
	line := "Scope: " + res.Scope.String() + "; money in " + res.Currency
	switch {
	case byDefault && converted != "":
		// Not two brackets in a row: "…sets yours) (other currencies…)".
		line += ", by default (no currency was set: 'salesgoal config set currency EUR' sets yours); " + converted
	case byDefault:
		line += ", by default (no currency was set: 'salesgoal config set currency EUR' sets yours)"
	case converted != "":
		line += " (" + converted + ")"
	}
	if res.By != "" {
		line += "; one row per " + string(res.By)
	}
	return []string{title, line}
}

// metricsHeader is the table's first row: per metric without --by (with
// the trend, and in Markdown with --explain what each value was counted
// from), per group with it (the metrics as columns, and one metric's
// trend).
func metricsHeader(v metricsView, csv bool) []string {
	if v.By == "" {
		if csv {
			h := []string{"category", "metric", "unit", "value", "low-sample", "reason"}
			if v.columns {
				h = append(h, "numerator", "denominator", "note")
			}
			return h
		}
		h := []string{"Category", "Metric", "Value", "Trend"}
		if v.columns {
			h = append(h, "Counted", "Divided by", "Counted and left out")
		}
		return h
	}
	name := map[measure.GroupBy]string{measure.ByOwner: "Owner", measure.ByTeam: "Team", measure.ByMonth: "Month"}[v.By]
	if csv {
		name = string(v.By)
	}
	h := []string{name}
	for _, m := range shownMetrics(v.Metrics) {
		h = append(h, m.ID)
	}
	if !csv && len(v.trends) > 0 {
		h = append(h, "Trend")
	}
	return h
}

// metricsRows writes each value for a table (with its unit, rounded for
// reading, — for null, * for low sample) or for CSV (a plain number as in
// JSON, empty for null).
func metricsRows(v metricsView, csv bool) [][]string {
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
	if v.By == "" {
		for _, x := range v.Rows[0].Values {
			r := []string{x.Metric.Category, x.Metric.ID, cell(x), sparkline(v.trends[x.Metric.ID])}
			if csv {
				r = []string{x.Metric.Category, x.Metric.ID, string(x.Metric.Unit), cell(x), strconv.FormatBool(x.LowSample()), x.Reason}
			}
			if v.columns {
				r = append(r, x.Explain.Numerator, x.Explain.Denominator, x.Explain.Note)
			}
			rows = append(rows, r)
		}
		return rows
	}
	for _, g := range v.Rows {
		name := g.Group
		if name == "" && !csv {
			name = "(no " + string(v.By) + ")"
		}
		r := []string{name}
		for _, x := range g.Values {
			r = append(r, cell(x))
		}
		if !csv && len(v.trends) > 0 {
			r = append(r, sparkline(v.trends[g.Group]))
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
