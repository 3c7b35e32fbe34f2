package cmd

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/store"
)

type copyOptions struct {
	*rootOptions
	from, to string
	force    bool
}

func newCopyCmd(root *rootOptions) *cobra.Command {
	opts := &copyOptions{rootOptions: root}
	c := &cobra.Command{
		Use:   "copy --from SRC --to DST",
		Short: "Copy everything from one database to another (SQLite file or PostgreSQL)",
		Long: `Copy copies everything a database holds — deals, customers, spend, goals
and their assessments, settings, the import log, remembered readings and
the rollups — into another, of either engine: an SQLite file or a
PostgreSQL database (postgres://USER@HOST/DB). Move a laptop's database to
the team's server, or take a snapshot of the server home.

SRC is read at one moment (an import running meanwhile is in it whole or
not at all), and DST is written in one transaction: all of it, or nothing.
DST is created (a file) or given salesgoal's tables (a server database)
when it has none. A DST that holds any data is refused unless --force,
which replaces all of it.

Passwords in a URL are never shown; better, leave them out of it and use
PGPASSWORD or ~/.pgpass.`,
		Example: `  salesgoal copy --from ~/.local/share/salesgoal/salesgoal.db --to postgres://ana@db.example.com/sales
  salesgoal copy --from postgres://ana@db.example.com/sales --to sales-snapshot.db
  salesgoal copy --from sales-snapshot.db --to postgres://ana@db.example.com/sales --force`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			return copyRun(c.Context(), opts)
		},
	}
	c.Flags().StringVar(&opts.from, "from", "", "the database to copy: a file or a postgres:// URL")
	c.Flags().StringVar(&opts.to, "to", "", "the database to copy into: a file or a postgres:// URL")
	c.Flags().BoolVar(&opts.force, "force", false, "replace what DST holds")
	return c
}

// copyRun copies opts.from into opts.to and says what went.
func copyRun(ctx context.Context, opts *copyOptions) error {
	if opts.from == "" || opts.to == "" {
		return usagef("give both --from SRC and --to DST (a database file or a postgres:// URL)")
	}
	if opts.from == opts.to {
		return usagef("--from and --to are the same database")
	}
	wait, err := opts.busyTimeout()
	if err != nil {
		return err
	}
	src, err := store.OpenWith(ctx, opts.from, store.Options{BusyTimeout: wait})
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := store.OpenWith(ctx, opts.to, store.Options{BusyTimeout: wait, Create: true, Write: true})
	if err != nil {
		return err
	}
	defer dst.Close()
	n, err := src.CopyTo(ctx, dst, opts.force)
	if errors.Is(err, store.ErrNotEmpty) {
		return withHint(err, "copy into a new database, or pass --force to replace what %s holds (nothing was changed)", quoted(dst.Path()))
	}
	if err != nil {
		return err
	}
	sayf(opts.env.Stderr, "%s: copied to %s: %d deals, %d customers, %d spend rows, %d goals, %d imports logged\n",
		quoted(src.Path()), quoted(dst.Path()), n["deals"], n["customers"], n["spend"], n["goals"], n["imports"])
	return nil
}

// serverRefuses is the error of a command that works on an SQLite file
// alone, given a PostgreSQL database.
func serverRefuses(command, instead string) error {
	return withHint(fmt.Errorf("%s works on a database file, and this database is on a PostgreSQL server", command), "%s", instead)
}
