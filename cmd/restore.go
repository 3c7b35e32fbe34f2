package cmd

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/store"
)

type restoreOptions struct {
	*rootOptions
	file string
}

func newRestoreCmd(root *rootOptions) *cobra.Command {
	opts := &restoreOptions{rootOptions: root}
	c := &cobra.Command{
		Use:   "restore BACKUP",
		Short: "Replace the database with a backup, keeping the old one aside",
		Long: `Restore replaces the database (--db, $SALESGOAL_DB or the default) with a
copy of BACKUP, a file 'salesgoal backup' wrote.

The backup is checked first: it must be a salesgoal database that passes
SQLite's integrity check, from this salesgoal or an older one (it is brought
up to date in its copy; the backup file itself is not changed). Restore then
takes the database's write lock, so an import or goal change running now
finishes first and one started later waits; keeps the database as it is as
NAME.before-restore; and replaces its data in one transaction, so the
database and its -wal file change together or not at all, and a report
running meanwhile sees the old data or the new, never a mix.

A damaged database, or one that is not a salesgoal database, is moved aside
whole, -wal file and all, as NAME.before-restore. Restore refuses a
database from a newer salesgoal, another user's database, and any restore
while NAME.before-restore is still there; the database is then not changed.

Never restore by copying a backup over the database: a -wal file beside it
would be replayed onto the copy.`,
		Example: `  salesgoal restore ~/backups/salesgoal-2027-02-15.db
  salesgoal --db team.db restore team-backup.db`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			opts.file = args[0]
			return restoreRun(c.Context(), opts)
		},
	}
	return c
}

// restoreRun restores the backup and says what the database now holds.
func restoreRun(ctx context.Context, opts *restoreOptions) error {
	path, err := opts.databasePath()
	if err != nil {
		return err
	}
	if store.IsServer(path) {
		return serverRefuses("restore", fmt.Sprintf("load a backup into the server's database with 'salesgoal copy --from %s --to URL --force' (the server keeps its own files; back it up with pg_dump as well)", quoted(opts.file)))
	}
	wait, err := opts.busyTimeout()
	if err != nil {
		return err
	}
	if _, err := os.Stat(opts.file); errors.Is(err, fs.ErrNotExist) {
		return withHint(fmt.Errorf("restore %s: no such file", quoted(opts.file)),
			"give a file that 'salesgoal backup' wrote; the database was not changed")
	}
	res, err := store.Restore(ctx, path, opts.file, store.Options{BusyTimeout: wait})
	if errors.Is(err, store.ErrBadBackup) {
		// Only this hint: those of a damaged database speak of the
		// database, which is fine and was not changed.
		return withHint(errors.New(err.Error()), "choose another backup, such as an older one; the database was not changed")
	}
	if err != nil {
		return err
	}
	w := opts.env.Stderr
	sayf(w, "%s: restored from %s: %s, %s, %s, %s\n", quoted(path), quoted(opts.file),
		countOf(res.Deals, "deal", "deals"), countOf(res.Customers, "customer", "customers"),
		countOf(res.Spend, "spend row", "spend rows"), countOf(res.Goals, "goal", "goals"))
	if res.Kept != "" {
		sayf(w, "%s: the database as it was before is kept as %s\n", quoted(path), quoted(res.Kept))
	}
	return nil
}
