package cmd

import (
	"context"

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
	scope    store.Scope
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
// query costs about as much as a company-wide one.
const groupedFrom = 3

// prefetch fetches the keys not yet cached. Where groupedFrom or more
// owners, or teams, need the same range, one grouped query answers them
// all; an owner the grouped query does not list had nothing in the range.
func (c *aggregateCache) prefetch(ctx context.Context, keys []aggregateKey) error {
	type span struct{ from, to string }
	need := map[span]map[store.ScopeKind][]string{}
	for _, k := range keys {
		if _, ok := c.got[k]; ok || k.scope.Kind == store.ScopeCompany {
			continue
		}
		sp := span{k.from, k.to}
		if need[sp] == nil {
			need[sp] = map[store.ScopeKind][]string{}
		}
		need[sp][k.scope.Kind] = appendMissing(need[sp][k.scope.Kind], k.scope.Value)
	}
	for sp, kinds := range need {
		for kind, values := range kinds {
			if len(values) < groupedFrom {
				continue
			}
			by := store.ByOwner
			if kind == store.ScopeTeam {
				by = store.ByTeam
			}
			gs, err := c.src.AggregatesBy(ctx, store.AggregateQuery{
				From: sp.from, To: sp.to, Scope: store.Scope{Kind: store.ScopeCompany}, Currency: c.currency,
			}, by)
			if err != nil {
				return err
			}
			for _, v := range values {
				c.got[aggregateKey{store.Scope{Kind: kind, Value: v}, sp.from, sp.to}] = metric.Aggregates{}
			}
			for _, g := range gs {
				k := aggregateKey{store.Scope{Kind: kind, Value: g.Key}, sp.from, sp.to}
				if _, ok := c.got[k]; ok {
					c.got[k] = g.Aggregates
				}
			}
		}
	}
	return nil
}

// get returns the aggregates of k, asking the store only the first time.
func (c *aggregateCache) get(ctx context.Context, k aggregateKey) (metric.Aggregates, error) {
	if a, ok := c.got[k]; ok {
		return a, nil
	}
	a, err := c.src.Aggregates(ctx, store.AggregateQuery{From: k.from, To: k.to, Scope: k.scope, Currency: c.currency})
	if err != nil {
		return a, err
	}
	c.got[k] = a
	return a, nil
}

func appendMissing(ss []string, s string) []string {
	for _, x := range ss {
		if x == s {
			return ss
		}
	}
	return append(ss, s)
}
