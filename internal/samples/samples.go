// Package samples reads the files the fuzz tests start from: the sample
// exports of testdata, its hostile inputs (testdata/bad), the excerpts of
// real exports (testdata/crm) and the demo's data.
package samples

import (
	"os"
	"path/filepath"
)

// Files returns the content of every sample, found from root, the
// module's folder as a test sees it ("../.."), each cut to at most max
// bytes.
func Files(root string, max int) ([][]byte, error) {
	var out [][]byte
	for _, glob := range []string{"testdata/*.csv", "testdata/bad/*", "testdata/crm/*/*.csv", "cmd/demodata/*.csv"} {
		names, err := filepath.Glob(filepath.Join(root, glob))
		if err != nil {
			return nil, err
		}
		for _, name := range names {
			b, err := os.ReadFile(name)
			if err != nil {
				return nil, err
			}
			out = append(out, b[:min(len(b), max)])
		}
	}
	return out, nil
}
