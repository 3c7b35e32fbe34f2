package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
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
	files        []string
	kind         string
	preset       string
	maps         []string
	sets         []string
	stages       []string
	currency     string
	dateFormat   string
	encoding     string
	decimalComma bool
	dryRun       bool
	skipInvalid  bool
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

Each file is imported in one transaction. If any row is invalid the file is
refused, every problem is listed as FILE:LINE: column "X": reason, and the
database is left as it was; files imported before it stay imported.
--skip-invalid imports the valid rows and lists the others; --dry-run checks
a file and shows what it would change without writing anything.

Use "-" to read a file from standard input.`,
		Example: `  salesgoal import deals.csv customers.csv spend.csv
  salesgoal import --dry-run hubspot-deals.csv
  salesgoal import --preset salesforce --date-format mdy opportunities.csv
  salesgoal import --map id="Opportunity ID" --stage "Closed: abandoned=lost" deals.csv
  salesgoal import --currency EUR --decimal-comma umsatz.csv
  salesgoal import churn.csv          # id,churned_at: adds churn dates only
  salesgoal import --map id=mql_id --set stage=won closed_deals.csv   # every row a won deal
  salesgoal import --map amount=Online_Spend --set channel=online Marketing_Spend.csv`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			opts.files = args
			tmpl, err := opts.importTemplate()
			if err != nil {
				return err
			}
			return importRun(c.Context(), opts, tmpl)
		},
	}
	f := c.Flags()
	f.StringVar(&opts.kind, "kind", "", "what the files hold: deals, customers or spend (default: recognised from the header)")
	f.StringVar(&opts.preset, "preset", "", "the CRM that exported the files: "+strings.Join(crm.Presets(), ", ")+" (default: recognised from the header)")
	f.StringArrayVar(&opts.maps, "map", nil, "read a field from a column: field=Header, e.g. --map id=\"Opportunity ID\" (repeatable)")
	f.StringArrayVar(&opts.sets, "set", nil, "give every row the same value for a field the file lacks: field=value, e.g. --set stage=won or --set channel=online (repeatable)")
	f.StringArrayVar(&opts.stages, "stage", nil, "what a stage label means: LABEL=won|lost|open, e.g. --stage \"Closed: abandoned=lost\" (repeatable)")
	f.StringVar(&opts.currency, "currency", "", "currency of amounts without a currency column, e.g. EUR (default: the database's, see 'salesgoal config')")
	f.StringVar(&opts.dateFormat, "date-format", "", "order of non-ISO dates: dmy (31/01/2027) or mdy (01/31/2027) (default: worked out from the file)")
	f.StringVar(&opts.encoding, "encoding", "", "text encoding: utf-8 or windows-1252 (default: detected)")
	f.BoolVar(&opts.decimalComma, "decimal-comma", false, "amounts use a decimal comma: 1.234,50")
	f.BoolVar(&opts.dryRun, "dry-run", false, "check the files and show what would change, without writing anything")
	f.BoolVar(&opts.skipInvalid, "skip-invalid", false, "import the valid rows of a file and list the invalid ones, instead of refusing the file")
	_ = c.RegisterFlagCompletionFunc("kind", cobra.FixedCompletions([]string{"deals", "customers", "spend"}, cobra.ShellCompDirectiveNoFileComp))
	_ = c.RegisterFlagCompletionFunc("preset", cobra.FixedCompletions(crm.Presets(), cobra.ShellCompDirectiveNoFileComp))
	_ = c.RegisterFlagCompletionFunc("date-format", cobra.FixedCompletions([]string{"dmy", "mdy", "ymd"}, cobra.ShellCompDirectiveNoFileComp))
	_ = c.RegisterFlagCompletionFunc("encoding", cobra.FixedCompletions([]string{"utf-8", "windows-1252"}, cobra.ShellCompDirectiveNoFileComp))
	return c
}

// importRun imports each file in its own transaction, stopping at the
// first file that is refused.
func importRun(ctx context.Context, opts *importOptions, tmpl importer.Options) error {
	// Check every file first, so that a typo in the last name does not
	// leave the first files imported and the rest not.
	for _, name := range opts.files {
		if name == "-" {
			continue
		}
		fi, err := os.Stat(name)
		if err != nil || fi.IsDir() {
			if err == nil {
				err = errors.New("is a folder, not a CSV file")
			} else if errors.Is(err, fs.ErrNotExist) {
				err = errors.New("no such file")
			}
			return withHint(fmt.Errorf("%s: %w", name, err), "check the file name; nothing was imported")
		}
	}
	db, closeDB, err := opts.openImportStore(ctx, tmpl.DryRun)
	if err != nil {
		return err
	}
	defer closeDB()
	now := opts.env.Now()
	var done []string
	for _, name := range opts.files {
		o := tmpl
		o.Now = now
		if err := importFile(ctx, opts, db, name, o); err != nil {
			return refused(name, done, tmpl, err)
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
	path := o.databasePath()
	if _, err := os.Stat(path); !dryRun || !errors.Is(err, fs.ErrNotExist) {
		db, err := o.openStore(ctx)
		if err != nil {
			return nil, nil, err
		}
		return db, func() { db.Close() }, nil
	}
	return openTempStore(ctx, "salesgoal-dry-run-")
}

// importFile imports one file and writes what it understood and did to stderr.
func importFile(ctx context.Context, opts *importOptions, db *store.DB, name string, o importer.Options) error {
	f, size, display, err := openInput(name, opts.env.Stdin)
	if err != nil {
		return err
	}
	defer f.Close()
	o.File = display
	w := opts.env.Stderr
	var bar *progressbar.ProgressBar
	if opts.env.StderrTTY && size > progressMin {
		bar = progressbar.NewOptions64(size,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription(display),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionEnableColorCodes(false))
		o.Progress = func(n int64) { _ = bar.Set64(n) }
	}
	// The "what I understood" lines come before anything is written, and
	// before the problems of a file that is refused.
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

// refused turns the error of a refused file into what the user reads:
// that it changed nothing, which files before it stay imported, and what
// to do.
func refused(name string, done []string, o importer.Options, err error) error {
	var what string
	switch {
	case o.DryRun:
		what = "dry run: nothing was written"
	case len(done) > 0:
		what = fmt.Sprintf("the database was not changed by it; %s, imported before it, stay imported", strings.Join(done, ", "))
	default:
		what = "the database was not changed"
	}
	var hint string
	switch {
	case errors.Is(err, crm.ErrDateOrder):
		hint = "say how the dates are written: --date-format dmy (31/01/2027) or --date-format mdy (01/31/2027)"
	case errors.Is(err, crm.ErrInvalidRow):
		// The problems are printed already; keep the hints found on the way.
		if o.DryRun {
			what = "nothing was written (dry run)"
		}
		var e error = errors.New(name + " was refused: " + what)
		e = withHint(e, "fix those rows in the file and import it again, or pass --skip-invalid to import the valid rows and list the others")
		// The hints found on the way are more specific: they come first.
		var found []string
		for x := err; x != nil; x = errors.Unwrap(x) {
			if he, ok := x.(hintError); ok {
				found = append(found, he.hint)
			}
		}
		for _, h := range slices.Backward(found) {
			e = withHint(e, "%s", h)
		}
		return e
	case errors.Is(err, crm.ErrNotAnExport):
		return textError{importText(err) + " (" + what + ")", err} // the message says what to do
	case errors.Is(err, crm.ErrInvalidFile):
		hint = "check that this is a deals, customers or spend export; --kind, --preset and --map field=Header say what the columns are (see 'salesgoal import --help')"
	default:
		return textError{importText(err) + " (" + what + ")", err}
	}
	return withHint(textError{importText(err) + " (" + what + ")", err}, "%s", hint)
}
