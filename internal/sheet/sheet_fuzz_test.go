package sheet

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzRead: whatever the bytes, Read does not panic; it refuses with
// Problems matching ErrInvalid, or the rows it reads are written by Write
// and read back the same.
func FuzzRead(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.csv")
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("category,period,target\nrevenue,2027-Q1,\"1\n000\"\n"))
	f.Add([]byte("category;period;target\n'=1;'@x;\"\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := Read(bytes.NewReader(data), "fuzz.csv")
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not match ErrInvalid", err)
			}
			return
		}
		plain := make([]Row, len(rows))
		for i, r := range rows {
			plain[i] = r.Row
		}
		var buf bytes.Buffer
		if err := Write(&buf, plain); err != nil {
			t.Fatal(err)
		}
		back, err := Read(&buf, "again.csv")
		if err != nil {
			t.Fatalf("what Write wrote is refused: %v\n%s", err, buf.String())
		}
		again := make([]Row, len(back))
		for i, r := range back {
			again[i] = r.Row
		}
		if diff := cmp.Diff(plain, again); diff != "" && len(plain) > 0 {
			t.Errorf("rows written and read back (-want +got):\n%s", diff)
		}
	})
}
