package cmd

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/adrg/xdg"

	"github.com/salesgoal/salesgoal/store"
)

// databasePath resolves --db, then $SALESGOAL_DB, then the XDG data home.
// $SALESGOAL_DB is taken exactly as --db is: set but blank, it is wrong
// usage, so that an unset variable in a script cannot fall back to the
// default database, nor create a file named " ". Without HOME (cron,
// systemd) there is no default database to fall back to.
func (o *rootOptions) databasePath() (string, error) {
	if o.dbPath != "" {
		return o.dbPath, nil
	}
	if p, ok := o.lookupEnv("SALESGOAL_DB"); ok {
		if strings.TrimSpace(p) == "" {
			return "", usagef("$SALESGOAL_DB is set but blank (%q): give the database file, or unset it to use the default", p)
		}
		return p, nil
	}
	if home := o.env.Getenv("XDG_DATA_HOME"); home != "" {
		return filepath.Join(home, "salesgoal", "salesgoal.db"), nil
	}
	if strings.TrimSpace(o.env.Getenv("HOME")) == "" {
		return "", withHint(usagef("no database given, and $HOME is not set, so there is no default database"),
			"pass --db FILE or set SALESGOAL_DB (a cron or systemd job may run without HOME)")
	}
	return filepath.Join(xdg.DataHome, "salesgoal", "salesgoal.db"), nil
}

// lookupEnv is the environment variable k, and whether it is set.
func (o *rootOptions) lookupEnv(k string) (string, bool) {
	if o.env.LookupEnv != nil {
		return o.env.LookupEnv(k)
	}
	v := o.env.Getenv(k)
	return v, v != ""
}

// openExisting opens the database the flags point at for a command that
// reads it: a missing file is refused rather than created (a reading
// command, or a cron job, given a mistyped --db would otherwise report on
// a new, empty database as if all were well), and so is a file without
// salesgoal's schema. A database that is not safely this user's is read
// without being written.
func (o *rootOptions) openExisting(ctx context.Context) (*store.DB, error) {
	return o.openDB(ctx, store.Options{})
}

// openStore opens, creating it if needed, the database the flags point at
// for a command that writes it.
func (o *rootOptions) openStore(ctx context.Context) (*store.DB, error) {
	return o.openDB(ctx, store.Options{Create: true, Write: true})
}

// openTempStore creates a new database in a temporary folder; the
// returned function closes it and removes the folder.
func openTempStore(ctx context.Context, prefix string) (*store.DB, func(), error) {
	dir, err := os.MkdirTemp("", prefix)
	if err != nil {
		return nil, nil, err
	}
	db, err := store.Open(ctx, filepath.Join(dir, "salesgoal.db"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return db, func() { db.Close(); os.RemoveAll(dir) }, nil
}

// openDB opens the database the flags point at as opts say.
// $SALESGOAL_BUSY_TIMEOUT (a duration such as 2m) sets how long to wait
// for another salesgoal that is writing to it.
func (o *rootOptions) openDB(ctx context.Context, opts store.Options) (*store.DB, error) {
	path, err := o.databasePath()
	if err != nil {
		return nil, err
	}
	if opts.BusyTimeout, err = o.busyTimeout(); err != nil {
		return nil, err
	}
	return store.OpenWith(ctx, path, opts)
}

// busyTimeout is $SALESGOAL_BUSY_TIMEOUT, 0 when it is not set.
func (o *rootOptions) busyTimeout() (time.Duration, error) {
	v := o.env.Getenv("SALESGOAL_BUSY_TIMEOUT")
	if v == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, usagef("SALESGOAL_BUSY_TIMEOUT=%q: give a duration such as 90s or 5m", v)
	}
	return d, nil
}
