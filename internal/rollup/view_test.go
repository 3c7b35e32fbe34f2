package rollup

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/metric"
)

// The fixture, with the database's currency USD (amounts in cents):
//
//	D1 ana/east USD won   1,000.00 cost 400.00 discount 10  C1 untyped  created 2027-01-05 closed 2027-01-20
//	D2 ana/east USD won     500.00                          C1 untyped  created 2027-01-10 closed 2027-02-15
//	D3 bo/east  USD won    -200.00 (a credit)               C2 upsell   created 2026-12-20 closed 2027-01-20
//	D4 bo/east  USD lost    300.00                                      created 2027-01-03 closed 2027-01-25
//	D5 ana/east EUR won     800.00                          C3 untyped  created 2027-02-01 closed 2027-02-10
//	D6 bo/east  USD open    700.00                                      created 2027-02-20 closing 2027-04-15
//	D7 ana/east USD open     50.00                                      no dates
//	D8 ana/east USD won     100.00                          C1 untyped  created 2027-01-20 closed 2027-01-20
//	D9 bo/east  USD open    900.00                                      created 2027-03-10 closing 2027-03-20
//	C9  ana/east acquired 2026-06-01, churned 2027-02-01
//	C10 bo/east  acquired 2026-03-01
//	C1, C2, C3: named by deals only, acquired on their first won day
//	spend 2027-01-15 USD 1,000.00; 2027-02-15 EUR 500.00
func fixture(t *testing.T, budget int) *memTable {
	t.Helper()
	m := newMemTable()
	ch := NewChanges(m.keys, m, budget)
	k := func(owner, team, cur string) KeyID { return m.keys.ID(Key{owner, team, cur}) }
	d := func(s string) Day {
		day, ok := ParseDay(s)
		if !ok {
			return NoDay
		}
		return day
	}
	deals := []Deal{
		{Key: k("ana", "east", "USD"), Stage: Won, Type: Untyped, Customer: "C1", Amount: 100000, Cost: 40000, HasCost: true, Discount: 10, HasDiscount: true, Created: d("2027-01-05"), Closed: d("2027-01-20")},
		{Key: k("ana", "east", "USD"), Stage: Won, Type: Untyped, Customer: "C1", Amount: 50000, Created: d("2027-01-10"), Closed: d("2027-02-15")},
		{Key: k("bo", "east", "USD"), Stage: Won, Type: Expansion, Customer: "C2", Amount: -20000, Created: d("2026-12-20"), Closed: d("2027-01-20")},
		{Key: k("bo", "east", "USD"), Stage: Lost, Type: OtherType, Amount: 30000, Created: d("2027-01-03"), Closed: d("2027-01-25")},
		{Key: k("ana", "east", "EUR"), Stage: Won, Type: Untyped, Customer: "C3", Amount: 80000, Created: d("2027-02-01"), Closed: d("2027-02-10")},
		{Key: k("bo", "east", "USD"), Stage: Open, Type: OtherType, Amount: 70000, Created: d("2027-02-20"), Closed: d("2027-04-15")},
		{Key: k("ana", "east", "USD"), Stage: Open, Type: OtherType, Amount: 5000, Created: NoDay, Closed: NoDay},
		{Key: k("ana", "east", "USD"), Stage: Won, Type: Untyped, Customer: "C1", Amount: 10000, Created: d("2027-01-20"), Closed: d("2027-01-20")},
		{Key: k("bo", "east", "USD"), Stage: Open, Type: OtherType, Amount: 90000, Created: d("2027-03-10"), Closed: d("2027-03-20")},
	}
	tr := NewTracker(true)
	for i := range deals {
		if err := ch.Deal(&deals[i], 1); err != nil {
			t.Fatal(err)
		}
		if deals[i].firstDay() || deals[i].Stage == Won && deals[i].Customer != "" {
			tr.Won(&deals[i], 1)
		}
	}
	// The store's part: first-day cells, and the implicit customers C1, C2
	// and C3, acquired on their first won day.
	err := tr.Each(func(id string, after FirstDay) (bool, error) {
		if err := ch.FirstDayMoved(NoFirstDay(), after); err != nil {
			return true, err
		}
		return true, ch.Customer(&Customer{Key: k("", "", ""), Acquired: after.Day, Churned: NoDay}, 1)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []Customer{
		{Key: k("ana", "east", ""), Acquired: d("2026-06-01"), Churned: d("2027-02-01")},
		{Key: k("bo", "east", ""), Acquired: d("2026-03-01"), Churned: NoDay},
	} {
		if err := ch.Customer(&c, 1); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range []Spend{{Key: k("", "", "USD"), Date: d("2027-01-15"), Amount: 100000}, {Key: k("", "", "EUR"), Date: d("2027-02-15"), Amount: 50000}} {
		if err := ch.Spend(&s, 1); err != nil {
			t.Fatal(err)
		}
	}
	if err := ch.Commit(); err != nil {
		t.Fatal(err)
	}
	return m
}

func day(t *testing.T, s string) Day {
	t.Helper()
	d, ok := ParseDay(s)
	if !ok {
		t.Fatalf("not a day: %s", s)
	}
	return d
}

// TestViewAggregates checks the sums of the fixture's cells over 2027-Q1,
// worked out by hand in the comments, with every record applied at once
// and with records spilled every few bytes.
func TestViewAggregates(t *testing.T) {
	company := metric.Scope{Level: metric.Company}
	ana := metric.Scope{Level: metric.Owner, Value: "ana"}
	want := map[metric.Scope]metric.Aggregates{
		company: {
			Won: 5, Lost: 1, OpenCreated: 2, // D1 D2 D3 D5 D8 won; D4 lost; D6 D9 open, created in Q1
			WonMoney: 4, WonAmount: 140000, // D1 D2 D3 D8: 100000 + 50000 − 20000 + 10000
			CycleDaysSum: 91, CycleDaysMedian: 15, // 15 (D1) + 36 (D2) + 31 (D3) + 9 (D5) + 0 (D8); median of 0 9 15 31 36
			WonCredits: 1, WonCreditsMoney: 1, WonCreditAmount: -20000, // D3
			WonWithCost: 1, WonWithCostAmount: 100000, WonCost: 40000, // D1
			WonWithDiscount: 1, DiscountSum: 10, WonDiscounted: 1, // D1
			NewDeals: 7, NewDealsMoney: 6, PipelineAmount: 350000, // D1 D2 D4 D5 D6 D8 D9; all but D5 in USD: 100000+50000+30000+70000+10000+90000
			Expansion: 2, ExpansionMoney: 2, ExpansionAmount: 30000, // D3 typed; D2 after C1's first day (D1, D8 on it): 50000 − 20000
			SpendRows: 1, Spend: 100000, // the USD row
			CustomersStart: 2, Retained: 1, NewCustomers: 3, // C9, C10 before Q1, C9 churned in it; C1 C2 C3 acquired in it
			OtherCurrency: 1, // D5, won and created in Q1: once
		},
		ana: {
			Won:      4, // D1 D2 D5 D8
			WonMoney: 3, WonAmount: 160000,
			CycleDaysSum: 60, CycleDaysMedian: 12, // 15 + 36 + 9 + 0; median of 0 9 15 36: (9 + 15) / 2
			WonWithCost: 1, WonWithCostAmount: 100000, WonCost: 40000,
			WonWithDiscount: 1, DiscountSum: 10, WonDiscounted: 1,
			NewDeals: 4, NewDealsMoney: 3, PipelineAmount: 160000, // D1 D2 D5 D8; D7 has no created date
			Expansion: 1, ExpansionMoney: 1, ExpansionAmount: 50000, // D2
			CustomersStart: 1, // C9; C1 C2 C3 have no owner
			OtherCurrency:  1,
		},
	}
	for _, budget := range []int{1 << 20, 40} {
		m := fixture(t, budget)
		v, err := NewView(context.Background(), m)
		if err != nil {
			t.Fatal(err)
		}
		from, to := day(t, "2027-01-01"), day(t, "2027-03-31")
		for _, sc := range []metric.Scope{company, ana} {
			gs, err := v.Aggregates(context.Background(), "USD", []Request{{From: from, To: to, Scope: sc}})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want[sc], gs[0][0].Aggregates); diff != "" {
				t.Errorf("budget %d, %s (-want +got):\n%s", budget, sc, diff)
			}
		}
		undated, otherSpend := v.LeftOut(from, to, company, "USD")
		if undated != 1 || otherSpend != 1 {
			t.Errorf("LeftOut = %d undated open (D7), %d spend rows in another currency; want 1, 1", undated, otherSpend)
		}
	}
}

// TestViewByOwnerAndMonth: the groups of --by owner are those with
// something in the range; by month, each month is measured alone.
func TestViewByOwnerAndMonth(t *testing.T) {
	v, err := NewView(context.Background(), fixture(t, 1<<20))
	if err != nil {
		t.Fatal(err)
	}
	from, to := day(t, "2027-01-01"), day(t, "2027-03-31")
	gs, err := v.Aggregates(context.Background(), "USD", []Request{{From: from, To: to, By: ByOwner}, {From: from, To: to, By: ByMonth}})
	if err != nil {
		t.Fatal(err)
	}
	owners := map[string]metric.Aggregates{}
	for _, g := range gs[0] {
		owners[g.Key] = g.Aggregates
	}
	// ana, bo, and "" (C1 C2 C3, acquired in Q1, have no owner).
	if len(owners) != 3 || owners[""].NewCustomers != 3 || owners["bo"].Won != 1 || owners["bo"].Lost != 1 || owners["bo"].CustomersStart != 1 || owners["bo"].Retained != 1 {
		t.Errorf("by owner: %+v", owners)
	}
	if owners["bo"].Spend != 0 || owners[""].Spend != 0 {
		t.Error("spend is split by owner")
	}
	var months []string
	for _, g := range gs[1] {
		months = append(months, g.Key)
	}
	if diff := cmp.Diff([]string{"2027-01", "2027-02", "2027-03"}, months); diff != "" {
		t.Errorf("months (-want +got):\n%s", diff)
	}
	// February: D2 and D5 won; C9 (acquired before) churned on the 1st, so
	// it is in S, not in R; C10, and C1 and C2 (acquired on January 20),
	// in both; C3 acquired on the 10th.
	feb := gs[1][1].Aggregates
	if feb.Won != 2 || feb.CustomersStart != 4 || feb.Retained != 3 || feb.NewCustomers != 1 || feb.Expansion != 1 {
		t.Errorf("February: %+v", feb)
	}
}

// TestViewCoverage: as of 2027-02-28, the deals closed in January and
// February by owner, team and day, and those that can close from March 1
// to April 30 that were open on February 28 (D6; D9 was created after).
func TestViewCoverage(t *testing.T) {
	v, err := NewView(context.Background(), fixture(t, 1<<20))
	if err != nil {
		t.Fatal(err)
	}
	days, undated, err := v.Coverage(context.Background(), day(t, "2027-01-01"), day(t, "2027-02-28"), day(t, "2027-03-01"), day(t, "2027-04-30"), "USD")
	if err != nil {
		t.Fatal(err)
	}
	type group struct {
		Owner, Team       string
		Day               Day
		Won, Lost         int64
		Deals, DealsMoney int64
		Amount            int64
	}
	want := []group{
		{Owner: "ana", Team: "east", Day: day(t, "2027-01-20"), Won: 2},                                // D1, D8
		{Owner: "bo", Team: "east", Day: day(t, "2027-01-20"), Won: 1},                                 // D3
		{Owner: "bo", Team: "east", Day: day(t, "2027-01-25"), Lost: 1},                                // D4
		{Owner: "ana", Team: "east", Day: day(t, "2027-02-10"), Won: 1},                                // D5
		{Owner: "ana", Team: "east", Day: day(t, "2027-02-15"), Won: 1},                                // D2
		{Owner: "bo", Team: "east", Day: day(t, "2027-04-15"), Deals: 1, DealsMoney: 1, Amount: 70000}, // D6
	}
	var got []group
	for _, d := range days {
		owner, team := v.Pair(d.Pair)
		got = append(got, group{owner, team, d.Day, d.Won, d.Lost, d.Deals, d.DealsMoney, d.Amount})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("coverage (-want +got):\n%s", diff)
	}
	if undated != 1 { // D7
		t.Errorf("undated = %d, want 1", undated)
	}
}
