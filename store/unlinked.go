package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/salesgoal/salesgoal/internal/safefile"
)

// A first import into a database that does not exist yet
// (Options.LinkOnImport) is written into the private file the database is
// made in, before that file is linked into place (docs/architecture.md,
// "Storage"). Nobody else can open it, so until then it keeps a rollback
// journal and does not sync: a write-ahead log writes every page twice,
// into the log and again when the log is checkpointed into the file, and a
// journal writes only the pages that were there before, none of a new
// database's rows. When the import commits, the database turns to WAL like
// every other, is synced whole and linked at its path; so the database
// appears with its first file in it, or not at all. One that another
// salesgoal linked there meanwhile is kept, and this import's file dropped
// (ErrCreatedMeanwhile).

// ErrCreatedMeanwhile: another salesgoal created the database while a
// first import was being written into a new one of its own; that one was
// dropped, and the DB is now the database at the path, into which the
// file is still to be imported.
var ErrCreatedMeanwhile = errors.New("another salesgoal created the database while this import ran, so nothing of it was kept")

// unlinked is a new database not yet in place.
type unlinked struct {
	name string        // the private file it is made in
	wait time.Duration // the busy timeout it was opened with
	// synced, once set, says when the early sync (syncEarly) is done.
	synced chan error
}

// syncEarly starts writing the file to disk as the import begins to
// finish, its rows written: the disk takes them while the rollups are
// worked out, and the sync before the link has little left to do.
func (u *unlinked) syncEarly() {
	if u == nil || u.synced != nil {
		return
	}
	done := make(chan error, 1)
	go func() { done <- safefile.SyncFile(u.name) }()
	u.synced = done
}

// waitSync waits for the early sync, if one was started.
func (u *unlinked) waitSync() error {
	if u.synced == nil {
		return nil
	}
	err := <-u.synced
	u.synced = nil
	return err
}

// createUnlinked makes a new database for path in a private file beside
// it and opens it there.
func createUnlinked(ctx context.Context, path string, wait time.Duration) (*DB, error) {
	name, err := newFile(path)
	if err != nil {
		return nil, err
	}
	db, err := open(ctx, name, wait, access{initialise: true, private: true})
	if err != nil {
		removeDatabase(name)
		return nil, fmt.Errorf("create database %s: %w", safefile.Quote(path), err)
	}
	db.path = path
	db.unlinked = &unlinked{name: name, wait: wait}
	return db, nil
}

// link puts the database in place once the import on t has committed,
// and gives t's connection back: the database turns to WAL, its file is
// synced and linked at its path, and the DB opens it there. Once the
// commit is done the link is not cut short by ctx's end: the import is
// either all there or not at all.
func (t *ImportTx) link() error {
	ctx := context.WithoutCancel(t.ctx)
	_, err := t.conn.ExecContext(ctx, `PRAGMA journal_mode = WAL`)
	t.Close()
	if err != nil {
		return err
	}
	return t.db.link(ctx)
}

// link closes the unlinked database (its last connection removes the
// WAL, empty), syncs its file and links it at its path, then opens the
// database at its path. When a database is found there, it opens that one
// and returns ErrCreatedMeanwhile.
func (db *DB) link(ctx context.Context) error {
	u, q := db.unlinked, safefile.Quote(db.path)
	err := db.db.Close()
	if serr := u.waitSync(); err == nil {
		err = serr
	}
	if err == nil {
		err = safefile.SyncFile(u.name)
	}
	if err == nil {
		err = safefile.Install(u.name, db.path, false)
	}
	raced := errors.Is(err, fs.ErrExist)
	if err != nil && !raced {
		return fmt.Errorf("create database %s: %w", q, err) // Close removes the file
	}
	removeDatabase(u.name)
	db.unlinked = nil
	again, err := OpenWith(ctx, db.path, Options{Create: true, Write: true, BusyTimeout: u.wait})
	if err != nil {
		return err
	}
	db.db, db.readOnly = again.db, again.readOnly
	if raced {
		return fmt.Errorf("database %s: %w", q, ErrCreatedMeanwhile)
	}
	return nil
}
