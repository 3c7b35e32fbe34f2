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
// goroutine's time. (COPY's binary format, written the same way, was
// tried: no quicker on either side, and 40% more bytes to send.) The
// values of a deals batch are strings, int64s, float64s and nils
// (import_batch.go); text, BIGINT and DOUBLE PRECISION columns read them
// back exactly (a float is written in the fewest digits that give it
// back).

// copyStatement is the COPY … FROM STDIN of columns into table.
func copyStatement(table string, columns []string) string {
	cols := make([]string, len(columns))
	for i, c := range columns {
		cols[i] = pgx.Identifier{c}.Sanitize()
	}
	return "COPY " + pgx.Identifier{table}.Sanitize() + " (" + strings.Join(cols, ", ") + ") FROM STDIN"
}

// copyFeed reads the batches fed to the bulk COPY, each already in COPY's
// text format, and gives each buffer back once read.
type copyFeed struct {
	feed <-chan []byte
	free chan<- []byte
	buf  []byte
	off  int
}

func (r *copyFeed) Read(p []byte) (int, error) {
	for r.off == len(r.buf) {
		if r.buf != nil {
			select {
			case r.free <- r.buf[:0]:
			default:
			}
		}
		b, ok := <-r.feed
		if !ok {
			r.buf = nil
			return 0, io.EOF
		}
		r.buf, r.off = b, 0
	}
	n := copy(p, r.buf[r.off:])
	r.off += n
	return n, nil
}

// appendCopyRows appends the rows of width values in vals as COPY's text
// format writes them, each followed by the source's id when not nil.
func appendCopyRows(b []byte, vals []any, width int, source any) ([]byte, error) {
	var err error
	for ; len(vals) >= width; vals = vals[width:] {
		for i, v := range vals[:width] {
			if i > 0 {
				b = append(b, '\t')
			}
			if b, err = appendCopyValue(b, v); err != nil {
				return b, err
			}
		}
		if source != nil {
			if b, err = appendCopyValue(append(b, '\t'), source); err != nil {
				return b, err
			}
		}
		b = append(b, '\n')
	}
	return b, nil
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
