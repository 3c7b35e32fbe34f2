package cmd

import (
	"math"
	"strconv"
	"strings"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// The pictures of the HTML report drawn as coordinates: a plotting area
// of days across and values up, its lines, points and words, and the
// numbers on its axes.

// chart is an SVG picture of W × H pixels.
type chart struct {
	W, H  int
	Label string // what it shows, for screen readers
	Lines []chartLine
	Dots  []chartDot
	Texts []chartText
}

// chartLine is a line through points, "x,y x,y …".
type chartLine struct {
	Points string
	Color  string
	Width  float64
	Dash   string // stroke-dasharray, "" for a solid line
}

type chartDot struct {
	X, Y, R float64
	Color   string
}

type chartText struct {
	X, Y   float64
	Anchor string // start, middle or end
	Color  string
	Text   string
}

// The colours of what is not the goal's own line.
const (
	chartGuide = "#767676" // the target, the line to it, the baseline
	chartLight = "#BBBBBB" // the frame, today
	chartLabel = "#555555" // dates and values on the axes
)

// plot maps a goal's days and values onto the picture's plotting area.
type plot struct {
	c                        *chart
	left, top, width, height float64
	days                     int     // days in the period
	lo, hi                   float64 // the values at the bottom and top
}

// newPlot frames a chart of a period of days with values from lo to hi,
// labelled with the period's first and last day and lo and hi in the
// metric's unit.
func newPlot(m metric.Metric, p metric.Period, lo, hi float64, label string) *plot {
	c := &chart{W: 320, H: 150, Label: label}
	pl := &plot{c: c, left: 50, top: 8, width: 262, height: 116, days: p.Days(), lo: roundSig(lo, math.Floor), hi: roundSig(hi, math.Ceil)}
	if pl.hi <= pl.lo {
		pl.hi = pl.lo + 1
	}
	lo, hi = pl.lo, pl.hi
	bottom := pl.top + pl.height
	pl.line(chartLight, 1, "", pl.left, pl.top, pl.left, bottom, pl.left+pl.width, bottom)
	pl.text(pl.left, bottom+16, "start", chartLabel, metric.FormatDate(p.Start))
	pl.text(pl.left+pl.width, bottom+16, "end", chartLabel, metric.FormatDate(p.End))
	pl.text(pl.left-4, pl.top+8, "end", chartLabel, axisValue(m, hi))
	pl.text(pl.left-4, bottom, "end", chartLabel, axisValue(m, lo))
	return pl
}

// x is where day i of the period (0 its first) is across.
func (pl *plot) x(i int) float64 {
	if pl.days <= 1 {
		return pl.left + pl.width/2
	}
	return pl.left + pl.width*float64(i)/float64(pl.days-1)
}

// y is where value v is up.
func (pl *plot) y(v float64) float64 {
	return pl.top + pl.height*(pl.hi-v)/(pl.hi-pl.lo)
}

// pointsPerLine is how many points of a line the page writes on one line
// of text.
const pointsPerLine = 12

// line draws a line through the points xy (x, y, x, y …).
func (pl *plot) line(color string, width float64, dash string, xy ...float64) {
	var b strings.Builder
	for i := 0; i+1 < len(xy); i += 2 {
		switch {
		case i > 0 && i%(2*pointsPerLine) == 0:
			b.WriteByte('\n') // a year day by day stays in short lines, as mail wants them
		case i > 0:
			b.WriteByte(' ')
		}
		b.WriteString(coord(xy[i]) + "," + coord(xy[i+1]))
	}
	pl.c.Lines = append(pl.c.Lines, chartLine{Points: b.String(), Color: color, Width: width, Dash: dash})
}

func (pl *plot) text(x, y float64, anchor, color, s string) {
	pl.c.Texts = append(pl.c.Texts, chartText{X: tenth(x), Y: tenth(y), Anchor: anchor, Color: color, Text: s})
}

// level draws a line across the plot at value v, named at its right end.
func (pl *plot) level(v float64, dash, name string) {
	pl.line(chartGuide, 1, dash, pl.left, pl.y(v), pl.left+pl.width, pl.y(v))
	pl.text(pl.left+pl.width, pl.y(v)-3, "end", chartGuide, name)
}

// tiers draws a line across the plot at each tier, named at its left
// end, so that a name stays clear of the target's at the right.
func (pl *plot) tiers(ts []goal.Tier) {
	for _, t := range ts {
		y := pl.y(*t.Value)
		pl.line(chartGuide, 1, "1 3", pl.left, y, pl.left+pl.width, y)
		pl.text(pl.left+4, y-3, "start", chartGuide, t.Name)
	}
}

// path draws values at the days' positions, breaking where a value is
// null; dots marks each point.
func (pl *plot) path(days []int, values []*float64, color string, dots bool) {
	var seg []float64
	flush := func() {
		if len(seg) >= 4 {
			pl.line(color, 2.5, "", seg...)
		}
		seg = seg[:0]
	}
	for k, i := range days {
		v := values[k]
		if v == nil {
			flush()
			continue
		}
		x, y := pl.x(i), pl.y(*v)
		seg = append(seg, x, y)
		if dots || len(days) == 1 {
			pl.c.Dots = append(pl.c.Dots, chartDot{X: tenth(x), Y: tenth(y), R: 3, Color: color})
		}
	}
	flush()
}

// today marks the as-of day, day i of the period, and says so unless
// that would cover the dates at the ends.
func (pl *plot) today(i int) {
	x := pl.x(i)
	pl.line(chartLight, 1, "3 3", x, pl.top, x, pl.top+pl.height)
	if x-pl.left > 80 && pl.left+pl.width-x > 80 {
		pl.text(x, pl.top+pl.height+16, "middle", chartLabel, "today")
	}
}

// spanOf is the lowest and highest of the values and the others given
// (nil ones and a NaN left out); 0, 0 when there are none.
func spanOf(values []*float64, with float64, others ...*float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	add := func(v float64) {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	add(with)
	for _, v := range append(values, others...) {
		if v != nil {
			add(*v)
		}
	}
	if math.IsInf(lo, 1) {
		return 0, 0
	}
	return lo, hi
}

// roundSig rounds v to two significant figures, up or down (round is
// math.Ceil or math.Floor): the ends of an axis read 160, not 150.15.
func roundSig(v float64, round func(float64) float64) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	unit := math.Pow(10, math.Floor(math.Log10(math.Abs(v)))-1)
	return round(v/unit) * unit
}

// axisValue writes a value for an axis: short, in the metric's unit.
func axisValue(m metric.Metric, v float64) string {
	s := shortNumber(v)
	switch m.Unit {
	case metric.UnitPercent:
		return s + "%"
	case metric.UnitDays:
		return s + "d"
	}
	return s
}

// shortNumber writes v in at most four figures and a suffix: 1.2M, 48k,
// 38.2.
func shortNumber(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 1e9:
		return trimFloat(v/1e9) + "G"
	case a >= 1e6:
		return trimFloat(v/1e6) + "M"
	case a >= 1e4:
		return trimFloat(v/1e3) + "k"
	}
	return trimFloat(v)
}

// trimFloat writes v with at most one decimal, none when it is whole.
func trimFloat(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

// coord writes a coordinate to a tenth of a pixel.
func coord(v float64) string {
	return strconv.FormatFloat(tenth(v), 'f', -1, 64)
}

// tenth rounds a coordinate to a tenth of a pixel.
func tenth(v float64) float64 { return math.Round(v*10) / 10 }
