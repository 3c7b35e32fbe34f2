//go:build !unix

package safefile

import "os"

// Owned reports whether the file described by fi belongs to this user;
// where the system does not say, every file does.
func Owned(fi os.FileInfo) bool { return true }

// Owner names the user a file belongs to.
func Owner(fi os.FileInfo) string { return "another user" }
