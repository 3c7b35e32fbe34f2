package cmd

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// textStyle says how a text report is laid out, and what a terminal gets
// that a file or a pipe does not.
type textStyle struct {
	color bool // statuses in colour
	bars  bool // a bar in each goal's progress
	width int  // lines and tables fit it; 0: no limit (Markdown)
	wide  bool // every detail of each goal (--wide) rather than one line
}

// narrowWide turns --wide off when the terminal's known width cannot hold
// the need columns it asks for, saying so on p, and reports whether it
// did; need is worked out only then.
func (st *textStyle) narrowWide(p textPage, md bool, need func() int) bool {
	if !st.wide || md || st.width <= 0 {
		return false
	}
	n := need()
	if n <= st.width {
		return false
	}
	p.line(fmt.Sprintf("--wide needs %d columns and the terminal has %d: one line per goal instead", n, st.width), 2)
	st.wide = false
	return true
}

// moreOnEachGoal closes a report of one line per goal with where each
// goal's detail is: wide, the command that shows it, on a wider terminal
// when narrowWide turned it off.
func moreOnEachGoal(p textPage, wide string, narrow bool) {
	if narrow {
		p.line("More on each goal: salesgoal goal show ID, or "+wide+" on a wider terminal", 2)
	} else {
		p.line("More on each goal: "+wide+", or salesgoal goal show ID", 2)
	}
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
	case formatHTML:
		return writeReportHTML(w, d)
	case formatMarkdown:
		return writeReportText(w, d, textStyle{wide: true}, true)
	}
	return writeReportText(w, d, st, false)
}

// textPage writes the lines of a text report: as Markdown, or as plain
// lines wrapped to the terminal's width. Every line is made safe here.
type textPage struct {
	w     io.Writer
	md    bool
	width int
}

// line writes a paragraph's line; on a terminal the lines it wraps onto
// are indented by indent.
func (p textPage) line(s string, indent int) {
	if p.md {
		fmt.Fprintln(p.w, markdownText(s))
		return
	}
	s = visible(s)
	if p.width <= 0 {
		fmt.Fprintln(p.w, s)
		return
	}
	for _, l := range fitLine(s, p.width, indent) {
		fmt.Fprintln(p.w, l)
	}
}

// item writes one item of a list: "- " in Markdown, indented by two on
// a terminal.
func (p textPage) item(s string) {
	if p.md {
		fmt.Fprintln(p.w, "- "+markdownText(s))
		return
	}
	p.line("  "+s, 4)
}

// heading starts a section: "## Revenue" in Markdown, "REVENUE" on a
// terminal, after a blank line.
func (p textPage) heading(s string) {
	if p.md {
		fmt.Fprintf(p.w, "\n## %s\n\n", markdownText(s))
		return
	}
	fmt.Fprintln(p.w)
	p.line(strings.ToUpper(s), 2)
}

// writeReportText writes the report as text tables, or as Markdown: the
// title and where the data comes from, the changes since --since, one
// section per category (its metric now, before and over the last periods,
// and its goals), and a summary of statuses.
func writeReportText(w io.Writer, d *reportData, st textStyle, md bool) error {
	p := textPage{w: w, md: md, width: st.width}
	tf := formatTable
	if md {
		tf = formatMarkdown
	}
	title := "Sales goals report: " + d.Period.String()
	if d.Scope.Level != metric.Company && d.Scope.Level != "" {
		title += ", " + d.Scope.String()
	}
	if md {
		fmt.Fprintf(w, "# %s\n\n", markdownText(title))
	} else {
		p.line(title, 2)
	}
	for _, l := range append(reportHeaderLines(d), trendsLine(d)) {
		if md {
			p.item(l)
		} else {
			p.line(l, 2)
		}
	}
	// --wide on a terminal too narrow for it says so, and shows one line
	// per goal rather than tables whose lines wrap (docs/goals.md).
	narrow := st.narrowWide(p, md, func() int { return wideNeeds(d, st.bars) })
	if !d.since.IsZero() {
		writeChanges(p, d, st.color)
	}
	lowSample := false
	for _, s := range d.Sections {
		writeCategory(p, s)
		if len(s.Goals) == 0 {
			if md {
				fmt.Fprintln(w, "_No goals._")
			} else {
				fmt.Fprintln(w, "No goals.")
			}
			continue
		}
		var err error
		if st.wide {
			err = writeWideGoals(p, tf, s, st)
		} else {
			err = writeCompactGoals(p, s, st)
		}
		if err != nil {
			return err
		}
		for _, g := range s.Goals {
			lowSample = lowSample || g.LowSample
		}
	}
	if err := writeStatusSummary(p, tf, d, st.color); err != nil {
		return err
	}
	if !st.wide && !md && d.goals() > 0 {
		if lowSample {
			lowSampleNote(p)
		}
		moreOnEachGoal(p, "salesgoal report --wide", narrow)
	}
	return nil
}

// writeCategory writes a category's heading and its line: the primary
// metric over the report's period, over the previous one, and its trend
// over the last periods; and why it is not measured, when it is not, or
// the note on how it was measured (metric.Value.Note).
func writeCategory(p textPage, s measure.Section) {
	values := fmt.Sprintf("%s %s (%s: %s) %s", s.Metric.ID, formatMetric(s.Metric, s.Value.Number()),
		s.PreviousPeriod.Label, formatMetric(s.Metric, s.Previous.Number()), sparkline(s.Trend))
	if p.md {
		p.heading(categoryTitles[s.Category])
		p.line(values, 0)
		fmt.Fprintln(p.w)
	} else {
		fmt.Fprintln(p.w)
		p.line(strings.ToUpper(categoryTitles[s.Category])+": "+values, 2)
	}
	if note := sectionNote(s); note != "" {
		if p.md {
			fmt.Fprintf(p.w, "_%s_\n\n", markdownText(note))
		} else {
			p.line(note, 2)
		}
	}
}

// sectionNote is the note under a category's line: why its metric is not
// measured over the report's period, or over the previous one (a spend
// file that starts this year measures no spend last quarter), or how it
// was measured (metric.Value.Note); "" when there is nothing to say.
func sectionNote(s measure.Section) string {
	switch {
	case s.Value.Reason != "":
		return s.Metric.ID + " is not measured: " + s.Value.Reason
	case s.Previous.Reason != "":
		return s.Metric.ID + " in " + s.PreviousPeriod.Label + " is not measured: " + s.Previous.Reason
	case s.Value.Note != "":
		return s.Metric.ID + ": " + s.Value.Note
	}
	return ""
}

// writeStatusSummary writes how many goals have each status.
func writeStatusSummary(p textPage, tf format, d *reportData, color bool) error {
	p.heading("Summary")
	var rows [][]string
	total := 0
	for _, c := range d.Summary() {
		if c.N > 0 {
			rows = append(rows, []string{statusText(c.Status), strconv.Itoa(c.N)})
			total += c.N
		}
	}
	if total == 0 {
		p.line("No goals in this period: set one with 'salesgoal goal add'.", 2)
		return nil
	}
	rows = append(rows, []string{"total", strconv.Itoa(total)})
	return writeTable(p.w, tf, []string{"Status", "Goals"}, rows, colorStatus(color))
}

// reportHeaderLines are the lines under the title: the as-of date and how
// much of the period has passed, where the data comes from, and the
// money left out.
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
	if d.converted != "" && d.OtherCurrency == 0 {
		lines = append(lines, fmt.Sprintf("Money in %s (%s)", d.currency, d.converted))
	}
	if d.OtherCurrency > 0 {
		money := d.currency
		if d.converted != "" {
			money += " (" + d.converted + ")"
		}
		line := fmt.Sprintf("Money in %s: %d %s in other currencies left out: %s", money, d.OtherCurrency,
			plural(int(d.OtherCurrency), "deal", "deals"), missingRates(d.LeftOut, d.noConvert))
		if d.Currency != "" {
			line += fmt.Sprintf("; every deal of the period is in another currency: if your money is in %s, run 'salesgoal config set currency %s'", d.Currency, d.Currency)
		}
		lines = append(lines, line)
	}
	return lines
}

// trendsLine says what the trends on the categories' lines show.
func trendsLine(d *reportData) string {
	return fmt.Sprintf("Trends: the last %d %s, this one so far (%c lowest, %c highest)",
		measure.TrendLength, periodWordsOf(d.Period), sparkLevels[0], sparkLevels[len(sparkLevels)-1])
}

// reportImportTime writes an import log time (RFC 3339, UTC) as "2027-02-14 08:00 UTC".
func reportImportTime(at string) string {
	if len(at) >= len("2006-01-02T15:04") && strings.HasSuffix(at, "Z") {
		return at[:10] + " " + at[11:16] + " UTC"
	}
	return at
}

// reportScope writes a scope for a table: company, owner Ana, team EMEA.
func reportScope(s metric.Scope) string {
	if s.Level == metric.Owner || s.Level == metric.Team {
		return string(s.Level) + " " + s.Value
	}
	return "company"
}
