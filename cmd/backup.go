package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/store"
)

type backupOptions struct {
	*rootOptions
	file  string
	force bool
}

func newBackupCmd(root *rootOptions) *cobra.Command {
	opts := &backupOptions{rootOptions: root}
	c := &cobra.Command{
		Use:   "backup FILE",
		Short: "Write a consistent copy of the database to FILE",
		Long: `Backup writes a copy of the database to FILE, as it was at one moment: an
import or report running meanwhile goes on, and the copy holds either all
of a file that import was writing or none of it.

The copy is readable by its owner only, is checked before it is put in
place, and never replaces an existing FILE unless --force is given; it is
never written over the database or its files, nor over another user's
file. Restore it with 'salesgoal restore FILE' (never by copying it over
the database: a -wal file beside the database would be replayed onto it).

An interrupted backup (Ctrl-C, SIGTERM) removes its temporary file; one a
killed backup left is removed by the next backup into that folder.`,
		Example: `  salesgoal backup salesgoal-$(date +%F).db
  salesgoal backup --force ~/backups/salesgoal-latest.db
  # cron, after the weekly import:
  # 0 7 * * 1  salesgoal import deals.csv && salesgoal backup --force ~/backups/salesgoal.db
  salesgoal restore ~/backups/salesgoal-latest.db`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			opts.file = args[0]
			return backupRun(c.Context(), opts)
		},
	}
	c.Flags().BoolVar(&opts.force, "force", false, "replace FILE if it exists")
	return c
}

// backupRun copies the database to opts.file and says where it went.
func backupRun(ctx context.Context, opts *backupOptions) error {
	if dir := filepath.Dir(opts.file); !isDir(dir) {
		return withHint(fmt.Errorf("backup %s: the folder %s does not exist", quoted(opts.file), quoted(dir)),
			"create it first (mkdir -p %s), or choose another file", quoted(dir))
	}
	db, err := opts.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, opts.file, opts.force); err != nil {
		if errors.Is(err, store.ErrBackupExists) {
			return withHint(err, "choose a new file name, or pass --force to replace it")
		}
		return err
	}
	fi, err := os.Stat(opts.file)
	if err != nil {
		return err
	}
	sayf(opts.env.Stderr, "%s: backup of %s written (%s)\n", quoted(opts.file), quoted(db.Path()), byteSize(fi.Size()))
	return nil
}

// byteSize writes n bytes as KiB or MiB.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
