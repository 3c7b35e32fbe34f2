//go:build unix

package safefile

import (
	"fmt"
	"os"
	"os/user"
	"strconv"
	"syscall"
)

// Owned reports whether the file described by fi belongs to the user this
// process runs as.
func Owned(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return !ok || int(st.Uid) == os.Geteuid()
}

// Owner names the user a file belongs to: "nobody (uid 65534)".
func Owner(fi os.FileInfo) string {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return "another user"
	}
	uid := strconv.FormatUint(uint64(st.Uid), 10)
	if u, err := user.LookupId(uid); err == nil {
		return fmt.Sprintf("%s (uid %s)", u.Username, uid)
	}
	return "uid " + uid
}
