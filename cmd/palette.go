package cmd

import (
	"slices"
	"strings"

	"github.com/salesgoal/salesgoal/metric"
)

// How statuses look: one palette for the terminal and the HTML report,
// taken from Okabe and Ito's colours, which people with red-green colour
// blindness tell apart (blue and bluish green for good, orange and
// vermillion for bad, grey for no verdict), and a symbol before every
// status, so that no status is told by its colour alone
// (docs/goals.md, "Status").

// statusLook is how one status is shown.
type statusLook struct {
	symbol string // before the status, in every format a person reads
	ansi   string // its colour on a terminal (256 colours)
	html   string // its colour in the HTML report
	tint   string // a light background for the HTML report's status cell
}

// ansiReset ends a colour on a terminal.
const ansiReset = "\x1b[0m"

// looks are the statuses' looks. The symbols are narrow on every terminal
// (one column) and need no emoji font.
var looks = map[metric.Status]statusLook{
	metric.StatusOnTrack:    {"●", "\x1b[38;5;32m", "#0072B2", "#DCEBF5"},  // blue
	metric.StatusAchieved:   {"✓", "\x1b[38;5;36m", "#009E73", "#D9F0E9"},  // bluish green
	metric.StatusAtRisk:     {"▲", "\x1b[38;5;178m", "#E69F00", "#FBEFD6"}, // orange
	metric.StatusBehind:     {"▼", "\x1b[38;5;166m", "#D55E00", "#F8E0D0"}, // vermillion
	metric.StatusMissed:     {"✗", "\x1b[38;5;175m", "#CC79A7", "#F5E5EE"}, // reddish purple
	metric.StatusNoData:     {"?", "\x1b[38;5;245m", "#8C8C8C", "#EEEEEE"}, // grey
	metric.StatusNotStarted: {"○", "\x1b[38;5;245m", "#8C8C8C", "#EEEEEE"}, // grey
}

// lookOf is the look of status s; an unknown status is shown grey.
func lookOf(s metric.Status) statusLook {
	if l, ok := looks[s]; ok {
		return l
	}
	return looks[metric.StatusNoData]
}

// statusText is a status as a person reads it: its symbol and its name,
// "▲ at-risk", held together by a no-break space, so that a wrapped line
// never parts them.
func statusText(s metric.Status) string {
	return lookOf(s).symbol + "\u00a0" + string(s)
}

// statusIn finds the status a cell names: "▲ at-risk (low sample)" names
// at-risk. ok is false for a cell that names none, such as "total".
func statusIn(cell string) (metric.Status, bool) {
	for _, w := range strings.Fields(cell) {
		if st := metric.Status(w); slices.Contains(metric.Statuses(), st) {
			return st, true
		}
	}
	return "", false
}

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
		if st, ok := statusIn(r[col]); ok {
			r[col] = paintStatus(st, r[col], true)
		}
	}
}

// paintStatus colours text by status when colour is on, each line of it
// on its own, so that a wrapped cell keeps its colour and the table's
// borders keep theirs.
func paintStatus(s metric.Status, text string, color bool) string {
	if !color {
		return text
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = lookOf(s).ansi + l + ansiReset
	}
	return strings.Join(lines, "\n")
}
