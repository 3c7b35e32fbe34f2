package cmd

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/internal/crm"
	"github.com/salesgoal/salesgoal/internal/crm/row"
	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

type ratesOptions struct {
	*rootOptions
	format string
}

func newRatesCmd(root *rootOptions) *cobra.Command {
	c := &cobra.Command{
		Use:   "rates",
		Short: "Import and list the exchange rates money is converted at",
		Long: `Rates keeps the exchange rates at which money metrics convert deals in
other currencies into the database's currency (see 'salesgoal config set
rate-policy' for which rate a deal takes). Without rates, deals in other
currencies are left out of money metrics, and counted in a footnote.`,
		Example: `  salesgoal rates import eurofxref-hist.csv
  salesgoal rates import rates.csv
  salesgoal rates list`,
	}
	c.AddCommand(newRatesImportCmd(root), newRatesListCmd(root))
	groupOf(c)
	return c
}

func newRatesImportCmd(root *rootOptions) *cobra.Command {
	opts := &ratesOptions{rootOptions: root}
	return &cobra.Command{
		Use:   "import FILE",
		Short: "Import exchange rates from a CSV file",
		Long: `Import reads exchange rates from a CSV file, in one of two layouts:

  date,currency,rate        one rate a line: on that date, 1 unit of the
                            currency is worth rate units of the database's
                            currency (2027-01-04,GBP,1.1650)
  the ECB's reference rates  as the European Central Bank publishes them
                            (eurofxref-hist.csv, eurofxref.csv): a Date
                            column and one column per currency, each the
                            units of that currency per euro; N/A is no rate

Rates are kept as the exact decimals written. A rate of a date and
currency already held is replaced. The file is imported whole or not at
all: every line that cannot be read is listed as FILE:LINE, and nothing
is written. ECB rates convert into any database currency they quote, the
euro included: into USD, a GBP amount is worth its euros at the GBP rate,
in dollars at the USD rate.`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return ratesImportRun(c.Context(), opts, args[0])
		},
	}
}

func newRatesListCmd(root *rootOptions) *cobra.Command {
	opts := &ratesOptions{rootOptions: root}
	c := &cobra.Command{
		Use:   "list",
		Short: "Show the exchange rates held, by currency",
		Long: `List shows, for each currency with rates, the first and last date, how
many rates, and the latest rate as imported.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			f, err := parseFormat(opts.format, formatTable, formatJSON)
			if err != nil {
				return err
			}
			return ratesListRun(c.Context(), opts, f)
		},
	}
	formatFlag(c, &opts.format, formatTable, formatJSON)
	return c
}

func ratesImportRun(ctx context.Context, opts *ratesOptions, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return withHint(err, "give the path of a rates CSV file")
	}
	defer f.Close()
	db, err := opts.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	base, err := db.Currency(ctx)
	if err != nil {
		return err
	}
	if set, err := db.CurrencySet(ctx); err != nil {
		return err
	} else if !set {
		if n, err := db.DealsByCurrency(ctx); err != nil {
			return err
		} else if len(n) == 0 {
			base = "" // nothing says which currency a long file's rates are in
		}
	}
	h := sha256.New()
	name := filepath.Base(path)
	var file *crm.RatesFile
	spec := store.RatesSpec{File: name, SHA256: func() string { return hex.EncodeToString(h.Sum(nil)) }, At: opts.env.Now()}
	w, err := db.ImportRates(ctx, spec, func(put func(row.Rate) error) error {
		var err error
		file, err = crm.ReadRates(io.TeeReader(f, h), name, base, put)
		return err
	})
	if err != nil {
		return ratesError(opts.env.Stderr, file, err)
	}
	own := ""
	if file.Own > 0 {
		own = fmt.Sprintf("; %s for %s itself left out (its rate is always 1)", countOf(int64(file.Own), "line", "lines"), base)
	}
	tell(opts.env.Stderr, "", "%s: %s (%s): %d new, %d changed, %d unchanged%s", name, file.Format, ratesIn(file, base),
		w.Inserted, w.Updated, w.Unchanged, own)
	return nil
}

// ratesIn says what a file's rates are quoted in.
func ratesIn(f *crm.RatesFile, base string) string {
	if f.Format == crm.RatesECB {
		return "units per euro"
	}
	return "rates in " + base
}

// ratesError lists a refused file's problems, the first 20 and a count.
func ratesError(w io.Writer, file *crm.RatesFile, err error) error {
	if errors.Is(err, crm.ErrNoBase) {
		return withHint(err, "a date,currency,rate file gives rates in the database's currency: set it first with 'salesgoal config set currency EUR' (or import your deals first)")
	}
	if file == nil || len(file.Problems) == 0 {
		return err
	}
	for i, p := range file.Problems {
		if i == 20 {
			tell(w, "error", "… and %d more %s", len(file.Problems)-20, plural(len(file.Problems)-20, "problem", "problems"))
			break
		}
		tell(w, "error", "%s", problemText(p))
	}
	tell(w, "error", "%s: refused, nothing was imported", file.Problems[0].File)
	tell(w, "hint", "mend those lines and import the file again")
	return errSilent
}

// ratesHeldJSON is one currency of `rates list --format json`.
type ratesHeldJSON struct {
	Currency string `json:"currency"`
	First    string `json:"first"`
	Last     string `json:"last"`
	Count    int64  `json:"count"`
	Rate     string `json:"rate"` // as imported
	Quote    string `json:"quote"`
}

func ratesListRun(ctx context.Context, opts *ratesOptions, f format) error {
	db, err := opts.openDB(ctx, store.Options{Create: true})
	if err != nil {
		return err
	}
	defer db.Close()
	held, err := db.RatesList(ctx)
	if err != nil {
		return err
	}
	out := make([]ratesHeldJSON, 0, len(held))
	for _, h := range held {
		out = append(out, ratesHeldJSON{Currency: h.Currency, First: h.First, Last: h.Last, Count: h.Count,
			Rate: h.Latest.Value, Quote: quoteText(h.Latest)})
	}
	if f == formatJSON {
		return writeJSON(opts.env.Stdout, out)
	}
	if len(out) == 0 {
		tell(opts.env.Stderr, "", "no exchange rates: import some with 'salesgoal rates import FILE'")
		return nil
	}
	rows := make([][]string, 0, len(out))
	for _, h := range out {
		rows = append(rows, []string{h.Currency, h.First, h.Last, strconv.FormatInt(h.Count, 10), h.Quote})
	}
	return writeTable(opts.env.Stdout, f, []string{"currency", "first", "last", "rates", "latest"}, rows)
}

// quoteText writes a rate as it reads: "1 GBP = 1.165 EUR", or for the
// ECB's "1 EUR = 0.8534 GBP".
func quoteText(r row.Rate) string {
	if r.PerBase {
		return fmt.Sprintf("1 %s = %s %s", r.Base, r.Value, r.Currency)
	}
	return fmt.Sprintf("1 %s = %s %s", r.Currency, r.Value, r.Base)
}

// noConvertFlag adds --no-convert to c (and, as a persistent flag, its
// subcommands).
func noConvertFlag(c *cobra.Command, root *rootOptions) {
	c.PersistentFlags().BoolVar(&root.noConvert, "no-convert", false,
		"do not convert other currencies at the rates held: count only deals in the database's currency, as without rates")
}

// useRates makes snap convert other currencies, unless --no-convert, and
// returns what the outputs say of it: "other currencies at close-date
// rates" when rates are held, "" when nothing is converted.
func (o *rootOptions) useRates(ctx context.Context, db *store.DB, snap *store.Snapshot, asOf time.Time) (string, error) {
	if o.noConvert {
		return "", nil
	}
	if err := snap.UseRates(ctx, asOf); err != nil {
		return "", err
	}
	held, err := db.HoldsRates(ctx)
	if err != nil || !held {
		return "", err
	}
	p, err := db.RatePolicy(ctx)
	if err != nil {
		return "", err
	}
	return "other currencies at " + p.String() + " rates", nil
}

// currencyByDefault reports whether the database's currency is only the
// default: no 'config set currency', no first deals file that set it, and
// no deals or spend file that gave a currency (a column or --currency),
// so that nothing the user said or imported makes the money that
// currency (docs/import.md, "Currency").
func currencyByDefault(ctx context.Context, db *store.DB, snap *store.Snapshot) (bool, error) {
	set, err := db.CurrencySet(ctx)
	if err != nil || set {
		return false, err
	}
	in, err := snap.Inputs(ctx)
	if err != nil {
		return false, err
	}
	given := slices.Contains(in.Carried[metric.KindDeals], "currency") || slices.Contains(in.Carried[metric.KindSpend], "currency")
	return !given, nil
}
