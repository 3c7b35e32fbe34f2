package store

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Canonical fields, numbered so that a row's columns are found by array
// index rather than by map lookup on the hot path.
const (
	fldID = iota
	fldName
	fldCustomer
	fldOwner
	fldTeam
	fldStage
	fldType
	fldAmount
	fldCost
	fldDiscount
	fldCurrency
	fldCreated
	fldClosed
	fldSegment
	fldAcquired
	fldChurned
	fldDate
	fldChannel
	fldCategory
	nField
)

var fieldNames = [nField]string{"id", "name", "customer_id", "owner", "team", "stage", "type",
	"amount", "cost", "discount", "currency", "created_at", "closed_at",
	"segment", "acquired_at", "churned_at", "date", "channel", "category"}

var dateFields = []int{fldCreated, fldClosed, fldAcquired, fldChurned, fldDate}

// converter validates records and turns them into the values of the
// kind's columns (plan.all). It runs on the parsing goroutine only.
type converter struct {
	p    *pass
	src  *source
	pl   *plan
	vals []any

	problems     []*RowError // the first MaxProblems
	count        int
	rowOK        bool
	needOrder    bool
	rows         int64
	won, lost    int64
	open, noDate int64
	skipped      int64

	keys       *keyFilter
	candidates map[string]int // keys the filter has seen before → line

	// An export repeats a handful of stage labels and types a million
	// times: their meaning is worked out once.
	stages map[stageKey]string
	types  map[string]string
}

type stageKey struct{ label, won, closed, status string }

// memoMax bounds the memo maps, so that a file of unique labels cannot
// make them grow with it.
const memoMax = 1024

func (c *converter) stage(label, won, closed, status string) (string, error) {
	k := stageKey{label, won, closed, status}
	if s, ok := c.stages[k]; ok {
		return s, nil
	}
	s, err := c.p.opts.Stages.Stage(label, won, closed, status)
	if err == nil && len(c.stages) < memoMax {
		c.stages[k] = s
	}
	return s, err
}

func (c *converter) dealType(s string) (string, error) {
	if t, ok := c.types[s]; ok {
		return t, nil
	}
	t, err := ParseType(s)
	if err == nil && len(c.types) < memoMax {
		c.types[s] = t
	}
	return t, err
}

func newConverter(p *pass, src *source, pl *plan) *converter {
	return &converter{p: p, src: src, pl: pl, vals: make([]any, len(pl.all)),
		keys: newKeyFilter(), candidates: map[string]int{},
		stages: map[stageKey]string{}, types: map[string]string{}}
}

// readAll reads every record, validates it, and sends full batches of
// valid rows to full. After the first invalid row of a file that will be
// refused it stops sending, but reads on to list every problem.
func (c *converter) readAll(ctx context.Context, full chan<- *batch, free <-chan *batch) error {
	cr, width := c.src.cr, c.src.width
	var b *batch
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return fmt.Errorf("read %s: %w", c.p.opts.File, err)
			}
			c.problem(&RowError{File: c.p.opts.File, Line: pe.Line, Column: c.headerAt(pe.Column - 1), Err: pe.Err})
			c.skipped++
			continue
		}
		line, _ := cr.FieldPos(0)
		if IsFooter(rec) {
			continue
		}
		if len(rec) != width {
			c.problem(&RowError{File: c.p.opts.File, Line: line,
				Err: fmt.Errorf("the row has %d fields, the header has %d (a stray delimiter or quote?)", len(rec), width)})
			c.skipped++
			continue
		}
		if e, ok := c.p.skip[line]; ok {
			c.problem(e)
			c.skipped++
			continue
		}
		c.rowOK = true
		c.convert(rec, line)
		if c.needOrder {
			return errNeedDateOrder
		}
		if !c.rowOK {
			c.skipped++
			continue
		}
		c.count0()
		if c.count > 0 && !c.p.opts.SkipInvalid {
			continue // the file will be refused: nothing more to write
		}
		if b == nil {
			select {
			case b = <-free:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		row := b.row()
		for i, j := range c.pl.pick {
			row[i] = c.vals[j]
		}
		if b.n++; b.n == b.size {
			select {
			case full <- b:
				b = nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
	if b != nil && b.n > 0 && (c.count == 0 || c.p.opts.SkipInvalid) {
		select {
		case full <- b:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// count0 counts a valid row and checks its key for duplicates.
func (c *converter) count0() {
	c.rows++
	if c.pl.kind == KindDeals {
		switch c.vals[dealStage] {
		case "won":
			c.won++
		case "lost":
			c.lost++
		default:
			c.open++
			if c.vals[dealCreated] == nil {
				c.noDate++
			}
		}
	}
	key := c.rowKey()
	if c.keys.seen(key) {
		if _, ok := c.candidates[key]; !ok {
			line, _ := c.src.cr.FieldPos(0)
			c.candidates[key] = line
		}
	}
}

// finish copies what the converter counted into res.
func (c *converter) finish(res *ImportResult) {
	res.Rows, res.Won, res.Lost, res.Open, res.OpenWithoutCreated = c.rows, c.won, c.lost, c.open, c.noDate
	res.Skipped = c.skipped
	res.Problems = append(res.Problems[:0], c.problems...)
	res.ProblemCount = c.count
}

// problem records one problem, keeping only the first MaxProblems.
func (c *converter) problem(e *RowError) {
	c.rowOK = false
	c.count++
	if len(c.problems) < MaxProblems {
		c.problems = append(c.problems, e)
	}
}

// bad records a problem with field f of the row on line.
func (c *converter) bad(line, f int, format string, args ...any) {
	c.problem(&RowError{File: c.p.opts.File, Line: line, Column: c.column(f), Err: fmt.Errorf(format, args...)})
}

// column is the header of field f as written in the file, or the field's
// canonical name when the file does not carry it.
func (c *converter) column(f int) string {
	if i := c.src.at[f]; i >= 0 {
		return c.src.header[i]
	}
	return fieldNames[f]
}

func (c *converter) headerAt(i int) string {
	if i >= 0 && i < len(c.src.header) {
		return c.src.header[i]
	}
	return ""
}

// get is field f of rec without surrounding spaces; "" when not carried.
func (c *converter) get(rec []string, f int) string {
	if i := c.src.at[f]; i >= 0 {
		return trim(rec[i])
	}
	return ""
}

func (c *converter) flag(rec []string, name string) string {
	if i, ok := c.src.cols.Flags[name]; ok && i < len(rec) {
		return trim(rec[i])
	}
	return ""
}

// convert validates rec and fills c.vals; problems clear c.rowOK.
func (c *converter) convert(rec []string, line int) {
	switch c.pl.kind {
	case KindDeals:
		c.deal(rec, line)
	case KindCustomers:
		c.customer(rec, line)
	case KindSpend:
		c.spend(rec, line)
	}
}

// Positions of the deal columns in plan.all (dealColumns).
const (
	dealID = iota
	dealName
	dealCustomer
	dealOwner
	dealTeam
	dealStage
	dealLabel
	dealType
	dealAmount
	dealCost
	dealDiscount
	dealCurrency
	dealCreated
	dealClosed
)

func (c *converter) deal(rec []string, line int) {
	v := c.vals
	id := c.get(rec, fldID)
	if id == "" {
		c.bad(line, fldID, "empty: every deal needs an id")
	}
	v[dealID] = id
	v[dealName], v[dealCustomer] = c.get(rec, fldName), c.get(rec, fldCustomer)
	v[dealOwner], v[dealTeam] = c.get(rec, fldOwner), c.get(rec, fldTeam)

	label := c.get(rec, fldStage)
	won, closed, status := c.flag(rec, "won"), c.flag(rec, "closed"), c.flag(rec, "status")
	stage := ""
	if label == "" && won == "" && closed == "" && status == "" {
		c.bad(line, fldStage, "empty: every deal needs a stage (won, lost or an open stage)")
	} else if s, err := c.stage(label, won, closed, status); err != nil {
		c.bad(line, fldStage, "%v", err)
	} else {
		stage = s
	}
	v[dealStage], v[dealLabel] = stage, label

	typ, err := c.dealType(c.get(rec, fldType))
	if err != nil {
		c.bad(line, fldType, "%v", err)
	}
	v[dealType] = typ

	amount := c.money(rec, line, fldAmount, "a deal's amount")
	if amount == nil {
		amount = int64(0) // DESIGN §1: an empty amount is 0
	}
	v[dealAmount] = amount
	v[dealCost] = c.money(rec, line, fldCost, "a deal's cost")
	v[dealDiscount] = c.discount(rec, line)
	v[dealCurrency] = c.currencyOf(rec, line)

	created, createdOK := c.date(rec, line, fldCreated)
	closedAt, closedOK := c.date(rec, line, fldClosed)
	v[dealCreated], v[dealClosed] = created, closedAt
	if stage == "won" || stage == "lost" {
		if created == nil && createdOK {
			c.bad(line, fldCreated, "empty, but a %s deal needs a create date (cycle time and periods count from it)", stage)
		}
		if closedAt == nil && closedOK {
			c.bad(line, fldClosed, "empty, but a %s deal needs a close date", stage)
		}
	}
	if created != nil && closedAt != nil && closedAt.(string) < created.(string) {
		c.bad(line, fldClosed, "%s is before the create date %s", closedAt, created)
	}
}

// Positions of the customer columns in plan.all (customerColumns).
const (
	custID = iota
	custName
	custOwner
	custTeam
	custSegment
	custAcquired
	custChurned
)

func (c *converter) customer(rec []string, line int) {
	v := c.vals
	id := c.get(rec, fldID)
	if id == "" {
		c.bad(line, fldID, "empty: every customer needs an id")
	}
	v[custID] = id
	v[custName], v[custOwner], v[custTeam] = c.get(rec, fldName), c.get(rec, fldOwner), c.get(rec, fldTeam)
	v[custSegment] = c.get(rec, fldSegment)
	acquired, _ := c.date(rec, line, fldAcquired)
	churned, _ := c.date(rec, line, fldChurned)
	v[custAcquired], v[custChurned] = acquired, churned
	if acquired != nil && churned != nil && churned.(string) < acquired.(string) {
		c.bad(line, fldChurned, "%s is before the acquisition date %s", churned, acquired)
	}
}

// Positions of the spend columns in plan.all (spendColumns).
const (
	spendDate = iota
	spendChannel
	spendAmount
	spendCategory
	spendCurrency
)

func (c *converter) spend(rec []string, line int) {
	v := c.vals
	date, ok := c.date(rec, line, fldDate)
	if date == nil && ok {
		c.bad(line, fldDate, "empty: every spend row needs a date")
	}
	v[spendDate] = date
	channel := c.get(rec, fldChannel)
	if channel == "" {
		c.bad(line, fldChannel, "empty: every spend row needs a channel (Google Ads, Events, …)")
	}
	v[spendChannel] = channel
	amount := c.money(rec, line, fldAmount, "spend")
	if amount == nil && c.get(rec, fldAmount) == "" {
		c.bad(line, fldAmount, "empty: every spend row needs an amount")
	}
	v[spendAmount] = amount
	switch cat := strings.ToLower(c.get(rec, fldCategory)); cat {
	case "", "marketing":
		v[spendCategory] = "marketing"
	case "sales":
		v[spendCategory] = "sales"
	default:
		c.bad(line, fldCategory, "%q is not a category: use marketing or sales", c.get(rec, fldCategory))
	}
	v[spendCurrency] = c.currencyOf(rec, line)
}

// money parses field f as money in minor units; nil when empty or invalid.
func (c *converter) money(rec []string, line, f int, what string) any {
	s := c.get(rec, f)
	if s == "" {
		return nil
	}
	m, err := ParseMoney(s, c.src.comma)
	if err != nil {
		c.bad(line, f, "%v", err)
		return nil
	}
	if m < 0 {
		c.bad(line, f, "%q is negative: %s is 0 or more", s, what)
		return nil
	}
	return m
}

func (c *converter) discount(rec []string, line int) any {
	s := c.get(rec, fldDiscount)
	if s == "" {
		return nil
	}
	d, err := ParseDiscount(s, c.src.comma)
	if err != nil {
		c.bad(line, fldDiscount, "%v", err)
		return nil
	}
	if d < 0 || d > 100 {
		c.bad(line, fldDiscount, "%q is not a percentage between 0 and 100", s)
		return nil
	}
	return d
}

// currencyOf is the row's currency column, else the file's default.
func (c *converter) currencyOf(rec []string, line int) string {
	s := c.get(rec, fldCurrency)
	if s == "" {
		return c.p.currency
	}
	cur, err := canonCurrency(s)
	if err != nil {
		c.bad(line, fldCurrency, "%v", err)
		return c.p.currency
	}
	return cur
}

// date parses field f into an ISO date: nil when empty or invalid; ok is
// false when invalid (a problem was recorded).
func (c *converter) date(rec []string, line, f int) (any, bool) {
	s := c.get(rec, f)
	if s == "" {
		return nil, true
	}
	if c.p.dates.Order == DateAuto && needsOrder(s) {
		c.needOrder = true
		if c.p.nonISO == "" {
			c.p.nonISO = s
		}
		return nil, false
	}
	if isoDate(s) {
		return s, true // the common case, without DateParser's formatting
	}
	d, err := c.p.dates.Parse(s)
	if err != nil {
		c.bad(line, f, "%v", err)
		return nil, false
	}
	return d, true
}

// rowKey is the key of the row in c.vals: its id, for spend its date and channel.
func (c *converter) rowKey() string {
	if c.pl.kind == KindSpend {
		return c.vals[spendDate].(string) + "\x1f" + c.vals[spendChannel].(string)
	}
	return c.vals[0].(string)
}

// key computes the key of rec without validating the rest of the row.
func (c *converter) key(rec []string) (string, bool) {
	if c.pl.kind != KindSpend {
		return c.get(rec, fldID), true
	}
	d, err := c.p.dates.Parse(c.get(rec, fldDate))
	if err != nil {
		return "", false
	}
	return d + "\x1f" + c.get(rec, fldChannel), true
}

func (c *converter) keyName() string {
	if c.pl.kind == KindSpend {
		return "date and channel"
	}
	return "id"
}

func (c *converter) keyColumn() string {
	if c.pl.kind == KindSpend {
		return c.column(fldDate)
	}
	return c.column(fldID)
}

// displayKey shows a key as the user wrote it.
func displayKey(key string) string {
	return strconv.Quote(strings.ReplaceAll(key, "\x1f", ", "))
}

// isoDate reports whether s is exactly a valid YYYY-MM-DD date, which
// DateParser would return unchanged.
func isoDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	n := 0
	for i := 0; i < 10; i++ {
		if i == 4 || i == 7 {
			continue
		}
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		n = n*10 + int(s[i]-'0')
	}
	y, m, d := n/10000, n/100%100, n%100
	return checkDate(y, m, d) == nil
}

// needsOrder reports whether s looks like a date with the day or the month
// first (31/01/2027, 1.31.27, 31-01-27), which needs the file's date order.
func needsOrder(s string) bool {
	s = trim(s)
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return (n == 1 || n == 2) && n < len(s) && strings.IndexByte("/.-", s[n]) >= 0
}

func trim(s string) string {
	if len(s) > 0 && (s[0] == ' ' || s[len(s)-1] == ' ' || s[0] == '\t' || s[len(s)-1] == '\t') {
		return strings.TrimSpace(s)
	}
	return s
}
