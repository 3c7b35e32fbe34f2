package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/salesgoal/salesgoal/internal/safefile"
)

// Open opens the database at path for writing, creating it when it does
// not exist, and brings its schema up to date. A database written by a
// newer salesgoal is refused and left untouched.
func Open(ctx context.Context, path string) (*DB, error) {
	return OpenWith(ctx, path, Options{Create: true, Write: true})
}

// OpenWith is Open with options. A file this user cannot write, or (when
// the caller only reads) one that is not safely this user's, is opened
// read-only: reading works, and every write fails with an error that Fault
// names ErrReadOnly.
//
// A database salesgoal refuses — not SQLite, from a newer salesgoal,
// without schema — is never written: before it is opened for writing it
// is read through a read-only connection, which neither checkpoints nor
// deletes a -wal file left beside it; and an empty file beside a -wal file
// is refused before SQLite sees it, since SQLite would delete that -wal.
func OpenWith(ctx context.Context, path string, opts Options) (*DB, error) {
	wait := opts.BusyTimeout
	if wait <= 0 {
		wait = BusyTimeout * time.Millisecond
	}
	if IsServer(path) {
		return openPostgres(ctx, path, wait, opts)
	}
	q := safefile.Quote(path)
	if opts.LinkOnImport {
		// What a killed first import left beside (unlinked.go).
		safefile.CleanStale(filepath.Dir(path), "new")
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if !opts.Create {
			return nil, fmt.Errorf("%w at %s", ErrNoDatabase, q)
		}
		if opts.LinkOnImport {
			return createUnlinked(ctx, path, wait)
		}
		if err := create(ctx, path, wait); err != nil {
			return nil, err
		}
		return open(ctx, path, wait, access{})
	case err != nil:
		return nil, fmt.Errorf("database %s: %w", q, err)
	case fi.IsDir():
		return nil, fmt.Errorf("database %s: %w", q, ErrIsFolder)
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("%s: %w: it is a device or a pipe, not a file", q, ErrNotDatabase)
	}
	// A file this user may not even read: say so, before SQLite's
	// "unable to open database file" hides why.
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", q, err)
	}
	f.Close()
	initialise := opts.Create && opts.Write
	if fi.Size() == 0 {
		if hasWAL(path) {
			return nil, fmt.Errorf("%s: %w: the file is empty, yet its -wal file holds data (the write that created it never finished); salesgoal leaves both as they are", q, ErrNoSchema)
		}
		if !initialise {
			return nil, fmt.Errorf("%s: %w: the file is empty", q, ErrNoSchema)
		}
	}
	a := access{initialise: initialise}
	if why := safefile.CheckWritable(fi); why != nil {
		if opts.Write {
			return nil, fmt.Errorf("refusing to write to the database %s: %w", q, why)
		}
		a.readOnly = true
	} else {
		a.readOnly = !writable(path)
	}
	if !a.readOnly && fi.Size() > 0 {
		// Read it first without writing: the connection that writes would
		// checkpoint a -wal file into a database it then refuses.
		if err := probe(ctx, path, wait, initialise); err != nil {
			return nil, err
		}
	}
	db, err := open(ctx, path, wait, a)
	if err != nil && cannotWrite(err) {
		if hasWAL(path) {
			return nil, fmt.Errorf("database %s: %w (%w)", q, ErrPendingWAL, err)
		}
		// SQLite cannot create the -wal and -shm files next to the
		// database (its folder is read-only), which even reading a WAL
		// database needs. With no -wal file, nobody is writing to it, so
		// it can be read as an immutable file.
		db, err = open(ctx, path, wait, access{readOnly: true, immutable: true})
	}
	return db, err
}

// access is how open opens a database file.
type access struct {
	readOnly   bool // mode=ro: nothing is written, no checkpoint either
	immutable  bool // with readOnly: no locks, no -wal or -shm files
	initialise bool // a file without schema is given one
	// inspectOnly: only read the schema version, never migrate (a
	// backup being restored is upgraded in its copy, not in place).
	inspectOnly bool
	// private: a new database nobody else sees yet (createUnlinked),
	// written with a rollback journal and no syncs until it is linked.
	private bool
}

// open opens the database with the given busy timeout and access, and
// brings its schema up to date.
func open(ctx context.Context, path string, wait time.Duration, a access) (*DB, error) {
	// Pragmas go in the DSN so that every pooled connection gets them: a
	// PRAGMA run with Exec would configure only the one connection it ran on.
	// With _txlock=immediate every transaction takes the write lock when it
	// begins, waiting for it through the busy handler, so two writers queue
	// instead of one failing when it upgrades a read to a write.
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", wait.Milliseconds()))
	if a.readOnly {
		q.Set("mode", "ro") // no journal_mode: switching it would write
		if a.immutable {
			q.Set("immutable", "1")
		}
	} else if a.private {
		q.Add("_pragma", "journal_mode(DELETE)")
		q.Add("_pragma", "synchronous(OFF)")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
	}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_txlock", "immediate")
	sqldb, err := sql.Open("sqlite", fileURI(path)+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", safefile.Quote(path), err)
	}
	db := &DB{db: sqldb, path: path, readOnly: a.readOnly}
	if a.inspectOnly {
		_, err = db.inspect(ctx, a.initialise)
	} else {
		err = db.migrate(ctx, a.initialise)
	}
	if err != nil {
		sqldb.Close()
		return nil, classify(path, err)
	}
	return db, nil
}

// probe reads the database at path through a read-only connection and
// returns why salesgoal refuses it, if it does: not SQLite, damaged, from
// a newer salesgoal, without schema. Any other failure (a folder where the
// -shm file cannot be made) is left for the real open to meet and report.
// Without a -wal file the database is the file alone, which is read as
// immutable, so that not even an empty -wal or -shm file is left beside a
// database that is refused.
func probe(ctx context.Context, path string, wait time.Duration, initialise bool) error {
	db, err := open(ctx, path, wait, access{readOnly: true, immutable: !hasWAL(path), inspectOnly: true, initialise: initialise})
	if err == nil {
		db.Close()
	}
	if errors.Is(err, ErrNotDatabase) || errors.Is(err, ErrNewerSchema) || errors.Is(err, ErrNoSchema) {
		return err
	}
	return nil
}

// cannotWrite reports whether err is SQLite's refusal to write or to
// create a file.
func cannotWrite(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	c := se.Code() & 0xff
	return c == sqlite3.SQLITE_READONLY || c == sqlite3.SQLITE_CANTOPEN
}

// hasWAL reports whether the database has a -wal file with content: a
// writer is at work, or one was killed before it checkpointed.
func hasWAL(path string) bool {
	fi, err := os.Stat(path + "-wal")
	return err == nil && fi.Size() > 0
}

// create makes a new database at path: in a temporary file beside it,
// given its schema, checkpointed and synced, then linked into place. So a
// file at path is never a database half-made (a full disk leaves no file
// at all), and a database another salesgoal created meanwhile is kept.
// The file is readable by its owner only, and so are the -wal and -shm
// files SQLite later gives the same mode; a folder made for it is 0700.
func create(ctx context.Context, path string, wait time.Duration) error {
	q := safefile.Quote(path)
	name, err := newFile(path)
	if err != nil {
		return err
	}
	defer removeDatabase(name) // nothing left once it is linked
	db, err := open(ctx, name, wait, access{initialise: true})
	if err != nil {
		return fmt.Errorf("create database %s: %w", q, err)
	}
	_, err = db.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = safefile.SyncFile(name)
	}
	if err != nil {
		return fmt.Errorf("create database %s: %w", q, err)
	}
	if err := safefile.Install(name, path, false); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("create database %s: %w", q, err)
	}
	return nil
}

// newFile makes the private, empty file a new database at path is made
// in, beside it (and the folder, 0700, when there is none), and returns
// its name.
func newFile(path string) (string, error) {
	q := safefile.Quote(path)
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create the folder of database %s: %w", q, err)
	}
	tmp, err := safefile.Temp(dir, filepath.Base(path), "new")
	if err != nil {
		return "", fmt.Errorf("create database %s: %w", q, err)
	}
	name := tmp.Name()
	tmp.Close()
	return name, nil
}

// removeDatabase removes a database file and the files beside it.
func removeDatabase(path string) {
	for _, s := range sidecars {
		os.Remove(path + s)
	}
}

// writable reports whether this user may write the file at path. Only a
// refusal counts: any other error is left for SQLite to report.
func writable(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return !errors.Is(err, fs.ErrPermission) && !errors.Is(err, syscall.EROFS)
	}
	f.Close()
	return true
}
