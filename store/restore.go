package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/salesgoal/salesgoal/internal/safefile"
)

// KeptSuffix names the copy of the database that Restore keeps: the
// database x.db replaced by a restore is kept as x.db.before-restore.
const KeptSuffix = ".before-restore"

// ErrBadBackup: the file given to restore is not a backup salesgoal can
// restore: not a salesgoal database, without schema, or damaged.
var ErrBadBackup = errors.New("not a backup that can be restored")

// ErrKeptInTheWay refuses a restore while the copy an earlier restore kept
// is still there: a second restore would otherwise replace it.
var ErrKeptInTheWay = errors.New("the copy an earlier restore kept is still there")

// Restored says what Restore did.
type Restored struct {
	Counts       // the rows of the restored database
	Goals  int64 // its goals
	// Kept is where the database it replaced was kept; "" when there was
	// none.
	Kept string
}

// Restore replaces the database at path with the backup at from.
//
// The backup is checked first — it must be a salesgoal database, not from
// a newer salesgoal, and pass SQLite's integrity check — and copied into a
// temporary file beside the database, where it is brought up to this
// salesgoal's schema. Then, while holding the database's write lock (other
// writers wait, readers go on and see the old data or the new, never a
// mix), the database as it stands is kept as path+KeptSuffix and its rows
// are replaced by the backup's in one transaction, so the database and its
// -wal file change together or not at all.
//
// A database that salesgoal refuses to open (damaged, not a database,
// without schema) cannot be in use by salesgoal: its files, -wal and all,
// are moved aside to path+KeptSuffix and the copy takes its place. A
// database from a newer salesgoal, another user's, or one that others can
// write, is refused and left as it is; so is any restore while
// path+KeptSuffix exists.
func Restore(ctx context.Context, path, from string, opts Options) (Restored, error) {
	wait := opts.BusyTimeout
	if wait <= 0 {
		wait = BusyTimeout * time.Millisecond
	}
	q, qf := safefile.Quote(path), safefile.Quote(from)
	if what, same := DatabaseFile(path, from); same {
		return Restored{}, fmt.Errorf("restore %s: %w: that is %s, not a backup of it", qf, ErrDatabaseTarget, what)
	}
	if fi, err := os.Stat(from); err != nil {
		return Restored{}, fmt.Errorf("restore %s: %w", qf, err)
	} else if fi.IsDir() {
		return Restored{}, fmt.Errorf("restore %s: %w", qf, ErrIsFolder)
	}
	// The files are replaced where the database really is: SQLite keeps
	// its -wal beside the file a symbolic link names, not beside the link.
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return Restored{}, fmt.Errorf("restore into %s: %w", q, ErrIsFolder)
	} else if err == nil && !fi.Mode().IsRegular() {
		return Restored{}, fmt.Errorf("restore into %s: %w: it is a device or a pipe, not a file", q, ErrNotDatabase)
	}
	kept := path + KeptSuffix
	for _, s := range sidecars {
		if _, err := os.Lstat(kept + s); err == nil {
			return Restored{}, fmt.Errorf("restore into %s: %w: %s", q, ErrKeptInTheWay, safefile.Quote(kept+s))
		}
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Restored{}, fmt.Errorf("restore into %s: %w", q, err)
	}
	tmp, res, err := copyBackup(ctx, from, dir, filepath.Base(path), wait)
	if errors.Is(err, ErrNotDatabase) || errors.Is(err, ErrNoSchema) || Fault(err) == ErrDamaged {
		return Restored{}, fmt.Errorf("restore %s: %w: %w", qf, ErrBadBackup, err)
	} else if err != nil {
		return Restored{}, fmt.Errorf("restore %s: %w", qf, err)
	}
	defer removeDatabase(tmp) // nothing left once it is in place
	if err := ctx.Err(); err != nil {
		return Restored{}, err
	}

	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		if err := safefile.Install(tmp, path, false); err != nil {
			return Restored{}, fmt.Errorf("restore into %s: %w", q, err)
		}
		return res, nil
	}
	db, err := OpenWith(ctx, path, Options{BusyTimeout: wait, Write: true})
	switch {
	case err == nil && db.readOnly:
		db.Close()
		return Restored{}, fmt.Errorf("restore into %s: %w", q, ErrReadOnly)
	case err == nil:
		err = db.replaceRows(ctx, tmp, kept)
		db.Close()
		if err == nil {
			res.Kept = kept
			return res, nil
		}
		if Fault(err) != ErrDamaged {
			return Restored{}, fmt.Errorf("restore into %s: %w", q, err)
		}
	case !errors.Is(err, ErrNotDatabase) && !errors.Is(err, ErrNoSchema) && Fault(err) != ErrDamaged:
		return Restored{}, err
	}
	if err := replaceFiles(ctx, path, tmp, kept); err != nil {
		return Restored{}, fmt.Errorf("restore into %s: %w", q, err)
	}
	res.Kept = kept
	return res, nil
}

// copyBackup checks the backup at from and copies it into a temporary
// file in dir, named after base, brought up to this salesgoal's schema,
// checked, checkpointed and synced. It returns the file's name and what
// it holds.
func copyBackup(ctx context.Context, from, dir, base string, wait time.Duration) (string, Restored, error) {
	// Read-only and without migrating: the backup file is never changed.
	src, err := open(ctx, from, wait, access{readOnly: true, inspectOnly: true})
	if err != nil && cannotWrite(err) && !hasWAL(from) {
		src, err = open(ctx, from, wait, access{readOnly: true, immutable: true, inspectOnly: true})
	}
	if err != nil {
		return "", Restored{}, err
	}
	tmp, err := safefile.Temp(dir, base, "restore")
	if err != nil {
		src.Close()
		return "", Restored{}, err
	}
	name := tmp.Name()
	tmp.Close()
	err = src.vacuumInto(ctx, name)
	src.Close()
	if err != nil {
		removeDatabase(name)
		return "", Restored{}, err
	}
	res, err := upgradeCopy(ctx, name, wait)
	if err != nil {
		removeDatabase(name)
		return "", Restored{}, err
	}
	return name, res, nil
}

// upgradeCopy brings the copy at name up to this salesgoal's schema,
// checks it, counts what it holds, and leaves it whole in its one file.
func upgradeCopy(ctx context.Context, name string, wait time.Duration) (Restored, error) {
	db, err := open(ctx, name, wait, access{})
	if err != nil {
		return Restored{}, err
	}
	defer db.Close()
	if err := integrity(ctx, db); err != nil {
		return Restored{}, fmt.Errorf("the backup fails its check: %w", err)
	}
	cov, err := db.Coverage(ctx)
	if err != nil {
		return Restored{}, err
	}
	res := Restored{Counts: cov.Counts}
	if err := db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM goals`).Scan(&res.Goals); err != nil {
		return Restored{}, err
	}
	if _, err := db.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return Restored{}, err
	}
	return res, safefile.SyncFile(name)
}

// replaceFiles moves the files of a database salesgoal refuses aside to
// kept — the database, its -wal, -shm and -journal files, byte for byte —
// and puts the file at tmp in its place.
func replaceFiles(ctx context.Context, path, tmp, kept string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	// A hard link keeps the old file under its new name while the path
	// still holds it; where there are none, it is renamed.
	if err := os.Link(path, kept); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%w: %s", ErrKeptInTheWay, safefile.Quote(kept))
		}
		if err := os.Rename(path, kept); err != nil {
			return err
		}
	}
	for _, s := range sidecars[1:] {
		if err := os.Rename(path+s, kept+s); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return safefile.Install(tmp, path, true)
}
