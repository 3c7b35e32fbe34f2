// Package cmd is salesgoal's command line, and only that: Cobra commands
// whose flags fill an options struct, run functions that do the work
// through the measure, store, metric and goal packages, and the rendering
// of what they return as tables, Markdown, CSV or JSON. No SQL, no
// formulas, no query planning, no period arithmetic.
package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

// Env is what a command needs from the world: streams, environment and the
// clock. Tests build their own; Main uses the process's.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// LookupEnv tells a variable set but empty from one not set; without
	// it, an empty variable counts as not set.
	LookupEnv func(string) (string, bool)
	Now       func() time.Time
	// StdoutTTY and StderrTTY say whether the streams are terminals: colour,
	// bars and progress appear only there.
	StdoutTTY, StderrTTY bool
}

// osEnv is the Env of the running process.
func osEnv() *Env {
	return &Env{
		Stdin:     os.Stdin,
		Stdout:    os.Stdout,
		Stderr:    os.Stderr,
		Getenv:    os.Getenv,
		LookupEnv: os.LookupEnv,
		Now:       time.Now,
		StdoutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		StderrTTY: term.IsTerminal(int(os.Stderr.Fd())),
	}
}

// Main runs salesgoal with the process's arguments and returns the exit
// status. SIGINT and SIGTERM stop the command through its context, so that
// it removes its temporary files on its way out (withSignals).
func Main() int {
	// The heap is collected once it has grown by half, not doubled: that
	// keeps the commands' memory small (docs/architecture.md, "Memory")
	// for a little more collecting. GOGC, when set, decides instead.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	limitMemory = debug.SetMemoryLimit
	setGCPercent = debug.SetGCPercent
	// The tables are small: a width cache of 8,192 strings would be the
	// largest thing most commands keep.
	twwidth.SetCacheCapacity(256)
	ctx, stop := withSignals(context.Background())
	defer stop()
	return runContext(ctx, osEnv(), os.Args[1:])
}

// run executes one command line and returns its exit status.
func run(env *Env, args []string) int {
	return runContext(context.Background(), env, args)
}

// runContext is run under ctx: when a signal cancelled ctx, the command's
// error is that it was interrupted.
func runContext(ctx context.Context, env *Env, args []string) int {
	root := newRootCmd(env)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	var ie interrupted
	if err != nil && errors.As(context.Cause(ctx), &ie) {
		err = ie
	}
	return report(env.Stderr, err)
}

// gcPercent is the garbage collector's GOGC (Main).
const gcPercent = 50

// rootOptions are the global flags every command shares.
type rootOptions struct {
	env       *Env
	noConvert bool // --no-convert: leave deals in other currencies out
	dbPath    string
	asOf      string
	noColor   bool
}

func newRootCmd(env *Env) *cobra.Command {
	opts := &rootOptions{env: env}
	root := &cobra.Command{
		Use:   "salesgoal",
		Short: "SMART sales goals and a weekly progress report from your CRM's exports",
		Long: `salesgoal imports the deal, customer and spend CSVs that CRMs (HubSpot,
Salesforce, Pipedrive) and spreadsheets export into one SQLite file, refuses
goals that are not SMART, and reports progress for nine goal categories.

Exit status: 0 success; 1 failure (invalid data, a refused goal, a broken
database); 2 wrong usage; 3 the --fail-on condition was met.`,
		Example: `  salesgoal import deals.csv customers.csv spend.csv
  salesgoal status
  salesgoal goal add --category win-rate --target +5pp --period 2027-Q1
  salesgoal report --quarter Q1`,
		Version:       version(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	root.SetIn(env.Stdin)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%w (see '%s --help')", err, c.CommandPath())}
	})
	groupOf(root)
	pf := root.PersistentFlags()
	pf.StringVar(&opts.dbPath, "db", "", "database file, or postgres://USER@HOST/DB (default $SALESGOAL_DB, else $XDG_DATA_HOME/salesgoal/salesgoal.db)")
	pf.StringVar(&opts.asOf, "as-of", "", "treat this date (YYYY-MM-DD) as today: later data is ignored (default today)")
	pf.BoolVar(&opts.noColor, "no-color", false, "never colour the output (also: NO_COLOR=1)")
	// A bad --as-of is wrong usage, found before any command opens (and so
	// perhaps creates) the database.
	root.PersistentPreRunE = func(c *cobra.Command, _ []string) error {
		if c.Flags().Changed("db") && strings.TrimSpace(opts.dbPath) == "" {
			// An unset variable in a script ("--db $DB") must not fall
			// back to the default database.
			return usagef("--db is empty: give the database file, or leave --db out to use $SALESGOAL_DB or the default")
		}
		_, _, err := opts.asOfFlag()
		return err
	}

	root.AddCommand(
		newStatusCmd(opts),
		newImportCmd(opts),
		newGoalCmd(opts),
		newReportCmd(opts),
		newDemoCmd(opts),
		newBackupCmd(opts),
		newRestoreCmd(opts),
		newCopyCmd(opts),
		newMetricsCmd(opts), newConfigCmd(opts), newRatesCmd(opts),
		newDebugCmd(opts),
	)
	for _, c := range root.Commands() {
		wrapArgs(c)
	}
	return root
}

// wrapArgs makes argument-count errors of c and its children usage errors.
func wrapArgs(c *cobra.Command) {
	if c.Args != nil {
		check := c.Args
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				return usageError{fmt.Errorf("%w (see '%s --help')", err, cmd.CommandPath())}
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		wrapArgs(sub)
	}
}

// version is the module version the binary was built from, "(devel)" in a checkout.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// groupOf makes c a command that groups others: without arguments it
// shows its help; an unknown subcommand is wrong usage (exit status 2),
// with cobra's suggestion ("did you mean").
func groupOf(c *cobra.Command) {
	c.Args = cobra.ArbitraryArgs
	c.SuggestionsMinimumDistance = 2 // cobra sets it on the root only
	c.RunE = func(c *cobra.Command, args []string) error {
		if len(args) == 0 {
			return c.Help()
		}
		msg := fmt.Sprintf("unknown command %q", args[0])
		if c.HasParent() {
			msg += fmt.Sprintf(" for %q", c.CommandPath())
		}
		if s := c.SuggestionsFor(args[0]); len(s) > 0 {
			msg += fmt.Sprintf(" (did you mean %q?)", s[0])
		}
		help := "salesgoal help"
		if c.HasParent() {
			help = c.CommandPath() + " --help"
		}
		return usagef("%s: run '%s' for the list of commands", msg, help)
	}
}

// asOfFlag is --as-of, when given; a date that does not parse is wrong usage.
func (o *rootOptions) asOfFlag() (d time.Time, given bool, err error) {
	if o.asOf == "" {
		return time.Time{}, false, nil
	}
	d, err = metric.ParseDate(o.asOf)
	if err != nil {
		return time.Time{}, true, usagef("--as-of %q: %v", o.asOf, err)
	}
	return d, true, nil
}

// today is the as-of date: --as-of, else the clock's date in the
// database's time zone (`salesgoal config set timezone`; the machine's by
// default), so that a cron job on a UTC server reports the team's Monday,
// not the server's Sunday evening.
func (o *rootOptions) today(ctx context.Context, db *store.DB) (time.Time, error) {
	if d, given, err := o.asOfFlag(); given || err != nil {
		return d, err
	}
	loc, err := db.Location(ctx)
	if err != nil {
		return time.Time{}, err
	}
	return metric.DateOf(o.env.Now().In(loc)), nil
}

// color reports whether output to a stream that is (or not) a terminal may be coloured.
func (o *rootOptions) color(tty bool) bool {
	return tty && !o.noColor && o.env.Getenv("NO_COLOR") == ""
}
