package cmd

import (
	"math"
	"strings"

	"github.com/salesgoal/salesgoal/metric"
)

// The small pictures of a text report: a goal's bar and a metric's trend.

// barCells is how many cells a goal's bar has.
const barCells = 8

// barMark is a mark drawn over a bar at a share of it: a line a goal is
// measured against, such as a tier of its target.
type barMark struct {
	at float64 // where, as a share of the bar: 0 its start, 1 its end
	r  rune    // what is drawn in the cell it falls in
}

// drawBar draws share f of a bar of n cells: █ for the part reached (f
// rounded to a whole cell; past 1 the bar is full), ░ for the rest, and
// each mark in the cell it falls in, so that a bar can show more than one
// line to be measured against.
func drawBar(f float64, n int, marks ...barMark) string {
	full := int(math.Round(min(max(f, 0), 1) * float64(n)))
	cells := []rune(strings.Repeat("█", full) + strings.Repeat("░", n-full))
	for _, m := range marks {
		i := min(max(int(m.at*float64(n)), 0), n-1)
		cells[i] = m.r
	}
	return string(cells)
}

// sparkLevels are the eight heights of a trend, lowest first.
var sparkLevels = []rune("▁▂▃▄▅▆▇█")

// sparkGap stands for a period without a value: a no-break space, which
// neither a Markdown renderer nor a table trims away.
const sparkGap = '\u00a0'

// sparkline draws a trend, one character per period: the lowest value of
// it as ▁, the highest as █, and the others in proportion between them;
// every value ▄ when they are all equal; a gap where a period has no
// value, never a 0. A trend that is 0 throughout lies flat at ▁: nothing,
// steadily, is not steady activity.
func sparkline(vs []metric.Value) string {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range vs {
		if n := v.Number(); n != nil {
			lo, hi = min(lo, *n), max(hi, *n)
		}
	}
	out := make([]rune, len(vs))
	for i, v := range vs {
		n := v.Number()
		switch {
		case n == nil:
			out[i] = sparkGap
		case hi == lo && hi == 0:
			out[i] = sparkLevels[0]
		case hi == lo:
			out[i] = sparkLevels[3]
		default:
			out[i] = sparkLevels[int(math.Round((*n-lo)/(hi-lo)*float64(len(sparkLevels)-1)))]
		}
	}
	return string(out)
}
