package store

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"strconv"
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm"
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

	problems     []*crm.RowError // the first MaxProblems
	count        int
	rowOK        bool
	needOrder    bool
	rows         int64
	won, lost    int64
	wonValue     map[string]int64
	openLabels   map[string]int64 // the CRM's labels of the deals read as open
	open, noDate int64
	skipped      int64

	stored   *storedDates // dates of deals the file does not carry; nil when it carries both
	firstWon *firstWon    // each customer's first won date, on the bulk path of deals; else nil
	fatal    error        // a lookup failed: the import stops

	keys       *keyFilter     // nil on the bulk path, where SQLite finds repeated keys (pass.run)
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
	t, err := crm.ParseType(s)
	if err == nil && len(c.types) < memoMax {
		c.types[s] = t
	}
	return t, err
}

func newConverter(p *pass, src *source, pl *plan) *converter {
	return &converter{p: p, src: src, pl: pl, vals: make([]any, len(pl.all)),
		candidates: map[string]int{}, wonValue: map[string]int64{}, openLabels: map[string]int64{},
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
			// pe.Column counts characters, not fields: name the line the
			// record starts on, where an unclosed quote was opened.
			cause := fmt.Errorf("character %d: %w: a stray quote?", pe.Column, pe.Err)
			if pe.StartLine != pe.Line {
				cause = fmt.Errorf("a quoted field that starts on this line is not closed properly (%w, line %d, character %d)", pe.Err, pe.Line, pe.Column)
			}
			c.problem(&crm.RowError{File: c.p.opts.File, Line: pe.StartLine, Err: cause})
			c.skipped++
			continue
		}
		line, _ := cr.FieldPos(0)
		if crm.IsFooter(rec) {
			continue
		}
		if len(rec) != width {
			c.problem(&crm.RowError{File: c.p.opts.File, Line: line,
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
	if c.pl.kind == crm.KindDeals {
		switch c.vals[dealStage] {
		case "won":
			c.won++
			if a, ok := c.vals[dealAmount].(int64); ok && len(c.wonValue) < memoMax {
				c.wonValue[c.vals[dealCurrency].(string)] += a
			}
		case "lost":
			c.lost++
		default:
			c.open++
			if c.vals[dealCreated] == nil {
				c.noDate++
			}
			if l, _ := c.vals[dealLabel].(string); l != "" && (len(c.openLabels) < memoMax || c.openLabels[l] > 0) {
				c.openLabels[l]++
			}
		}
		if c.firstWon != nil {
			c.firstWon.add(c.vals[dealCustomer].(string), c.vals[dealStage].(string), c.vals[dealClosed])
		}
	}
	if c.keys == nil {
		return
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
	res.WonValue = maps.Clone(c.wonValue)
	res.OpenLabels = maps.Clone(c.openLabels)
	res.Skipped = c.skipped
	res.Problems = append(res.Problems[:0], c.problems...)
	res.ProblemCount = c.count
}

// problem records one problem, keeping only the first MaxProblems.
func (c *converter) problem(e *crm.RowError) {
	c.rowOK = false
	c.count++
	if len(c.problems) < MaxProblems {
		c.problems = append(c.problems, e)
	}
}

// bad records a problem with field f of the row on line.
func (c *converter) bad(line, f int, format string, args ...any) {
	c.problem(&crm.RowError{File: c.p.opts.File, Line: line, Column: c.column(f), Err: fmt.Errorf(format, args...)})
}

// column is the header of field f as written in the file, or the field's
// canonical name when the file does not carry it.
func (c *converter) column(f int) string {
	if i := c.src.at[f]; i >= 0 {
		return c.src.header[i]
	}
	if c.src.at[f] == constColumn {
		return "--set " + fieldNames[f]
	}
	return fieldNames[f]
}

// get is field f of rec without surrounding spaces; "" when not carried.
func (c *converter) get(rec []string, f int) string {
	i := c.src.at[f]
	switch {
	case i == constColumn:
		return c.src.consts[f]
	case i < 0:
		return ""
	}
	s := trim(rec[i])
	if s == "" {
		for _, j := range c.src.alt[f] {
			if s = trim(rec[j]); s != "" {
				break
			}
		}
	}
	return s
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
	case crm.KindDeals:
		c.deal(rec, line)
	case crm.KindCustomers:
		c.customer(rec, line)
	case crm.KindSpend:
		c.spend(rec, line)
	}
}

// rowKey is the key of the row in c.vals: its id, for spend its date and channel.
func (c *converter) rowKey() string {
	if c.pl.kind == crm.KindSpend {
		return c.vals[spendDate].(string) + "\x1f" + c.vals[spendChannel].(string)
	}
	return c.vals[0].(string)
}

// key computes the key of rec without validating the rest of the row.
func (c *converter) key(rec []string) (string, bool) {
	if c.pl.kind != crm.KindSpend {
		return c.get(rec, fldID), true
	}
	d, err := c.p.dates.Parse(c.get(rec, fldDate))
	if err != nil {
		return "", false
	}
	return d + "\x1f" + c.get(rec, fldChannel), true
}

func (c *converter) keyName() string {
	if c.pl.kind == crm.KindSpend {
		return "date and channel"
	}
	return "id"
}

func (c *converter) keyColumn() string {
	if c.pl.kind == crm.KindSpend {
		return c.column(fldDate)
	}
	return c.column(fldID)
}

// displayKey shows a key as the user wrote it.
func displayKey(key string) string {
	return strconv.Quote(strings.ReplaceAll(key, "\x1f", ", "))
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
