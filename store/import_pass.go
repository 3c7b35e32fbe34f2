package store

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"sort"
	"time"

	"github.com/salesgoal/salesgoal/internal/crm"
)

var (
	// errNeedDateOrder stops a pass that met a non-ISO date before the
	// date order was known; Import works the order out and starts again.
	errNeedDateOrder = errors.New("date order needed")
	// errRetrySkipping stops a SkipInvalid pass that found duplicate ids:
	// Import starts again, leaving their lines out.
	errRetrySkipping = errors.New("retry without duplicates")
	// errRetryUpsert stops a bulk pass that met a key twice: Import starts
	// again on the upsert path, whose filter finds the lines to name.
	errRetryUpsert = errors.New("retry without the bulk path")
)

// pass is one attempt at importing a file, with what earlier attempts
// learnt about it (the date order, the lines to leave out).
type pass struct {
	db            *DB
	opts          ImportOptions
	currency      string
	currencyGiven bool
	dates         crm.DateParser
	dateNote      string
	nonISO        string                // the first non-ISO date met while the order was unknown
	skip          map[int]*crm.RowError // duplicate lines to leave out (SkipInvalid)
	noBulk        bool                  // the file repeats a key: take the upsert path even into an empty table
	res           ImportResult
}

// source is one reading of the file: decoded, split into records, its
// header mapped to fields.
type source struct {
	cr     *csv.Reader
	cols   crm.Columns
	at     [nField]int // column of each field; -1 = not carried
	width  int         // fields in the header
	count  *countingReader
	comma  bool // decimal comma
	header []string
	shape  crm.Shape
	consts [nField]string // the --set value of a field whose at is constColumn
	alt    [nField][]int  // fallback columns of a field (closed_at: "Won time", "Lost time")
}

// constColumn is the at of a field given with --set rather than read from
// a column.
const constColumn = -2

// open starts reading r: it sniffs the encoding and delimiter, reads the
// header and maps it to the fields of the file's kind.
func (p *pass) open(r io.Reader, withHash bool) (*source, error) {
	cnt := &countingReader{r: r, progress: p.opts.Progress}
	if withHash {
		cnt.h = sha256.New()
	}
	br := bufio.NewReaderSize(cnt, 1<<20)
	head, err := br.Peek(1 << 20) // crm.Sniff looks at up to 1 MiB
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("read %s: %w", p.opts.File, err)
	}
	if len(head) == 0 {
		return nil, &crm.FileError{File: p.opts.File, Err: errors.New("the file is empty: export it again with a header row and at least one row")}
	}
	shape, err := crm.Sniff(head, p.opts.Encoding)
	if err != nil {
		return nil, &crm.FileError{File: p.opts.File, Err: crm.NotExport(err)}
	}
	cr := csv.NewReader(shape.Reader(br))
	if shape.Delimiter != 0 {
		cr.Comma = shape.Delimiter
	}
	cr.FieldsPerRecord = -1 // ragged rows get our own message
	cr.ReuseRecord = true
	rec, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &crm.FileError{File: p.opts.File, Err: errors.New("the file is empty: export it again with a header row and at least one row")}
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, &crm.FileError{File: p.opts.File, Err: fmt.Errorf("the header (line %d) cannot be read as CSV: %v: is this a CSV export?", pe.Line, pe.Err)}
		}
		return nil, fmt.Errorf("read %s: %w", p.opts.File, err)
	}
	header := append([]string(nil), rec...) // the reader reuses rec
	cols, err := crm.Mapping{Kind: p.opts.Kind, Preset: p.opts.Preset, Map: p.opts.Map, Set: p.opts.Set}.Columns(header)
	if err != nil {
		return nil, &crm.FileError{File: p.opts.File, Err: err}
	}
	s := &source{cr: cr, cols: cols, width: len(header), count: cnt, header: header,
		comma: p.opts.DecimalComma || shape.DecimalComma, shape: shape}
	for f := range s.at {
		s.at[f] = -1
		if i, ok := cols.Index[fieldNames[f]]; ok {
			s.at[f] = i
		}
		if v, ok := cols.Consts[fieldNames[f]]; ok {
			s.at[f], s.consts[f] = constColumn, v
		}
		s.alt[f] = cols.Fallbacks[fieldNames[f]]
	}
	return s, nil
}

// run makes one pass: it validates every row on one goroutine and upserts
// the valid ones in batches on this one, inside one transaction that it
// commits only when the whole file is acceptable (and never on a dry run).
func (p *pass) run(ctx context.Context, r io.Reader, seeker io.Seeker) error {
	p.res = ImportResult{File: p.opts.File, DryRun: p.opts.DryRun, DateOrder: p.dates.Order, DateNote: p.dateNote}
	src, err := p.open(r, true)
	if err != nil {
		return err
	}
	p.describe(src)

	// One connection for the transaction and the driver-level inserts.
	conn, err := p.db.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("import %s: %w", p.opts.File, err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("import %s: %w", p.opts.File, err)
	}
	defer tx.Rollback()
	pl := newPlan(src.cols.Kind, src.at, p.currencyGiven)
	var before int64
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+pl.table).Scan(&before); err != nil {
		return err
	}
	// An empty table takes the bulk path (import_bulk.go).
	var indexes []string
	if before == 0 && !p.noBulk {
		if indexes, err = dropIndexes(ctx, tx, pl.table); err != nil {
			return fmt.Errorf("import %s: %w", p.opts.File, err)
		}
		pl.bulk = true
	}
	conv := newConverter(p, src, pl)
	if !pl.bulk || seeker == nil {
		conv.keys = newKeyFilter()
	}
	if pl.bulk && pl.kind == crm.KindDeals {
		conv.firstWon = newFirstWon()
	}
	if conv.stored, err = newStoredDates(ctx, p.db.db, pl.kind, src.at, pl.bulk); err != nil {
		return fmt.Errorf("import %s: %w", p.opts.File, err)
	}
	defer conv.stored.close()
	ins := &inserter{ctx: ctx, conn: conn, plan: pl}
	defer ins.close()

	// Parsing (CSV, numbers, dates) runs on its own goroutine and hands
	// full batches to the inserter; three batches circulate, so memory
	// stays flat however long the file is.
	pctx, cancel := context.WithCancel(ctx)
	defer cancel()
	full := make(chan *batch, 2)
	free := make(chan *batch, 3)
	for range 3 {
		free <- newBatch(pl)
	}
	parsed := make(chan error, 1)
	go func() {
		parsed <- conv.readAll(pctx, full, free)
		close(full)
	}()
	var insErr error
	for b := range full {
		if insErr == nil {
			if insErr = ins.exec(b); insErr != nil {
				cancel()
			}
		}
		b.n = 0
		free <- b
	}
	perr := <-parsed
	p.res.SHA256 = src.count.sum()
	if insErr != nil {
		return fmt.Errorf("import %s: %w", p.opts.File, insErr)
	}
	if perr != nil {
		return perr
	}
	if conv.fatal != nil {
		return fmt.Errorf("import %s: %w", p.opts.File, conv.fatal)
	}
	conv.finish(&p.res)
	if conv.keys == nil && (ins.affected < ins.rows || (p.res.ProblemCount > 0 && !p.opts.SkipInvalid)) {
		// The insert kept the first row of a key and skipped the others:
		// the file repeats a key. Or the file will be refused, so the rows
		// after its first problem were not inserted and not checked for
		// repeats. Reading it again on the upsert path, whose filter sees
		// every row, lists the problems exactly as for a table that is not
		// empty.
		return errRetryUpsert
	}

	if len(conv.candidates) > 0 {
		dups, err := p.duplicates(r, seeker, conv)
		if err != nil {
			return err
		}
		if len(dups) > 0 && p.opts.SkipInvalid {
			p.skip = map[int]*crm.RowError{}
			for _, e := range dups {
				p.skip[e.Line] = e
			}
			return errRetrySkipping
		}
		for _, e := range dups {
			conv.problem(e)
		}
		conv.finish(&p.res)
	}
	sort.SliceStable(p.res.Problems, func(i, j int) bool { return p.res.Problems[i].Line < p.res.Problems[j].Line })
	if len(p.res.Problems) > MaxProblems {
		p.res.Problems = p.res.Problems[:MaxProblems]
	}
	if p.opts.Understood != nil {
		p.opts.Understood(p.res)
	}
	if p.res.ProblemCount > 0 && !p.opts.SkipInvalid {
		p.res.Skipped = 0
		return fmt.Errorf("%s: %d problems, nothing imported from it: %w", p.opts.File, p.res.ProblemCount, crm.ErrInvalidRow)
	}

	var after int64
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+pl.table).Scan(&after); err != nil {
		return err
	}
	p.res.Inserted = after - before
	p.res.Updated = ins.affected - p.res.Inserted
	p.res.Unchanged = p.res.Rows - p.res.Inserted - p.res.Updated
	if pl.kind == crm.KindDeals && ins.affected > 0 {
		if conv.firstWon.usable() {
			p.res.ImplicitCustomers, err = conv.firstWon.refresh(ctx, tx)
		} else {
			p.res.ImplicitCustomers, err = refreshCustomers(ctx, tx)
		}
		if err != nil {
			return fmt.Errorf("import %s: %w", p.opts.File, err)
		}
	}
	if p.opts.DryRun {
		return nil // the deferred Rollback undoes everything, the dropped indexes too
	}
	if err := createIndexes(ctx, tx, indexes); err != nil {
		return fmt.Errorf("import %s: %w", p.opts.File, err)
	}
	now := p.opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO imports (file, sha256, kind, inserted, updated, unchanged, skipped, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, p.opts.File, p.res.SHA256, string(pl.kind),
		p.res.Inserted, p.res.Updated, p.res.Unchanged, p.res.Skipped, now.UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("import %s: log: %w", p.opts.File, err)
	}
	ins.close()
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("import %s: %w", p.opts.File, err)
	}
	return nil
}

// describe fills in what the pass understood of the header.
func (p *pass) describe(src *source) {
	c := src.cols
	p.res.Kind, p.res.Preset, p.res.Warnings = c.Kind, c.Preset, append([]string(nil), c.Warnings...)
	p.res.Ignored = append([]string(nil), c.Ignored...)
	p.res.Shape = src.shape
	for _, f := range crm.Fields(c.Kind) {
		if i, ok := c.Index[f]; ok {
			u := ColumnUse{Field: f, Header: src.header[i]}
			for _, j := range c.Fallbacks[f] {
				u.Else = append(u.Else, src.header[j])
			}
			p.res.Columns = append(p.res.Columns, u)
		}
		if v, ok := c.Consts[f]; ok {
			p.res.Columns = append(p.res.Columns, ColumnUse{Field: f, Value: v, Const: true})
		}
	}
	for _, flag := range []string{"won", "closed", "status"} {
		if i, ok := c.Flags[flag]; ok {
			p.res.Columns = append(p.res.Columns, ColumnUse{Field: "stage(" + flag + ")", Header: src.header[i]})
		}
	}
}

// detectDateOrder reads the date columns of the whole file and decides
// whether its dates are day-first or month-first.
func (p *pass) detectDateOrder(r io.Reader, seeker io.Seeker) error {
	if _, err := seeker.Seek(0, io.SeekStart); err != nil {
		return err
	}
	src, err := p.open(r, false)
	if err != nil {
		return err
	}
	var det crm.DateOrderDetector
	for {
		rec, err := src.cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil || len(rec) != src.width {
			continue // the import pass reports it
		}
		for _, f := range dateFields {
			for _, i := range append([]int{src.at[f]}, src.alt[f]...) {
				if i >= 0 && needsOrder(rec[i]) {
					line, _ := src.cr.FieldPos(i)
					det.AddAt(trim(rec[i]), fmt.Sprintf("line %d, column %q", line, src.header[i]))
				}
			}
			if src.at[f] == constColumn && needsOrder(src.consts[f]) {
				det.Add(src.consts[f])
			}
		}
	}
	order, note, err := det.Order()
	if err != nil {
		return &crm.FileError{File: p.opts.File, Err: crm.DateOrderError(err)}
	}
	p.dates.Order, p.dateNote = order, note
	return nil
}

// duplicates reads the file again to find every line of the keys that the
// filter flagged during the import pass, and returns a problem for each
// line after the first of a key that really occurs more than once. Without
// a way to read the file again, it trusts the filter and names one line.
func (p *pass) duplicates(r io.Reader, seeker io.Seeker, conv *converter) ([]*crm.RowError, error) {
	col := conv.keyColumn()
	var out []*crm.RowError
	if seeker == nil {
		for key, line := range conv.candidates {
			out = append(out, &crm.RowError{File: p.opts.File, Line: line, Column: col,
				Err: crm.DupError(fmt.Sprintf("%s %s appears earlier in the file", conv.keyName(), displayKey(key)))})
		}
		return out, nil
	}
	if _, err := seeker.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	src, err := p.open(r, false)
	if err != nil {
		return nil, err
	}
	lines := map[string][]int{}
	for {
		rec, err := src.cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil || len(rec) != src.width || crm.IsFooter(rec) {
			continue
		}
		key, ok := conv.key(rec)
		if _, cand := conv.candidates[key]; ok && cand {
			line, _ := src.cr.FieldPos(0)
			lines[key] = append(lines[key], line)
		}
	}
	for key, ls := range lines {
		if len(ls) < 2 {
			continue // the filter's false alarm
		}
		for _, l := range ls {
			other := ls[0]
			if l == ls[0] {
				other = ls[1]
			}
			if l == ls[0] && !p.opts.SkipInvalid {
				continue // one problem per extra line; the first is named in it
			}
			out = append(out, &crm.RowError{File: p.opts.File, Line: l, Column: col,
				Err: crm.DupError(fmt.Sprintf("%s %s is also on line %d", conv.keyName(), displayKey(key), other))})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	return out, nil
}

// countingReader counts (and hashes) the bytes read through it and reports
// progress about every megabyte.
type countingReader struct {
	r        io.Reader
	h        hash.Hash
	n, next  int64
	progress func(int64)
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	if n > 0 {
		if c.h != nil {
			c.h.Write(b[:n])
		}
		c.n += int64(n)
		if c.progress != nil && (c.n >= c.next || err != nil) {
			c.progress(c.n)
			c.next = c.n + 1<<20
		}
	}
	return n, err
}

func (c *countingReader) sum() string {
	if c.h == nil {
		return ""
	}
	return hex.EncodeToString(c.h.Sum(nil))
}
