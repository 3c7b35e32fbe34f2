package cmd

import (
	"context"
	"slices"
	"strings"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// Which metrics `metrics` shows (--category, --metric, --all): one row
// per metric fits a terminal, one column per metric does not, so with
// --by only each category's primary metric is shown unless more is asked
// for.

// chooseMetrics returns the ids of the metrics to show, in catalogue
// order: those --metric names, and those of the categories --category
// names (all nine when neither is given) — every metric of a category,
// or with --by only its primary one unless --all.
func chooseMetrics(categories, ids []string, all, by bool) ([]string, error) {
	want := map[string]bool{}
	for _, id := range splitList(ids) {
		m, ok := metric.Lookup(id)
		if !ok {
			names := make([]string, 0, len(metric.Metrics()))
			for _, m := range metric.Metrics() {
				names = append(names, m.ID)
			}
			return nil, usagef("--metric %q: choose from %s", id, strings.Join(names, ", "))
		}
		want[m.ID] = true
	}
	cats := splitList(categories)
	for _, c := range cats {
		if !slices.Contains(metric.Categories(), c) {
			return nil, usagef("--category %q: choose from %s", c, strings.Join(metric.Categories(), ", "))
		}
	}
	if len(cats) == 0 && len(want) == 0 {
		cats = metric.Categories()
	}
	for _, c := range cats {
		if by && !all {
			p, _ := metric.Primary(c)
			want[p.ID] = true
			continue
		}
		for _, m := range metric.InCategory(c) {
			want[m.ID] = true
		}
	}
	var out []string
	for _, m := range metric.Metrics() {
		if want[m.ID] {
			out = append(out, m.ID)
		}
	}
	return out, nil
}

// splitList reads a repeatable flag that also takes comma lists,
// lower-cased and trimmed, empty entries left out.
func splitList(given []string) []string {
	var out []string
	for _, g := range given {
		for s := range strings.SplitSeq(g, ",") {
			if s = strings.ToLower(strings.TrimSpace(s)); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// keepMetrics keeps, in every row of res, the values of the metrics ids.
func keepMetrics(res *measure.Metrics, ids []string) {
	for i, r := range res.Rows {
		var vs []metric.Value
		for _, v := range r.Values {
			if slices.Contains(ids, v.Metric.ID) {
				vs = append(vs, v)
			}
		}
		res.Rows[i].Values = vs
	}
}

// metricsTrends measures the trend of each metric shown, or with --by
// owner or team and one metric, that metric's trend for each owner or
// team; none by month, whose rows are a trend already.
func metricsTrends(ctx context.Context, m *measure.Measurer, res *measure.Metrics) (map[string][]metric.Value, error) {
	var want []measure.TrendOf
	var keys []string
	switch {
	case res.By == "" && len(res.Rows) > 0:
		for _, v := range res.Rows[0].Values {
			want = append(want, measure.TrendOf{Scope: res.Scope, Metric: v.Metric.ID})
			keys = append(keys, v.Metric.ID)
		}
	case (res.By == measure.ByOwner || res.By == measure.ByTeam) && len(shownMetrics(res)) == 1:
		id := shownMetrics(res)[0].ID
		level := metric.Owner
		if res.By == measure.ByTeam {
			level = metric.Team
		}
		for _, g := range res.Rows {
			want = append(want, measure.TrendOf{Scope: metric.Scope{Level: level, Value: g.Group}, Metric: id})
			keys = append(keys, g.Group)
		}
	}
	if len(want) == 0 {
		return nil, nil
	}
	ts, err := m.Trends(ctx, res.Period, want)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]metric.Value, len(ts))
	for i, t := range ts {
		out[keys[i]] = t
	}
	return out, nil
}
