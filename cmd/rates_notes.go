package cmd

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm/row"
	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// The footnotes and --explain lines of money in several currencies
// (docs/metrics.md, "Several currencies").

// missingRates says why deals in other currencies were left out and what
// fixes it: the first day each currency lacked a rate, or that no rates
// were used at all.
func missingRates(cs []measure.CurrencyCount, noConvert bool) string {
	if noConvert {
		return "--no-convert leaves them out; without it, they are converted at the rates held ('salesgoal rates list')"
	}
	var lacking, none []string
	for _, c := range cs {
		if c.Missing.IsZero() {
			none = append(none, c.Currency)
			continue
		}
		lacking = append(lacking, fmt.Sprintf("%s from %s", c.Currency, metric.FormatDate(c.Missing)))
	}
	switch {
	case len(lacking) > 0:
		return fmt.Sprintf("no rate for %s: import rates on or before those days with 'salesgoal rates import FILE'", strings.Join(lacking, ", "))
	case len(none) > 0:
		return fmt.Sprintf("no %s rates are held: import them with 'salesgoal rates import FILE'", strings.Join(none, ", "))
	}
	return "import rates with 'salesgoal rates import FILE'"
}

// conversionLines are --explain's lines on the money converted: for each
// currency, the deals counted, the rates used and the total won.
func conversionLines(lo measure.LeftOut, currency string) []string {
	if len(lo.Converted) == 0 {
		return nil
	}
	lines := []string{fmt.Sprintf("Converted into %s at the rates held (rate policy %s):", currency, lo.Policy)}
	for _, c := range lo.Converted {
		rates := c.Low
		if c.High != c.Low {
			rates = c.Low + "–" + c.High
		}
		line := fmt.Sprintf("  %s: %s won, %s created; 1 %s = %s %s; won %s %s = %s %s; created %s %s = %s %s", c.Currency,
			countOf(c.Won, "deal", "deals"), countOf(c.Created, "deal", "deals"), c.Currency, rates, currency,
			row.FormatMoney(c.WonAmount), c.Currency, row.FormatMoney(c.WonInto), currency,
			row.FormatMoney(c.CreatedAmount), c.Currency, row.FormatMoney(c.CreatedInto), currency)
		if c.StaleWon+c.StaleCreated > 0 {
			line += fmt.Sprintf("; at a rate more than a week older than their day: %d won, %d created; the oldest rate used is of %s, for %s (%d days later): import newer %s rates with 'salesgoal rates import FILE'",
				c.StaleWon, c.StaleCreated, metric.FormatDate(c.Oldest), metric.FormatDate(c.For),
				int(c.For.Sub(c.Oldest).Hours()/24), c.Currency)
		}
		lines = append(lines, line)
	}
	return lines
}

// warnRates says, when the database's currency changes with rates held,
// how each other currency of the deals and rates now converts into the new
// one, at the last day rates are held for: the rates now used turned
// round, those used through a third currency, and the currencies left
// without a rate, whose deals money metrics leave out.
func warnRates(w io.Writer, routes map[string]string, on, currency string) {
	names := make([]string, 0, len(routes))
	for c := range routes {
		names = append(names, c)
	}
	slices.Sort(names)
	var inverted, through, missing []string
	for _, c := range names {
		switch r := routes[c]; {
		case r == "inverted":
			inverted = append(inverted, c)
		case strings.HasPrefix(r, "through "):
			through = append(through, c+" "+r)
		case r == "":
			missing = append(missing, c)
		}
	}
	if len(inverted) > 0 {
		tell(w, "note", "rates now used inverted: %s into %s is 1 divided by a rate as imported (as of %s)",
			strings.Join(inverted, ", "), currency, on)
	}
	if len(through) > 0 {
		tell(w, "note", "now converted into %s through a third currency's rates: %s", currency, strings.Join(through, ", "))
	}
	if len(missing) > 0 {
		tell(w, "warning", "no rate converts %s into %s (as of %s): money metrics leave their deals out; import date,currency,rate rates in %s with 'salesgoal rates import FILE'",
			strings.Join(missing, ", "), currency, on, currency)
	}
}
