package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/internal/crm"
	"github.com/salesgoal/salesgoal/internal/importer"
	"github.com/salesgoal/salesgoal/store"
)

// progressMin is the file size from which a progress bar is shown.
const progressMin = 5 << 20

type importOptions struct {
	*rootOptions
	files       []string
	given       reading // how the files are read, as the flags say (import_reading.go)
	dryRun      bool
	skipInvalid bool
	replace     bool
	forget      bool
}

func newImportCmd(root *rootOptions) *cobra.Command {
	opts := &importOptions{rootOptions: root}
	c := &cobra.Command{
		Use:   "import FILE...",
		Short: "Import deal, customer and spend CSV exports",
		Long: `Import reads CSV exports of deals, customers or spend (from HubSpot,
Salesforce, Pipedrive or a spreadsheet) into the database. The kind of each
file is recognised from its header, or given with --kind.

Rows are matched by id (spend by date and channel): importing this week's
export again updates the deals that changed, and changes only the fields
the file carries, so a file of just "id,churned_at" adds churn dates to
customers imported earlier.

Customers who leave and come back: a churn-events file (a line per churn,
with a reactivation flag or date) and a subscriptions file (a line per
subscription: customer, start, end; trials and free ones do not count)
give each customer its active intervals; import them after the customers.
A churn of a customer who is not active, or a return of one who is, is a
row error.

Each file is imported in one transaction. If any row is invalid the file is
refused, every problem is listed as FILE:LINE: column "X": reason, and the
database is left as it was; files imported before it stay imported.
--skip-invalid imports the valid rows and lists the others; --dry-run checks
a file and shows what it would change without writing anything.

Values that are unusual but meaningful (a close date before the create
date, a won deal without a create date, a negative amount, a deal type
salesgoal does not know) are kept and named in a warning.

The flags a file needed are remembered for its columns: next week's export
with the same header imports with no flag ("read as last time"); flags
given override them, --forget drops them. --replace treats a deals file as
the whole of its export and deletes the deals an earlier file with the
same columns listed and this one no longer does.

Use "-" to read a file from standard input.`,
		Example: `  salesgoal import deals.csv customers.csv spend.csv
  salesgoal import --dry-run hubspot-deals.csv
  salesgoal import --preset salesforce --date-format mdy opportunities.csv
  salesgoal import --map id="Opportunity ID" --stage "Closed: abandoned=lost" deals.csv
  salesgoal import --currency EUR --decimal-comma umsatz.csv
  salesgoal import churn.csv          # id,churned_at: adds churn dates only
  salesgoal import --map id=mql_id --set stage=won closed_deals.csv   # every row a won deal
  salesgoal import --map amount=Online_Spend --set channel=online Marketing_Spend.csv
  salesgoal import --id-from 'Opportunity Name,Account Name,Created Date' report.csv
  salesgoal import --header 'id,name,amount,closed_at,stage,_,owner' dump.csv
  salesgoal import --type 'Services=upsell' Opportunities.csv
  salesgoal import --replace deals.csv   # deals no longer in the export are deleted
  salesgoal import --forget deals.csv    # forget the flags remembered for its columns`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			opts.files = args
			if opts.forget {
				if !opts.given.empty() || opts.dryRun || opts.skipInvalid || opts.replace {
					return usagef("--forget forgets how the files' columns were read and imports nothing: give it no other flag")
				}
				return forgetRun(c.Context(), opts)
			}
			if opts.replace && opts.skipInvalid {
				return usagef("--replace deletes the deals a file no longer lists, so it needs every line of the file: it cannot be combined with --skip-invalid")
			}
			if _, err := opts.given.options(); err != nil {
				return err
			}
			opts.measuring() // the same soft memory limit; a GOGC for each file (filling, memory.go)
			return importRun(c.Context(), opts)
		},
	}
	f := c.Flags()
	g := &opts.given
	f.StringVar(&g.Kind, "kind", "", "what the files hold: deals, customers, spend, churn-events or subscriptions (default: recognised from the header)")
	f.StringVar(&g.Preset, "preset", "", "the CRM that exported the files: "+strings.Join(crm.Presets(), ", ")+" (default: recognised from the header)")
	f.StringArrayVar(&g.Map, "map", nil, "read a field from a column: field=Header, e.g. --map id=\"Opportunity ID\" (repeatable)")
	f.StringArrayVar(&g.Set, "set", nil, "give every row the same value for a field the file lacks: field=value, e.g. --set stage=won or --set channel=online (repeatable)")
	f.StringArrayVar(&g.Stage, "stage", nil, "what a stage label means: LABEL=won|lost|open, e.g. --stage \"Closed: abandoned=lost\" (repeatable)")
	f.StringArrayVar(&g.Type, "type", nil, "what a deal-type label means: LABEL=new|upsell|cross-sell|renewal, e.g. --type \"Services=upsell\" (repeatable)")
	f.StringVar(&g.Header, "header", "", "the column names of a file without a header line, in order, e.g. --header 'id,name,amount,closed_at,stage' (_ skips a column)")
	f.StringVar(&g.IDFrom, "id-from", "", "build each deal's id from columns that together tell deals apart, for a file without an id column, e.g. --id-from 'Opportunity Name,Created Date'")
	f.StringVar(&g.Currency, "currency", "", "currency of amounts without a currency column, e.g. EUR (default: the database's, see 'salesgoal config')")
	f.StringVar(&g.DateFormat, "date-format", "", "order of non-ISO dates: dmy (31/01/2027) or mdy (01/31/2027) (default: worked out from the file)")
	f.StringVar(&g.Encoding, "encoding", "", "text encoding: utf-8 or windows-1252 (default: detected)")
	f.BoolVar(&g.DecimalComma, "decimal-comma", false, "amounts use a decimal comma: 1.234,50")
	f.BoolVar(&opts.dryRun, "dry-run", false, "check the files and show what would change, without writing anything")
	f.BoolVar(&opts.skipInvalid, "skip-invalid", false, "import the valid rows of a file and list the invalid ones, instead of refusing the file")
	f.BoolVar(&opts.replace, "replace", false, "the deals file is the whole of its export: delete the deals an earlier file of the same columns imported that it no longer lists")
	f.BoolVar(&opts.forget, "forget", false, "forget how the files' columns were read (the flags remembered for them) and import nothing")
	_ = c.RegisterFlagCompletionFunc("kind", cobra.FixedCompletions([]string{"deals", "customers", "spend"}, cobra.ShellCompDirectiveNoFileComp))
	_ = c.RegisterFlagCompletionFunc("preset", cobra.FixedCompletions(crm.Presets(), cobra.ShellCompDirectiveNoFileComp))
	_ = c.RegisterFlagCompletionFunc("date-format", cobra.FixedCompletions([]string{"dmy", "mdy", "ymd"}, cobra.ShellCompDirectiveNoFileComp))
	_ = c.RegisterFlagCompletionFunc("encoding", cobra.FixedCompletions([]string{"utf-8", "windows-1252"}, cobra.ShellCompDirectiveNoFileComp))
	return c
}

// importRun imports each file in its own transaction, stopping at the
// first file that is refused.
func importRun(ctx context.Context, opts *importOptions) error {
	// Check every file first, so that a typo in the last name does not
	// leave the first files imported and the rest not.
	for _, name := range opts.files {
		if name == "-" {
			continue
		}
		fi, err := os.Stat(name)
		if err == nil && !fi.IsDir() && !fi.Mode().IsRegular() {
			// The import reads a file twice (for the date order, to name
			// repeated lines): a pipe, /dev/stdin among them, gives its
			// bytes once.
			return withHint(fmt.Errorf("%s: is a pipe or a device, not a file: the import reads a file more than once", quoted(name)),
				"give it on standard input as - instead (salesgoal import - < FILE, or … | salesgoal import -), which salesgoal reads once into a temporary file; nothing was imported")
		}
		if err != nil || fi.IsDir() {
			if err == nil {
				err = errors.New("is a folder, not a CSV file")
			} else if errors.Is(err, fs.ErrNotExist) {
				err = errors.New("no such file")
			}
			return withHint(fmt.Errorf("%s: %w", quoted(name), err), "check the file name; nothing was imported")
		}
	}
	db, closeDB, err := opts.openImportStore(ctx, opts.dryRun)
	if err != nil {
		return err
	}
	defer closeDB()
	now := opts.env.Now()
	var done []string
	for _, name := range opts.files {
		err := importFile(ctx, opts, db, name, now)
		if errors.Is(err, store.ErrCreatedMeanwhile) {
			tell(opts.env.Stderr, "note", "%s: %v; importing %s into it", db.Path(), store.ErrCreatedMeanwhile, name)
			err = importFile(ctx, opts, db, name, now)
		}
		if err != nil {
			return refused(name, done, opts.dryRun, err)
		}
		done = append(done, name)
	}
	return nil
}

// openImportStore opens the database to import into. A dry run against a
// database that does not exist yet checks the files against a new one in a
// temporary folder, so that "writes nothing" holds for the file as well.
// The returned function closes it (and removes the temporary folder).
func (o *importOptions) openImportStore(ctx context.Context, dryRun bool) (*store.DB, func(), error) {
	path, err := o.databasePath()
	if err != nil {
		return nil, nil, err
	}
	if store.IsServer(path) && dryRun {
		// A server's database without salesgoal's tables is checked
		// against a new one as a missing file is, and left without them.
		db, err := o.openExisting(ctx)
		if errors.Is(err, store.ErrNoDatabase) {
			return openTempStore(ctx, "salesgoal-dry-run-")
		}
		if err != nil {
			return nil, nil, err
		}
		return db, func() { db.Close() }, nil
	}
	if _, err := os.Stat(path); !dryRun || store.IsServer(path) || !errors.Is(err, fs.ErrNotExist) {
		// A new database appears with its first file in it, or not at all.
		db, err := o.openDB(ctx, store.Options{Create: true, Write: true, LinkOnImport: true})
		if err != nil {
			return nil, nil, err
		}
		return db, func() { db.Close() }, nil
	}
	return openTempStore(ctx, "salesgoal-dry-run-")
}

// importFile imports one file, read as the flags say and as its source
// was read last time, and writes what it understood and did to stderr.
func importFile(ctx context.Context, opts *importOptions, db *store.DB, name string, now time.Time) error {
	f, size, display, err := openInput(name, opts.env.Stdin)
	if err != nil {
		return err
	}
	defer f.Close()
	w := opts.env.Stderr
	o, err := readingOf(ctx, opts, db, f, display)
	if err != nil {
		return err
	}
	o.File, o.Now = display, now
	var bar *progressbar.ProgressBar
	if opts.env.StderrTTY && size > progressMin {
		bar = progressbar.NewOptions64(size,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription(visible(display)),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionEnableColorCodes(false))
		o.Progress = func(n int64) { _ = bar.Set64(n) }
	}
	// The "what I understood" lines come before anything is written, and
	// before the problems of a file that is refused.
	o.Filling = opts.filling
	understood := false
	o.Understood = func(r importer.Result) {
		if bar != nil {
			_ = bar.Finish()
		}
		writeUnderstood(w, r, true)
		understood = true
	}
	res, err := importer.Import(ctx, db, f, o)
	if bar != nil {
		_ = bar.Finish()
	}
	if !understood {
		// The file was not read to the end: no dates or counts to show.
		writeUnderstood(w, res, false)
	}
	if err != nil {
		writeProblems(w, "error", res)
		return withRowHints(err, res)
	}
	if res.Skipped > 0 {
		writeProblems(w, "skipped", res)
	}
	writeSummary(w, res)
	writeCurrency(w, res)
	return nil
}

// openInput opens a file, or copies standard input ("-") to a temporary
// file so that the import can read it more than once.
func openInput(name string, stdin io.Reader) (f *os.File, size int64, display string, err error) {
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, 0, name, err
		}
		fi, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, 0, name, err
		}
		return f, fi.Size(), name, nil
	}
	tmp, err := os.CreateTemp("", "salesgoal-stdin-*.csv")
	if err != nil {
		return nil, 0, "stdin", err
	}
	os.Remove(tmp.Name()) // gone when closed
	n, err := io.Copy(tmp, stdin)
	if err == nil {
		_, err = tmp.Seek(0, io.SeekStart)
	}
	if err != nil {
		tmp.Close()
		return nil, 0, "stdin", fmt.Errorf("read standard input: %w", err)
	}
	return tmp, n, "stdin", nil
}
