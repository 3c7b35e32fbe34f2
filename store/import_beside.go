package store

// A first deals file imported into a database without customers names
// only new customers (freshCustomers): their first won days are known
// once the rows are counted, and the rollups' cells need nothing of their
// rows. Their states are then written on a goroutine of their own while
// the import goes on finishing (the rollups' blobs, the import log): the
// two take turns on the transaction's connection, statement by statement
// (database/sql holds it for each), and the Go work of one (the customers'
// states encoded, the days' blobs decoded and encoded) runs beside the
// SQLite work of the other. Finish waits for it before the commit, Close
// before the rollback.

// writeStatesBeside starts writing the states of the new customers, when
// freshCustomers left them to be written.
func (t *ImportTx) writeStatesBeside() {
	if !t.newCustomers || t.statesDone != nil {
		return
	}
	done := make(chan error, 1)
	go func() { done <- t.writeNamed() }()
	t.statesDone = done
}

// waitStates waits for the states being written beside the rollups, and
// returns what the writing met.
func (t *ImportTx) waitStates() error {
	if t.statesDone == nil {
		return nil
	}
	err := <-t.statesDone
	t.statesDone = nil
	return err
}

// writeNamed stores the first won day of every customer the deals named,
// in id order, adding those the table lacks as implicit customers.
func (t *ImportTx) writeNamed() error {
	w := &firstWonWriter{ctx: t.ctx, q: t.tx}
	defer w.close()
	if err := t.tracker.Named(w.add); err != nil {
		return err
	}
	return w.flush()
}
