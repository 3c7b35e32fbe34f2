// Package importer imports CRM exports into the database: it reads a file
// with package crm and writes its rows with package store, in one
// transaction per file. It owns what lies between the two: the passes over
// a file (again for the order of its dates, again to name the lines of a
// repeated id), the goroutine that reads beside the one that writes, and
// the problems of a file, which refuse it unless it is asked to skip them.
package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/salesgoal/salesgoal/internal/crm"
	"github.com/salesgoal/salesgoal/internal/crm/row"
	"github.com/salesgoal/salesgoal/store"
)

// MaxProblems is how many problems a Result lists; the rest are only
// counted (ProblemCount).
const MaxProblems = 20

// ErrReplaceKind: a file that is not a deals file was to replace its
// source's deals; nothing was imported.
var ErrReplaceKind = errors.New("only a deals file replaces its source's deals")

// Options say how to import one file.
type Options struct {
	File         string            // name used in messages and in the import log
	Kind         row.Kind          // "" detects the kind from the header
	Preset       string            // a CRM's header and stage names (crm.Presets)
	Map          map[string]string // canonical field → header, overriding the mapping
	Set          map[string]string // canonical field → the value of every row, for a column the file lacks
	Header       []string          // the column names of a file without a header line
	IDFrom       []string          // the headers of the columns an id is built from
	Stages       crm.StageRules    // the CRM's own stage labels
	Types        crm.TypeRules     // the CRM's own deal-type labels
	DateOrder    crm.DateOrder     // crm.DateAuto detects it when the dates are not ISO
	Currency     string            // the file's currency; "" = the database's setting
	Encoding     string            // "" detects it
	DecimalComma bool              // "1.234,50"
	DryRun       bool              // validate and count, then roll back
	SkipInvalid  bool              // import the valid rows, list the others as skipped
	// Source, when set, is the source the file belongs to and the reading
	// to remember of it (store.SourceSpec).
	Source *store.SourceSpec
	// Replace: the deals file is the whole of its source; the deals of the
	// source it no longer lists are deleted (needs Source).
	Replace bool
	// Progress, when set, is called now and then with the bytes read so far
	// in the current pass over the file.
	Progress func(read int64)
	Now      time.Time // the time recorded in the import log; zero = time.Now
	// Understood, when set, is called once the whole file has been read and
	// checked, before anything is committed (also for a file about to be
	// refused), with what the import understood and counted.
	Understood func(Result)
	// Filling, when set, is called as each pass begins to write, with
	// whether it fills an empty table (the bulk path), where an import's
	// memory peaks: the command collects its heap sooner there.
	Filling func(empty bool)
}

// Result says what an import understood and did. It is filled as far as
// the import got, also when it returns an error.
type Result struct {
	crm.Understood
	DateOrderGiven               bool // the date order was given (Options.DateOrder), not worked out
	SHA256                       string
	Inserted, Updated, Unchanged int64
	Skipped                      int64 // invalid rows left out (with SkipInvalid)
	ImplicitCustomers            int64 // customers added because deals name them
	Deleted                      int64 // deals of the source the file no longer lists (Options.Replace)
	// AdoptedCurrency is the currency the database took from this deals
	// file (store.Written.AdoptedCurrency); DBCurrency is the database's
	// currency when the import began.
	AdoptedCurrency string
	DBCurrency      string
	Problems        []*crm.RowError
	ProblemCount    int // all problems, also those not in Problems
	DryRun          bool
	Skipping        bool // invalid lines are skipped (Options.SkipInvalid), not refusing the file
	Replacing       bool // the file replaces its source's deals (Options.Replace)
	// Lifecycles is what the file changed of its customers' intervals
	// (churn events, subscriptions, won deals that bring a customer back).
	Lifecycles store.Lifecycles
}

// Import reads one CSV export from r and upserts its rows into db in one
// transaction: rows are matched by id (spend by date and channel), and
// only the fields the file carries are changed. Any invalid row refuses
// the whole file (the error unwraps to crm.ErrInvalidRow and the result
// lists the problems) unless o.SkipInvalid. Each import that writes is
// recorded in the import log, in the same transaction.
//
// When r is also an io.Seeker (a file on disk), Import reads it again
// where it must: to work out the order of non-ISO dates, and to name both
// lines of a duplicate id. Otherwise such a file needs o.DateOrder.
func Import(ctx context.Context, db *store.DB, r io.Reader, o Options) (Result, error) {
	if o.File == "" {
		o.File = "stdin"
	}
	currencyGiven := o.Currency != ""
	var err error
	if currencyGiven {
		o.Currency, err = row.CurrencyCode(strings.TrimSpace(o.Currency))
	} else {
		o.Currency, err = db.Currency(ctx)
	}
	if err != nil {
		return Result{Understood: crm.Understood{File: o.File}}, err
	}
	loc, err := db.Location(ctx)
	if err != nil {
		return Result{Understood: crm.Understood{File: o.File}}, err
	}
	dbCurrency, err := db.Currency(ctx)
	if err != nil {
		return Result{Understood: crm.Understood{File: o.File}}, err
	}
	seeker, _ := r.(io.Seeker)
	p := pass{db: db, opts: o, currencyGiven: currencyGiven, loc: loc, dateGiven: o.DateOrder != crm.DateAuto,
		dbCurrency: dbCurrency}
	// Passes run until one completes: a pass stops early when it meets a
	// non-ISO date before the date order is known, and with SkipInvalid a
	// file with duplicate ids is imported again without their lines.
	for attempt := 0; ; attempt++ {
		if attempt > 0 {
			if _, err := seeker.Seek(0, io.SeekStart); err != nil {
				return p.res, err
			}
		}
		err := p.run(ctx, r, seeker)
		var need *crm.NeedDateOrder
		switch {
		case errors.As(err, &need) && seeker != nil && attempt < 3:
			if err := p.detectDateOrder(r, seeker); err != nil {
				return p.res, err
			}
		case errors.Is(err, errRetrySkipping) && seeker == nil:
			return p.res, &crm.FileError{File: o.File, Err: fmt.Errorf("the file repeats ids and cannot be read twice to leave their lines out: %w", crm.ErrDuplicate)}
		case errors.Is(err, errRetrySkipping) && attempt < 4:
			// The duplicates are known now; import again without them
			// (the bulk path is fine again: no key repeats).
			p.noBulk = false
		case errors.Is(err, errRetryUpsert) && attempt < 4:
			p.noBulk = true
		case errors.As(err, &need):
			return p.res, &crm.FileError{File: o.File, Err: fmt.Errorf("dates such as %q are not ISO (YYYY-MM-DD) and the file cannot be read twice to tell day-first from month-first: %w", p.nonISO, crm.ErrDateOrder)}
		default:
			return p.res, err
		}
	}
}
