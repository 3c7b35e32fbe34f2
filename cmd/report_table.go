package cmd

import (
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/salesgoal/salesgoal/metric"
)

// How the report's goal tables fit a terminal and stay whole in Markdown,
// and how statuses are coloured on a terminal.

// writeReportTable writes a goal table. On a terminal narrower than the
// table, the goal names are wrapped onto more lines so that it fits, down
// to minGoalWidth; with colour, statuses are coloured.
func writeReportTable(w io.Writer, f format, header []string, rows [][]string, st textStyle) error {
	return writeTable(w, f, header, rows, fitWidth(st.width), colorStatus(st.color))
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

// ANSI colours of the statuses, for a terminal.
const (
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiRed    = "\x1b[31m"
	ansiDim    = "\x1b[2m"
	ansiReset  = "\x1b[0m"
)

// paintColumn colours the statuses in the column headed "Status" (not
// the summary's "total").
func paintColumn(header []string, rows [][]string) {
	col := slices.Index(header, "Status")
	if col < 0 {
		return
	}
	for _, r := range rows {
		if col >= len(r) {
			continue
		}
		// A status may carry a note: "at-risk (low sample)".
		st, _, _ := strings.Cut(r[col], " ")
		if slices.Contains(metric.Statuses(), metric.Status(st)) {
			r[col] = paintStatus(metric.Status(st), r[col], true)
		}
	}
}

// paintStatus colours text by status when colour is on.
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
