package rollup

import (
	"fmt"
	"slices"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// Kind names a table of blobs a storage engine keeps.
type Kind uint8

// The kinds of blob.
const (
	KindDay       Kind = 1 // by Day: deal and spend cells, lags
	KindCustomers Kind = 2 // by month of acquisition: customer cells
	KindMisc      Kind = 4 // MiscSeries, MiscUndated, MiscSpend
	KindCycles    Kind = 5 // by month (Day.Month): won deals by cycle length (cycles.go)
)

// The blobs of KindMisc.
const (
	MiscSeries  = 1 // open deals without a close date, by created day
	MiscUndated = 2 // open deals without a created date, by key
	MiscSpend   = 3 // spend rows by day and currency
)

// Table is where a storage engine keeps the blobs and the keys, inside
// the import's transaction.
type Table interface {
	// Get returns the blob of kind and id, nil when there is none.
	Get(kind Kind, id int64) ([]byte, error)
	// Put stores a blob; nil deletes it.
	Put(kind Kind, id int64, blob []byte) error
	// PutKey stores a key and its counters.
	PutKey(id KeyID, k Key, c Counters) error
	// Spill keeps part seq of a chunk's records (the records of a few
	// dozen slots) until the import ends; Spilled reads a chunk's parts
	// back in order, good until it is called again. Spill keeps a copy:
	// the caller reuses part.
	Spill(chunk int64, seq int, part []byte) error
	Spilled(chunk int64) ([][]byte, error)
}

// LimitError is an amount that takes the total of its kind and currency
// beyond row.MaxMoney (docs/import.md, "Why amounts have a limit").
type LimitError struct {
	Field    string // amount, cost (deals) or amount (spend)
	Kind     row.Kind
	Currency string
}

func (e *LimitError) Error() string {
	what := "amounts of the deals"
	switch {
	case e.Kind == row.KindSpend:
		what = "spend"
	case e.Field == "cost":
		what = "costs of the deals"
	}
	return fmt.Sprintf("the %s in %s would add up to more than %s: beyond that, salesgoal could not print every sum exactly", what, e.Currency, row.FormatMoney(row.MaxMoney))
}

// Changes gathers an import's changes to the cells, slot by slot, and
// applies them to the stored blobs when the import finishes (Commit).
// Past a budget of bytes its records are spilled to the Table, so memory
// stays flat however large the file.
type Changes struct {
	Keys *Keys
	// NoLimit counts every amount, beyond the limit too: for rollups built
	// again from rows an older salesgoal imported.
	NoLimit bool

	table   Table
	budget  int
	bufs    map[int64][]byte // each slot's records not spilled
	size    int
	part    []byte         // spill's buffer
	slots   map[int64]bool // every slot with records
	parts   map[int64]int  // spilled parts of each chunk
	day     *dayCells      // the day being committed, reused from day to day
	cycles  cycleChanges   // the month histograms' changes, a month at a time
	series  dayCounts
	undated undated
	spend   spendRows
	totals  map[string]*totals // each currency's, for the limit
}

// totals are a currency's sums of amounts, costs and spend when the
// import began, and now.
type totals struct{ start, now Counters }

// over reports whether field f (one of amounts, costs or spend) of t went
// beyond the limit: past row.MaxMoney when it began within it, or beyond
// where it began when it was already past it (a database imported before
// there was a limit, whose sums an import may only shrink).
func over(start, now int64) bool {
	if start <= row.MaxMoney {
		return now > row.MaxMoney
	}
	return now > start
}

// NewChanges starts gathering changes to the cells of keys, spilling past
// budget bytes.
func NewChanges(keys *Keys, table Table, budget int) *Changes {
	return &Changes{Keys: keys, table: table, budget: budget, bufs: map[int64][]byte{}, slots: map[int64]bool{},
		parts: map[int64]int{}, series: dayCounts{}, undated: undated{}, spend: spendRows{}, totals: map[string]*totals{}}
}

// Slot is the one number that stands for the blob of kind and id: what a
// storage engine may key its blobs by (days of a range are a range of
// slots).
func Slot(kind Kind, id int64) int64 { return int64(kind)<<40 | (id+1<<31)&(1<<40-1) }

// SlotID is the kind and id of a slot.
func SlotID(s int64) (Kind, int64) { return Kind(s >> 40), s&(1<<40-1) - 1<<31 }

// chunk is the chunk of a slot's spilled records, which Commit reads at
// once: days by month, a month of customers on its own (a customers file
// of 100,000 acquired in one year, chunked by year, read 7.6 MB of records
// back at once: docs/architecture.md, "Memory"), the rest by year.
func chunk(s int64) int64 {
	kind, id := SlotID(s)
	switch kind {
	case KindDay:
		return Slot(kind, int64(Day(id).Month()))
	case KindCustomers:
		return s
	}
	return Slot(kind, id/12)
}

func (c *Changes) rec(kind Kind, id int64, put func([]byte) []byte) error {
	s := Slot(kind, id)
	b, ok := c.bufs[s]
	if !ok {
		c.slots[s] = true
	}
	n := len(b)
	b = put(b)
	c.bufs[s] = b
	c.size += len(b) - n
	if c.size > c.budget {
		return c.spill()
	}
	return nil
}

// spill hands every slot's records to the table, a part per chunk: each
// slot's number, the length of its records and the records. The part's
// buffer is kept for the next spill. The slots' buffers are not: kept,
// each would hold the most room it ever grew to, and together they held
// more than the budget (1.3 MiB more peak memory at 1M deals, measured).
func (c *Changes) spill() error {
	slots := make([]int64, 0, len(c.bufs))
	for s := range c.bufs {
		slots = append(slots, s)
	}
	slices.Sort(slots)
	part := c.part[:0]
	for i, s := range slots {
		part = putUvarint(putUvarint(part, uint64(s)), uint64(len(c.bufs[s])))
		part = append(part, c.bufs[s]...)
		if i == len(slots)-1 || chunk(slots[i+1]) != chunk(s) {
			ch := chunk(s)
			if err := c.table.Spill(ch, c.parts[ch], part); err != nil {
				return err
			}
			c.parts[ch]++
			part = part[:0]
		}
	}
	c.bufs, c.part, c.size = map[int64][]byte{}, part, 0
	return nil
}

// total is the running total of cur's amounts, costs and spend.
func (c *Changes) total(cur string) *totals {
	t, ok := c.totals[cur]
	if !ok {
		k := c.Keys.Total(cur)
		t = &totals{start: k, now: k}
		c.totals[cur] = t
	}
	return t
}

// Check is the limit at the end of an import: a currency whose sums were
// already past the limit when it began may not have grown.
func (c *Changes) Check() error {
	for cur, t := range c.totals {
		switch {
		case t.start.Amounts > row.MaxMoney && over(t.start.Amounts, t.now.Amounts):
			return &LimitError{Field: "amount", Kind: row.KindDeals, Currency: cur}
		case t.start.Costs > row.MaxMoney && over(t.start.Costs, t.now.Costs):
			return &LimitError{Field: "cost", Kind: row.KindDeals, Currency: cur}
		case t.start.Spend > row.MaxMoney && over(t.start.Spend, t.now.Spend):
			return &LimitError{Field: "amount", Kind: row.KindSpend, Currency: cur}
		}
	}
	return nil
}

// Deal counts a stored deal added (sign 1) or taken away (−1). Adding one
// that takes its currency's amounts or costs beyond the limit is a
// *LimitError.
func (c *Changes) Deal(d *Deal, sign int64) error {
	k := d.counters()
	t := c.total(c.Keys.Key(d.Key).Currency) // before the key counts d
	c.Keys.count(d.Key, k, sign)
	t.now.add(k, sign)
	if !c.NoLimit && sign > 0 && t.start.Amounts <= row.MaxMoney && over(t.start.Amounts, t.now.Amounts) {
		return &LimitError{Field: "amount", Kind: row.KindDeals, Currency: c.Keys.Key(d.Key).Currency}
	}
	if !c.NoLimit && sign > 0 && t.start.Costs <= row.MaxMoney && over(t.start.Costs, t.now.Costs) {
		return &LimitError{Field: "cost", Kind: row.KindDeals, Currency: c.Keys.Key(d.Key).Currency}
	}
	if d.Closed != NoDay {
		if err := c.rec(KindDay, int64(d.Closed), func(b []byte) []byte { return putClosed(b, d, sign) }); err != nil {
			return err
		}
	}
	if d.Created != NoDay {
		if d.Stage == Open && d.Closed == NoDay {
			c.series[d.Created] += sign
		}
		return c.rec(KindDay, int64(d.Created), func(b []byte) []byte { return putCreated(b, d, sign) })
	}
	if d.Stage == Open {
		noDates := int64(0)
		if d.Closed == NoDay {
			noDates = sign
		}
		c.undated.add(d.Key, sign, noDates)
	}
	return nil
}

// Customer counts a customer added (sign 1) or taken away (−1).
func (c *Changes) Customer(cu *Customer, sign int64) error {
	c.Keys.count(cu.Key, cu.counters(), sign)
	if cu.Acquired == NoDay {
		return nil
	}
	k := custKey{cu.Key, cu.Acquired, cu.Churned, encodeLater(cu.Acquired, cu.Later)}
	return c.rec(KindCustomers, int64(cu.Acquired.Month()), func(b []byte) []byte { return putCustomerRec(b, k, sign) })
}

// Spend counts a spend row added (sign 1) or taken away (−1).
func (c *Changes) Spend(s *Spend, sign int64) error {
	t := c.total(c.Keys.Key(s.Key).Currency) // before the key counts s
	c.Keys.count(s.Key, Counters{Spend: s.Amount}, sign)
	t.now.add(Counters{Spend: s.Amount}, sign)
	if !c.NoLimit && sign > 0 && t.start.Spend <= row.MaxMoney && over(t.start.Spend, t.now.Spend) {
		return &LimitError{Field: "amount", Kind: row.KindSpend, Currency: c.Keys.Key(s.Key).Currency}
	}
	c.spend[dayKey{s.Date, s.Key}] += sign
	var cell Cell
	cell[fSpendRows], cell[fSpendAmount] = 1, s.Amount
	return c.cellAt(s.Date, s.Key, &cell, sign)
}

func (c *Changes) cellAt(d Day, k KeyID, cell *Cell, sign int64) error {
	return c.rec(KindDay, int64(d), func(b []byte) []byte { return putCellRec(b, k, cell, sign) })
}

// FirstDayMoved moves a customer's first-day cells from its state before
// to its state after.
func (c *Changes) FirstDayMoved(before, after FirstDay) error {
	if err := before.cells(c, -1); err != nil {
		return err
	}
	return after.cells(c, 1)
}
