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
	return v
}
