package rollup

import (
	"testing"

	"github.com/salesgoal/salesgoal/metric"
)

func TestPlansByKey(t *testing.T) {
	// Keys 0–3: ana of east in USD and EUR, bo of east, cy of west.
	v := &View{info: []keyInfo{
		{Key: Key{"ana", "east", "USD"}}, {Key: Key{"ana", "east", "EUR"}},
		{Key: Key{"bo", "east", "USD"}}, {Key: Key{"cy", "west", "USD"}},
	}}
	scoped := func(level metric.Level, value string) *plan {
		return &plan{v: v, req: Request{Scope: metric.Scope{Level: level, Value: value}}, cur: "USD"}
	}
	company, ana, east, nobody := scoped(metric.Company, ""), scoped(metric.Owner, "ana"), scoped(metric.Team, "east"), scoped(metric.Owner, "dee")
	forKey := v.plansByKey([]*plan{company, ana, east, nobody})
	want := [][]*plan{
		{company, ana, east}, // ana's USD
		{company, ana, east}, // ana's EUR
		{company, east},      // bo's
		{company},            // cy's
	}
	for k := range want {
		if len(forKey[k]) != len(want[k]) {
			t.Fatalf("key %d goes to %d plans, want %d", k, len(forKey[k]), len(want[k]))
		}
		for i := range want[k] {
			if forKey[k][i] != want[k][i] {
				t.Errorf("key %d: plan %d is not the one expected", k, i)
			}
		}
	}
	// Only ana and the company have a key in another currency than USD.
	for _, tt := range []struct {
		p    *plan
		want bool
	}{{company, true}, {ana, true}, {east, true}, {nobody, false}, {scoped(metric.Owner, "bo"), false}} {
		if got := tt.p.anyOther(); got != tt.want {
			t.Errorf("anyOther of %v = %t, want %t", tt.p.req.Scope, got, tt.want)
		}
	}
}
