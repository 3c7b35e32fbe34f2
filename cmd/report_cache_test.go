package cmd

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

// fakeSource records the queries and answers them with aggregates that say
// which kind of query it was: NewDeals 1 for a single query, 2 for a month
// of a query by month, 3 for owners a and b of a query by owner or team.
type fakeSource struct {
	mu      sync.Mutex
	queries []string
}

func (f *fakeSource) Aggregates(_ context.Context, q store.AggregateQuery) (metric.Aggregates, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queries = append(f.queries, string(q.Scope.Level)+":"+q.Scope.Value+" "+q.From+".."+q.To)
	return metric.Aggregates{NewDeals: 1}, nil
}

func (f *fakeSource) AggregatesBy(_ context.Context, q store.AggregateQuery, by store.GroupBy) ([]store.Group, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queries = append(f.queries, string(q.Scope.Level)+":"+q.Scope.Value+" "+q.From+".."+q.To+" by "+string(by))
	switch by {
	case store.ByMonth:
		var gs []store.Group
		for _, m := range []struct{ from, to string }{{"2027-01-01", "2027-01-31"}, {"2027-02-01", "2027-02-28"}, {"2027-03-01", "2027-03-15"}} {
			if m.from >= q.From && m.to <= q.To {
				gs = append(gs, store.Group{Key: m.from[:7], From: m.from, To: m.to, Aggregates: metric.Aggregates{NewDeals: 2}})
			}
		}
		return gs, nil
	}
	// By owner or team: a and b have data, others have none.
	return []store.Group{{Key: "a", Aggregates: metric.Aggregates{NewDeals: 3}}, {Key: "b", Aggregates: metric.Aggregates{NewDeals: 3}}}, nil
}

func TestAggregateCachePlan(t *testing.T) {
	company := metric.Scope{Level: metric.Company}
	owner := func(v string) metric.Scope { return metric.Scope{Level: metric.Owner, Value: v} }
	key := func(sc metric.Scope, from, to string) aggregateKey { return aggregateKey{sc, from, to} }
	tests := []struct {
		name    string
		keys    []aggregateKey
		queries []string
		deals   []int64 // NewDeals of each key afterwards: 1 single, 2 by month, 3 by owner, 0 by owner without data
	}{
		{"months of one scope, the last cut at as-of",
			[]aggregateKey{key(company, "2027-01-01", "2027-01-31"), key(company, "2027-02-01", "2027-02-28"), key(company, "2027-03-01", "2027-03-15")},
			[]string{"company: 2027-01-01..2027-03-15 by month"}, []int64{2, 2, 2}},
		{"one month is a query of its own",
			[]aggregateKey{key(company, "2027-01-01", "2027-01-31"), key(company, "2027-01-01", "2027-03-15")},
			[]string{"company: 2027-01-01..2027-01-31", "company: 2027-01-01..2027-03-15"}, []int64{1, 1}},
		{"a month cut short before the last day is not a group",
			[]aggregateKey{key(company, "2027-03-01", "2027-03-10"), key(company, "2027-03-01", "2027-03-15")},
			[]string{"company: 2027-03-01..2027-03-10", "company: 2027-03-01..2027-03-15"}, []int64{1, 1}},
		{"months more than a year apart",
			[]aggregateKey{key(company, "2026-01-01", "2026-01-31"), key(company, "2027-02-01", "2027-02-28")},
			[]string{"company: 2026-01-01..2026-01-31", "company: 2027-02-01..2027-02-28"}, []int64{1, 1}},
		{"two owners: a query each",
			[]aggregateKey{key(owner("a"), "2027-01-01", "2027-03-15"), key(owner("c"), "2027-01-01", "2027-03-15")},
			[]string{"owner:a 2027-01-01..2027-03-15", "owner:c 2027-01-01..2027-03-15"}, []int64{1, 1}},
		{"three owners: one grouped query, c without data",
			[]aggregateKey{key(owner("a"), "2027-01-01", "2027-03-15"), key(owner("b"), "2027-01-01", "2027-03-15"), key(owner("c"), "2027-01-01", "2027-03-15"), key(owner("a"), "2027-01-01", "2027-03-15")},
			[]string{"company: 2027-01-01..2027-03-15 by owner"}, []int64{3, 3, 0, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := &fakeSource{}
			c := newAggregateCache(src, "USD")
			ctx := context.Background()
			if err := c.prefetch(ctx, tt.keys); err != nil {
				t.Fatal(err)
			}
			var deals []int64
			for _, k := range tt.keys {
				a, err := c.get(ctx, k)
				if err != nil {
					t.Fatal(err)
				}
				deals = append(deals, a.NewDeals)
			}
			slices.Sort(src.queries)
			if diff := cmp.Diff(tt.queries, src.queries); diff != "" {
				t.Errorf("queries (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.deals, deals); diff != "" {
				t.Errorf("aggregates (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.md")
	if err := writeFileAtomic(path, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("new file: %v, mode %v, want 0600", err, fi.Mode())
	}
	// An existing file is replaced whole and keeps its mode.
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(path, []byte("two")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if fi, _ := os.Stat(path); string(got) != "two" || fi.Mode().Perm() != 0o644 {
		t.Errorf("replaced file: %q, mode %v; want \"two\", 0644", got, fi.Mode())
	}
	// Failures leave nothing behind.
	for _, bad := range []string{filepath.Join(dir, "missing", "r.md"), dir} {
		if err := writeFileAtomic(bad, []byte("three")); err == nil {
			t.Errorf("writeFileAtomic(%s) succeeded", bad)
		}
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if diff := cmp.Diff([]string{"report.md"}, names); diff != "" {
		t.Errorf("folder (-want +got):\n%s", diff)
	}
}

func TestFitGoalColumn(t *testing.T) {
	tests := []struct {
		name  string
		goal  string
		width int
		want  string
	}{
		{"fits", "#1 Shorten the cycle", 80, "#1 Shorten the cycle"},
		// Drawn: "│ " goal " │ x │" = goal + 8; 34 wide leaves 26 for the goal.
		{"wrapped to fit", "#1 Shorten the cycle by automating email search", 34, "#1 Shorten the cycle by\nautomating email search"},
		{"never under 16", "#1 Shorten the cycle by automating email search", 10, "#1 Shorten the\ncycle by\nautomating email\nsearch"},
		{"a long word keeps its line", "#1 Supercalifragilisticexpialidocious goal", 20, "#1\nSupercalifragilisticexpialidocious\ngoal"},
		{"colour codes take no room", "\x1b[32m#1 on track\x1b[0m", 20, "\x1b[32m#1 on track\x1b[0m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := [][]string{{tt.goal, "x"}}
			fitGoalColumn([]string{"Goal", "X"}, rows, tt.width)
			if got := rows[0][0]; got != tt.want {
				t.Errorf("goal cell = %q, want %q", got, tt.want)
			}
		})
	}
}
