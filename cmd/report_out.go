package cmd

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/salesgoal/salesgoal/internal/safefile"
	"github.com/salesgoal/salesgoal/store"
)

// outFile is a file being written whole or not at all: a temporary file
// of salesgoal's naming in the same folder (created 0600, whatever the
// umask), which commit fills, syncs, gives its mode and renames over the
// file, and abort removes. Made before the work begins, so that an
// interrupted run removes it on its way out, and a killed one's is removed
// by the next run (safefile.CleanStale).
type outFile struct {
	tmp  *os.File
	path string
	mode os.FileMode
	done bool
}

// createOut checks the file --out names and creates its temporary file.
func createOut(flag, path, db string, mode os.FileMode) (*outFile, error) {
	if err := checkOutPath(flag, path, db); err != nil {
		return nil, err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := safefile.Temp(dir, base, "report")
	if err != nil {
		return nil, withHint(fmt.Errorf("%s %s: %w", flag, quoted(path), err), "check that the folder of %s is writable; nothing was written", flag)
	}
	return &outFile{tmp: tmp, path: path, mode: mode}, nil
}

// commit writes data and puts the file in place, unless ctx was cancelled
// (an interrupt) before it could: then nothing is written.
func (o *outFile) commit(ctx context.Context, data []byte) error {
	if _, err := o.tmp.Write(data); err != nil {
		return err
	}
	// Chmod, not the mode of creation: the umask does not narrow or
	// widen what the user asked for.
	if err := o.tmp.Chmod(o.mode); err != nil {
		return err
	}
	if err := o.tmp.Sync(); err != nil {
		return err
	}
	if err := o.tmp.Close(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// Looked at again: a file another user put there meanwhile is not
	// replaced.
	if err := safefile.CheckReplace(o.path); err != nil {
		return err
	}
	if err := safefile.Install(o.tmp.Name(), o.path, true); err != nil {
		return err
	}
	o.done = true
	return nil
}

// abort removes the temporary file, unless commit put it in place.
func (o *outFile) abort() {
	if !o.done {
		o.tmp.Close()
		os.Remove(o.tmp.Name())
	}
}

// checkOutPath refuses, before any work is done, an output file whose
// folder does not exist; a folder, a device or a pipe; the database or one
// of its files, by any name; and another user's file.
func checkOutPath(flag, path, db string) error {
	q := quoted(path)
	if isDir(path) {
		return withHint(fmt.Errorf("%s %s is a folder", flag, q),
			"give a file name, such as %s", quoted(filepath.Join(path, "report.md")))
	}
	if dir := filepath.Dir(path); !isDir(dir) {
		return withHint(fmt.Errorf("%s %s: the folder %s does not exist", flag, q, quoted(dir)),
			"create it first (mkdir -p %s); nothing was written", quoted(dir))
	}
	if what, same := store.DatabaseFile(db, path); same {
		return fmt.Errorf("%s %s: %w: that is %s", flag, q, store.ErrDatabaseTarget, what)
	}
	if err := safefile.CheckReplace(path); errors.Is(err, safefile.ErrNotRegular) {
		// Its own hint only: the general one speaks of no redirection.
		return withHint(fmt.Errorf("%s %s", flag, err),
			"%s writes a file whole, through a temporary file beside it, so not to a device or a pipe: to send the output there, leave out %s and redirect it (> FILE)", flag, flag)
	} else if err != nil {
		return fmt.Errorf("%s %w", flag, err)
	}
	return nil
}

// parseOutMode reads --out-mode: an octal mode that lets others read the
// file at most, never write it.
func parseOutMode(s string) (os.FileMode, error) {
	m, err := strconv.ParseUint(s, 8, 32)
	if err != nil || m&^0o644 != 0 || m&0o600 != 0o600 {
		return 0, withHint(usagef("--out-mode %q: give 0600 (yours alone, the default), 0640 (your group may read it) or 0644 (everyone may read it)", s),
			"salesgoal never writes a file that others could change")
	}
	return fs.FileMode(m), nil
}

// isDir reports whether path is an existing folder.
func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}
