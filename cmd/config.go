package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

type configOptions struct {
	*rootOptions
	name, value string // value only for set
	format      string
	fmt         format
}

func newConfigCmd(root *rootOptions) *cobra.Command {
	c := &cobra.Command{
		Use:   "config",
		Short: "Show or change the database's settings",
		Long: `Config shows and changes the settings kept in the database:

  fiscal-year-start  the month the fiscal year starts in, 1–12 or a name
                     (April); quarters and years follow it, and a fiscal
                     year is named by the calendar year it ends in
  currency           the three-letter currency money metrics add up;
                     deals in other currencies are converted at the
                     rates held ('salesgoal rates'), else left out and
                     counted
  rate-policy        which rate a deal in another currency takes:
                     close-date (the last rate on or before the day it
                     closed, or for pipeline was created; the default),
                     period-average (the mean of the period's rates) or
                     latest (the last rate by the as-of day)
  timezone           the IANA time zone in which date-times in exports
                     are turned into dates (Europe/Berlin, UTC, Local)`,
		Example: `  salesgoal config get
  salesgoal config get currency
  salesgoal config set fiscal-year-start April
  salesgoal config set currency EUR
  salesgoal config set rate-policy period-average`,
	}
	c.AddCommand(newConfigGetCmd(root), newConfigSetCmd(root))
	groupOf(c)
	return c
}

func newConfigGetCmd(root *rootOptions) *cobra.Command {
	opts := &configOptions{rootOptions: root}
	c := &cobra.Command{
		Use:   "get [NAME]",
		Short: "Show one setting, or all of them",
		Long: `Get prints the value of one setting, alone on a line so that scripts can
read it, or, without a name, every setting with its value.`,
		Example: `  salesgoal config get
  salesgoal config get fiscal-year-start
  salesgoal config get --format json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			var err error
			if opts.fmt, err = parseFormat(opts.format, formatTable, formatJSON); err != nil {
				return err
			}
			if len(args) == 1 {
				opts.name = args[0]
			}
			return configGetRun(c.Context(), opts)
		},
		ValidArgs: store.SettingNames(),
	}
	formatFlag(c, &opts.format, formatTable, formatJSON)
	return c
}

func newConfigSetCmd(root *rootOptions) *cobra.Command {
	opts := &configOptions{rootOptions: root}
	c := &cobra.Command{
		Use:   "set NAME VALUE",
		Short: "Change a setting",
		Long: `Set changes one setting. A value that is not valid for the setting is
refused, and the database is left as it was.

Changing the currency changes no amount: from then on, money metrics add
up the deals in the new currency, convert the others at the rates held,
and leave out those without a rate; it says which rates are now used
turned round or through a third currency, and which currencies have none.`,
		Example: `  salesgoal config set fiscal-year-start 4
  salesgoal config set currency EUR
  salesgoal config set timezone Europe/Berlin`,
		Args:      cobra.ExactArgs(2),
		ValidArgs: store.SettingNames(),
		RunE: func(c *cobra.Command, args []string) error {
			opts.name, opts.value = args[0], args[1]
			return configSetRun(c.Context(), opts)
		},
	}
	return c
}

// settingError makes an unknown setting name or an invalid value wrong
// usage (exit status 2), with the list of settings as a hint.
func settingError(err error) error {
	if errors.Is(err, store.ErrUnknownSetting) {
		return withHint(usageError{err}, "run 'salesgoal config get' to see every setting")
	}
	return usageError{err}
}

func configGetRun(ctx context.Context, opts *configOptions) error {
	names := store.SettingNames()
	if opts.name != "" {
		names = []string{opts.name}
	}
	db, err := opts.openDB(ctx, store.Options{Create: true})
	if err != nil {
		return err
	}
	defer db.Close()
	values := map[string]string{}
	for _, n := range names {
		v, err := db.Setting(ctx, n)
		if err != nil {
			if errors.Is(err, store.ErrUnknownSetting) {
				return settingError(err)
			}
			return err
		}
		values[n] = v
	}
	out := opts.env.Stdout
	switch {
	case opts.fmt == formatJSON:
		return writeJSON(out, values)
	case opts.name != "":
		_, err := fmt.Fprintln(out, values[opts.name])
		return err
	}
	width := 0
	for _, n := range names {
		width = max(width, len(n))
	}
	for _, n := range names {
		if _, err := fmt.Fprintf(out, "%-*s  %s\n", width, n, values[n]); err != nil {
			return err
		}
	}
	return nil
}

func configSetRun(ctx context.Context, opts *configOptions) error {
	db, err := opts.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	before, err := db.Setting(ctx, opts.name)
	if err != nil && !errors.Is(err, store.ErrUnknownSetting) {
		return err
	}
	if err := db.SetSetting(ctx, opts.name, opts.value); err != nil {
		if errors.Is(err, store.ErrUnknownSetting) || errors.Is(err, store.ErrInvalidSetting) {
			return settingError(err)
		}
		return err
	}
	v, err := db.Setting(ctx, opts.name)
	if err != nil {
		return err
	}
	tell(opts.env.Stderr, "", "%s set to %s", opts.name, v)
	if opts.name == store.SettingCurrency {
		if v != before {
			if err := warnMoneyGoals(ctx, opts.env.Stderr, db, before, v); err != nil {
				return err
			}
		}
		return warnOtherCurrencies(ctx, opts.env.Stderr, db, v)
	}
	return nil
}

// warnMoneyGoals names the goals on money metrics whose targets were set
// in the currency before: changing the currency converts no target, so
// each still holds an amount in the old currency.
func warnMoneyGoals(ctx context.Context, w io.Writer, db *store.DB, before, after string) error {
	goals, err := db.Goals(ctx, store.GoalFilter{})
	if err != nil {
		return err
	}
	var ids []string
	for _, g := range goals {
		if m, ok := metric.Lookup(g.Metric); ok && m.Unit == metric.UnitCurrency {
			ids = append(ids, "#"+strconv.FormatInt(g.ID, 10))
		}
	}
	if len(ids) == 0 {
		return nil
	}
	tell(w, "warning", "the targets of %s on money metrics (%s) are amounts in %s and were not converted: set them again in %s ('salesgoal goal edit ID --target …')",
		plural(len(ids), "1 goal", fmt.Sprintf("%d goals", len(ids))), strings.Join(ids, ", "), before, after)
	return nil
}

// warnOtherCurrencies says how many deals money metrics will now leave
// out: changing the currency does not convert amounts, it changes which
// deals revenue, pipeline and margin count.
func warnOtherCurrencies(ctx context.Context, w io.Writer, db *store.DB, currency string) error {
	counts, err := db.DealsByCurrency(ctx)
	if err != nil {
		return err
	}
	var others []string
	var n int64
	for cur, c := range counts {
		if cur != currency {
			others = append(others, cur)
			n += c
		}
	}
	curs := make([]string, 0, len(counts))
	for c := range counts {
		curs = append(curs, c)
	}
	routes, last, err := db.RateRoutes(ctx, currency, curs)
	if err != nil {
		return err
	}
	if routes != nil {
		warnRates(w, routes, last, currency)
		return nil
	}
	if n == 0 {
		return nil
	}
	sort.Strings(others)
	tell(w, "warning", "%s in %s: money metrics and goals (revenue, pipeline, margin, expansion) now count only %s deals; amounts are not converted",
		plural(int(n), "1 deal is", fmt.Sprintf("%d deals are", n)), strings.Join(others, ", "), currency)
	return nil
}
