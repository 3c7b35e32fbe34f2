package cmd

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// The HTML report (report --format html): one self-contained page to read
// in a browser or a mail client and to print on A4. Styles are inline and
// the layout is tables, which mail clients keep; the charts are inline
// SVG; there is no script and nothing is fetched from anywhere. Every
// text that came from the data goes through html/template, after the
// visible escapes of a terminal (visible), so that neither markup nor a
// control character from a file can reach the page.

//go:embed report.html
var reportHTMLText string

var reportHTML = template.Must(template.New("report").Parse(reportHTMLText))

// htmlReport is what the page shows.
type htmlReport struct {
	Title, Dates, AsOf string
	Lines              []string // where the data comes from, currencies
	Summary            []htmlCount
	Total              int
	Since              string // "" without --since
	Changes            []htmlChange
	Sections           []htmlSection
}

// htmlStatus is a status with its symbol and colours.
type htmlStatus struct {
	Symbol, Name string
	Color, Tint  template.CSS
}

type htmlCount struct {
	Status htmlStatus
	N      int
}

type htmlChange struct {
	Name     string
	From, To htmlStatus
}

type htmlSection struct {
	Title, Line, Reason string
	Trend               *chart
	Goals               []htmlGoal
}

type htmlGoal struct {
	Name, About string
	// Indent is how far right the goal stands, in pixels: beneath the
	// goal it serves (its name marked └), one step for each level.
	Indent  int
	Status  htmlStatus
	Chart   *chart
	NoChart string // why there is no chart
	Facts   []htmlFact
	Notes   []string
}

type htmlFact struct{ Label, Value string }

// writeReportHTML writes the report as one HTML page.
func writeReportHTML(w io.Writer, d *reportData) error {
	r := htmlReport{
		Title: visible("Sales goals report: " + d.Period.Label),
		Dates: metric.FormatDate(d.Period.Start) + " to " + metric.FormatDate(d.Period.End),
		AsOf: fmt.Sprintf("As of %s: %d of %d days elapsed (%s)", metric.FormatDate(d.AsOf),
			d.Period.ElapsedDays(d.AsOf), d.Period.Days(), reportPercent(d.Elapsed)),
	}
	if d.Scope.Level != metric.Company && d.Scope.Level != "" {
		r.Title += ", " + visible(d.Scope.String())
	}
	for _, l := range reportHeaderLines(d)[1:] {
		r.Lines = append(r.Lines, visible(l))
	}
	for _, c := range d.Summary() {
		if c.N > 0 {
			r.Summary = append(r.Summary, htmlCount{Status: htmlStatusOf(c.Status), N: c.N})
			r.Total += c.N
		}
	}
	if !d.since.IsZero() {
		r.Since = metric.FormatDate(d.since)
		for _, c := range d.changes {
			r.Changes = append(r.Changes, htmlChange{Name: visible(idString(c.Goal.ID) + " " + c.Goal.Name),
				From: htmlStatusOf(c.From), To: htmlStatusOf(c.To)})
		}
	}
	for _, s := range d.Sections {
		hs := htmlSection{
			Title: categoryTitles[s.Category],
			Line: fmt.Sprintf("%s %s (%s: %s)", s.Metric.ID, formatMetric(s.Metric, s.Value.Number()),
				s.PreviousPeriod.Label, formatMetric(s.Metric, s.Previous.Number())),
			Trend: trendChart(s),
		}
		hs.Reason = sectionNote(s)
		for _, g := range s.Goals {
			hg := htmlGoalOf(d, g)
			for _, r := range s.RollUps {
				if r.Parent == g.Goal.ID {
					hg.Notes = append(hg.Notes, visible(capitalised(rollUpNote(s, r))))
				}
			}
			hs.Goals = append(hs.Goals, hg)
		}
		r.Sections = append(r.Sections, hs)
	}
	return reportHTML.Execute(w, r)
}

func htmlStatusOf(s metric.Status) htmlStatus {
	l := lookOf(s)
	return htmlStatus{Symbol: l.symbol, Name: string(s), Color: template.CSS(l.html), Tint: template.CSS(l.tint)}
}

// htmlIndent is how far a goal beneath the goal it serves stands right
// of it, in pixels.
const htmlIndent = 24

// htmlGoalOf is one goal: its chart, and beside it its numbers and the
// notes the terminal's --wide has.
func htmlGoalOf(d *reportData, t measure.Tracked) htmlGoal {
	g := t.Goal
	hg := htmlGoal{
		Name:   visible(indent(t.Depth) + idString(g.ID) + " " + g.Name),
		Indent: htmlIndent * t.Depth,
		About:  visible(fmt.Sprintf("%s · %s · %s", t.Metric.ID, reportScope(g.Scope), g.Period.String())),
		Status: htmlStatusOf(t.Progress.Status),
		Chart:  goalChart(t, d.paths[g.ID], d.AsOf),
	}
	if hg.Chart == nil {
		hg.NoChart = "Starts on " + metric.FormatDate(g.Period.Start) + ": nothing to draw yet."
	}
	actual := formatMetric(t.Metric, t.Actual)
	if t.LowSample {
		actual += " (low sample)"
	}
	progress := "Progress"
	switch t.Metric.Kind() {
	case metric.KindCap:
		progress = "Used"
	case metric.KindRetention:
		progress = "Lost"
	}
	hg.Facts = []htmlFact{
		{"Actual", actual},
		{"Target", formatMetric(t.Metric, g.TargetValue)},
		{progress, progressCell(t, false)},
		{"Run rate", formatMetric(t.Metric, t.Progress.Forecast)},
		{"Baseline", formatMetric(t.Metric, g.Baseline.Value) + " (" + g.Baseline.Period.Label + ")"},
	}
	for i, f := range hg.Facts {
		hg.Facts[i].Value = visible(f.Value)
	}
	for _, n := range goalNotes(t) {
		hg.Notes = append(hg.Notes, visible(capitalised(n)))
	}
	return hg
}

// capitalised is a note as a sentence of its own: its first letter a
// capital.
func capitalised(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// trendChart draws a category's trend as eight bars, the lowest value the
// shortest, a gap for a period without a value (sparkline's scale).
func trendChart(s measure.Section) *chart {
	c := &chart{W: 8 * 9, H: 22, Label: s.Metric.ID + " over the last " + fmt.Sprint(len(s.Trend)) + " periods"}
	spark := []rune(sparkline(s.Trend))
	for i, r := range spark {
		level := slices.Index(sparkLevels, r)
		if level < 0 {
			continue // a gap
		}
		x := float64(i*9) + 4
		top := 21 - float64(level+1)*20/float64(len(sparkLevels))
		color := "#8C8C8C"
		if i == len(spark)-1 {
			color = "#0072B2" // the report's own period
		}
		c.Lines = append(c.Lines, chartLine{Points: coord(x) + ",21 " + coord(x) + "," + coord(top), Color: color, Width: 7})
	}
	return c
}
