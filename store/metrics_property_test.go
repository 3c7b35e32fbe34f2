package store

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// TestRollupsMatchSQL runs random sequences of imports — deals of two
// sources (one without types, costs and discounts), re-imports changing
// stages, amounts, owners, customers and dates, --replace deleting what a
// file no longer lists, identical re-imports, customers and spend
// changing, backups restored — and after each checks every aggregate the
// rollups give, for several ranges, scopes and groupings, against plain
// SQL over the tables (metrics_sql_test.go), exactly; and at the end that
// the rollups built again from the rows are the rollups the imports kept.
// The imports spill their changes after a few hundred bytes, so that the
// spilled path is the one taken.
func TestRollupsMatchSQL(t *testing.T) {
	defer func(b int) { spillBudget = b }(spillBudget)
	spillBudget = 300
	seeds := []uint64{1, 2, 3}
	if testing.Short() {
		seeds = seeds[:1]
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			s := newSequence(t, seed, nil)
			for step := range 18 {
				s.step(step)
				s.check(fmt.Sprintf("step %d (%s)", step, s.last))
			}
			s.rebuilt()
		})
	}
}

// TestRollupsSameOnPostgres runs the sequences of TestRollupsMatchSQL on a
// PostgreSQL database beside the SQLite one, every file imported into
// both (a restore, which a server does not have, is a --replace import
// there): after each step the two hold the same rows and the same
// rollups, byte for byte, and answer every aggregate alike; the SQLite
// side is checked against plain SQL as in TestRollupsMatchSQL.
func TestRollupsSameOnPostgres(t *testing.T) {
	defer func(b, n int, r int64) { spillBudget, putSlots, readAhead = b, n, r }(spillBudget, putSlots, readAhead)
	spillBudget = 300
	putSlots, readAhead = 5, 3 // blobs written and read a few at a time (pg_rollups.go)
	seeds := []uint64{1, 2}
	if testing.Short() {
		seeds = seeds[:1]
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			s := newSequence(t, seed, MustOpenPostgres(t))
			for step := range 14 {
				s.step(step)
				s.check(fmt.Sprintf("step %d (%s)", step, s.last))
			}
			s.rebuilt()
		})
	}
}

// sequence is one random sequence of imports into one database.
type sequence struct {
	t  *testing.T
	r  *rand.Rand
	db *DB
	pg *DB // nil, or a PostgreSQL database given every import too
	// rebuiltBoth: the rollups of both were built again from their rows.
	rebuiltBoth bool
	ctx         context.Context
	f           fixture          // the starting rows
	a, b        map[string]fDeal // what the two deals sources' files list now
	customers   []fCustomer
	spend       []fSpend
	backups     []string
	last        string // the last step, for messages
	next        int    // the next new deal's number
}

func newSequence(t *testing.T, seed uint64, pg *DB) *sequence {
	s := &sequence{t: t, r: rand.New(rand.NewPCG(seed, 18)), db: MustOpen(t), pg: pg, ctx: context.Background(), a: map[string]fDeal{}, b: map[string]fDeal{}}
	s.f = randomFixture(seed, 700, 150, 200)
	for i, d := range s.f.deals {
		d.id = fmt.Sprintf("a%04d", i)
		if i%3 == 0 {
			d.id = fmt.Sprintf("b%04d", i)
			d.typ, d.cost, d.discount = "", nil, nil // the B source carries none
			s.b[d.id] = d
			continue
		}
		s.a[d.id] = d
	}
	s.next = len(s.f.deals)
	s.customers, s.spend = s.f.customers, s.f.spend
	for _, r := range convertRates() { // EUR and GBP convert into USD through the euro
		if _, err := s.db.db.ExecContext(s.ctx, `INSERT INTO rates (day, currency, base, rate, per_base) VALUES (?, ?, 'EUR', ?, 1)`,
			r.day, r.cur, r.value); err != nil {
			t.Fatal(err)
		}
	}
	s.importCustomers()
	s.importDeals("a", false)
	s.importDeals("b", false)
	s.importSpend()
	s.check("start")
	return s
}

// step takes one random step.
func (s *sequence) step(n int) {
	switch op := s.r.IntN(8); {
	case op < 3:
		src := []string{"a", "b"}[s.r.IntN(2)]
		s.mutate(src)
		s.importDeals(src, s.r.IntN(2) == 0)
	case op == 3:
		s.importDeals("a", false) // as it is: every row unchanged
	case op == 4:
		s.mutateCustomers()
		s.importCustomers()
	case op == 5:
		s.mutateSpend()
		s.importSpend()
	case op >= 6 && s.pg != nil:
		s.importDeals("b", true)
	case op == 6:
		path := filepath.Join(s.t.TempDir(), fmt.Sprintf("backup-%d.db", n))
		if err := s.db.Backup(s.ctx, path, false); err != nil {
			s.t.Fatal(err)
		}
		s.backups = append(s.backups, path)
		s.last = "backup"
	default:
		if len(s.backups) == 0 {
			s.importDeals("b", true)
			return
		}
		from := s.backups[s.r.IntN(len(s.backups))]
		if _, err := Restore(s.ctx, s.db.Path(), from, Options{}); err != nil {
			s.t.Fatal(err)
		}
		os.Remove(s.db.Path() + KeptSuffix)
		s.last = "restore " + filepath.Base(from)
		// The files list what the database holds again only after their
		// next import; the checks read the database, not the files.
	}
}

// mutate changes a share of a source's deals the way a week in a CRM
// does, drops some and adds others.
func (s *sequence) mutate(src string) {
	deals := map[string]map[string]fDeal{"a": s.a, "b": s.b}[src]
	start := time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)
	day := func(n int) string { return start.AddDate(0, 0, n).Format("2006-01-02") }
	owners := []string{"ana", "bo", "cy", "dee", "eli", ""}
	teams := map[string]string{"ana": "east", "bo": "east", "cy": "west", "dee": "west", "eli": "north", "": ""}
	ids := slices.Sorted(mapsKeys(deals))
	for _, id := range ids {
		d := deals[id]
		switch x := s.r.IntN(40); {
		case x == 0:
			delete(deals, id)
			continue
		case x == 1:
			d.stage, d.closed = "won", day(s.r.IntN(900))
		case x == 2:
			d.stage = "lost"
			if d.closed == "" {
				d.closed = day(s.r.IntN(900))
			}
		case x == 3:
			d.stage = "open"
			if s.r.IntN(2) == 0 {
				d.closed = ""
			}
		case x == 4:
			d.amount = int64(s.r.IntN(3_000_000)) - 200_000
		case x == 5:
			d.owner = owners[s.r.IntN(len(owners))]
			d.team = teams[d.owner]
		case x == 6:
			d.customer = []string{"", fmt.Sprintf("c%04d", s.r.IntN(150)), fmt.Sprintf("implicit%03d", s.r.IntN(30))}[s.r.IntN(3)]
		case x == 7:
			d.created = []string{"", day(s.r.IntN(900))}[s.r.IntN(2)]
		case x == 8 && d.closed != "":
			d.closed = day(s.r.IntN(900))
		case x == 9 && src == "a":
			d.typ = []string{"", "new", "upsell", "cross-sell", "renewal"}[s.r.IntN(5)]
			d.cost = cost(int64(s.r.IntN(500_000)))
			d.discount = disc(float64(s.r.IntN(41)) / 4)
		case x == 10:
			d.currency = []string{"", "EUR", "GBP"}[s.r.IntN(3)]
		}
		if d.stage != "open" && d.closed == "" {
			d.closed = day(s.r.IntN(900))
		}
		deals[id] = d
	}
	for range s.r.IntN(20) {
		d := s.f.deals[s.r.IntN(len(s.f.deals))]
		d.id = fmt.Sprintf("%s%04d", src, s.next)
		if src == "b" {
			d.typ, d.cost, d.discount = "", nil, nil
		}
		s.next++
		deals[d.id] = d
	}
	// Now and then a deal moves from one source to the other.
	if other := map[string]map[string]fDeal{"a": s.b, "b": s.a}[src]; len(other) > 0 && s.r.IntN(3) == 0 {
		for id, d := range other {
			if src == "b" {
				d.typ, d.cost, d.discount = "", nil, nil
			}
			deals[id] = d
			break
		}
	}
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func (s *sequence) mutateCustomers() {
	start := time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)
	for i := range s.customers {
		c := &s.customers[i]
		switch s.r.IntN(10) {
		case 0:
			c.owner = []string{"ana", "bo", "cy", ""}[s.r.IntN(4)]
			c.team = map[string]string{"ana": "east", "bo": "east", "cy": "west", "": ""}[c.owner]
		case 1:
			c.acquired = []string{"", start.AddDate(0, 0, s.r.IntN(900)).Format("2006-01-02")}[s.r.IntN(2)]
			c.churned = ""
		case 2:
			if c.acquired != "" {
				c.churned = oracleDay(c.acquired).AddDate(0, 0, s.r.IntN(300)).Format("2006-01-02")
			}
		}
	}
}

func (s *sequence) mutateSpend() {
	for i := range s.spend {
		if s.r.IntN(5) == 0 {
			s.spend[i].amount = int64(s.r.IntN(300_000))
		}
	}
}

// importDeals imports the file of source src, replacing the source's
// deals when replace.
func (s *sequence) importDeals(src string, replace bool) {
	deals := map[string]map[string]fDeal{"a": s.a, "b": s.b}[src]
	header := "id,customer_id,owner,team,stage,type,amount,cost,discount,currency,created_at,closed_at"
	if src == "b" {
		header = "id,customer_id,owner,team,stage,amount,currency,created_at,closed_at"
	}
	var b strings.Builder
	b.WriteString(header + "\n")
	for _, id := range slices.Sorted(mapsKeys(deals)) {
		d := deals[id]
		amount := money(d.amount)
		if src == "b" {
			fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,%s,%s,%s\n", d.id, d.customer, d.owner, d.team, d.stage, amount, orUSD(d.currency), d.created, d.closed)
			continue
		}
		var c, dc string
		if d.cost != nil {
			c = money(*d.cost)
		}
		if d.discount != nil {
			dc = strconv.FormatFloat(*d.discount, 'f', -1, 64)
		}
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", d.id, d.customer, d.owner, d.team, d.stage, d.typ,
			amount, c, dc, orUSD(d.currency), d.created, d.closed)
	}
	s.importFile(KindDeals, src+".csv", b.String(), &SourceSpec{Signature: "source " + src, Header: header}, replace)
	s.last = fmt.Sprintf("deals %s, replace %t", src, replace)
}

func (s *sequence) importCustomers() {
	var b strings.Builder
	b.WriteString("id,owner,team,acquired_at,churned_at\n")
	for _, c := range s.customers {
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s\n", c.id, c.owner, c.team, c.acquired, c.churned)
	}
	s.importFile(KindCustomers, "customers.csv", b.String(), nil, false)
	s.last = "customers"
}

func (s *sequence) importSpend() {
	var b strings.Builder
	b.WriteString("date,channel,amount,currency\n")
	for _, sp := range s.spend {
		fmt.Fprintf(&b, "%s,%s,%s,%s\n", sp.date, sp.channel, money(sp.amount), orUSD(sp.currency))
	}
	s.importFile(KindSpend, "spend.csv", b.String(), nil, false)
	s.last = "spend"
}

func (s *sequence) importFile(kind Kind, name, csv string, src *SourceSpec, replace bool) {
	s.t.Helper()
	for _, db := range []*DB{s.db, s.pg} {
		if db == nil {
			continue
		}
		res, err := db.Import(s.ctx, strings.NewReader(csv), ImportOptions{File: name, Kind: kind, Source: src, Replace: replace})
		if err != nil {
			for _, p := range res.Problems {
				s.t.Log(p)
			}
			s.t.Fatalf("import %s into %s: %v", name, db.Engine(), err)
		}
	}
}

// check compares what the rollups answer with what SQL answers.
func (s *sequence) check(when string) {
	s.t.Helper()
	oracle := sqlOracle{q: s.db.db}
	snap := s.db.Snapshot()
	defer snap.Close()
	day := func(n int) time.Time { return metric.Date(2025, time.October, 1).AddDate(0, 0, n) }
	scopes := []metric.Scope{{Level: metric.Company}, {Level: metric.Owner, Value: "ana"}, {Level: metric.Owner, Value: ""}, {Level: metric.Team, Value: "west"}}
	var qs []measure.Query
	for range 6 {
		from := day(s.r.IntN(900))
		qs = append(qs, measure.Query{From: from, To: from.AddDate(0, 0, s.r.IntN(200)), Scope: scopes[s.r.IntN(len(scopes))], Currency: "USD"})
	}
	qs = append(qs, measure.Query{From: metric.Date(2027, 1, 1), To: metric.Date(2027, 3, 31), Scope: scopes[0], Currency: "USD"},
		measure.Query{From: metric.Date(2027, 1, 1), To: metric.Date(2027, 3, 31), Scope: scopes[0], Currency: "EUR"})
	got, err := snap.AggregatesMany(s.ctx, qs)
	if err != nil {
		s.t.Fatalf("%s: %v", when, err)
	}
	if s.pg != nil {
		s.twin(when, qs, got)
	}
	for i, q := range qs {
		want, err := oracle.Aggregates(s.ctx, q)
		if err != nil {
			s.t.Fatal(err)
		}
		s.same(fmt.Sprintf("%s: %s %s..%s", when, q.Scope, metric.FormatDate(q.From), metric.FormatDate(q.To)), got[i], want)
		lo, err := snap.LeftOut(s.ctx, q)
		if err != nil {
			s.t.Fatal(err)
		}
		wlo, err := oracle.LeftOut(s.ctx, q)
		if err != nil {
			s.t.Fatal(err)
		}
		if diff := cmp.Diff(wlo, lo); diff != "" {
			s.t.Errorf("%s: LeftOut (-want +got):\n%s", when, diff)
		}
		oc, err := snap.OtherCurrencies(s.ctx, q)
		if err != nil {
			s.t.Fatal(err)
		}
		woc, err := oracle.OtherCurrencies(s.ctx, q)
		if err != nil {
			s.t.Fatal(err)
		}
		if diff := cmp.Diff(woc, oc); diff != "" {
			s.t.Errorf("%s: OtherCurrencies (-want +got):\n%s", when, diff)
		}
	}
	s.checkConverted(when, qs)
	q := qs[s.r.IntN(6)]
	q.Scope = scopes[0]
	for _, by := range []measure.GroupBy{measure.ByOwner, measure.ByTeam, measure.ByMonth} {
		got, err := snap.AggregatesBy(s.ctx, q, by)
		if err != nil {
			s.t.Fatal(err)
		}
		want, err := oracle.AggregatesBy(s.ctx, q, by)
		if err != nil {
			s.t.Fatal(err)
		}
		if len(got) != len(want) {
			s.t.Errorf("%s: by %s: %d groups, want %d", when, by, len(got), len(want))
			continue
		}
		for i := range got {
			if got[i].Key != want[i].Key || !got[i].From.Equal(want[i].From) || !got[i].To.Equal(want[i].To) {
				s.t.Errorf("%s: by %s: group %q %v..%v, want %q %v..%v", when, by, got[i].Key, got[i].From, got[i].To, want[i].Key, want[i].From, want[i].To)
			}
			s.same(fmt.Sprintf("%s: by %s, group %q", when, by, got[i].Key), got[i].Aggregates, want[i].Aggregates)
		}
	}
	asOf := day(s.r.IntN(900))
	cq := measure.CoverageQuery{ClosedFrom: asOf.AddDate(0, -6, 0), ClosedTo: asOf.AddDate(0, 0, -s.r.IntN(30)),
		OpenFrom: asOf.AddDate(0, 0, 1), OpenTo: asOf.AddDate(0, 0, 1+s.r.IntN(120)), Currency: "USD"}
	gotC, err := snap.CoverageDeals(s.ctx, cq)
	if err != nil {
		s.t.Fatal(err)
	}
	wantC, err := oracle.CoverageDeals(s.ctx, cq)
	if err != nil {
		s.t.Fatal(err)
	}
	if diff := cmp.Diff(sortedCoverage(wantC), sortedCoverage(gotC)); diff != "" {
		s.t.Errorf("%s: CoverageDeals (-want +got):\n%s", when, diff)
	}
	in, err := snap.Inputs(s.ctx)
	if err != nil {
		s.t.Fatal(err)
	}
	win, err := oracle.Inputs(s.ctx)
	if err != nil {
		s.t.Fatal(err)
	}
	if diff := cmp.Diff(win, in, cmp.AllowUnexported(metric.Inputs{})); diff != "" {
		s.t.Errorf("%s: Inputs (-want +got):\n%s", when, diff)
	}
	s.checkTrendAndPaths(when, snap, oracle, day(s.r.IntN(900)), scopes, win)
	for _, sc := range append(scopes, metric.Scope{Level: metric.Owner, Value: "nobody"}, metric.Scope{Level: metric.Team, Value: "north"}) {
		got, err := snap.ScopeExists(s.ctx, sc)
		if err != nil {
			s.t.Fatal(err)
		}
		if want, _ := oracle.ScopeExists(s.ctx, sc); got != want {
			s.t.Errorf("%s: ScopeExists(%s) = %t, want %t", when, sc, got, want)
		}
	}
}

// checkTrendAndPaths compares, as of asOf, the eight periods of a trend
// (AggregatesIn) for one scope with SQL's aggregates of each period, and
// the HTML report's paths of every metric (Series, through
// measure.Paths) over the month or quarter of asOf, for one scope or for
// all of them (split by owner and team), on a few days and the last, with
// SQL's value over the period's first day to that day.
func (s *sequence) checkTrendAndPaths(when string, snap *Snapshot, oracle sqlOracle, asOf time.Time, scopes []metric.Scope, in metric.Inputs) {
	s.t.Helper()
	spec := fmt.Sprintf("%d-Q%d", asOf.Year(), (int(asOf.Month())+2)/3)
	if s.r.IntN(2) == 0 {
		spec = asOf.Format("2006-01")
	}
	p, err := metric.ParsePeriod(spec, asOf, time.January)
	if err != nil {
		s.t.Fatal(err)
	}
	var spans []measure.Span
	for _, tp := range measure.TrendPeriods(p) {
		eff, _ := tp.Effective(asOf)
		spans = append(spans, measure.Span{From: eff.Start, To: eff.End})
	}
	q := measure.Query{From: spans[0].From, To: spans[len(spans)-1].To, Scope: scopes[s.r.IntN(len(scopes))], Currency: "USD"}
	got, err := snap.AggregatesIn(s.ctx, q, spans)
	if err != nil {
		s.t.Fatal(err)
	}
	want, err := oracle.AggregatesIn(s.ctx, q, spans)
	if err != nil {
		s.t.Fatal(err)
	}
	for i := range spans {
		s.same(fmt.Sprintf("%s: trend of %s, %s..%s", when, q.Scope, metric.FormatDate(spans[i].From), metric.FormatDate(spans[i].To)),
			got[i].Aggregates, want[i].Aggregates)
	}

	paths := scopes
	if s.r.IntN(2) == 0 {
		paths = scopes[s.r.IntN(len(scopes)):][:1] // one scope: not split
	}
	var gs []goal.Goal
	for _, sc := range paths {
		for _, m := range metric.Metrics() {
			gs = append(gs, goal.Goal{ID: int64(len(gs) + 1), Metric: m.ID, Category: m.Category, Scope: sc, Period: p})
		}
	}
	got2, err := measure.New(snap, "USD", asOf).Paths(s.ctx, gs)
	if err != nil {
		s.t.Fatal(err)
	}
	eff, _ := p.Effective(asOf)
	days := eff.Days()
	for _, i := range []int{0, s.r.IntN(days), s.r.IntN(days), days - 1} {
		to := eff.Start.AddDate(0, 0, i)
		for _, sc := range paths {
			a, err := oracle.Aggregates(s.ctx, measure.Query{From: eff.Start, To: to, Scope: sc, Currency: "USD"})
			if err != nil {
				s.t.Fatal(err)
			}
			for _, g := range gs {
				if g.Scope != sc {
					continue
				}
				path := got2[g.ID]
				if len(path.Values) != days {
					s.t.Fatalf("%s: the path of %s for %s has %d days, want %d", when, g.Metric, sc, len(path.Values), days)
				}
				w := metric.ComputeOne(g.Metric, a, in.During(eff.Start, to)).ScopedTo(sc).Number()
				if d := diffValues(map[string]*float64{g.Metric: path.Values[i]}, map[string]*float64{g.Metric: w}); len(d) > 0 {
					s.t.Errorf("%s: path of %s over %s..%s: %v", when, sc, metric.FormatDate(eff.Start), metric.FormatDate(to), d)
				}
			}
		}
	}
}

// same compares aggregates exactly, but for the sum of discounts, which
// SQL adds as floats.
func (s *sequence) same(where string, got, want metric.Aggregates) {
	s.t.Helper()
	if math.Abs(got.DiscountSum-want.DiscountSum) > 1e-9*math.Max(1, want.DiscountSum) {
		s.t.Errorf("%s: DiscountSum = %v, want %v", where, got.DiscountSum, want.DiscountSum)
	}
	got.DiscountSum = want.DiscountSum
	if diff := cmp.Diff(want, got); diff != "" {
		s.t.Errorf("%s (-want +got):\n%s", where, diff)
	}
}

func sortedCoverage(c measure.CoverageCounts) measure.CoverageCounts {
	slices.SortFunc(c.Days, func(a, b measure.DayGroup) int {
		return strings.Compare(fmt.Sprint(a.Day.Unix(), a.Owner, "|", a.Team), fmt.Sprint(b.Day.Unix(), b.Owner, "|", b.Team))
	})
	// SQL lists a day with nothing to count when all its deals were
	// created after the open range began; the rollups leave it out.
	c.Days = slices.DeleteFunc(c.Days, func(d measure.DayGroup) bool {
		return d.Won == 0 && d.Lost == 0 && d.Deals == 0
	})
	return c
}

// rebuilt checks that the rollups built again from the rows are those the
// imports kept.
func (s *sequence) rebuilt() {
	s.t.Helper()
	kept, err := s.db.DescribeRollups(s.ctx)
	if err != nil {
		s.t.Fatal(err)
	}
	if _, err := s.db.RebuildRollups(s.ctx); err != nil {
		s.t.Fatal(err)
	}
	built, err := s.db.DescribeRollups(s.ctx)
	if err != nil {
		s.t.Fatal(err)
	}
	if kept != built {
		s.t.Errorf("the rollups the imports kept differ from those built from the rows:\n%s", lineDiff(built, kept))
	}
	if s.pg != nil {
		if _, err := s.pg.RebuildRollups(s.ctx); err != nil {
			s.t.Fatal(err)
		}
		s.rebuiltBoth = true
	}
	s.check("after the rebuild")
}

// twin checks that the PostgreSQL database holds what the SQLite one
// does — the rows of the data tables and the rollups — and answers qs
// with got, SQLite's answers.
func (s *sequence) twin(when string, qs []measure.Query, got []metric.Aggregates) {
	s.t.Helper()
	tables := func(db *DB) string {
		var b strings.Builder
		if err := Dump(s.ctx, db.Path(), &b); err != nil {
			s.t.Fatal(err)
		}
		var keep []string
		for _, part := range strings.Split(b.String(), "table ")[1:] {
			name, _, _ := strings.Cut(part, " ")
			// A rebuild numbers the keys in the order it reads the deals,
			// which differs between engines: then the rollups compare as
			// DescribeRollups gives them (below), not byte for byte.
			if slices.Contains([]string{"deals", "spend", "carried"}, name) ||
				!s.rebuiltBoth && slices.Contains([]string{"customers", "rollups", "rollup_keys"}, name) {
				keep = append(keep, part)
			}
		}
		return strings.Join(keep, "table ")
	}
	if want, pg := tables(s.db), tables(s.pg); want != pg {
		s.t.Fatalf("%s: PostgreSQL holds other rows than SQLite:\n%s", when, lineDiff(want, pg))
	}
	want, err := s.db.DescribeRollups(s.ctx)
	if err != nil {
		s.t.Fatal(err)
	}
	if pg, err := s.pg.DescribeRollups(s.ctx); err != nil || pg != want {
		s.t.Fatalf("%s: PostgreSQL's rollups differ (%v):\n%s", when, err, lineDiff(want, pg))
	}
	snap := s.pg.Snapshot()
	defer snap.Close()
	pg, err := snap.AggregatesMany(s.ctx, qs)
	if err != nil {
		s.t.Fatalf("%s: PostgreSQL: %v", when, err)
	}
	for i := range qs {
		s.same(fmt.Sprintf("%s: PostgreSQL, %s", when, qs[i].Scope), pg[i], got[i])
	}
}

// lineDiff lists the lines only one of two texts has (- want, + got).
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var out []string
	for _, l := range w {
		if !slices.Contains(g, l) {
			out = append(out, "- "+l)
		}
	}
	for _, l := range g {
		if !slices.Contains(w, l) {
			out = append(out, "+ "+l)
		}
	}
	if len(out) > 40 {
		out = append(out[:40], fmt.Sprintf("… %d more", len(out)-40))
	}
	return strings.Join(out, "\n")
}
