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
}

// New returns a Measurer over src as of the day asOf; money metrics count
// only amounts in currency, the database's.
func New(src Source, currency string, asOf time.Time) *Measurer {
	return &Measurer{src: src, currency: currency, asOf: metric.DateOf(asOf), cache: newCache(src, currency)}
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

// value is metric id over p for sc as the metrics and the report show it:
// outside the company, a metric that exists only for the whole company is
// null; so is every metric of a period that has not started.
func (m *Measurer) value(ctx context.Context, id string, sc metric.Scope, p metric.Period) (*float64, error) {
	a, started, err := m.aggregates(ctx, sc, p)
	if err != nil || !started {
		return nil, err
	}
	return metric.ComputeOne(id, a).ScopedTo(sc).Number(), nil
}

// observe is metric id over p for sc as a goal sees it: the value, with the
// deals or customers it rests on and whether p is over. A period that has
// not started has no value. It is not scoped: a company-only metric cannot
// be set for an owner or a team (goal.Validate), and the assessment that
// refuses such a goal shows what the formula gives.
func (m *Measurer) observe(ctx context.Context, id string, sc metric.Scope, p metric.Period) (goal.Observation, error) {
	a, started, err := m.aggregates(ctx, sc, p)
	if err != nil {
		return goal.Observation{}, err
	}
	if !started {
		return goal.Observation{Period: p, Basis: -1}, nil
	}
	return goal.Observe(id, p, a, m.asOf), nil
}
