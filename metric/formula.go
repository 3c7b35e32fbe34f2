package metric

import "fmt"

// Compute returns every metric of the catalogue, in docs/metrics.md order,
// computed from the aggregates of one period and scope, with what the data
// holds (in): a metric the data cannot measure at all is null, with the
// reason.
func Compute(a Aggregates, in Inputs) []Value {
	out := make([]Value, 0, len(catalogue))
	for _, m := range catalogue {
		out = append(out, ComputeOne(m.ID, a, in))
	}
	return out
}

// ComputeOne returns one metric computed from the aggregates, or, when the
// data cannot measure it (Metric.Missing), a null value that says why. An
// id that is not in the catalogue gives a null value whose note says so.
func ComputeOne(id string, a Aggregates, in Inputs) Value {
	m, ok := Lookup(id)
	if !ok || m.formula == nil {
		return Value{Metric: Metric{ID: id}, Null: true, Basis: -1, Explain: Explanation{Note: fmt.Sprintf("%q is not a metric", id)}}
	}
	if reason := m.Missing(in); reason != "" {
		return unmeasurable(m, reason)
	}
	v := m.formula(a)
	v.Metric = m
	v.Basis, v.BasisNoun = m.RestsOn(a)
	if m.Category == "expansion" && !in.carries(KindDeals, "type") {
		v.Note = UntypedExpansion
	}
	return v
}

// UntypedExpansion is the note on the expansion metrics when no deals
// file carried a deal type: every won deal of a customer who had won one
// before then counts as expansion, so on an export of repeat business
// expansion is close to all revenue (docs/metrics.md, "Expansion deal").
const UntypedExpansion = "no imported deals file carried a deal type, so every won deal of a customer " +
	"who had won a deal before counts as expansion: import the deals with their type column " +
	"(--map type=COLUMN; --type LABEL=new|upsell|cross-sell|renewal for your CRM's labels)"
