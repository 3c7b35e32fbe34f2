package cmd

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

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
	title := "Sales goals report: " + d.Period.String()
	if d.Scope.Level != metric.Company && d.Scope.Level != "" {
		title += ", " + d.Scope.String()
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
	for _, s := range d.Sections {
		fmt.Fprintln(w)
		heading := categoryTitles[s.Category]
		values := fmt.Sprintf("%s %s (%s: %s)", s.Metric.ID, formatMetric(s.Metric, s.Value),
			s.PreviousPeriod.Label, formatMetric(s.Metric, s.Previous))
		if md {
			fmt.Fprintf(w, "## %s\n\n%s\n\n", heading, values)
		} else {
			fmt.Fprintf(w, "%s: %s\n", strings.ToUpper(heading), values)
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
			if md {
				for j, c := range rows[i] {
					rows[i][j] = markdownCell(c)
				}
			}
		}
		if err := writeReportTable(w, tf, reportHeader, rows, st.width); err != nil {
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
	for _, c := range d.Summary() {
		if c.N > 0 {
			rows = append(rows, []string{paintStatus(c.Status, string(c.Status), st.color), strconv.Itoa(c.N)})
			total += c.N
		}
	}
	if total == 0 {
		fmt.Fprintln(w, "No goals in this period: set one with 'salesgoal goal add'.")
		return nil
	}
	rows = append(rows, []string{"total", strconv.Itoa(total)})
	return writeTable(w, tf, []string{"Status", "Goals"}, rows)
}

// writeReportTable writes a goal table. On a terminal narrower than the
// table, the goal names are wrapped onto more lines so that it fits, down
// to minGoalWidth.
func writeReportTable(w io.Writer, f format, header []string, rows [][]string, width int) error {
	if f == formatTable && width > 0 {
		fitGoalColumn(header, rows, width)
	}
	return writeTable(w, f, header, rows)
}

// minGoalWidth is the narrowest the goal column gets on a narrow terminal.
const minGoalWidth = 16

// fitGoalColumn wraps the first column of rows at word boundaries so that
// the table drawn by writeTable ("│ cell │ cell │") is at most width wide.
func fitGoalColumn(header []string, rows [][]string, width int) {
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = displayWidth(h)
	}
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	total := 1 // the left border
	for _, cw := range widths {
		total += cw + 3 // padding on both sides and the right border
	}
	if total <= width {
		return
	}
	limit := max(minGoalWidth, widths[0]-(total-width), displayWidth(header[0]))
	for _, r := range rows {
		r[0] = wrapWords(r[0], limit)
	}
}

// wrapWords breaks s into lines of at most limit characters at spaces; a
// longer word gets a line of its own.
func wrapWords(s string, limit int) string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case displayWidth(line)+1+displayWidth(word) <= limit:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	return strings.Join(append(lines, line), "\n")
}

// displayWidth is the number of characters s takes on a terminal, colour
// codes left out. The report's cells hold no wide (East Asian) characters
// of their own; a goal name that does is merely drawn a little wider.
func displayWidth(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] == '\x1b' {
			if j := strings.IndexByte(s[i:], 'm'); j >= 0 {
				i += j + 1
				continue
			}
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
	}
	return n
}

// markdownCell keeps a cell's text from breaking a Markdown table: a pipe
// would end the cell, a line break the row.
func markdownCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\r\n", " ", "\n", " ").Replace(s)
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
		lines = append(lines, fmt.Sprintf("Money in %s only: %d %s in other currencies left out", d.currency, d.OtherCurrency, plural(int(d.OtherCurrency), "deal", "deals")))
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
func reportRow(s measure.Section, g measure.Tracked, st textStyle) []string {
	name := idString(g.Goal.ID) + " " + g.Goal.Name
	if g.Metric.ID != s.Metric.ID {
		name += " (" + g.Metric.ID + ")"
	}
	p := g.Progress
	return []string{
		name,
		reportScope(g.Goal.Scope),
		g.Goal.Period.Label,
		formatMetric(g.Metric, g.Goal.Baseline.Value),
		formatMetric(g.Metric, g.Goal.TargetValue),
		formatMetric(g.Metric, g.Actual),
		formatMetric(g.Metric, p.Forecast),
		reportProgress(p.Progress, st.bars),
		paintStatus(p.Status, string(p.Status), st.color),
	}
}

// reportScope writes a scope for a table: company, owner Ana, team EMEA.
func reportScope(s metric.Scope) string {
	if s.Level == metric.Owner || s.Level == metric.Team {
		return string(s.Level) + " " + s.Value
	}
	return "company"
}

// percent writes a fraction as a whole percentage: 0.534 → "53%".
func reportPercent(f float64) string {
	return strconv.FormatFloat(math.Round(f*100), 'f', 0, 64) + "%"
}

// reportProgress writes progress as a percentage, on a terminal after an
// eight-step bar; "—" when there is none.
func reportProgress(p *float64, bar bool) string {
	if p == nil {
		return "—"
	}
	s := reportPercent(*p)
	if !bar {
		return s
	}
	const steps = 8
	n := int(math.Round(min(max(*p, 0), 1) * steps))
	return strings.Repeat("█", n) + strings.Repeat("░", steps-n) + " " + s
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
