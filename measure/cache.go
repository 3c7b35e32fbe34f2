package measure

import (
	"context"
	"runtime"
	"sync"
	"time"

	"github.com/salesgoal/salesgoal/metric"
)

// key is one effective range for one scope. Every metric of a (scope,
// range) comes from the same aggregates, so this is also the key of each
// distinct (scope, metric, period) a report shows. The days are at
// midnight UTC (metric.DateOf), so that equal days make equal keys.
type key struct {
	scope    metric.Scope
	from, to time.Time
}

// keyFor is the key of period p's effective range as of asOf
// (docs/metrics.md); ok is false when p has not started.
func keyFor(sc metric.Scope, p metric.Period, asOf time.Time) (key, bool) {
	eff, started := p.Effective(asOf)
	if !started {
		return key{}, false
	}
	return key{scope: sc, from: metric.DateOf(eff.Start), to: metric.DateOf(eff.End)}, true
}

// cache asks the source for each key once.
type cache struct {
	src      Aggregator
	currency string
	got      map[key]metric.Aggregates
}

func newCache(src Aggregator, currency string) *cache {
	return &cache{src: src, currency: currency, got: map[key]metric.Aggregates{}}
}

// groupedFrom is how many owners (or teams) need the same range before one
// query grouped by owner (or team) replaces a query per owner: a grouped
// query costs about as much as a single one.
const groupedFrom = 3

// maxMonthSpan is the longest span, in months, that one query grouped by
// month answers for the monthly goals of one scope.
const maxMonthSpan = 12

// fetch is one query to the store, and the keys it answers.
type fetch func(ctx context.Context) (map[key]metric.Aggregates, error)

// prefetch fetches the keys not yet cached: from a Batcher in one pass,
// else with as few queries as it can, run side by side (SQLite in WAL
// mode reads on several connections at once):
//   - where groupedFrom or more owners, or teams, need the same range, one
//     query grouped by owner (or team) answers them all; an owner the
//     grouped query does not list had nothing in the range;
//   - where one scope needs several whole months (the last one possibly
//     cut at the as-of date), one query grouped by month answers them;
//   - where one scope needs spansFrom or more ranges that follow one
//     another (the periods of a trend, a goal's history), one query
//     over them all, split by range, answers them;
//   - every other key is a query of its own.
func (c *cache) prefetch(ctx context.Context, keys []key) error {
	var todo []key
	seen := map[key]bool{}
	for _, k := range keys {
		if _, ok := c.got[k]; !ok && !seen[k] {
			seen[k] = true
			todo = append(todo, k)
		}
	}
	if b, ok := c.src.(Batcher); ok && len(todo) > 0 {
		qs := make([]Query, len(todo))
		for i, k := range todo {
			qs[i] = c.query(k.scope, k.from, k.to)
		}
		as, err := b.AggregatesMany(ctx, qs)
		if err != nil {
			return err
		}
		for i, k := range todo {
			c.got[k] = as[i]
		}
		return nil
	}
	var fetches []fetch
	todo, fetches = c.groupByScope(todo, fetches)
	todo, fetches = c.groupByMonth(todo, fetches)
	todo, fetches = c.groupBySpans(todo, fetches)
	for _, k := range todo {
		fetches = append(fetches, func(ctx context.Context) (map[key]metric.Aggregates, error) {
			a, err := c.src.Aggregates(ctx, c.query(k.scope, k.from, k.to))
			return map[key]metric.Aggregates{k: a}, err
		})
	}
	return c.run(ctx, fetches)
}

func (c *cache) query(sc metric.Scope, from, to time.Time) Query {
	return Query{From: from, To: to, Scope: sc, Currency: c.currency}
}

// groupByScope plans one grouped query for each range that groupedFrom or
// more owners (or teams) need, and returns the keys it leaves.
func (c *cache) groupByScope(keys []key, fetches []fetch) ([]key, []fetch) {
	type group struct {
		level    metric.Level
		from, to time.Time
	}
	members := map[group][]key{}
	for _, k := range keys {
		if k.scope.Level == metric.Owner || k.scope.Level == metric.Team {
			g := group{k.scope.Level, k.from, k.to}
			members[g] = append(members[g], k)
		}
	}
	var rest []key
	for _, k := range keys {
		g := group{k.scope.Level, k.from, k.to}
		if len(members[g]) < groupedFrom {
			rest = append(rest, k)
		}
	}
	for g, ks := range members {
		if len(ks) < groupedFrom {
			continue
		}
		by := ByOwner
		if g.level == metric.Team {
			by = ByTeam
		}
		fetches = append(fetches, func(ctx context.Context) (map[key]metric.Aggregates, error) {
			gs, err := c.src.AggregatesBy(ctx, c.query(metric.Scope{Level: metric.Company}, g.from, g.to), by)
			return answer(ks, gs, func(gr Group) key {
				return key{metric.Scope{Level: g.level, Value: gr.Key}, g.from, g.to}
			}), err
		})
	}
	return rest, fetches
}

// groupByMonth plans one query grouped by month for each scope that needs
// two or more month ranges: a range from the first of a month to its last
// day, or to the latest day any of them needs (the as-of date). The store
// cuts each month's group to the query's range, so those are exactly the
// groups it returns.
func (c *cache) groupByMonth(keys []key, fetches []fetch) ([]key, []fetch) {
	candidates := map[metric.Scope][]key{}
	last := map[metric.Scope]time.Time{}
	for _, k := range keys {
		if month := metric.MonthOf(k.from); k.from.Equal(month.Start) && !k.to.After(month.End) {
			candidates[k.scope] = append(candidates[k.scope], k)
			if k.to.After(last[k.scope]) {
				last[k.scope] = k.to
			}
		}
	}
	batched := map[key]bool{}
	for sc, ks := range candidates {
		var months []key
		var first time.Time
		for _, k := range ks {
			if k.to.Equal(metric.MonthOf(k.from).End) || k.to.Equal(last[sc]) {
				months = append(months, k)
				if first.IsZero() || k.from.Before(first) {
					first = k.from
				}
			}
		}
		if len(months) < 2 || metric.MonthsBetween(first, last[sc]) > maxMonthSpan {
			continue
		}
		for _, k := range months {
			batched[k] = true
		}
		to := last[sc]
		fetches = append(fetches, func(ctx context.Context) (map[key]metric.Aggregates, error) {
			gs, err := c.src.AggregatesBy(ctx, c.query(sc, first, to), ByMonth)
			return answer(months, gs, func(g Group) key {
				return key{sc, metric.DateOf(g.From), metric.DateOf(g.To)}
			}), err
		})
	}
	var rest []key
	for _, k := range keys {
		if !batched[k] {
			rest = append(rest, k)
		}
	}
	return rest, fetches
}

// answer is what a grouped query answers for keys: the aggregates of the
// group whose key (keyOf) is one of them, and zero aggregates for a key no
// group has, as nothing of that owner, team or month is in the range.
func answer(keys []key, gs []Group, keyOf func(Group) key) map[key]metric.Aggregates {
	out := map[key]metric.Aggregates{}
	for _, k := range keys {
		out[k] = metric.Aggregates{}
	}
	for _, g := range gs {
		k := keyOf(g)
		if _, ok := out[k]; ok {
			out[k] = g.Aggregates
		}
	}
	return out
}

// run runs the fetches, as many at once as there are processors, and
// caches what they return. It stops at the first error.
func (c *cache) run(ctx context.Context, fetches []fetch) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	slots := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	for _, f := range fetches {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			got, err := f(ctx)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if firstErr == nil {
					firstErr = err
					cancel()
				}
				return
			}
			for k, a := range got {
				c.got[k] = a
			}
		}()
	}
	wg.Wait()
	return firstErr
}

// get returns the aggregates of k, asking the store only the first time.
func (c *cache) get(ctx context.Context, k key) (metric.Aggregates, error) {
	if a, ok := c.got[k]; ok {
		return a, nil
	}
	a, err := c.src.Aggregates(ctx, c.query(k.scope, k.from, k.to))
	if err != nil {
		return a, err
	}
	c.got[k] = a
	return a, nil
}
