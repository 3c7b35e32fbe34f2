package cmd

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// The footnotes of `metrics`: what was not measured and why, what is low
// sample, and what other currencies and undated deals left out.

// lowSampleMark follows a value in a table that rests on fewer than 10
// deals or customers.
const lowSampleMark = " *"

// metricsNotes are the footnotes: the metrics the data cannot measure and
// why, the values marked low sample (as format f marks them:
// lowSampleWords), deals and spend in other currencies left out of the
// money metrics, and with --explain the open deals without a created
// date, which no period counts.
func metricsNotes(res *measure.Metrics, f format, explain bool) []string {
	var other int64
	var all metric.Aggregates
	for _, r := range res.Rows {
		other += r.Aggregates.OtherCurrency
		all.Add(&r.Aggregates)
	}
	notes := append(unmeasuredNotes(res.Rows), valueNotes(res.Rows)...)
	if n := noGroupNote(res); n != "" {
		notes = append(notes, n)
	}
	if lowSampleIn(res.Rows) {
		notes = append(notes, lowSampleWords(f, res.By))
	}
	if other > 0 {
		// Name only the money metrics that did leave a deal out (a deal
		// won in the period but created before it changes revenue, not
		// pipeline), each with how many it left out when they differ.
		var hit []string
		var counts []int64
		for _, m := range shownMetrics(res) {
			var n int64
			for _, r := range res.Rows {
				if v, ok := valueOf(r, m.ID); ok && v.Reason == "" { // not measured: left out of nothing
					n += m.OtherCurrency(r.Aggregates)
				}
			}
			if n > 0 {
				hit = append(hit, m.ID)
				counts = append(counts, n)
			}
		}
		if len(hit) > 0 { // none when no money metric is shown
			note := leftOutOf(hit, counts, res.Currency) + ": " + missingRates(res.LeftOut.OtherCurrencies, !res.LeftOut.Converting)
			if cur := res.LeftOut.AllIn(all); cur != "" {
				note += fmt.Sprintf("; every deal of the period is in another currency: if your money is in %s, run 'salesgoal config set currency %s'", cur, cur)
			}
			notes = append(notes, note)
		}
	}
	if n := res.LeftOut.OtherCurrencySpend; n > 0 {
		notes = append(notes, fmt.Sprintf("%s in other currencies than %s left out of spend and cac",
			countOf(n, "spend row", "spend rows"), res.Currency))
	}
	if explain && res.LeftOut.UndatedOpen > 0 {
		notes = append(notes, fmt.Sprintf("%s without a created date counted in no period (new-deals, pipeline-value)",
			countOf(res.LeftOut.UndatedOpen, "open deal", "open deals")))
	}
	return notes
}

// lowSampleWords is the footnote on low-sample values, as format f
// marks them: * in a table; CSV has no marks, but its low-sample column,
// or, with --by, nothing at all (JSON marks them).
func lowSampleWords(f format, by measure.GroupBy) string {
	const rest = " rest on fewer than %d deals or customers: low sample, one more or less moves them a lot"
	switch {
	case f != formatCSV:
		return fmt.Sprintf("values marked *"+rest, metric.LowSampleBelow)
	case by == "":
		return fmt.Sprintf("values whose low-sample column is true"+rest, metric.LowSampleBelow)
	}
	return fmt.Sprintf("some values"+rest+" (--format json says which)", metric.LowSampleBelow)
}

// leftOutOf says how many deals in other currencies than cur each of the
// metrics ids left out (counts, in order): "3 deals in other currencies
// than USD left out of pipeline-value, revenue" when they left out as
// many, else "deals in other currencies than USD left out: 3 of
// pipeline-value; 1 of revenue, avg-deal-size".
func leftOutOf(ids []string, counts []int64, cur string) string {
	if !slices.ContainsFunc(counts, func(n int64) bool { return n != counts[0] }) {
		return fmt.Sprintf("%s in other currencies than %s left out of %s", countOf(counts[0], "deal", "deals"), cur, strings.Join(ids, ", "))
	}
	var parts []string
	for i := 0; i < len(ids); {
		j := i + 1
		for j < len(ids) && counts[j] == counts[i] {
			j++
		}
		parts = append(parts, fmt.Sprintf("%d of %s", counts[i], strings.Join(ids[i:j], ", ")))
		i = j
	}
	return fmt.Sprintf("deals in other currencies than %s left out: %s", cur, strings.Join(parts, "; "))
}

// unmeasuredNotes say, once per reason, which metrics the data cannot
// measure and why: "cac, spend are not measured: no spend was imported:
// import a spend file (date, amount, channel)".
func unmeasuredNotes(rows []measure.Row) []string {
	var reasons []string
	ids := map[string][]string{}
	for _, r := range rows {
		for _, v := range r.Values {
			if v.Reason == "" || slices.Contains(ids[v.Reason], v.Metric.ID) {
				continue
			}
			if ids[v.Reason] == nil {
				reasons = append(reasons, v.Reason)
			}
			ids[v.Reason] = append(ids[v.Reason], v.Metric.ID)
		}
	}
	var notes []string
	for _, reason := range reasons {
		verb := " are"
		if len(ids[reason]) == 1 {
			verb = " is"
		}
		notes = append(notes, strings.Join(ids[reason], ", ")+verb+" not measured: "+reason)
	}
	return notes
}

// valueNotes say, once per note, which measured values rest on a rule
// the data could not decide otherwise: "expansion-revenue,
// expansion-deals: no imported deals file carried a deal type, …".
func valueNotes(rows []measure.Row) []string {
	var notes []string
	ids := map[string][]string{}
	for _, r := range rows {
		for _, v := range r.Values {
			if v.Note == "" || v.Reason != "" || slices.Contains(ids[v.Note], v.Metric.ID) {
				continue
			}
			if ids[v.Note] == nil {
				notes = append(notes, v.Note)
			}
			ids[v.Note] = append(ids[v.Note], v.Metric.ID)
		}
	}
	for i, n := range notes {
		notes[i] = strings.Join(ids[n], ", ") + ": " + n
	}
	return notes
}

// noGroupNote explains, with --by owner or team, the row of what has no
// owner (team), "(no owner)", and what it holds: it stays, so that the
// groups add up to the company (docs/metrics.md, "Grouping").
func noGroupNote(res *measure.Metrics) string {
	if res.By != measure.ByOwner && res.By != measure.ByTeam {
		return ""
	}
	for _, r := range res.Rows {
		if r.Group != "" {
			continue
		}
		a, by := r.Aggregates, string(res.By)
		if v, ok := valueOf(r, "retention-rate"); !ok || v.Reason != "" {
			a.CustomersStart, a.Reactivated = 0, 0 // no retention shown: the cohort would puzzle
		}
		var parts []string
		for _, c := range []struct {
			n         int64
			one, many string
		}{
			{a.Won, "deal won", "deals won"}, {a.Lost, "deal lost", "deals lost"},
			{a.NewDeals, "deal created", "deals created"},
			{a.CustomersStart, "customer active at the start", "customers active at the start"},
			{a.NewCustomers, "new customer", "new customers"},
			{a.Reactivated, "customer back", "customers back"},
		} {
			if c.n > 0 {
				parts = append(parts, countOf(c.n, c.one, c.many))
			}
		}
		held := ""
		if len(parts) > 0 {
			held = " (" + strings.Join(parts, ", ") + ")"
		}
		return fmt.Sprintf("(no %s) holds the deals and customers the data gives no %s%s, so that the %ss add up to the company; "+
			"a customer counts under its own %s, not its deals': import its file with the %s column", by, by, held, by, by, by)
	}
	return ""
}

// lowSampleIn reports whether any value of rows is low sample.
func lowSampleIn(rows []measure.Row) bool {
	for _, r := range rows {
		for _, v := range r.Values {
			if v.LowSample() {
				return true
			}
		}
	}
	return false
}

func countOf(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.FormatInt(n, 10) + " " + many
}

// shownMetrics are the metrics whose values the rows of res hold, in
// catalogue order.
func shownMetrics(res *measure.Metrics) []metric.Metric {
	var out []metric.Metric
	for _, m := range metric.Metrics() {
		for _, r := range res.Rows {
			if _, ok := valueOf(r, m.ID); ok {
				out = append(out, m)
				break
			}
		}
	}
	return out
}

// valueOf is the value of metric id in row r, if r holds it.
func valueOf(r measure.Row, id string) (metric.Value, bool) {
	for _, v := range r.Values {
		if v.Metric.ID == id {
			return v, true
		}
	}
	return metric.Value{}, false
}
