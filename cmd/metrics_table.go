package cmd

import (
	"fmt"
	"io"

	"github.com/salesgoal/salesgoal/measure"
)

// The table of `metrics` on a terminal: fitted to its width, the metrics
// of --by that do not fit beside the names in tables of their own, and
// --explain under it.

// writeMetricsTable writes the table, fitted to the terminal: the names
// of owners and teams shortened, and the metrics of --by that do not fit
// beside them in tables of their own, each with the names again.
func writeMetricsTable(w io.Writer, f format, v metricsView, header []string, rows [][]string) error {
	if f != formatTable || v.By == "" {
		return writeTable(w, f, header, rows, fitWidth(v.width, cut(1, 12)))
	}
	for i, cols := range columnGroups(header, rows, v.width) {
		if i > 0 {
			fmt.Fprintln(w)
		}
		pick := func(r []string) []string {
			out := []string{r[0]}
			for _, c := range cols {
				out = append(out, r[c])
			}
			return out
		}
		part := make([][]string, len(rows))
		for j, r := range rows {
			part[j] = pick(r)
		}
		if err := writeTable(w, f, pick(header), part, fitWidth(v.width, cut(0, 12))); err != nil {
			return err
		}
	}
	return nil
}

// maxGroupWidth is the widest the names of owners and teams are planned
// at when the columns are shared out; a longer one is shortened with "…".
const maxGroupWidth = 24

// columnGroups shares the columns after the first out into groups that
// each fit width beside the first, in order; a column too wide for any
// group gets one of its own.
func columnGroups(header []string, rows [][]string, width int) [][]int {
	widthOf := func(col int) int {
		w := textWidth(header[col])
		for _, r := range rows {
			w = max(w, textWidth(visible(r[col])))
		}
		return w
	}
	first := min(widthOf(0), maxGroupWidth)
	var groups [][]int
	var cur []int
	used := tableOverhead(1) + first
	for col := 1; col < len(header); col++ {
		w := widthOf(col) + 3
		if len(cur) > 0 && used+w > width {
			groups = append(groups, cur)
			cur, used = nil, tableOverhead(1)+first
		}
		cur = append(cur, col)
		used += w
	}
	return append(groups, cur)
}

// writeExplained writes, on a terminal, how each value was counted: what
// was added up, what it was divided by, what counted and what was left
// out; or why there is no value.
func writeExplained(p textPage, res *measure.Metrics) {
	fmt.Fprintln(p.w)
	p.line("How each value was counted:", 2)
	for _, v := range res.Rows[0].Values {
		e := v.Explain
		line := v.Metric.ID + ": " + e.Numerator
		if e.Denominator != "" {
			line += ", divided by " + e.Denominator
		}
		if e.Note != "" {
			if e.Numerator != "" {
				line += "; "
			}
			line += e.Note
		}
		p.item(line)
	}
}
