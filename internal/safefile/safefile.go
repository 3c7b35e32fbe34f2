// Package safefile writes the files salesgoal puts in a user's folders — a
// report, a backup, a new or restored database — so that none is ever
// half-written, shared by accident or written over another user's file.
//
// Each is first written to a temporary file of salesgoal's own naming in
// the destination's folder (".NAME.salesgoal-KIND-RANDOM.tmp"), readable by
// its owner only, and then put in place whole. A temporary file that a
// killed run left behind is removed by the next run that writes there of
// the same kind, once it is older than StaleAfter (a running one is never
// that old for long without being renamed).
package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// StaleAfter is the age from which a temporary file of salesgoal's naming
// is taken to be left over by a run that was killed.
const StaleAfter = time.Minute

// Errors of files that salesgoal refuses to write over.
var (
	// ErrNotYours: the file belongs to another user.
	ErrNotYours = errors.New("belongs to another user")
	// ErrOpenToOthers: users other than its owner may write the file.
	ErrOpenToOthers = errors.New("others can write to it")
	// ErrNotRegular: the path names a device, a pipe or a socket.
	ErrNotRegular = errors.New("is not a regular file")
)

// tempInfix marks salesgoal's temporary files: ".NAME.salesgoal-KIND-*.tmp".
const tempInfix = ".salesgoal-"

// Temp creates an empty temporary file for a file named base in dir, mode
// 0600 whatever the umask, and returns it open. It first removes this
// user's temporary files of the same kind in dir that a killed run left.
func Temp(dir, base, kind string) (*os.File, error) {
	CleanStale(dir, kind)
	f, err := os.CreateTemp(dir, "."+base+tempInfix+kind+"-*.tmp")
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return f, nil
}

// IsTemp reports whether name (a base name) is one of salesgoal's
// temporary files of the given kind.
func IsTemp(name, kind string) bool {
	if !strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".tmp") {
		return false
	}
	i := strings.LastIndex(name, tempInfix+kind+"-")
	if i < 1 {
		return false
	}
	random := strings.TrimSuffix(name[i+len(tempInfix+kind+"-"):], ".tmp")
	_, err := strconv.ParseUint(random, 10, 64)
	return err == nil
}

// CleanStale removes this user's temporary files of the given kind in dir
// that are older than StaleAfter, with the -wal, -shm and -journal files
// SQLite may have left beside them. What cannot be removed is left.
func CleanStale(dir, kind string) {
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		for _, s := range []string{"-wal", "-shm", "-journal"} {
			name = strings.TrimSuffix(name, s)
		}
		if !IsTemp(name, kind) {
			continue
		}
		fi, err := e.Info()
		if err != nil || !fi.Mode().IsRegular() || !Owned(fi) || time.Since(fi.ModTime()) < StaleAfter {
			continue
		}
		os.Remove(filepath.Join(dir, e.Name()))
	}
}

// CheckReplace refuses to replace the file at path unless it is a regular
// file this user owns. A path where nothing is yet is fine.
func CheckReplace(path string) error {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s %w (%s)", Quote(path), ErrNotRegular, kindOf(fi.Mode()))
	}
	if !Owned(fi) {
		return fmt.Errorf("%s %w: %s, not to you", Quote(path), ErrNotYours, Owner(fi))
	}
	return nil
}

// CheckWritable refuses a file this user does not own, or that others may
// write, saying which; salesgoal writes into no such file.
func CheckWritable(fi os.FileInfo) error {
	if !Owned(fi) {
		return fmt.Errorf("it %w: %s, not to you", ErrNotYours, Owner(fi))
	}
	if perm := fi.Mode().Perm(); perm&0o022 != 0 {
		return fmt.Errorf("%w (mode %04o)", ErrOpenToOthers, perm)
	}
	return nil
}

// kindOf names what a non-regular file is.
func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a folder"
	}
	return "not a plain file"
}

// Install puts the finished temporary file tmp in place at dest and makes
// the new name durable. Without replace it refuses (fs.ErrExist) to
// replace a file that is there: a hard link cannot replace one, even one
// that appeared meanwhile; where the file system has no hard links, a
// rename does, after a last look.
func Install(tmp, dest string, replace bool) error {
	if !replace {
		err := os.Link(tmp, dest)
		if err == nil {
			os.Remove(tmp)
			SyncDir(filepath.Dir(dest))
			return nil
		}
		if errors.Is(err, fs.ErrExist) {
			return err
		}
		if _, err := os.Lstat(dest); err == nil {
			return &fs.PathError{Op: "install", Path: dest, Err: fs.ErrExist}
		}
	}
	if err := os.Rename(tmp, dest); err != nil {
		return err
	}
	SyncDir(filepath.Dir(dest))
	return nil
}

// SyncFile flushes the file at path to disk.
func SyncFile(path string) error {
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

// SyncDir makes a new name in dir durable, where the file system can sync
// a folder; where it cannot, the rename itself is still atomic.
func SyncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// Quote writes a path for a message: as it is when it holds only letters,
// digits and . / _ - + , : @ = ~ %, else quoted with Go's escapes, so that
// a space, a quote or a control character in a name (a newline that would
// start a forged line) shows for what it is.
func Quote(path string) string {
	if path == "" {
		return `""`
	}
	for _, r := range path {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("./_-+,:@=~%", r) {
			return strconv.Quote(path)
		}
	}
	return path
}
