package cmd

import (
	"fmt"
	"os"
	"path/filepath"
)

// writeFileAtomic writes data to path whole or not at all: into a
// temporary file in the same folder, synced to disk, then renamed over
// path. On any failure the temporary file is removed and path is left as
// it was. A new file is readable by its owner only, like the database; an
// existing file keeps its mode.
func writeFileAtomic(path string, data []byte) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	mode := os.FileMode(0o600)
	if fi, err := os.Stat(path); err == nil {
		if !fi.Mode().IsRegular() {
			return &os.PathError{Op: "write", Path: path, Err: os.ErrInvalid}
		}
		mode = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	// Sync the folder so the rename itself survives a crash; not every
	// system can, and the file is complete either way.
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// checkOutPath refuses an output file whose folder does not exist, or
// that is a folder, before any work is done.
func checkOutPath(flag, path string) error {
	if isDir(path) {
		return withHint(fmt.Errorf("%s %s is a folder", flag, path),
			"give a file name, such as %s", filepath.Join(path, "report.md"))
	}
	if dir := filepath.Dir(path); !isDir(dir) {
		return withHint(fmt.Errorf("%s %s: the folder %s does not exist", flag, path, dir),
			"create it first (mkdir -p %s); nothing was written", dir)
	}
	return nil
}

// isDir reports whether path is an existing folder.
func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}
