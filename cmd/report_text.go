package cmd

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// textStyle says what a terminal gets that a file or a pipe does not.
type textStyle struct {
	color bool // statuses in colour
	bars  bool // a small bar before each progress percentage
}

// categoryTitles are the section headings of the report.
var categoryTitles = map[string]string{
	"cycle-time": "Cycle time",
	"prospects":  "Prospects",
	"win-rate":   "Win rate",
	"revenue":    "Revenue",
	"margin":     "Margin",
	"cac":        "Customer acquisition cost",
	"retention":  "Retention",
	"churn":      "Churn",
	"expansion":  "Expansion",
}

// writeReport writes the report in format f.
func writeReport(w io.Writer, f format, d *reportData, st textStyle) error {
	switch f {
	case formatJSON:
		return writeJSON(w, reportToJSON(d))
	case formatCSV:
		return writeReportCSV(w, d)
	case formatMarkdown:
		return writeReportText(w, d, true, textStyle{})
	}
	return writeReportText(w, d, false, st)
}

// reportHeader is the columns of a section's goal table.
var reportHeader = []string{"Goal", "Scope", "Period", "Baseline", "Target", "Actual", "Forecast", "Progress", "Status"}

// writeReportText writes the report as text tables, or as Markdown.
func writeReportText(w io.Writer, d *reportData, md bool, st textStyle) error {
	tf := formatTable
	if md {
		tf = formatMarkdown
	}
	title := "Sales goals report: " + d.period.String()
	if d.scope.Kind != goal.Company && d.scope.Kind != "" {
		title += ", " + d.scope.String()
	}
	lines := reportHeaderLines(d)
	if md {
		fmt.Fprintf(w, "# %s\n\n", title)
		for _, l := range lines {
			fmt.Fprintf(w, "- %s\n", l)
		}
	} else {
		fmt.Fprintln(w, title)
		for _, l := range lines {
			fmt.Fprintln(w, l)
		}
	}
	for _, s := range d.sections {
		fmt.Fprintln(w)
		heading := categoryTitles[s.category]
		values := fmt.Sprintf("%s %s (%s: %s)", s.metric.ID, formatMetric(s.metric, s.value),
			s.prevPeriod.Label, formatMetric(s.metric, s.previous))
		if md {
			fmt.Fprintf(w, "## %s\n\n%s\n\n", heading, values)
		} else {
			fmt.Fprintf(w, "%s: %s\n", strings.ToUpper(heading), values)
		}
		if len(s.goals) == 0 {
			if md {
				fmt.Fprintln(w, "_No goals._")
			} else {
				fmt.Fprintln(w, "No goals.")
			}
			continue
		}
		rows := make([][]string, len(s.goals))
		for i, g := range s.goals {
			rows[i] = reportRow(s, g, st)
			if md {
				for j, c := range rows[i] {
					rows[i][j] = markdownCell(c)
				}
			}
		}
		if err := writeTable(w, tf, reportHeader, rows); err != nil {
			return err
		}
	}
	fmt.Fprintln(w)
	if md {
		fmt.Fprint(w, "## Summary\n\n")
	} else {
		fmt.Fprintln(w, "SUMMARY")
	}
	var rows [][]string
	total := 0
	for _, c := range d.summary() {
		if c.n > 0 {
			rows = append(rows, []string{paintStatus(c.status, string(c.status), st.color), strconv.Itoa(c.n)})
			total += c.n
		}
	}
	if total == 0 {
		fmt.Fprintln(w, "No goals in this period: set one with 'salesgoal goal add'.")
		return nil
	}
	rows = append(rows, []string{"total", strconv.Itoa(total)})
	return writeTable(w, tf, []string{"Status", "Goals"}, rows)
}

// markdownCell keeps a cell's text from breaking a Markdown table: a pipe
// would end the cell, a line break the row.
func markdownCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\r\n", " ", "\n", " ").Replace(s)
}

// reportHeaderLines are the lines under the title: the as-of date and how
// much of the period has passed, and where the data comes from.
func reportHeaderLines(d *reportData) []string {
	days := d.period.Days()
	elapsed := d.period.ElapsedDays(d.asOf)
	lines := []string{
		fmt.Sprintf("As of %s: %d of %d days elapsed (%s)", metric.FormatDate(d.asOf), elapsed, days, reportPercent(d.elapsed)),
	}
	if len(d.imports) == 0 {
		lines = append(lines, "Data: nothing imported yet (salesgoal import deals.csv customers.csv spend.csv)")
	} else {
		files := make([]string, len(d.imports))
		for i, im := range d.imports {
			files[i] = fmt.Sprintf("%s (%s)", im.File, im.Kind)
		}
		lines = append(lines, fmt.Sprintf("Data: last imported %s from %s", reportImportTime(lastImport(d.imports)), strings.Join(files, ", ")))
	}
	if d.otherCurrency > 0 {
		lines = append(lines, fmt.Sprintf("Money in %s only: %d %s in other currencies left out", d.currency, d.otherCurrency, plural(int(d.otherCurrency), "deal", "deals")))
	}
	return lines
}

// reportImportTime writes an import log time (RFC 3339, UTC) as "2027-02-14 08:00 UTC".
func reportImportTime(at string) string {
	if len(at) >= len("2006-01-02T15:04") && strings.HasSuffix(at, "Z") {
		return at[:10] + " " + at[11:16] + " UTC"
	}
	return at
}

// reportRow is one goal's cells.
func reportRow(s reportSection, g reportGoal, st textStyle) []string {
	name := idString(g.goal.ID) + " " + g.goal.Name
	if g.metric.ID != s.metric.ID {
		name += " (" + g.metric.ID + ")"
	}
	p := g.progress
	return []string{
		name,
		reportScope(g.goal.Scope),
		g.goal.Period.Label,
		formatMetric(g.metric, g.goal.Baseline.Value),
		formatMetric(g.metric, g.goal.TargetValue),
		formatMetric(g.metric, g.actual),
		formatMetric(g.metric, p.Forecast),
		reportProgress(p.Progress, st.bars),
		paintStatus(p.Status, string(p.Status), st.color),
	}
}

// reportScope writes a scope for a table: company, owner Ana, team EMEA.
func reportScope(s goal.Scope) string {
	if s.Kind == goal.Owner || s.Kind == goal.Team {
		return string(s.Kind) + " " + s.Value
	}
	return "company"
}

// percent writes a fraction as a whole percentage: 0.534 → "53%".
func reportPercent(f float64) string {
	return strconv.FormatFloat(math.Round(f*100), 'f', 0, 64) + "%"
}

// reportProgress writes progress as a percentage, with a ten-step bar on a
// terminal; "—" when there is none.
func reportProgress(p *float64, bar bool) string {
	if p == nil {
		return "—"
	}
	s := reportPercent(*p)
	if !bar {
		return s
	}
	n := int(math.Round(min(max(*p, 0), 1) * 10))
	return strings.Repeat("█", n) + strings.Repeat("░", 10-n) + " " + s
}

// ANSI colours of the statuses, for a terminal.
const (
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiRed    = "\x1b[31m"
	ansiDim    = "\x1b[2m"
	ansiReset  = "\x1b[0m"
)

// paint colours text by status when colour is on.
func paintStatus(s metric.Status, text string, color bool) string {
	if !color {
		return text
	}
	c := ""
	switch s {
	case metric.StatusOnTrack, metric.StatusAchieved:
		c = ansiGreen
	case metric.StatusAtRisk:
		c = ansiYellow
	case metric.StatusBehind, metric.StatusMissed:
		c = ansiRed
	default:
		c = ansiDim
	}
	return c + text + ansiReset
}
