package cmd

import (
	"github.com/salesgoal/salesgoal/metric"
)

// The JSON shapes of `metrics` (docs/architecture.md): one list of
// metrics, or with --by one per group. Lists are [] when empty, never null.
type (
	metricsJSON struct {
		Period periodJSON `json:"period"`
		AsOf   string     `json:"as-of"`
		Scope  scopeJSON  `json:"scope"`
		// Currency is the database's: the unit of every "currency" value.
		Currency string       `json:"currency"`
		Metrics  []metricJSON `json:"metrics"`
		// Only with --explain, when money in other currencies was
		// converted: what, from each (docs/metrics.md).
		Converted []convertedJSON `json:"converted,omitempty"`
	}
	convertedJSON struct {
		Currency string   `json:"currency"`
		Policy   string   `json:"rate-policy"`
		Won      int64    `json:"won"`
		Created  int64    `json:"created"`
		Rates    []string `json:"rates"` // lowest and highest used, as decimals
		// The amount won in the currency and converted, in major units.
		WonAmount     float64 `json:"won-amount"`
		WonInto       float64 `json:"won-converted"`
		CreatedAmount float64 `json:"created-amount"`
		CreatedInto   float64 `json:"created-converted"`
		// Only when some deals were converted at a rate quoted more than
		// a week before their day: how many won and created, the oldest
		// such rate's day and the day it served.
		StaleWon      int64  `json:"stale-won,omitempty"`
		StaleCreated  int64  `json:"stale-created,omitempty"`
		OldestRate    string `json:"oldest-rate,omitempty"`
		OldestRateFor string `json:"oldest-rate-for,omitempty"`
	}
	metricsByJSON struct {
		Period periodJSON `json:"period"`
		AsOf   string     `json:"as-of"`
		Scope  scopeJSON  `json:"scope"`
		// Currency is the database's: the unit of every "currency" value.
		Currency string             `json:"currency"`
		Groups   []metricsGroupJSON `json:"groups"`
	}
	metricsGroupJSON struct {
		Group   string       `json:"group"`
		Metrics []metricJSON `json:"metrics"`
	}
	metricJSON struct {
		Category string   `json:"category"`
		Metric   string   `json:"metric"`
		Unit     string   `json:"unit"`
		Value    *float64 `json:"value"`
		// LowSample: the value rests on fewer than 10 deals or customers.
		LowSample bool `json:"low-sample"`
		// Reason says why the value is null when the data cannot measure
		// it (docs/metrics.md).
		Reason string `json:"reason,omitempty"`
		// Note is the footnote on a value that was measured but rests on
		// a rule the data could not decide otherwise (expansion without
		// any deal type, docs/metrics.md); absent otherwise.
		Note string `json:"note,omitempty"`
		// Only with --explain: an addition to the shape of
		// docs/architecture.md, absent otherwise.
		Explain *explainJSON `json:"explain,omitempty"`
	}
	explainJSON struct {
		Numerator   string `json:"numerator"`
		Denominator string `json:"denominator"`
		Note        string `json:"note"`
	}
)

// metricsToJSON converts the result to the shape of docs/architecture.md:
// values in their unit, money rounded to the cent and nothing else
// rounded, null for null.
func metricsToJSON(v metricsView) any {
	res := v.Metrics
	scope := toScopeJSON(res.Scope)
	list := func(vs []metric.Value) []metricJSON {
		out := make([]metricJSON, 0, len(vs))
		for _, x := range vs {
			m := metricJSON{Category: x.Metric.Category, Metric: x.Metric.ID, Unit: string(x.Metric.Unit), Value: reportCents(x.Metric, x.Number()),
				LowSample: x.LowSample(), Reason: x.Reason, Note: x.Note}
			if v.explain {
				m.Explain = &explainJSON{Numerator: x.Explain.Numerator, Denominator: x.Explain.Denominator, Note: x.Explain.Note}
			}
			out = append(out, m)
		}
		return out
	}
	period, asOf := toPeriodJSON(res.Period), metric.FormatDate(res.AsOf)
	if res.By == "" {
		js := metricsJSON{Period: period, AsOf: asOf, Scope: scope, Currency: res.Currency, Metrics: list(res.Rows[0].Values)}
		if v.explain {
			for _, c := range res.LeftOut.Converted {
				cj := convertedJSON{Currency: c.Currency, Policy: res.LeftOut.Policy, Won: c.Won, Created: c.Created,
					Rates: []string{c.Low, c.High}, WonAmount: float64(c.WonAmount) / 100, WonInto: float64(c.WonInto) / 100,
					CreatedAmount: float64(c.CreatedAmount) / 100, CreatedInto: float64(c.CreatedInto) / 100, StaleWon: c.StaleWon, StaleCreated: c.StaleCreated}
				if c.StaleWon+c.StaleCreated > 0 {
					cj.OldestRate, cj.OldestRateFor = metric.FormatDate(c.Oldest), metric.FormatDate(c.For)
				}
				js.Converted = append(js.Converted, cj)
			}
		}
		return js
	}
	js := metricsByJSON{Period: period, AsOf: asOf, Scope: scope, Currency: res.Currency, Groups: []metricsGroupJSON{}}
	for _, g := range res.Rows {
		js.Groups = append(js.Groups, metricsGroupJSON{Group: g.Group, Metrics: list(g.Values)})
	}
	return js
}
