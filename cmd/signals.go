package cmd

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// interrupted is the error of a command stopped by SIGINT or SIGTERM. The
// command stopped through its context: a transaction was rolled back, a
// temporary file (a backup's, a report's) removed.
type interrupted struct{ sig os.Signal }

func (e interrupted) Error() string {
	return fmt.Sprintf("interrupted (%s): stopped before the end; nothing was left half-written", signalName(e.sig))
}

// status is the shell's exit status for a process ended by the signal:
// 128 plus its number (130 for SIGINT, 143 for SIGTERM).
func (e interrupted) status() int {
	if s, ok := e.sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return exitFailure
}

func signalName(s os.Signal) string {
	switch s {
	case os.Interrupt:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return s.String()
}

// withSignals returns a context that SIGINT or SIGTERM cancels, with
// interrupted as its cause. After the first signal the default action is
// back, so a second one ends the process at once; stop releases the
// signals.
func withSignals(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-ch:
			signal.Stop(ch)
			cancel(interrupted{s})
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel(nil)
	}
}
