package store

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

// The bulk COPY of deals (pg_copy_bulk.go) is sent in COPY's text format,
// written here straight from the batches' values: pgx's binary CopyFrom
// plans the encoding of every value, and that was a third of the COPY
// goroutine's time. The values of a deals batch are strings, int64s,
// float64s and nils (import_batch.go); text, BIGINT and DOUBLE PRECISION
// columns read them back exactly (a float is written in the fewest digits
// that give it back).

// copyStatement is the COPY … FROM STDIN of columns into table.
func copyStatement(table string, columns []string) string {
	cols := make([]string, len(columns))
	for i, c := range columns {
		cols[i] = pgx.Identifier{c}.Sanitize()
	}
	return "COPY " + pgx.Identifier{table}.Sanitize() + " (" + strings.Join(cols, ", ") + ") FROM STDIN"
}

// copyText reads the batches fed to the bulk COPY as COPY text, one batch
// at a time: rows of width values, and the source's id when not nil.
type copyText struct {
	feed   chan []any
	width  int
	source any
	buf    []byte
	off    int
}

func (r *copyText) Read(p []byte) (int, error) {
	for r.off == len(r.buf) {
		b, ok := <-r.feed
		if !ok {
			return 0, io.EOF
		}
		r.buf, r.off = r.buf[:0], 0
		for ; len(b) >= r.width; b = b[r.width:] {
			var err error
			for i, v := range b[:r.width] {
				if i > 0 {
					r.buf = append(r.buf, '\t')
				}
				if r.buf, err = appendCopyValue(r.buf, v); err != nil {
					return 0, err
				}
			}
			if r.source != nil {
				if r.buf, err = appendCopyValue(append(r.buf, '\t'), r.source); err != nil {
					return 0, err
				}
			}
			r.buf = append(r.buf, '\n')
		}
	}
	n := copy(p, r.buf[r.off:])
	r.off += n
	return n, nil
}

// appendCopyValue appends v as COPY's text format writes it: \N for
// NULL, and a backslash, tab, newline or carriage return escaped.
func appendCopyValue(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, `\N`...), nil
	case string:
		for i := 0; i < len(v); i++ {
			switch c := v[i]; c {
			case '\\':
				b = append(b, `\\`...)
			case '\t':
				b = append(b, `\t`...)
			case '\n':
				b = append(b, `\n`...)
			case '\r':
				b = append(b, `\r`...)
			default:
				b = append(b, c)
			}
		}
		return b, nil
	case int64:
		return strconv.AppendInt(b, v, 10), nil
	case float64:
		return strconv.AppendFloat(b, v, 'g', -1, 64), nil
	}
	return b, fmt.Errorf("copy a value of type %T", v)
}
