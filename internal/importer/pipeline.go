package importer

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/salesgoal/salesgoal/internal/crm"
	"github.com/salesgoal/salesgoal/internal/crm/row"
	"github.com/salesgoal/salesgoal/store"
)

// batches is how many batches circulate between the goroutines of a pass:
// one being read into, one being prepared and one being written, and one
// waiting (a fifth, between the other two, held about 100 KiB more at an
// import's peak: docs/architecture.md, "Memory").
const batches = 4

// keysPerBatch bounds the keys a batch carries: as many as its rows, and
// once a file will be refused (rows are no longer written, but every key
// is still checked for repeats), at most this many.
const keysPerBatch = 256

// batch is a store batch with the keys of the lines read into it, which
// the goroutine that prepares it checks for repeats (keyFilter).
type batch struct {
	*store.Batch
	keys  []string
	lines []int // the line of each key
	// prepared is false for a batch that reached the writer after an
	// error or an interrupt: its values were never worked out.
	prepared bool
}

// pipeline reads rd and writes its rows into tx on three goroutines: one
// reads (CSV, numbers, dates: readAll) and hands full batches to a second,
// which checks their keys for repeats and finishes them (values,
// fingerprints, and into an empty table the rollups: Batch.Prepare), and
// hands them to this one, which writes them. The three overlap; each takes
// the batches in the file's order, so what is counted, and in which order,
// is the same on every run. A few batches circulate, so memory stays flat
// however long the file is. An error in writing cancels the reading; an
// error in reading (or ctx's end) ends the file there, and batches that
// were not prepared are not written. Either is returned (what writing met,
// then what reading met) and the caller rolls the transaction back.
func (p *pass) pipeline(ctx context.Context, tx *store.ImportTx, rd *crm.Reader) (insErr, perr error) {
	pctx, cancel := context.WithCancel(ctx)
	defer cancel()
	full := make(chan *batch, batches)
	ready := make(chan *batch, batches)
	free := make(chan *batch, batches)
	for range batches {
		free <- &batch{Batch: tx.NewBatch()}
	}
	parsed := make(chan error, 1)
	go func() {
		parsed <- p.readAll(pctx, rd, full, free)
		close(full)
	}()
	go func() {
		for b := range full {
			// After an error or an interrupt the batches only go round.
			if b.prepared = pctx.Err() == nil; b.prepared {
				if p.keys != nil {
					p.checkKeys(b)
				}
				b.Prepare()
			}
			ready <- b
		}
		close(ready)
	}()
	for b := range ready {
		if insErr == nil && b.prepared {
			switch {
			case b.Len() > 0:
				insErr = tx.Write(b.Batch)
			case p.storeKeys:
				insErr = tx.CheckKeys(b.keys, b.lines) // rows a refused file no longer writes
			}
			if insErr != nil {
				cancel()
			}
		}
		b.Reset()
		b.keys, b.lines = b.keys[:0], b.lines[:0]
		free <- b
	}
	return insErr, <-parsed
}

// checkKeys runs the keys of b through the filter, noting the first line
// of each key it may have seen before.
func (p *pass) checkKeys(b *batch) {
	for i, key := range b.keys {
		if p.keys.seen(key) {
			if _, ok := p.candidates[key]; !ok {
				p.candidates[key] = b.lines[i]
			}
		}
	}
}

// readAll reads every line, converts it, and sends full batches of valid
// rows to full. After the first invalid row of a file that will be
// refused it writes no more rows, but reads on to list every problem and
// sends on the keys of the valid rows, to find repeated ones.
func (p *pass) readAll(ctx context.Context, rd *crm.Reader, full chan<- *batch, free <-chan *batch) error {
	var b *batch
	var x row.Row
	for {
		line, err := rd.Next()
		if err != nil { // kept off the common path: errors.As would allocate
			if errors.Is(err, io.EOF) {
				break
			}
			if re, ok := err.(*crm.RowError); ok {
				p.problem(re)
				p.skipped++
				continue
			}
			return err
		}
		if e, ok := p.skip[line]; ok {
			if err := rd.ConvertSkipped(&x); err != nil {
				return fmt.Errorf("import %s: %w", p.opts.File, err)
			}
			p.problem(e)
			p.skipped++
			continue
		}
		problems, err := rd.Convert(&x)
		if err != nil {
			if need, ok := err.(*crm.NeedDateOrder); ok {
				if p.nonISO == "" {
					p.nonISO = need.Value
				}
				return err
			}
			return fmt.Errorf("import %s: %w", p.opts.File, err)
		}
		if len(problems) > 0 {
			for _, e := range problems {
				p.problem(e)
			}
			p.skipped++
			continue
		}
		refused := p.count > 0 && !p.opts.SkipInvalid // nothing more to write
		checked := p.checking()
		if refused && !checked {
			continue
		}
		if b == nil {
			select {
			case b = <-free:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		filled := false
		if checked {
			b.keys, b.lines = append(b.keys, rd.Key(&x)), append(b.lines, line)
			filled = len(b.keys) == keysPerBatch
		}
		if !refused && b.Add(&x, line) {
			filled = true
		}
		if filled {
			if err := p.send(ctx, full, b); err != nil {
				return err
			}
			b = nil
		}
	}
	if b != nil && (b.Len() > 0 || len(b.keys) > 0) {
		return p.send(ctx, full, b)
	}
	return nil
}

// send hands b on to be prepared and written; once the file will be
// refused, without its rows.
func (p *pass) send(ctx context.Context, full chan<- *batch, b *batch) error {
	if p.count > 0 && !p.opts.SkipInvalid {
		b.Reset()
	}
	select {
	case full <- b:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
