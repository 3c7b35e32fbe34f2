package store

import "strings"

// fileURI is the SQLite URI of the database file at path. The DSN is read
// as a URI ("file:…?query"), so a path holding '?', '#' or '%' would be cut
// short or misread unless those are percent-encoded, which SQLite decodes.
func fileURI(path string) string {
	return "file:" + strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
}
