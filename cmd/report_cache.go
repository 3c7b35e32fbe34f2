package cmd

import (
	"context"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

// aggregateSource answers aggregate queries: the store, or a counting
// wrapper in tests.
type aggregateSource interface {
	Aggregates(ctx context.Context, q store.AggregateQuery) (metric.Aggregates, error)
	AggregatesBy(ctx context.Context, q store.AggregateQuery, by store.GroupBy) ([]store.Group, error)
}

// aggregateKey is one effective range for one scope. Every metric of a
// (scope, range) comes from the same aggregates, so this is also the key of
// each distinct (scope, metric, period) the report shows.
type aggregateKey struct {
	scope    metric.Scope
	from, to string
}

// aggregateCache asks the store for each aggregateKey once.
type aggregateCache struct {
	src      aggregateSource
	currency string
	got      map[aggregateKey]metric.Aggregates
}

func newAggregateCache(src aggregateSource, currency string) *aggregateCache {
	return &aggregateCache{src: src, currency: currency, got: map[aggregateKey]metric.Aggregates{}}
}

// groupedFrom is how many owners (or teams) need the same range before one
// query grouped by owner (or team) replaces a query per owner: a grouped
// query costs about as much as a single one.
const groupedFrom = 3

// maxMonthSpan is the longest span, in months, that one query grouped by
// month answers for the monthly goals of one scope.
const maxMonthSpan = 12

// fetch is one query to the store, and the keys it answers.
type fetch func(ctx context.Context) (map[aggregateKey]metric.Aggregates, error)

// prefetch fetches the keys not yet cached with as few queries as it can,
// run side by side (SQLite in WAL mode reads on several connections at
// once):
//   - where groupedFrom or more owners, or teams, need the same range, one
//     query grouped by owner (or team) answers them all; an owner the
//     grouped query does not list had nothing in the range;
//   - where one scope needs several whole months (the last one possibly
//     cut at the as-of date), one query grouped by month answers them;
//   - every other key is a query of its own.
func (c *aggregateCache) prefetch(ctx context.Context, keys []aggregateKey) error {
	var todo []aggregateKey
	for _, k := range keys {
		if _, ok := c.got[k]; !ok && !slices.Contains(todo, k) {
			todo = append(todo, k)
		}
	}
	var fetches []fetch
	todo, fetches = c.groupByScope(todo, fetches)
	todo, fetches = c.groupByMonth(todo, fetches)
	for _, k := range todo {
		fetches = append(fetches, func(ctx context.Context) (map[aggregateKey]metric.Aggregates, error) {
			a, err := c.src.Aggregates(ctx, c.query(k.scope, k.from, k.to))
			return map[aggregateKey]metric.Aggregates{k: a}, err
		})
	}
	return c.run(ctx, fetches)
}

func (c *aggregateCache) query(sc metric.Scope, from, to string) store.AggregateQuery {
	return store.AggregateQuery{From: from, To: to, Scope: sc, Currency: c.currency}
}

// groupByScope plans one grouped query for each range that groupedFrom or
// more owners (or teams) need, and returns the keys it leaves.
func (c *aggregateCache) groupByScope(keys []aggregateKey, fetches []fetch) ([]aggregateKey, []fetch) {
	type group struct {
		level    metric.Level
		from, to string
	}
	members := map[group][]aggregateKey{}
	for _, k := range keys {
		if k.scope.Level == metric.Owner || k.scope.Level == metric.Team {
			g := group{k.scope.Level, k.from, k.to}
			members[g] = append(members[g], k)
		}
	}
	var rest []aggregateKey
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
		by := store.ByOwner
		if g.level == metric.Team {
			by = store.ByTeam
		}
		fetches = append(fetches, func(ctx context.Context) (map[aggregateKey]metric.Aggregates, error) {
			gs, err := c.src.AggregatesBy(ctx, c.query(metric.Scope{Level: metric.Company}, g.from, g.to), by)
			if err != nil {
				return nil, err
			}
			out := map[aggregateKey]metric.Aggregates{}
			for _, k := range ks {
				out[k] = metric.Aggregates{}
			}
			for _, gr := range gs {
				k := aggregateKey{metric.Scope{Level: g.level, Value: gr.Key}, g.from, g.to}
				if _, ok := out[k]; ok {
					out[k] = gr.Aggregates
				}
			}
			return out, nil
		})
	}
	return rest, fetches
}

// groupByMonth plans one query grouped by month for each scope that needs
// two or more month ranges: a range from the first of a month to its last
// day, or to the latest day any of them needs (the as-of date). The store
// cuts each month's group to the query's range, so those are exactly the
// groups it returns.
func (c *aggregateCache) groupByMonth(keys []aggregateKey, fetches []fetch) ([]aggregateKey, []fetch) {
	candidates := map[metric.Scope][]aggregateKey{}
	last := map[metric.Scope]string{}
	for _, k := range keys {
		if monthStart(k.from) && k.to[:7] == k.from[:7] {
			candidates[k.scope] = append(candidates[k.scope], k)
			last[k.scope] = max(last[k.scope], k.to)
		}
	}
	batched := map[aggregateKey]bool{}
	for sc, ks := range candidates {
		var months []aggregateKey
		first := ""
		for _, k := range ks {
			if k.to == monthEnd(k.from) || k.to == last[sc] {
				months = append(months, k)
				if first == "" || k.from < first {
					first = k.from
				}
			}
		}
		if len(months) < 2 || monthsBetween(first, last[sc]) > maxMonthSpan {
			continue
		}
		for _, k := range months {
			batched[k] = true
		}
		to := last[sc]
		fetches = append(fetches, func(ctx context.Context) (map[aggregateKey]metric.Aggregates, error) {
			gs, err := c.src.AggregatesBy(ctx, c.query(sc, first, to), store.ByMonth)
			if err != nil {
				return nil, err
			}
			out := map[aggregateKey]metric.Aggregates{}
			for _, k := range months {
				out[k] = metric.Aggregates{}
			}
			for _, g := range gs {
				k := aggregateKey{sc, g.From, g.To}
				if _, ok := out[k]; ok {
					out[k] = g.Aggregates
				}
			}
			return out, nil
		})
	}
	var rest []aggregateKey
	for _, k := range keys {
		if !batched[k] {
			rest = append(rest, k)
		}
	}
	return rest, fetches
}

// run runs the fetches, as many at once as there are processors, and
// caches what they return. It stops at the first error.
func (c *aggregateCache) run(ctx context.Context, fetches []fetch) error {
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
func (c *aggregateCache) get(ctx context.Context, k aggregateKey) (metric.Aggregates, error) {
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

// monthStart reports whether the ISO date d is the first of a month.
func monthStart(d string) bool { return len(d) == 10 && d[8:] == "01" }

// monthEnd returns the last day of the month of the ISO date d.
func monthEnd(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return ""
	}
	return time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
}

// monthsBetween counts the calendar months from the ISO date a to b, both
// included.
func monthsBetween(a, b string) int {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return maxMonthSpan + 1
	}
	return (tb.Year()-ta.Year())*12 + int(tb.Month()-ta.Month()) + 1
}
