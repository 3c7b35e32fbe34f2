package store

import (
	"os"
	"path/filepath"
)

// sidecars are the suffixes of the files SQLite keeps beside a database:
// the database itself, its write-ahead log, the log's shared-memory index
// and the rollback journal.
var sidecars = []string{"", "-wal", "-shm", "-journal"}

// DatabaseFile reports whether path names the database at db, or one of
// the files SQLite keeps beside it (-wal, -shm, -journal), by any spelling:
// "./a/../a/x.db", a symbolic link (followed even when the file it names
// does not exist yet) or a hard link. A file that exists is compared by
// device and inode, one that does not by its folder, with links followed,
// and its name. It returns what path names, for a message: "the database
// itself", "the database's -wal file".
func DatabaseFile(db, path string) (string, bool) {
	realDB, realPath := resolve(db), resolve(path)
	target, targetErr := os.Stat(realPath)
	for _, s := range sidecars {
		what := "the database itself"
		if s != "" {
			what = "the database's " + s + " file"
		}
		if targetErr == nil {
			if fi, err := os.Stat(realDB + s); err == nil && os.SameFile(fi, target) {
				return what, true
			}
		}
		if filepath.Base(realPath) == filepath.Base(realDB)+s && sameDir(filepath.Dir(realPath), filepath.Dir(realDB)) {
			return what, true
		}
	}
	return "", false
}

// resolve returns the absolute path path leads to: its symbolic links
// followed, the last one too even when what it names does not exist, and
// its folder's links resolved.
func resolve(path string) string {
	p, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	for range 40 { // the kernel's own limit on a chain of links
		fi, err := os.Lstat(p)
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			break
		}
		to, err := os.Readlink(p)
		if err != nil {
			break
		}
		if !filepath.IsAbs(to) {
			to = filepath.Join(filepath.Dir(p), to)
		}
		p = to
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
		p = filepath.Join(dir, filepath.Base(p))
	}
	return filepath.Clean(p)
}

// sameDir reports whether two folder paths name the same folder.
func sameDir(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	if errA != nil || errB != nil {
		return a == b
	}
	return os.SameFile(fa, fb)
}
