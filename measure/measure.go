package measure

import (
	"context"
	"time"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// Measurer measures metrics and goals from one Source as of one day, money
// in one currency. It keeps the aggregates it has fetched, so the data must
// not change while it is in use: a command makes one and lets it go. It
// runs its own queries side by side, but is not itself safe for use by
// several goroutines at once.
type Measurer struct {
	src      Source
	currency string
	asOf     time.Time
	cache    *cache
	// in is what the data holds, read once (inputs).
	in *metric.Inputs
	// counted is what pipeline coverage asked of the source, kept for the
	// widest ranges asked (coverage.go).
	counted *counted
	// scopes is whether each owner or team asked about appears in the
	// data; chained is the saved goals a chain's planned baselines follow,
	// settled (chain.go).
	scopes  map[metric.Scope]bool
	chained map[int64]goal.Goal
}

// New returns a Measurer over src as of the day asOf; money metrics count
// only amounts in currency, the database's.
func New(src Source, currency string, asOf time.Time) *Measurer {
	return &Measurer{src: src, currency: currency, asOf: metric.DateOf(asOf), cache: newCache(src, currency)}
}

// inputs is what the data holds (metric.Inputs), asked of the source the
// first time: every value a Measurer gives is measured with it, so that
// one rule, Metric.Missing, decides what cannot be measured everywhere.
func (m *Measurer) inputs(ctx context.Context) (metric.Inputs, error) {
	if m.in == nil {
		in, err := m.src.Inputs(ctx)
		if err != nil {
			return in, err
		}
		m.in = &in
	}
	return *m.in, nil
}

// aggregates returns the aggregates of period p's effective range for
// scope sc (docs/metrics.md): the step from a period to numbers that every
// measurement takes. started is false, and the aggregates are zero, when p
// has not started by the as-of day.
func (m *Measurer) aggregates(ctx context.Context, sc metric.Scope, p metric.Period) (a metric.Aggregates, started bool, err error) {
	k, ok := keyFor(sc, p, m.asOf)
	if !ok {
		return metric.Aggregates{}, false, nil
	}
	a, err = m.cache.get(ctx, k)
	return a, true, err
}

// keys returns the keys of those periods that have started by the as-of
// day, for scope sc, for the cache to prefetch.
func (m *Measurer) keys(sc metric.Scope, periods ...metric.Period) []key {
	var out []key
	for _, p := range periods {
		if k, ok := keyFor(sc, p, m.asOf); ok {
			out = append(out, k)
		}
	}
	return out
}

// values computes every metric from the aggregates of scope sc over the
// days [from, to] with what the data holds. Outside company scope, the
// metrics that exist only for the whole company (spend and cac: spend has
// no owner) are null, with the reason.
func (m *Measurer) values(ctx context.Context, a metric.Aggregates, sc metric.Scope, from, to time.Time) ([]metric.Value, error) {
	in, err := m.inputs(ctx)
	if err != nil {
		return nil, err
	}
	vs := metric.Compute(a, in.During(from, to))
	for i, v := range vs {
		vs[i] = v.ScopedTo(sc)
	}
	return vs, nil
}

// value is metric id over p for sc as the metrics and the report show it:
// null, with the reason, when the data cannot measure it; outside the
// company, null for a metric that exists only for the whole company; and
// null for every metric of a period that has not started.
func (m *Measurer) value(ctx context.Context, id string, sc metric.Scope, p metric.Period) (metric.Value, error) {
	v, _, err := m.compute(ctx, id, sc, p)
	return v.ScopedTo(sc), err
}

// compute is metric id over p for sc with what the data holds; started is
// false for a period after the as-of day, whose value is null.
func (m *Measurer) compute(ctx context.Context, id string, sc metric.Scope, p metric.Period) (v metric.Value, started bool, err error) {
	v, _, started, err = m.computeWith(ctx, id, sc, p)
	return v, started, err
}

// computeWith is compute, with the aggregates the value came from.
func (m *Measurer) computeWith(ctx context.Context, id string, sc metric.Scope, p metric.Period) (v metric.Value, a metric.Aggregates, started bool, err error) {
	a, started, err = m.aggregates(ctx, sc, p)
	if err != nil {
		return v, a, false, err
	}
	in, err := m.inputs(ctx)
	if err != nil {
		return v, a, false, err
	}
	if k, ok := keyFor(sc, p, m.asOf); ok {
		in = in.During(k.from, k.to)
	}
	v = metric.ComputeOne(id, a, in)
	if !started {
		mt := v.Metric
		v = metric.Value{Metric: mt, Null: true, Reason: v.Reason, Basis: -1}
	}
	return v, a, started, nil
}

// observe is metric id over p for sc as a goal sees it: the value, with the
// deals or customers it rests on and whether p is over. A period that has
// not started has no value. It is not scoped: a company-only metric cannot
// be set for an owner or a team (goal.Validate), and the assessment that
// refuses such a goal shows what the formula gives.
func (m *Measurer) observe(ctx context.Context, id string, sc metric.Scope, p metric.Period) (goal.Observation, error) {
	v, a, started, err := m.computeWith(ctx, id, sc, p)
	if err != nil || !started {
		return goal.Observation{Period: p, Basis: -1}, err
	}
	return goal.Observation{Period: p, Value: v.Number(), Basis: v.Basis, BasisNoun: v.BasisNoun,
		Complete: p.Ended(m.asOf), HasData: !a.Empty()}, nil
}
