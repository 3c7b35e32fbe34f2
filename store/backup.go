package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/salesgoal/salesgoal/internal/safefile"
)

// ErrBackupExists reports a backup file that is already there; Backup
// overwrites it only when asked to.
var ErrBackupExists = errors.New("the backup file already exists")

// Backup writes a consistent copy of the database to dest with SQLite's
// VACUUM INTO: a snapshot of the last commit, taken in one read
// transaction, so imports and reports may go on meanwhile (WAL lets them).
// The copy is written to a temporary file beside dest, readable by its
// owner only (0600), synced, checked, and then put in place, so dest is
// never a half-written file. An existing dest is refused with
// ErrBackupExists unless overwrite, and so is, always, a dest that is the
// database or one of its files, or another user's file. A cancelled ctx
// (an interrupt) stops the copy and removes the temporary file.
func (db *DB) Backup(ctx context.Context, dest string, overwrite bool) error {
	q := safefile.Quote(dest)
	if what, same := DatabaseFile(db.path, dest); same {
		return fmt.Errorf("backup %s: %w: that is %s", q, ErrDatabaseTarget, what)
	}
	abs, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if fi, err := os.Stat(abs); err == nil {
		if fi.IsDir() {
			return fmt.Errorf("backup %s: %w", q, ErrIsFolder)
		}
		if err := safefile.CheckReplace(dest); err != nil {
			return fmt.Errorf("backup %w", err)
		}
		if !overwrite {
			return fmt.Errorf("backup %s: %w", q, ErrBackupExists)
		}
	}
	snapshot := db.snapshot
	if db.server() {
		snapshot = db.sqliteSnapshot // a portable SQLite file of the server's data
	}
	name, err := snapshot(ctx, filepath.Dir(abs), filepath.Base(abs), "backup")
	if err != nil {
		return fmt.Errorf("backup %s: %w", q, err)
	}
	defer os.Remove(name) // a no-op once installed
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("backup %s: %w", q, err)
	}
	if err := safefile.Install(name, abs, overwrite); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("backup %s: %w", q, ErrBackupExists)
		}
		return fmt.Errorf("backup %s: %w", q, err)
	}
	return nil
}

// ErrDatabaseTarget refuses to write a file over the database itself or
// one of the files SQLite keeps beside it.
var ErrDatabaseTarget = errors.New("salesgoal never writes over its database")

// snapshot copies the database with VACUUM INTO into a new temporary file
// of the given kind in dir, named after base, syncs and checks it, and
// returns its name; the caller removes it, or puts it in place.
func (db *DB) snapshot(ctx context.Context, dir, base, kind string) (string, error) {
	// VACUUM INTO accepts an empty file, and keeps its mode: safefile
	// creates it 0600, so the copy is never readable by others, whatever
	// the umask.
	tmp, err := safefile.Temp(dir, base, kind)
	if err != nil {
		return "", err
	}
	name := tmp.Name()
	tmp.Close()
	if err := db.vacuumInto(ctx, name); err != nil {
		removeDatabase(name)
		return "", err
	}
	if err := checkFile(ctx, name); err != nil {
		removeDatabase(name)
		return "", fmt.Errorf("the copy fails its check: %w", err)
	}
	return name, nil
}

// vacuumInto writes a compact copy of the database into the (empty or
// absent) file at name and syncs it.
func (db *DB) vacuumInto(ctx context.Context, name string) error {
	if _, err := db.db.ExecContext(ctx, `VACUUM INTO ?`, plainName(name)); err != nil {
		return err
	}
	return safefile.SyncFile(name)
}

// Check runs SQLite's integrity check over the whole database and returns
// an error wrapping ErrDamaged that lists the first problems it reports.
//
// On PostgreSQL there is no file to check: the server keeps its own pages
// whole, so Check only reads that the database answers.
func (db *DB) Check(ctx context.Context) error {
	if db.server() {
		return db.db.PingContext(ctx)
	}
	return integrity(ctx, db)
}

// checkFile opens the database file at path read-only and checks it.
func checkFile(ctx context.Context, path string) error {
	db, err := open(ctx, path, BusyTimeout*time.Millisecond, access{readOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()
	return integrity(ctx, db)
}

func integrity(ctx context.Context, db *DB) error {
	rows, err := db.db.QueryContext(ctx, `PRAGMA integrity_check(20)`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s: %w: %s", db.path, ErrDamaged, strings.Join(problems, "; "))
	}
	return nil
}
