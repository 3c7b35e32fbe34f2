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

// writeBoards writes the leaderboards in format f.
func writeBoards(w io.Writer, f format, d *reportData, st textStyle) error {
	boards := d.Leaderboards(d.by)
	switch f {
	case formatJSON:
		return writeJSON(w, boardsToJSON(d, boards))
	case formatCSV:
		return writeBoardsCSV(w, d, boards)
	}
	md := f == formatMarkdown
	title := fmt.Sprintf("Sales goals leaderboard by %s: %s", d.by, d.Period)
	if md {
		fmt.Fprintf(w, "# %s\n\n", markdownText(title))
		for _, l := range reportHeaderLines(d) {
			fmt.Fprintf(w, "- %s\n", markdownText(l))
		}
	} else {
		fmt.Fprintln(w, visible(title))
		for _, l := range reportHeaderLines(d) {
			fmt.Fprintln(w, visible(l))
		}
	}
	if len(boards) == 0 {
		fmt.Fprintf(w, "\nNo goals set for one %s in this period: set them with 'salesgoal goal add --each %s'.\n", d.by, d.by)
		return nil
	}
	for _, b := range boards {
		what := fmt.Sprintf(", %s (%s)", b.Period.Label, b.Metric.ID)
		if md {
			fmt.Fprintf(w, "\n## %s\n\n", markdownText(categoryTitles[b.Category]+what))
		} else {
			fmt.Fprintf(w, "\n%s\n", visible(strings.ToUpper(categoryTitles[b.Category])+what))
		}
		tiers := false
		for _, r := range b.Rows {
			tiers = tiers || len(r.Tiers) > 0
		}
		header := []string{"Rank", strings.ToUpper(string(d.by[:1])) + string(d.by[1:]), "Goal", "Target", "Actual", "Progress", "Status"}
		if tiers {
			header = append(header, "Tiers")
		}
		ranks := boardRank(b)
		rows := make([][]string, len(b.Rows))
		for i, r := range b.Rows {
			rows[i] = []string{rankText(ranks[i]), r.Goal.Scope.Value, idString(r.Goal.ID) + " " + r.Goal.Name,
				formatMetric(r.Metric, r.Goal.TargetValue), formatMetric(r.Metric, r.Actual), progressCell(r, st.bars), statusCell(r)}
			if tiers {
				rows[i] = append(rows[i], r.TierStatus())
			}
		}
		tf := formatTable
		if md {
			tf = formatMarkdown
		}
		if err := writeTable(w, tf, header, rows, colorStatus(st.color)); err != nil {
			return err
		}
	}
	return nil
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
