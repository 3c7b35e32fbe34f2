package importer

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"time"

	"github.com/salesgoal/salesgoal/internal/crm"
	"github.com/salesgoal/salesgoal/internal/crm/row"
	"github.com/salesgoal/salesgoal/store"
)

var (
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
	db            *store.DB
	opts          Options
	currencyGiven bool
	dbCurrency    string // the database's currency when the import began
	loc           *time.Location
	dateOrders    crm.DateOrders        // worked out by reading the file (detectDateOrder)
	dateGiven     bool                  // Options.DateOrder was given
	nonISO        string                // the first non-ISO date met while the order was unknown
	skip          map[int]*crm.RowError // duplicate lines to leave out (SkipInvalid)
	noBulk        bool                  // the file repeats a key: take the upsert path even into an empty table
	res           Result

	// What the current pass met, on the goroutine that reads.
	problems   []*crm.RowError // the first MaxProblems
	count      int
	skipped    int64
	keys       *keyFilter     // nil where the store finds repeated keys (tx.FindsRepeats, the bulk path)
	storeKeys  bool           // the store finds repeated keys: rows not written give it their keys
	candidates map[string]int // keys the filter has seen before, or the store found again → line
}

// checking reports whether the keys of the rows read go on to be checked
// for repeats: by the filter, or by the store (rows it does not write).
func (p *pass) checking() bool { return p.keys != nil || p.storeKeys }

// open starts reading r with the options of the pass, counting the bytes
// read for the progress bar and, withHash, hashing them for the import log.
func (p *pass) open(r io.Reader, withHash bool) (*crm.Reader, *countingReader, error) {
	cnt := &countingReader{r: r, progress: p.opts.Progress}
	if withHash {
		cnt.h = sha256.New()
	}
	rd, err := crm.Open(cnt, crm.Options{File: p.opts.File, Kind: p.opts.Kind, Preset: p.opts.Preset,
		Map: p.opts.Map, Set: p.opts.Set, Header: p.opts.Header, IDFrom: p.opts.IDFrom, Stages: p.opts.Stages, Types: p.opts.Types, DateOrder: p.opts.DateOrder, DateOrders: p.dateOrders, Loc: p.loc,
		Currency: p.opts.Currency, Encoding: p.opts.Encoding, DecimalComma: p.opts.DecimalComma})
	return rd, cnt, err
}

// run makes one pass: it validates every row on one goroutine and upserts
// the valid ones in batches on this one, inside one transaction that it
// commits only when the whole file is acceptable (and never on a dry run).
func (p *pass) run(ctx context.Context, r io.Reader, seeker io.Seeker) error {
	p.res = Result{Understood: crm.Understood{File: p.opts.File, DateOrder: p.opts.DateOrder}, DryRun: p.opts.DryRun,
		DateOrderGiven: p.dateGiven, Skipping: p.opts.SkipInvalid, Replacing: p.opts.Replace, DBCurrency: p.dbCurrency}
	p.problems, p.count, p.skipped, p.candidates = nil, 0, 0, map[string]int{}
	rd, cnt, err := p.open(r, true)
	if err != nil {
		return err
	}
	p.finish(rd)

	if p.opts.Replace && rd.Kind() != row.KindDeals {
		return &crm.FileError{File: p.opts.File, Err: fmt.Errorf("it is a %s file: %w", rd.Kind(), ErrReplaceKind)}
	}
	tx, err := p.db.BeginImport(ctx, store.ImportSpec{File: p.opts.File, Kind: rd.Kind(), Carried: rd.Carried(),
		CurrencyGiven: p.currencyGiven, NoBulk: p.noBulk, Source: p.opts.Source, Replace: p.opts.Replace,
		SkipInvalid: p.opts.SkipInvalid})
	if err != nil {
		return err
	}
	defer tx.Close()
	if p.opts.Filling != nil {
		p.opts.Filling(tx.Bulk())
	}
	p.keys, p.storeKeys = nil, tx.FindsRepeats()
	if !p.storeKeys && (!tx.Bulk() || seeker == nil) {
		p.keys = newKeyFilter()
	}
	if rd.NeedsStored() {
		stored, err := tx.StoredDates()
		if err != nil {
			return fmt.Errorf("import %s: %w", p.opts.File, err)
		}
		defer stored.Close()
		rd.SetStored(stored)
	}

	insErr, perr := p.pipeline(ctx, tx, rd)
	p.res.SHA256 = cnt.sum()
	// The filter has seen every key (the pipeline's goroutines have
	// ended): let its 8 MiB go, for Finish to reuse as it settles the
	// customers and commits the rollups (docs/architecture.md, "Memory").
	filtered := p.checking()
	p.keys = nil
	for key, line := range tx.Repeats() {
		if _, ok := p.candidates[key]; !ok {
			p.candidates[key] = line
		}
	}
	var limit *store.LimitError
	if errors.As(insErr, &limit) && limit.Line > 0 {
		// A row whose amount takes its currency's sums beyond the limit
		// refuses the file like an invalid row (it cannot be skipped: it
		// is valid on its own).
		p.problem(&crm.RowError{File: p.opts.File, Line: limit.Line, Column: limit.Field, Err: limit.Err})
		p.finish(rd)
		return fmt.Errorf("%s: %d problems, nothing imported from it: %w", p.opts.File, p.res.ProblemCount, errors.Join(crm.ErrInvalidRow, limit))
	}
	if insErr != nil {
		return fmt.Errorf("import %s: %w", p.opts.File, insErr)
	}
	if perr != nil {
		return perr
	}
	p.finish(rd)
	if !filtered && (tx.RepeatedKey() || (p.res.ProblemCount > 0 && !p.opts.SkipInvalid)) {
		// The insert kept the first row of a key and skipped the others:
		// the file repeats a key. Or the file will be refused, so the rows
		// after its first problem were not inserted and not checked for
		// repeats. Reading it again on the upsert path, whose filter sees
		// every row, lists the problems exactly as for a table that is not
		// empty.
		return errRetryUpsert
	}

	if len(p.candidates) > 0 {
		dups, err := p.duplicates(r, seeker, rd)
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
			p.problem(e)
		}
		p.finish(rd)
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
	w, err := tx.Finish(store.ImportLog{SHA256: p.res.SHA256, Rows: p.res.Rows, Skipped: p.res.Skipped, At: p.opts.Now,
		DryRun: p.opts.DryRun, Currency: onlyCurrency(p.res.Currencies)})
	p.res.Inserted, p.res.Updated, p.res.Unchanged, p.res.ImplicitCustomers = w.Inserted, w.Updated, w.Unchanged, w.ImplicitCustomers
	p.res.Deleted = w.Deleted
	p.res.AdoptedCurrency = w.AdoptedCurrency
	p.res.Lifecycles = w.Lifecycles
	var conflict *store.ConflictError
	if errors.As(err, &conflict) {
		// Events the customers' other facts contradict refuse the file
		// like invalid rows (docs/import.md, "Churn events and
		// subscriptions").
		p.conflicts(conflict.Conflicts)
		p.finish(rd)
		return fmt.Errorf("%s: %d problems, nothing imported from it: %w", p.opts.File, p.res.ProblemCount, crm.ErrInvalidRow)
	}
	if err == nil && len(w.Conflicts) > 0 {
		p.conflicts(w.Conflicts)
		p.skipped += int64(len(w.Conflicts))
		p.finish(rd)
	}
	return err
}

// conflicts records the lines whose events contradict their customers.
func (p *pass) conflicts(cs []store.Conflict) {
	for _, c := range cs {
		p.problem(&crm.RowError{File: p.opts.File, Line: c.Line,
			Err: fmt.Errorf("customer %s %s", strconv.Quote(c.Customer), c.Reason)})
	}
	sort.SliceStable(p.problems, func(i, j int) bool { return p.problems[i].Line < p.problems[j].Line })
}

// onlyCurrency is the currency of every deal counted, "" when there are
// several or none.
func onlyCurrency(counts map[string]int64) string {
	if len(counts) != 1 {
		return ""
	}
	for c := range counts {
		return c
	}
	return ""
}

// finish copies what the pass understood and counted into its result.
func (p *pass) finish(rd *crm.Reader) {
	p.res.Understood = rd.Understood()
	p.res.DateOrderGiven = p.dateGiven
	p.res.Skipped = p.skipped
	p.res.Problems = append(p.res.Problems[:0], p.problems...)
	p.res.ProblemCount = p.count
}

// problem records one problem, keeping only the first MaxProblems.
func (p *pass) problem(e *crm.RowError) {
	p.count++
	if len(p.problems) < MaxProblems {
		p.problems = append(p.problems, e)
	}
}

// detectDateOrder reads the file again to work out whether its dates are
// day-first or month-first, for each pattern of date it holds.
func (p *pass) detectDateOrder(r io.Reader, seeker io.Seeker) error {
	if _, err := seeker.Seek(0, io.SeekStart); err != nil {
		return err
	}
	rd, _, err := p.open(r, false)
	if err != nil {
		return err
	}
	orders, err := rd.DetectDateOrder()
	if err != nil {
		return err
	}
	p.dateOrders = orders
	return nil
}
