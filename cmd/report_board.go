package cmd

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// report --by owner|team: a leaderboard of the goals set for each owner
// (or team), one per metric and period, the best attainment first
// (measure.Report.Leaderboards).

// boardRank is the rank of each row of a board, ties sharing one ("1, 2,
// 2, 4"); 0 for a goal with nothing to rank by.
func boardRank(b measure.Board) []int {
	ranks := make([]int, len(b.Rows))
	for i, r := range b.Rows {
		v, ok := measure.Attainment(r)
		if !ok {
			continue
		}
		ranks[i] = i + 1
		if i > 0 {
			if pv, pok := measure.Attainment(b.Rows[i-1]); pok && pv == v {
				ranks[i] = ranks[i-1]
			}
		}
	}
	return ranks
}

func rankText(r int) string {
	if r == 0 {
		return "—"
	}
	return strconv.Itoa(r)
}

// writeBoards writes the leaderboards in format f: on a terminal one
// line per goal that fits its width (the rank, the owner or team, the
// actual, the target, a bar and the status), with every detail in
// Markdown and with --wide.
func writeBoards(w io.Writer, f format, d *reportData, st textStyle) error {
	boards := d.Leaderboards(d.by)
	switch f {
	case formatJSON:
		return writeJSON(w, boardsToJSON(d, boards))
	case formatCSV:
		return writeBoardsCSV(w, d, boards)
	}
	md := f == formatMarkdown
	p := textPage{w: w, md: md, width: st.width}
	title := fmt.Sprintf("Sales goals leaderboard by %s: %s", d.by, d.Period)
	if md {
		fmt.Fprintf(w, "# %s\n\n", markdownText(title))
		for _, l := range reportHeaderLines(d) {
			p.item(l)
		}
	} else {
		p.line(title, 2)
		for _, l := range reportHeaderLines(d) {
			p.line(l, 2)
		}
	}
	if len(boards) == 0 {
		fmt.Fprintln(w)
		p.line(fmt.Sprintf("No goals set for one %s in this period: set them with 'salesgoal goal add --each %s'.", d.by, d.by), 2)
		return nil
	}
	// --wide on a terminal too narrow for it says so, and ranks one line
	// per goal, as the report without --by does (docs/goals.md).
	narrow := st.narrowWide(p, md, func() int { return wideBoardsNeed(boards, d.by, st.bars) })
	lowSample := false
	for _, b := range boards {
		what := fmt.Sprintf(", %s (%s)", b.Period.Label, b.Metric.ID)
		if md {
			fmt.Fprintf(w, "\n## %s\n\n", markdownText(categoryTitles[b.Category]+what))
		} else {
			fmt.Fprintln(w)
			p.line(strings.ToUpper(categoryTitles[b.Category])+what, 2)
		}
		var err error
		if md || st.wide {
			err = writeWideBoard(p, d, b, st)
		} else {
			err = writeCompactBoard(p, d, b, st)
		}
		if err != nil {
			return err
		}
		for _, r := range b.Rows {
			lowSample = lowSample || r.LowSample
		}
	}
	if !md && !st.wide {
		fmt.Fprintln(w)
		if lowSample {
			lowSampleNote(p)
		}
		moreOnEachGoal(p, "salesgoal report --by "+string(d.by)+" --wide", narrow)
	}
	return nil
}

// byHeader is the heading of the column of owners or teams.
func byHeader(by metric.Level) string {
	return strings.ToUpper(string(by[:1])) + string(by[1:])
}

// writeCompactBoard writes a leaderboard one line per goal, the owner's
// (team's) name giving way to fit the terminal, the bars growing shorter,
// then going, on a narrow one; under it, which tier each goal with tiers
// reaches.
func writeCompactBoard(p textPage, d *reportData, b measure.Board, st textStyle) error {
	header := []string{"Rank", byHeader(d.by), "Actual", "Target", "Progress", "Status"}
	ranks := boardRank(b)
	rows := withBars(header, st, 1, func(cells int) [][]string {
		rows := make([][]string, len(b.Rows))
		for i, r := range b.Rows {
			rows[i] = []string{rankText(ranks[i]), r.Goal.Scope.Value, compactActual(r), formatMetric(r.Metric, r.Goal.TargetValue),
				compactProgress(r, cells), statusText(r.Progress.Status)}
		}
		return rows
	})
	if err := writeTable(p.w, formatTable, header, rows, fitWidth(st.width, cut(1, minNameWidth)), colorStatus(st.color)); err != nil {
		return err
	}
	writeTierNotes(p, b.Rows)
	return nil
}

// writeWideBoard writes a leaderboard with every detail: each goal's id
// and name, and the tier it reaches when a goal has tiers. On a terminal,
// one line per goal, only the names giving way, down to minGoalWidth:
// writeBoards draws it only where that fits (wideBoardsNeed); in Markdown
// whole.
func writeWideBoard(p textPage, d *reportData, b measure.Board, st textStyle) error {
	header, rows := wideBoardRows(b, d.by, st.bars)
	if p.md {
		fits := []columnFit{wrap(1, 10), wrap(2, minGoalWidth), wrap(5, 12), wrap(6, 12)}
		if len(header) > 7 {
			fits = append(fits, wrap(7, 12))
		}
		return writeTable(p.w, formatMarkdown, header, rows, fitWidth(st.width, fits...), colorStatus(st.color))
	}
	return writeTable(p.w, formatTable, header, rows, fitWidth(st.width, cut(2, minGoalWidth)), colorStatus(st.color))
}

// wideBoardRows is a leaderboard's columns and cells with every detail.
func wideBoardRows(b measure.Board, by metric.Level, bars bool) ([]string, [][]string) {
	tiers := false
	for _, r := range b.Rows {
		tiers = tiers || len(r.Tiers) > 0
	}
	header := []string{"Rank", byHeader(by), "Goal", "Target", "Actual", "Progress", "Status"}
	if tiers {
		header = append(header, "Tiers")
	}
	ranks := boardRank(b)
	rows := make([][]string, len(b.Rows))
	for i, r := range b.Rows {
		rows[i] = []string{rankText(ranks[i]), r.Goal.Scope.Value, idString(r.Goal.ID) + " " + r.Goal.Name,
			formatMetric(r.Metric, r.Goal.TargetValue), formatMetric(r.Metric, r.Actual), progressCell(r, bars), statusCell(r)}
		if tiers {
			rows[i] = append(rows[i], r.TierStatus())
		}
	}
	return header, rows
}

// wideBoardsNeed is how many columns the leaderboards with every detail
// need, one line per goal, names cut to minGoalWidth: the widest board's.
func wideBoardsNeed(boards []measure.Board, by metric.Level, bars bool) int {
	need := 0
	for _, b := range boards {
		header, rows := wideBoardRows(b, by, bars)
		need = max(need, tableNeeds(header, rows, 2, minGoalWidth))
	}
	return need
}

type boardsJSON struct {
	Period       periodJSON  `json:"period"`
	AsOf         string      `json:"as-of"`
	Elapsed      float64     `json:"elapsed"`
	By           string      `json:"by"`
	Leaderboards []boardJSON `json:"leaderboards"`
}

type boardJSON struct {
	Category string         `json:"category"`
	Metric   string         `json:"metric"`
	Unit     string         `json:"unit"`
	Period   periodJSON     `json:"period"`
	Rows     []boardRowJSON `json:"rows"`
}

type boardRowJSON struct {
	Rank  *int      `json:"rank"`
	Scope scopeJSON `json:"scope"`
	attainmentJSON
}

func boardsToJSON(d *reportData, boards []measure.Board) boardsJSON {
	js := boardsJSON{Period: toPeriodJSON(d.Period), AsOf: metric.FormatDate(d.AsOf), Elapsed: d.Elapsed, By: string(d.by),
		Leaderboards: []boardJSON{}}
	for _, b := range boards {
		bj := boardJSON{Category: b.Category, Metric: b.Metric.ID, Unit: string(b.Metric.Unit), Period: toPeriodJSON(b.Period), Rows: []boardRowJSON{}}
		ranks := boardRank(b)
		for i, r := range b.Rows {
			row := boardRowJSON{Scope: toScopeJSON(r.Goal.Scope), attainmentJSON: toAttainmentJSON(r)}
			if ranks[i] > 0 {
				row.Rank = &ranks[i]
			}
			bj.Rows = append(bj.Rows, row)
		}
		js.Leaderboards = append(js.Leaderboards, bj)
	}
	return js
}

// writeBoardsCSV writes the leaderboards as one flat table, one row per
// goal.
func writeBoardsCSV(w io.Writer, d *reportData, boards []measure.Board) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"period", "as-of", "by", "category", "metric", "unit", "goal-period", "rank", "scope",
		"goal-id", "goal", "target", "actual", "progress", "used", "status", "tier-status"}); err != nil {
		return err
	}
	for _, b := range boards {
		ranks := boardRank(b)
		for i, r := range b.Rows {
			rank := ""
			if ranks[i] > 0 {
				rank = strconv.Itoa(ranks[i])
			}
			row := []string{d.Period.Label, metric.FormatDate(d.AsOf), string(d.by), b.Category, b.Metric.ID, string(b.Metric.Unit),
				b.Period.Label, rank, r.Goal.Scope.Value, strconv.FormatInt(r.Goal.ID, 10), r.Goal.Name,
				reportNumber(reportCents(r.Metric, r.Goal.TargetValue)), reportNumber(reportCents(r.Metric, r.Actual)),
				reportNumber(r.Progress.Progress), reportNumber(r.Progress.Used), string(r.Progress.Status), r.TierStatus()}
			if err := cw.Write(reportCSVRow(row)); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
