package cmd

import (
	"fmt"
	"strings"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// A section's goals, as a terminal shows them by default (one line per
// goal: compactHeader) or with every detail (--wide and Markdown:
// reportHeader, with the notes under the table).

// reportHeader is the columns of a section's goal table with every
// detail. The forecast is labelled for what it is: the run rate (the
// value so far, for a ratio).
var reportHeader = []string{"Goal", "Scope", "Period", "Baseline", "Target", "Actual", "Run-rate", "Progress", "Status"}

// compactHeader is the columns of a section's goal table on a terminal.
var compactHeader = []string{"Goal", "Actual", "Target", "Progress", "Status"}

// minGoalWidth is the narrowest the goal column gets on a narrow terminal.
const minGoalWidth = 16

// writeWideGoals writes a section's goals with every detail, the lines a
// row has no room for under the table, and the roll-up line of each goal
// others serve.
func writeWideGoals(p textPage, tf format, s measure.Section, st textStyle) error {
	rows := make([][]string, len(s.Goals))
	for i, g := range s.Goals {
		rows[i] = reportRow(s, g, st.bars)
	}
	// One line per goal: only the names give way, down to minGoalWidth;
	// writeReportText draws this table only where that fits (wideNeeds).
	fit := fitWidth(st.width, cut(0, minGoalWidth))
	if err := writeTable(p.w, tf, reportHeader, rows, fit, colorStatus(st.color)); err != nil {
		return err
	}
	var notes []string
	for _, g := range s.Goals {
		for _, n := range goalNotes(g) {
			notes = append(notes, idString(g.Goal.ID)+" "+n)
		}
	}
	for _, r := range s.RollUps {
		notes = append(notes, rollUpNote(s, r))
	}
	if p.md && len(notes) > 0 {
		fmt.Fprintln(p.w)
	}
	for _, n := range notes {
		p.item(n)
	}
	return nil
}

// reportRow is one goal's cells with every detail; a goal that serves
// another of the section beneath it, marked └.
func reportRow(s measure.Section, g measure.Tracked, bars bool) []string {
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
		progressCell(g, bars),
		statusCell(g), // coloured by writeTable, after the data is made safe
	}
}

// writeCompactGoals writes a section's goals one line each: the goal,
// its actual (marked when low sample), its target, its bar and its
// status; the goal's name gives way to fit the terminal, and on a narrow
// one the bars grow shorter, then go. Under the table, a line on each goal
// whose metric is not measured (unless the category's line said it
// already), on each goal with tiers (which tier it reaches) and on each
// goal others serve (what they add up to).
func writeCompactGoals(p textPage, s measure.Section, st textStyle) error {
	rows := withBars(compactHeader, st, 0, func(cells int) [][]string {
		rows := make([][]string, len(s.Goals))
		for i, g := range s.Goals {
			rows[i] = compactRow(s, g, cells)
		}
		return rows
	})
	fit := fitWidth(st.width, cut(0, minNameWidth))
	if err := writeTable(p.w, formatTable, compactHeader, rows, fit, colorStatus(st.color)); err != nil {
		return err
	}
	for _, g := range s.Goals {
		if g.Reason != "" && g.Reason != s.Value.Reason {
			p.item(idString(g.Goal.ID) + " " + g.Metric.ID + " is not measured: " + g.Reason)
		}
	}
	writeTierNotes(p, s.Goals)
	for _, r := range s.RollUps {
		p.item(rollUpNote(s, r))
	}
	return nil
}

// minNameWidth is the narrowest the column that gives way on a compact
// table (a goal's name, an owner's) gets on a narrow terminal.
const minNameWidth = 12

// withBars makes a compact table's rows with the longest bars (rows(cells)
// draws them, none for 0) that let the table fit the terminal with
// column flex at minNameWidth: barCells, then half, then none; none
// without a terminal.
func withBars(header []string, st textStyle, flex int, rows func(cells int) [][]string) [][]string {
	var out [][]string
	for _, cells := range []int{barCells, barCells / 2, 0} {
		if cells > 0 && !st.bars {
			continue
		}
		out = rows(cells)
		if st.width <= 0 || compactFits(header, out, flex, st.width) {
			break
		}
	}
	return out
}

// compactFits reports whether rows fit width with column flex at its
// narrowest.
func compactFits(header []string, rows [][]string, flex, width int) bool {
	return tableNeeds(header, rows, flex, minNameWidth) <= width
}

// tableNeeds is how wide the table of header and rows is drawn with every
// cell on one line and column flex cut to flexMin at the narrowest.
func tableNeeds(header []string, rows [][]string, flex, flexMin int) int {
	total := tableOverhead(len(header))
	for col := range header {
		w := textWidth(header[col])
		for _, r := range rows {
			w = max(w, cellWidth(visible(r[col])))
		}
		if col == flex {
			w = min(w, max(flexMin, textWidth(header[col])))
		}
		total += w
	}
	return total
}

// wideNeeds is how many columns the report's tables with every detail
// need, one line per goal, names cut to minGoalWidth: the widest section's.
func wideNeeds(d *reportData, bars bool) int {
	need := 0
	for _, s := range d.Sections {
		rows := make([][]string, len(s.Goals))
		for i, g := range s.Goals {
			rows[i] = reportRow(s, g, bars)
		}
		if len(rows) > 0 {
			need = max(need, tableNeeds(reportHeader, rows, 0, minGoalWidth))
		}
	}
	return need
}

// compactRow is one goal on one line, beneath the goal it serves marked
// └ (nameBeneath). A goal on another metric than its category's primary
// one names it first, so that shortening the name keeps it.
func compactRow(s measure.Section, g measure.Tracked, bar int) []string {
	name := indent(g.Depth) + idString(g.Goal.ID) + " "
	if g.Metric.ID != s.Metric.ID {
		name += g.Metric.ID + ": "
	}
	name += nameBeneath(s, g)
	return []string{name, compactActual(g), formatMetric(g.Metric, g.Goal.TargetValue), compactProgress(g, bar), statusText(g.Progress.Status)}
}

// compactActual is a goal's actual on its one line, marked when it is low
// sample (lowSampleNote says what the mark means).
func compactActual(t measure.Tracked) string {
	actual := formatMetric(t.Metric, t.Actual)
	if t.LowSample {
		actual += lowSampleMark
	}
	return actual
}

// lowSampleNote, under a compact table, says what lowSampleMark means.
func lowSampleNote(p textPage) {
	p.line(strings.TrimSpace(lowSampleMark)+" low sample: the actual rests on fewer than 10 deals or customers", 2)
}

// writeTierNotes writes, under a compact table, which tier each goal with
// tiers reaches.
func writeTierNotes(p textPage, gs []measure.Tracked) {
	for _, g := range gs {
		if n := tierNote(g); n != "" {
			p.item(idString(g.Goal.ID) + " " + n)
		}
	}
}

// nameBeneath is a goal's name on one line beneath the goal it serves,
// reduced to what tells it apart from its parent, so that the terminal's
// width does not cut that off: without the parent's name when it starts
// with it, as goal add --each and --every name them under a named parent
// ("Q4 revenue: Ana Silva" beneath "Q4 revenue" is "Ana Silva"); a name
// salesgoal made up ("revenue +10% for owner Ana Silva 2027-Q1") is the
// owner or team, and the period, where they differ from the parent's
// ("Ana Silva").
func nameBeneath(s measure.Section, g measure.Tracked) string {
	if g.Depth == 0 {
		return g.Goal.Name
	}
	for _, pg := range s.Goals {
		if pg.Goal.ID != g.Goal.ParentID {
			continue
		}
		if rest, ok := strings.CutPrefix(g.Goal.Name, pg.Goal.Name+": "); ok && strings.TrimSpace(rest) != "" {
			return rest
		}
		if g.Goal.NamedByDefault() {
			var parts []string
			if g.Goal.Scope != pg.Goal.Scope && !g.Goal.Scope.IsCompany() {
				parts = append(parts, g.Goal.Scope.Value)
			}
			if g.Goal.Period.Label != pg.Goal.Period.Label {
				parts = append(parts, g.Goal.Period.Label)
			}
			if len(parts) > 0 {
				return strings.Join(parts, " ")
			}
		}
	}
	return g.Goal.Name
}

// compactProgress is a goal's progress on one line, after a bar of bar
// cells (none when 0): a quota or a ratio as the share of the way to its
// target, "60%"; a cap as the share used, "111% used", never as
// progress; retention as the points lost of those its target allows
// (retentionText); "below baseline" for a ratio that went the wrong way;
// "—" when there is nothing to measure against.
func compactProgress(t measure.Tracked, bar int) string {
	share, suffix := t.Progress.Progress, ""
	if t.Metric.Kind() == metric.KindRetention && t.Actual != nil && t.Goal.TargetValue != nil {
		// The bar fills with the loss allowed while there is some left;
		// below target the words say how far.
		s := retentionText(t, true)
		if u := t.Progress.Used; bar > 0 && u != nil && *u <= 1 {
			s = goalBar(t, *t.Progress.Used, bar) + " " + s
		}
		return s
	}
	if t.Metric.Kind() == metric.KindCap {
		share, suffix = t.Progress.Used, " used"
		if share == nil && t.Actual != nil && t.Goal.TargetValue != nil {
			return usedText(t) // a cap of 0: "used 1 of 0"
		}
	}
	switch {
	case share == nil:
		return "—"
	case *share < 0:
		return "below baseline"
	}
	s := reportPercent(*share) + suffix
	if bar > 0 {
		s = goalBar(t, *share, bar) + " " + s
	}
	return s
}
