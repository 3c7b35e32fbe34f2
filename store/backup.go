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
)

// ErrBackupExists reports a backup file that is already there; Backup
// overwrites it only when asked to.
var ErrBackupExists = errors.New("the backup file already exists")

// Backup writes a consistent copy of the database to dest with SQLite's
// VACUUM INTO: a snapshot of the last commit, taken in one read
// transaction, so imports and reports may go on meanwhile (WAL lets them).
// The copy is written to a temporary file beside dest, readable by its
// owner only (0600), synced, checked, and then renamed into place, so
// dest is never a half-written file. An existing dest is refused with
// ErrBackupExists unless overwrite.
func (db *DB) Backup(ctx context.Context, dest string, overwrite bool) error {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if fi, err := os.Stat(abs); err == nil {
		if fi.IsDir() {
			return fmt.Errorf("backup %s: %w", dest, ErrIsFolder)
		}
		if !overwrite {
			return fmt.Errorf("backup %s: %w", dest, ErrBackupExists)
		}
		if same, _ := sameFile(abs, db.path); same {
			return fmt.Errorf("backup %s: that is the database itself", dest)
		}
	}
	// VACUUM INTO accepts an empty file, and keeps its mode: create it
	// 0600 first, so the copy is never readable by others, whatever the umask.
	tmp, err := os.CreateTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".*.tmp")
	if err != nil {
		return fmt.Errorf("backup %s: %w", dest, err)
	}
	name := tmp.Name()
	tmp.Close()
	defer os.Remove(name) // a no-op once renamed
	if err := os.Chmod(name, 0o600); err != nil {
		return fmt.Errorf("backup %s: %w", dest, err)
	}
	// A leading "file:" would make SQLite read the name as a URI.
	if strings.HasPrefix(name, "file:") {
		name = "./" + name
	}
	if _, err := db.db.ExecContext(ctx, `VACUUM INTO ?`, name); err != nil {
		return fmt.Errorf("backup %s: %w", dest, err)
	}
	if err := syncFile(name); err != nil {
		return fmt.Errorf("backup %s: %w", dest, err)
	}
	if err := checkFile(ctx, name); err != nil {
		return fmt.Errorf("backup %s: the copy fails its check: %w", dest, err)
	}
	if !overwrite {
		// Link refuses to replace a file that appeared meanwhile.
		if err := os.Link(name, abs); err == nil {
			syncDir(filepath.Dir(abs))
			return nil
		} else if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("backup %s: %w", dest, ErrBackupExists)
		}
		// A file system without hard links: rename below.
	}
	if err := os.Rename(name, abs); err != nil {
		return fmt.Errorf("backup %s: %w", dest, err)
	}
	syncDir(filepath.Dir(abs))
	return nil
}

// Check runs SQLite's integrity check over the whole database and returns
// an error wrapping ErrDamaged that lists the first problems it reports.
func (db *DB) Check(ctx context.Context) error {
	return integrity(ctx, db)
}

// checkFile opens the database file at path read-only and checks it.
func checkFile(ctx context.Context, path string) error {
	db, err := open(ctx, path, BusyTimeout*time.Millisecond, true, false)
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

func sameFile(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a new name in dir durable, where the file system can sync
// a folder; where it cannot, the rename itself is still atomic.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
