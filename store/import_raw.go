package store

import (
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// The upserts of an import bind a million rows' values. Through the
// driver each text value is copied into memory of its own, listed, freed
// and unbound again after the statement: that was half of what the
// statement cost, and most of what the import allocated. So the inserter
// talks to SQLite beneath the driver when it can: every text value of a
// batch is copied into one buffer, which SQLite reads in place
// (SQLITE_STATIC) while the statement runs; the buffer is pinned for that
// time. Its results are those of the driver's path: the same statements,
// the same rows changed; its errors carry SQLite's message and code,
// which Fault reads as it reads the driver's.
//
// The connection beneath the driver's is read from the driver's
// connection value, whose fields are not exported: rawOf checks their
// names and types and reports false when they are not the ones known (a
// driver of another version), and the inserter keeps the driver's path.

// beneathDriver lets the inserter talk to SQLite beneath the driver; the
// tests turn it off to compare the two paths.
var beneathDriver = true

// rawConn is the SQLite connection beneath a driver connection.
type rawConn struct {
	tls *libc.TLS
	db  uintptr // sqlite3*
}

// rawOf returns the SQLite connection beneath dc, modernc's driver
// connection, and whether its layout is the one known.
func rawOf(dc any) (rawConn, bool) {
	v := reflect.ValueOf(dc)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return rawConn{}, false
	}
	s := v.Elem()
	db, tls := s.FieldByName("db"), s.FieldByName("tls")
	if !db.IsValid() || db.Kind() != reflect.Uintptr || !tls.IsValid() || tls.Type() != reflect.TypeFor[*libc.TLS]() {
		return rawConn{}, false
	}
	r := rawConn{
		db:  *(*uintptr)(unsafe.Pointer(db.UnsafeAddr())),
		tls: *(**libc.TLS)(unsafe.Pointer(tls.UnsafeAddr())),
	}
	return r, r.db != 0 && r.tls != nil
}

// known reports whether the inserter talks to SQLite beneath dc, the
// driver connection, finding out the first time.
func (in *inserter) known(dc any) bool {
	if in.raw == 0 {
		in.raw = -1
		if _, ok := rawOf(dc); ok && beneathDriver {
			in.raw = 1
		}
	}
	return in.raw > 0
}

// query runs query beneath the driver, prepared once, with vals bound,
// and calls row for each row. It reports false, having done nothing, when
// the inserter talks to the driver instead.
func (in *inserter) query(query string, vals []any, row func(*rawStmt)) (bool, error) {
	if err := in.ctx.Err(); err != nil {
		return true, err
	}
	ran := false
	err := in.conn.Raw(func(dc any) error {
		if !in.known(dc) {
			return nil
		}
		ran = true
		st := in.queries[query]
		if st == nil {
			c, _ := rawOf(dc)
			var err error
			if st, err = c.prepare(query); err != nil {
				return err
			}
			if in.queries == nil {
				in.queries = map[string]*rawStmt{}
			}
			in.queries[query] = st
		}
		return st.query(vals, row)
	})
	return ran, err
}

// execQuery runs query, prepared once beneath the driver, with vals
// bound. It reports false, having done nothing, when the inserter talks
// to the driver instead.
func (in *inserter) execQuery(query string, vals []any) (bool, error) {
	return in.query(query, vals, func(*rawStmt) {})
}

// execRaw is execN beneath the driver connection dc.
func (in *inserter) execRaw(dc any, vals []any, n int) error {
	st := in.raws[n]
	if st == nil {
		c, _ := rawOf(dc)
		var err error
		if st, err = c.prepare(in.plan.sql(n)); err != nil {
			return err
		}
		if in.raws == nil {
			in.raws = map[int]*rawStmt{}
		}
		in.raws[n] = st
	}
	affected, err := st.exec(vals)
	if err != nil {
		return err
	}
	in.rows += int64(n)
	in.affected += affected
	return nil
}

// rawError is what SQLite said of a statement run beneath the driver.
type rawError struct {
	code int32 // SQLite's extended result code
	msg  string
}

func (e *rawError) Error() string { return fmt.Sprintf("%s (%d)", e.msg, e.code) }

// Is matches the faults the store names (Fault), by SQLite's code, as
// Fault matches the driver's errors.
func (e *rawError) Is(target error) bool {
	switch e.code & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return target == ErrBusy
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM:
		return target == ErrReadOnly
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return target == ErrDamaged
	case sqlite3.SQLITE_FULL:
		return target == ErrDiskFull
	case sqlite3.SQLITE_IOERR:
		return target == ErrDiskIO
	}
	return false
}

// err is the connection's last error.
func (r rawConn) err() error {
	return &rawError{code: sqlite3.Xsqlite3_extended_errcode(r.tls, r.db), msg: libc.GoString(sqlite3.Xsqlite3_errmsg(r.tls, r.db))}
}

// rawStmt is a statement prepared beneath the driver, with the buffer its
// text values are bound from.
type rawStmt struct {
	c    rawConn
	p    uintptr // sqlite3_stmt*
	text []byte
	at   []int // where each text value starts in text; -1 for another value
}

// prepare prepares query.
func (r rawConn) prepare(query string) (*rawStmt, error) {
	sql := append([]byte(query), 0)
	out := new(uintptr)
	var pin runtime.Pinner
	pin.Pin(&sql[0])
	pin.Pin(out)
	defer pin.Unpin()
	if sqlite3.Xsqlite3_prepare_v2(r.tls, r.db, uintptr(unsafe.Pointer(&sql[0])), int32(len(sql)), uintptr(unsafe.Pointer(out)), 0) != sqlite3.SQLITE_OK {
		return nil, r.err()
	}
	if *out == 0 {
		return nil, errors.New("prepare: no statement")
	}
	return &rawStmt{c: r, p: *out}, nil
}

// exec binds vals (string, []byte, int64, float64 or nil) to the statement's
// parameters in order, runs it, and returns how many rows it changed.
// Every parameter is bound on every run.
func (s *rawStmt) exec(vals []any) (int64, error) {
	var pin runtime.Pinner
	defer pin.Unpin()
	err := s.bind(vals, &pin)
	if err == nil && sqlite3.Xsqlite3_step(s.c.tls, s.p) != sqlite3.SQLITE_DONE {
		err = s.c.err()
	}
	sqlite3.Xsqlite3_reset(s.c.tls, s.p)
	if err != nil {
		return 0, err
	}
	return int64(sqlite3.Xsqlite3_changes64(s.c.tls, s.c.db)), nil
}

// query binds vals as exec does, runs the statement and calls row for
// each row it returns, which reads the row's columns (int64, text).
func (s *rawStmt) query(vals []any, row func(*rawStmt)) error {
	return s.each(vals, func(s *rawStmt) error { row(s); return nil })
}

// each is query stopping at the first error row returns.
func (s *rawStmt) each(vals []any, row func(*rawStmt) error) error {
	var pin runtime.Pinner
	defer pin.Unpin()
	err := s.bind(vals, &pin)
	for err == nil {
		rc := sqlite3.Xsqlite3_step(s.c.tls, s.p)
		if rc != sqlite3.SQLITE_ROW {
			if rc != sqlite3.SQLITE_DONE {
				err = s.c.err()
			}
			break
		}
		err = row(s)
	}
	sqlite3.Xsqlite3_reset(s.c.tls, s.p)
	return err
}

// int64 is column col of the current row as an integer (0 for NULL).
func (s *rawStmt) int64(col int) int64 {
	return int64(sqlite3.Xsqlite3_column_int64(s.c.tls, s.p, int32(col)))
}

// str is column col of the current row as text.
func (s *rawStmt) str(col int) string {
	p := sqlite3.Xsqlite3_column_text(s.c.tls, s.p, int32(col))
	return string(libc.GoBytes(p, int(sqlite3.Xsqlite3_column_bytes(s.c.tls, s.p, int32(col)))))
}

// blob is column col of the current row appended to buf.
func (s *rawStmt) blob(col int, buf []byte) []byte {
	c := int32(col)
	if b, n := sqlite3.Xsqlite3_column_blob(s.c.tls, s.p, c), int(sqlite3.Xsqlite3_column_bytes(s.c.tls, s.p, c)); b != 0 && n > 0 {
		buf = append(buf, unsafe.Slice((*byte)(unsafe.Add(nil, b)), n)...)
	}
	return buf
}

// value is column col of the current row as the driver gives it: int64,
// float64, string, []byte or nil.
func (s *rawStmt) value(col int) any {
	tls, p, c := s.c.tls, s.p, int32(col)
	switch sqlite3.Xsqlite3_column_type(tls, p, c) {
	case sqlite3.SQLITE_INTEGER:
		return int64(sqlite3.Xsqlite3_column_int64(tls, p, c))
	case sqlite3.SQLITE_FLOAT:
		return sqlite3.Xsqlite3_column_double(tls, p, c)
	case sqlite3.SQLITE_TEXT:
		return s.str(col)
	case sqlite3.SQLITE_BLOB:
		b := sqlite3.Xsqlite3_column_blob(tls, p, c)
		return append([]byte{}, libc.GoBytes(b, int(sqlite3.Xsqlite3_column_bytes(tls, p, c)))...)
	}
	return nil
}

// bind binds vals to the statement's parameters in order, its text values
// from the statement's buffer, which stays pinned until pin is unpinned.
func (s *rawStmt) bind(vals []any, pin *runtime.Pinner) error {
	text, at := s.text[:0], s.at[:0]
	for _, v := range vals {
		switch x := v.(type) {
		case string:
			at = append(at, len(text))
			text = append(text, x...)
		case []byte:
			at = append(at, len(text))
			text = append(text, x...)
		default:
			at = append(at, -1)
		}
	}
	text = append(text, 0) // never empty: an empty string is bound at a real address
	s.text, s.at = text, at
	pin.Pin(&text[0])
	base := uintptr(unsafe.Pointer(&text[0]))
	tls, p := s.c.tls, s.p
	for i, v := range vals {
		var rc int32
		switch x := v.(type) {
		case string:
			rc = sqlite3.Xsqlite3_bind_text(tls, p, int32(i+1), base+uintptr(at[i]), int32(len(x)), 0) // SQLITE_STATIC
		case int64:
			rc = sqlite3.Xsqlite3_bind_int64(tls, p, int32(i+1), x)
		case float64:
			rc = sqlite3.Xsqlite3_bind_double(tls, p, int32(i+1), x)
		case []byte:
			if x == nil { // NULL, as the driver binds it
				rc = sqlite3.Xsqlite3_bind_null(tls, p, int32(i+1))
			} else {
				rc = sqlite3.Xsqlite3_bind_blob(tls, p, int32(i+1), base+uintptr(at[i]), int32(len(x)), 0) // SQLITE_STATIC
			}
		case nil:
			rc = sqlite3.Xsqlite3_bind_null(tls, p, int32(i+1))
		default:
			return fmt.Errorf("parameter %d: a value of type %T", i+1, v)
		}
		if rc != sqlite3.SQLITE_OK {
			return s.c.err()
		}
	}
	return nil
}

func (s *rawStmt) close() {
	sqlite3.Xsqlite3_finalize(s.c.tls, s.p)
	s.p = 0
}
