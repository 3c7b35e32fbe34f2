package cmd

import (
	"cmp"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// textStyle says what a terminal gets that a file or a pipe does not.
type textStyle struct {
	color bool // statuses in colour
	bars  bool // a small bar before each progress percentage
	width int  // the terminal's width, which tables wrap to fit; 0: no limit
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
	if d.by != "" {
		return writeBoards(w, f, d, st)
	}
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

// reportHeader is the columns of a section's goal table. The forecast is
// labelled for what it is: the run rate (the value so far, for a ratio).
var reportHeader = []string{"Goal", "Scope", "Period", "Baseline", "Target", "Actual", "Run-rate", "Progress", "Status"}

// writeReportText writes the report as text tables, or as Markdown.
func writeReportText(w io.Writer, d *reportData, md bool, st textStyle) error {
	tf := formatTable
	if md {
		tf = formatMarkdown
	}
	title := "Sales goals report: " + d.Period.String()
	if d.Scope.Level != metric.Company && d.Scope.Level != "" {
		title += ", " + d.Scope.String()
	}
	lines := reportHeaderLines(d)
	if md {
		fmt.Fprintf(w, "# %s\n\n", markdownText(title))
		for _, l := range lines {
			fmt.Fprintf(w, "- %s\n", markdownText(l))
		}
	} else {
		fmt.Fprintln(w, visible(title))
		for _, l := range lines {
			fmt.Fprintln(w, visible(l))
		}
	}
	for _, s := range d.Sections {
		fmt.Fprintln(w)
		heading := categoryTitles[s.Category]
		values := fmt.Sprintf("%s %s (%s: %s)", s.Metric.ID, formatMetric(s.Metric, s.Value.Number()),
			s.PreviousPeriod.Label, formatMetric(s.Metric, s.Previous.Number()))
		if md {
			fmt.Fprintf(w, "## %s\n\n%s\n\n", heading, values)
		} else {
			fmt.Fprintf(w, "%s: %s\n", strings.ToUpper(heading), values)
		}
		if r := cmp.Or(s.Value.Reason, s.Previous.Reason); r != "" {
			note := s.Metric.ID + " is not measured: " + r
			if md {
				fmt.Fprintf(w, "_%s_\n\n", markdownText(note))
			} else {
				fmt.Fprintln(w, visible(note))
			}
		}
		if len(s.Goals) == 0 {
			if md {
				fmt.Fprintln(w, "_No goals._")
			} else {
				fmt.Fprintln(w, "No goals.")
			}
			continue
		}
		rows := make([][]string, len(s.Goals))
		for i, g := range s.Goals {
			rows[i] = reportRow(s, g, st)
		}
		if err := writeReportTable(w, tf, reportHeader, rows, st); err != nil {
			return err
		}
		writeGoalNotes(w, s.Goals, md)
		writeRollUpNotes(w, s, md)
	}
	fmt.Fprintln(w)
	if md {
		fmt.Fprint(w, "## Summary\n\n")
	} else {
		fmt.Fprintln(w, "SUMMARY")
	}
	var rows [][]string
	total := 0
	for _, c := range d.Summary() {
		if c.N > 0 {
			rows = append(rows, []string{string(c.Status), strconv.Itoa(c.N)})
			total += c.N
		}
	}
	if total == 0 {
		fmt.Fprintln(w, "No goals in this period: set one with 'salesgoal goal add'.")
		return nil
	}
	rows = append(rows, []string{"total", strconv.Itoa(total)})
	return writeTable(w, tf, []string{"Status", "Goals"}, rows, colorStatus(st.color))
}

// reportHeaderLines are the lines under the title: the as-of date and how
// much of the period has passed, and where the data comes from.
func reportHeaderLines(d *reportData) []string {
	days := d.Period.Days()
	elapsed := d.Period.ElapsedDays(d.AsOf)
	lines := []string{
		fmt.Sprintf("As of %s: %d of %d days elapsed (%s)", metric.FormatDate(d.AsOf), elapsed, days, reportPercent(d.Elapsed)),
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
	if d.OtherCurrency > 0 {
		line := fmt.Sprintf("Money in %s only: %d %s in other currencies left out", d.currency, d.OtherCurrency, plural(int(d.OtherCurrency), "deal", "deals"))
		if d.Currency != "" {
			line += fmt.Sprintf("; every deal of the period is in another currency: if your money is in %s, run 'salesgoal config set currency %s'", d.Currency, d.Currency)
		}
		lines = append(lines, line)
	}
	return lines
}

// writeGoalNotes writes, under a section's goal table, the lines its rows
// have no room for (goalNotes), each after its goal's id.
func writeGoalNotes(w io.Writer, gs []measure.Tracked, md bool) {
	var lines []string
	for _, g := range gs {
		for _, n := range goalNotes(g) {
			lines = append(lines, idString(g.Goal.ID)+" "+n)
		}
	}
	if md && len(lines) > 0 {
		fmt.Fprintln(w)
	}
	for _, l := range lines {
		if md {
			fmt.Fprintf(w, "- %s\n", markdownText(l))
		} else {
			fmt.Fprintln(w, "  "+visible(l))
		}
	}
}

// reportImportTime writes an import log time (RFC 3339, UTC) as "2027-02-14 08:00 UTC".
func reportImportTime(at string) string {
	if len(at) >= len("2006-01-02T15:04") && strings.HasSuffix(at, "Z") {
		return at[:10] + " " + at[11:16] + " UTC"
	}
	return at
}

// reportRow is one goal's cells.
func reportRow(s measure.Section, g measure.Tracked, st textStyle) []string {
	name := indent(g.Depth) + idString(g.Goal.ID) + " " + g.Goal.Name
	if g.Metric.ID != s.Metric.ID {
		name += " (" + g.Metric.ID + ")"
	}
	return []string{
		name,
		reportScope(g.Goal.Scope),
		g.Goal.Period.Label,
		formatMetric(g.Metric, g.Goal.Baseline.Value),
		formatMetric(g.Metric, g.Goal.TargetValue),
		formatMetric(g.Metric, g.Actual),
		formatMetric(g.Metric, g.Progress.Forecast),
		progressCell(g, st.bars),
		statusCell(g), // coloured by writeTable, after the data is made safe
	}
}

// reportScope writes a scope for a table: company, owner Ana, team EMEA.
func reportScope(s metric.Scope) string {
	if s.Level == metric.Owner || s.Level == metric.Team {
		return string(s.Level) + " " + s.Value
	}
	return "company"
}
