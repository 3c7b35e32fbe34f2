package cmd

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm"
	"github.com/salesgoal/salesgoal/internal/crm/row"
	"github.com/salesgoal/salesgoal/internal/importer"
	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

// writeUnderstood writes the "what I understood" lines of a file: kind and
// CRM, how the bytes were read, the column mapping, the date order and its
// evidence, the stage counts and the value won; then ignored columns and
// warnings.
func writeUnderstood(w io.Writer, r importer.Result, complete bool) {
	if r.Kind == "" {
		return
	}
	parts := []string{string(r.Kind)}
	if r.Preset != "" {
		parts[0] += " (" + r.Preset + " export)"
	}
	if sh := describeShape(r.Shape); sh != "" {
		parts = append(parts, sh)
	}
	cols := make([]string, len(r.Columns))
	dates, amount := false, false
	for i, c := range r.Columns {
		amount = amount || c.Field == "amount"
		switch {
		case c.Const:
			cols[i] = c.Field + "=" + c.Value + " (--set)"
		case c.Built:
			cols[i] = c.Field + "←" + c.Header + " (--id-from)"
		default:
			cols[i] = c.Field + "←" + strings.Join(append([]string{c.Header}, c.Else...), " or ")
		}
		dates = dates || strings.HasSuffix(c.Field, "_at") || c.Field == "date"
	}
	parts = append(parts, "columns "+strings.Join(cols, ", "))
	note := r.DateNote
	if r.DateOrderGiven {
		note = "given with --date-format"
	}
	switch {
	case !complete:
	case r.DateOrder == crm.DateDMY:
		parts = append(parts, "dates day first ("+note+")")
	case r.DateOrder == crm.DateMDY:
		parts = append(parts, "dates month first ("+note+")")
	case len(r.DatePatterns) > 0:
		var ps []string
		for _, p := range r.DatePatterns {
			first := "day first"
			if p.Order == crm.DateMDY {
				first = "month first"
			}
			ps = append(ps, fmt.Sprintf("%s %s (%s)", p.Pattern, first, p.Note))
		}
		parts = append(parts, "dates "+strings.Join(ps, ", "))
	case dates:
		parts = append(parts, "dates ISO")
	}
	if r.Kind == row.KindDeals && complete {
		parts = append(parts, stageCounts(r, amount)...)
	}
	sayf(w, "%s: %s\n", r.File, strings.Join(parts, "; "))
	if len(r.Ignored) > 0 {
		sayf(w, "%s: ignored columns: %s\n", r.File, strings.Join(r.Ignored, ", "))
	}
	if l := openLabels(r.OpenLabels); l != "" && complete {
		sayf(w, "%s: read as open: %s\n", r.File, l)
	}
	if l := openLabels(r.Unusual.UnknownTypes); l != "" && complete {
		sayf(w, "%s: types read as empty: %s (say what they mean with --type %s)\n", r.File, l,
			shellQuote(byCount(r.Unusual.UnknownTypes)[0]+"=new|upsell|cross-sell|renewal"))
	}
	if complete {
		writeStageDoubt(w, r.File, r.StageDoubt())
		for _, warn := range unusualWarnings(r.Unusual) {
			tell(w, "warning", "%s: %s", r.File, warn)
		}
	}
	for _, warn := range r.Warnings {
		tell(w, "warning", "%s: %s", r.File, warningText(warn))
	}
}

// describeShape says how a file's bytes were read, when that is not the
// plain UTF-8, comma-separated, decimal-point default.
func describeShape(s crm.Shape) string {
	var out []string
	if s.Encoding == crm.EncodingWindows1252 {
		out = append(out, "read as Windows-1252")
	}
	switch s.Delimiter {
	case ';':
		out = append(out, "';' delimited")
	case '\t':
		out = append(out, "tab delimited")
	}
	if s.DecimalComma {
		out = append(out, "decimal comma")
	}
	return strings.Join(out, ", ")
}

// wonValue writes the sum of the won deals per currency: "10,005,534.00
// USD", "1,200.00 EUR + 300.00 USD"; "" when nothing was won.
func wonValue(m map[string]int64) string {
	var out []string
	for _, cur := range slices.Sorted(maps.Keys(m)) {
		v := m[cur]
		sign := ""
		if v < 0 {
			sign, v = "-", -v
		}
		out = append(out, metric.Thousands(fmt.Sprintf("%s%d.%02d", sign, v/100, v%100))+" "+cur)
	}
	return strings.Join(out, " + ")
}

// withRowHints adds to the error of a refused file the hints its problems
// call for: repeated ids, and dates whose order is unknown.
func withRowHints(err error, r importer.Result) error {
	dup, order := false, false
	for _, p := range r.Problems {
		dup = dup || errors.Is(p, crm.ErrDuplicate)
		order = order || errors.Is(p, crm.ErrDateOrderUnknown)
	}
	if order {
		err = withHint(err, "say how the dates are written: --date-format dmy (31/01/2027) or --date-format mdy (01/31/2027)")
	}
	if !dup {
		return err
	}
	churn := false
	for _, c := range r.Columns {
		churn = churn || c.Field == "churned_at"
	}
	switch {
	case r.Kind == row.KindCustomers && churn:
		return withHint(err, "a customers file has one line per customer, and this one names some customers on more than one line "+
			"(a customer that churned, came back and churned again): a file with one line per churn is a churn-events file, "+
			"import it with --kind churn-events")
	case r.Kind == row.KindChurnEvents:
		return withHint(err, "a churn-events file has one line per churn (or return) of a customer on a day: remove the repeated lines, "+
			"or pass --skip-invalid to import the others")
	case r.Kind == row.KindCustomers:
		return withHint(err, "a customers file has one line per customer: a file that repeats them (subscriptions, orders, events) is none of the kinds salesgoal imports; "+
			"keep one line per customer, or pass --kind if this is a deals or spend file")
	}
	for _, c := range r.Columns {
		if c.Built {
			return withHint(err, "the columns of --id-from do not tell these deals apart: add a column to --id-from (a date, a customer) or remove the repeated rows")
		}
	}
	return withHint(err, "each id (for spend: each date and channel) may appear on one line only: remove or merge the repeated rows")
}

// writeProblems lists the first problems of a file and how many more there are.
func writeProblems(w io.Writer, label string, r importer.Result) {
	for _, p := range r.Problems {
		tell(w, label, "%s", problemText(p))
	}
	if more := r.ProblemCount - len(r.Problems); more > 0 {
		tell(w, label, "… and %d more %s", more, plural(more, "problem", "problems"))
	}
}

// writeSummary writes the counts of an imported file.
func writeSummary(w io.Writer, r importer.Result) {
	tail := ""
	if r.Replacing {
		tail = fmt.Sprintf(", %d deleted (deals an earlier file of these columns listed and this one no longer does)", r.Deleted)
	}
	if r.DryRun {
		tail += " (dry run: nothing written)"
	}
	sayf(w, "%s: %d inserted, %d updated, %d unchanged, %d skipped%s\n", r.File, r.Inserted, r.Updated, r.Unchanged, r.Skipped, tail)
	if r.OpenWithoutCreated > 0 {
		sayf(w, "%s: %d open %s without a created date: kept, but counted in no period\n",
			r.File, r.OpenWithoutCreated, plural(int(r.OpenWithoutCreated), "deal", "deals"))
	}
	if r.ImplicitCustomers > 0 {
		by := "deals"
		if r.Kind == row.KindChurnEvents || r.Kind == row.KindSubscriptions {
			by = string(r.Kind)
		}
		sayf(w, "%s: %d %s named by %s added (import a customers file to give their details)\n",
			r.File, r.ImplicitCustomers, plural(int(r.ImplicitCustomers), "customer", "customers"), by)
	}
	if l := r.Lifecycles; l != (store.Lifecycles{}) {
		sayf(w, "%s: customers' active intervals: %d opened, %d closed; %d %s (a customer back after it had left)\n",
			r.File, l.Opened, l.Closed, l.Reactivations, plural(int(l.Reactivations), "reactivation", "reactivations"))
	}
}

// writeCurrency says what a deals import did about the database's
// currency: that the database took the file's, the first money it holds;
// or, when no deal of the file is in the database's currency, that money
// metrics will leave them all out, and the setting that fixes it.
func writeCurrency(w io.Writer, r importer.Result) {
	if r.Kind != row.KindDeals {
		return
	}
	if c := r.AdoptedCurrency; c != "" {
		verb := "now counts"
		if r.DryRun {
			verb = "would count"
		}
		fmt.Fprintf(w, "%s: every deal is in %s and the database held no money yet: salesgoal %s money in %s (salesgoal config set currency changes it)\n",
			r.File, c, verb, c)
		return
	}
	if len(r.Currencies) == 0 || r.Currencies[r.DBCurrency] > 0 {
		return
	}
	c := byCount(r.Currencies)[0]
	tell(w, "warning", "%s: no deal is in %s, the database's currency, so money metrics leave them all out: if your money is in %s, run 'salesgoal config set currency %s'",
		r.File, r.DBCurrency, c, c)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// openLabels lists the stage labels read as open, most deals first, so
// that a label the rules did not know shows up at a glance: "Engaging
// 1589, Prospecting 500". Empty when the labels say only "open".
func openLabels(counts map[string]int64) string {
	labels := byCount(counts)
	if len(labels) == 0 || (len(labels) == 1 && strings.EqualFold(labels[0], row.StageOpen)) {
		return ""
	}
	var parts []string
	for i, l := range labels {
		if i == 5 {
			parts = append(parts, fmt.Sprintf("%d more", len(labels)-5))
			break
		}
		parts = append(parts, fmt.Sprintf("%s %d", l, counts[l]))
	}
	return strings.Join(parts, ", ")
}

// byCount returns the keys of counts, largest count first, then by name.
func byCount(counts map[string]int64) []string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys
}
