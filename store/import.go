package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/salesgoal/salesgoal/internal/crm"
)

// MaxProblems is how many problems an ImportResult lists; the rest are
// only counted (ProblemCount).
const MaxProblems = 20

// ImportOptions say how to read one file.
type ImportOptions struct {
	File         string            // name used in messages and in the import log
	Kind         crm.Kind          // "" detects the kind from the header
	Preset       string            // a CRM's header and stage names (crm.Presets)
	Map          map[string]string // canonical field → header, overriding the mapping
	Set          map[string]string // canonical field → the value of every row, for a column the file lacks
	Stages       crm.StageRules    // the CRM's own stage labels
	DateOrder    crm.DateOrder     // crm.DateAuto detects it when the dates are not ISO
	Currency     string            // the file's currency; "" = the database's setting
	Encoding     string            // "" detects it
	DecimalComma bool              // "1.234,50"
	DryRun       bool              // validate and count, then roll back
	SkipInvalid  bool              // import the valid rows, list the others as skipped
	// Progress, when set, is called now and then with the bytes read so far
	// in the current pass over the file.
	Progress func(read int64)
	Now      time.Time // the time recorded in the import log; zero = time.Now
	// Understood, when set, is called once the whole file has been read and
	// checked, before anything is committed (also for a file about to be
	// refused), with what the import understood and counted.
	Understood func(ImportResult)
}

// ColumnUse says which header of the file feeds a canonical field: Header,
// else Else in turn when its cell is empty; or, for --set, the constant Value.
type ColumnUse struct {
	Field, Header string
	Else          []string
	Value         string
	Const         bool
}

// ImportResult says what an import understood and did. It is filled as far
// as the import got, also when it returns an error.
type ImportResult struct {
	File, SHA256 string
	Kind         crm.Kind
	Preset       string
	Columns      []ColumnUse // in the order of crm.Fields(crm.Kind)
	Ignored      []string    // headers that feed no field
	Warnings     []string
	DateOrder    crm.DateOrder // the order used for non-ISO dates; crm.DateAuto when every date was ISO
	DateNote     string        // how the order was decided, for the user
	Shape        crm.Shape     // encoding, delimiter and decimal comma as read

	Rows                         int64            // valid rows read
	Won, Lost, Open              int64            // stages of the valid deal rows
	WonValue                     map[string]int64 // currency → sum of the won deals' amounts, minor units
	OpenWithoutCreated           int64            // open deals without created_at: they count in no period
	OpenLabels                   map[string]int64 // the CRM's stage labels read as open, and how many deals carry each
	Inserted, Updated, Unchanged int64
	Skipped                      int64 // invalid rows left out (with SkipInvalid)
	ImplicitCustomers            int64 // customers added because deals name them
	Problems                     []*crm.RowError
	ProblemCount                 int // all problems, also those not in Problems
	DryRun                       bool
}

// Import reads one CSV export from r and upserts its rows in one
// transaction: rows are matched by id (spend by date and channel), and
// only the fields the file carries are changed. Any invalid row refuses
// the whole file (the error unwraps to ErrInvalidRow and the result lists
// the problems) unless opts.SkipInvalid. Each import that writes is
// recorded in the import log, in the same transaction.
//
// When r is also an io.Seeker (a file on disk), Import reads it again
// where it must: to work out the order of non-ISO dates, and to name both
// lines of a duplicate id. Otherwise such a file needs opts.DateOrder.
func (db *DB) Import(ctx context.Context, r io.Reader, opts ImportOptions) (ImportResult, error) {
	if opts.File == "" {
		opts.File = "stdin"
	}
	if opts.Currency == "" {
		cur, err := db.Currency(ctx)
		if err != nil {
			return ImportResult{File: opts.File}, err
		}
		return db.importWith(ctx, r, opts, cur, false)
	}
	cur, err := canonCurrency(strings.TrimSpace(opts.Currency))
	if err != nil {
		return ImportResult{File: opts.File}, err
	}
	return db.importWith(ctx, r, opts, cur, true)
}

// importWith runs passes over the file until one completes: a pass stops
// early when it meets a non-ISO date before the date order is known, and
// with SkipInvalid a file with duplicate ids is imported again without
// their lines.
func (db *DB) importWith(ctx context.Context, r io.Reader, opts ImportOptions, currency string, currencyGiven bool) (ImportResult, error) {
	loc, err := db.Location(ctx)
	if err != nil {
		return ImportResult{File: opts.File}, err
	}
	seeker, _ := r.(io.Seeker)
	p := pass{db: db, opts: opts, currency: currency, currencyGiven: currencyGiven,
		dates: crm.DateParser{Order: opts.DateOrder, Loc: loc}}
	if opts.DateOrder != crm.DateAuto {
		p.dateNote = "given with --date-format"
	}
	for attempt := 0; ; attempt++ {
		if attempt > 0 {
			if _, err := seeker.Seek(0, io.SeekStart); err != nil {
				return p.res, err
			}
		}
		err := p.run(ctx, r, seeker)
		switch {
		case errors.Is(err, errNeedDateOrder) && seeker != nil && attempt < 3:
			if err := p.detectDateOrder(r, seeker); err != nil {
				return p.res, err
			}
		case errors.Is(err, errRetrySkipping) && seeker == nil:
			return p.res, &crm.FileError{File: opts.File, Err: fmt.Errorf("the file repeats ids and cannot be read twice to leave their lines out: %w", crm.ErrDuplicate)}
		case errors.Is(err, errRetrySkipping) && attempt < 4:
			// The duplicates are known now; import again without them
			// (the bulk path is fine again: no key repeats).
			p.noBulk = false
		case errors.Is(err, errRetryUpsert) && attempt < 4:
			p.noBulk = true
		case errors.Is(err, errNeedDateOrder):
			return p.res, &crm.FileError{File: opts.File, Err: fmt.Errorf("dates such as %q are not ISO (YYYY-MM-DD) and the file cannot be read twice to tell day-first from month-first: %w", p.nonISO, crm.ErrDateOrder)}
		default:
			return p.res, err
		}
	}
}
