package store

import (
	"context"
	"errors"
)

// A measurement reads every day's rollup once a pass, a thousand blobs
// and more in a report. Through the driver each blob is copied into
// memory of its own, row after row: 9 MiB of garbage for the 50-goal
// report at a million deals, which the collector has to make room for.
// So a snapshot on SQLite reads the blobs beneath the driver, on its own
// connection and so in its read transaction (import_raw.go has how the
// connection is found): each blob is copied into one buffer, which holds
// the next row's once fn is done with it, as rollup.Loader allows. Where
// the driver's connection is not one known, it reads through the driver.

// While a pass reads beneath the driver it holds the connection, which
// every other read of the snapshot needs: a read from within fn fails
// (errInPass) rather than wait for the pass forever. (The reads of a
// snapshot take turns, rollup.Source's: no other goroutine reads meanwhile.)

// errInPass is the error of a read of a snapshot from within a pass over
// its rollups beneath the driver.
var errInPass = errors.New("read the data: a read from within a pass over the rollups, which holds the connection")

// slotsQuery reads the blobs of a range of slots, in order.
const slotsQuery = `SELECT slot, cells FROM rollups WHERE slot BETWEEN ? AND ? ORDER BY slot`

// rawSlots calls fn with every slot from from to to and its blob, in
// order, read beneath the driver, and reports whether it did; false, with
// nothing done, when the blobs are to be read through the driver.
func (s *Snapshot) rawSlots(ctx context.Context, from, to int64, fn func(int64, []byte) error) (bool, error) {
	return s.beneath(ctx, func(c rawConn) error {
		if s.slots == nil {
			st, err := c.prepare(slotsQuery)
			if err != nil {
				return err
			}
			s.slots = st
		}
		return s.eachSlot(ctx, from, to, fn)
	})
}

// beneath runs fn with the SQLite connection beneath the snapshot's, in
// its read transaction, and reports whether it did; false, with nothing
// done, when the snapshot reads through the driver (PostgreSQL, or a
// driver connection of a layout not known). While fn runs, a read of the
// snapshot from within it fails (errInPass).
func (s *Snapshot) beneath(ctx context.Context, fn func(rawConn) error) (bool, error) {
	if s.db.server() || !beneathDriver {
		return false, nil
	}
	if s.pass.Load() {
		return true, errInPass
	}
	if _, err := s.query(ctx); err != nil { // begins the read transaction
		return true, err
	}
	s.mu.Lock()
	conn := s.conn
	s.mu.Unlock()
	if conn == nil {
		return true, errClosed
	}
	ran := false
	err := conn.Raw(func(dc any) error {
		c, ok := rawOf(dc)
		if !ok {
			return nil
		}
		ran = true
		if s.closing.Load() {
			return errClosed
		}
		s.pass.Store(true)
		defer s.pass.Store(false)
		return fn(c)
	})
	return ran, err
}

// eachSlot runs the prepared slots statement and calls fn for each row,
// stopping at the first error.
func (s *Snapshot) eachSlot(ctx context.Context, from, to int64, fn func(int64, []byte) error) error {
	return s.slots.each([]any{from, to}, func(st *rawStmt) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		s.blob = st.blob(1, s.blob[:0])
		return fn(st.int64(0), s.blob)
	})
}

// closeSlots finalizes the statements read beneath the driver (the
// slots', the rates') before the connection goes back to the pool.
func (s *Snapshot) closeSlots() {
	for _, st := range []**rawStmt{&s.slots, &s.rates} {
		if *st != nil {
			_ = s.conn.Raw(func(any) error { (*st).close(); return nil })
			*st = nil
		}
	}
	s.blob = nil
}
