package metric

import "fmt"

// Compute returns every metric of the catalogue, in docs/metrics.md order,
// computed from the aggregates of one period and scope.
func Compute(a Aggregates) []Value {
	out := make([]Value, 0, len(catalogue))
	for _, m := range catalogue {
		out = append(out, ComputeOne(m.ID, a))
	}
	return out
}

// ComputeOne returns one metric computed from the aggregates. An id that is
// not in the catalogue gives a null value whose note says so.
func ComputeOne(id string, a Aggregates) Value {
	m, ok := Lookup(id)
	if !ok || m.formula == nil {
		return Value{Metric: Metric{ID: id}, Null: true, Explain: Explanation{Note: fmt.Sprintf("%q is not a metric", id)}}
	}
	v := m.formula(a)
	v.Metric = m
	return v
}
