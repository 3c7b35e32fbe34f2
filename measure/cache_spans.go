package measure

import (
	"context"
	"slices"

	"github.com/salesgoal/salesgoal/metric"
)

// spansFrom is how many ranges that follow one another, for one scope,
// one query split by range answers: the periods of a trend are eight.
const spansFrom = 3

// groupBySpans plans one query for each run of spansFrom or more ranges
// of one scope that follow one another, each starting the day after the
// one before ends, and returns the keys it leaves.
func (c *cache) groupBySpans(keys []key, fetches []fetch) ([]key, []fetch) {
	byScope := map[metric.Scope][]key{}
	var scopes []metric.Scope
	for _, k := range keys {
		if byScope[k.scope] == nil {
			scopes = append(scopes, k.scope)
		}
		byScope[k.scope] = append(byScope[k.scope], k)
	}
	batched := map[key]bool{}
	for _, sc := range scopes {
		ks := byScope[sc]
		slices.SortFunc(ks, func(a, b key) int { return a.from.Compare(b.from) })
		for start := 0; start < len(ks); {
			end := start + 1
			for end < len(ks) && ks[end].from.Equal(ks[end-1].to.AddDate(0, 0, 1)) {
				end++
			}
			if run := ks[start:end]; len(run) >= spansFrom {
				for _, k := range run {
					batched[k] = true
				}
				fetches = append(fetches, c.spansFetch(sc, slices.Clone(run)))
			}
			start = end
		}
	}
	var rest []key
	for _, k := range keys {
		if !batched[k] {
			rest = append(rest, k)
		}
	}
	return rest, fetches
}

// spansFetch is the query over the ranges of run, consecutive keys of
// scope sc.
func (c *cache) spansFetch(sc metric.Scope, run []key) fetch {
	spans := make([]Span, len(run))
	for i, k := range run {
		spans[i] = Span{From: k.from, To: k.to}
	}
	return func(ctx context.Context) (map[key]metric.Aggregates, error) {
		gs, err := c.src.AggregatesIn(ctx, c.query(sc, run[0].from, run[len(run)-1].to), spans)
		return answer(run, gs, func(g Group) key {
			return key{sc, metric.DateOf(g.From), metric.DateOf(g.To)}
		}), err
	}
}
