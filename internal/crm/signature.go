package crm

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Signature is what makes files one source (docs/import.md, "Sources"):
// next week's export of the same report has the same header. Key is the
// header folded by HeaderKey, or, for a file without a header line, its
// number of columns; Header is the header as written, for the user.
type Signature struct {
	Key, Header string
}

// ReadSignature reads the signature of a file from its first line.
// withoutHeader says the file has no header line (the user named its
// columns); a first line that looks like data is taken for one too.
func ReadSignature(r io.Reader, encoding string, withoutHeader bool) (Signature, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	head, err := br.Peek(1 << 20)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return Signature{}, err
	}
	shape, err := Sniff(head, encoding)
	if err != nil {
		return Signature{}, nil // not an export: the import says why
	}
	cr := csv.NewReader(shape.Reader(br))
	if shape.Delimiter != 0 {
		cr.Comma = shape.Delimiter
	}
	cr.FieldsPerRecord = -1
	rec, err := cr.Read()
	if err != nil {
		return Signature{}, nil // empty or unreadable: the import says why
	}
	if withoutHeader || noHeader(rec) != nil {
		return Signature{Key: fmt.Sprintf("#%d", len(rec)), Header: fmt.Sprintf("(no header line, %d columns)", len(rec))}, nil
	}
	keys := make([]string, len(rec))
	for i, h := range rec {
		keys[i] = HeaderKey(h)
	}
	return Signature{Key: strings.Join(keys, ","), Header: strings.Join(rec, ", ")}, nil
}
