package metric

import (
	"math"
	"time"
)

// Status is where a goal stands on the as-of date (docs/goals.md). Its
// string form is the id used in JSON and in --fail-on.
type Status string

// The statuses of docs/goals.md.
const (
	StatusNotStarted Status = "not-started" // the period starts after as-of
	StatusNoData     Status = "no-data"     // the actual value is null
	StatusOnTrack    Status = "on-track"    // the forecast meets the target
	StatusAtRisk     Status = "at-risk"     // the forecast misses by at most 10% of the target
	StatusBehind     Status = "behind"      // the forecast misses by more
	StatusAchieved   Status = "achieved"    // the period ended on target, or a running total already reached it
	StatusMissed     Status = "missed"      // the period ended off target, or a running total already passed its cap
)

// Statuses returns every status in the order a report summarises them:
// running goals from best to worst, then finished ones, then those
// without a verdict.
func Statuses() []Status {
	return []Status{
		StatusOnTrack, StatusAtRisk, StatusBehind,
		StatusAchieved, StatusMissed,
		StatusNoData, StatusNotStarted,
	}
}

// String returns the status id.
func (s Status) String() string { return string(s) }

// Tracking holds what Track needs to know about one goal: its metric and
// period, the as-of date, and the baseline B, target T and actual A in the
// metric's unit. Baseline and Actual are nil when null.
type Tracking struct {
	Metric   Metric
	Period   Period
	AsOf     time.Time
	Baseline *float64
	Target   float64
	Actual   *float64
}

// Progress is where a goal stands on the as-of date.
type Progress struct {
	// Elapsed is f, the share of the period that has passed (0 to 1).
	Elapsed float64
	// Forecast is F, the value the metric is heading for at the end of the
	// period; nil when the actual is null or the period has not started.
	Forecast *float64
	// Progress is (A − B)/(T − B) as a fraction, 1 meaning the target is
	// reached, with B = 0 for accumulating metrics. It is nil when A or B
	// is null, when T equals B, or when the period has not started.
	Progress *float64
	Status   Status
}

// Track computes forecast, progress and status for one goal
// (docs/goals.md).
//
// Accumulating metrics are projected by run rate, F = A/f; a rate whose
// loss accumulates (retention-rate) as 100 − (100 − A)/f; every other
// metric forecasts its value so far. A rate's forecast is not clamped to 0
// to 100 (see forecast). The period has ended once as-of is past its last
// day; on the last day the goal is still running.
func Track(in Tracking) Progress {
	p, m := in.Period, in.Metric
	out := Progress{Elapsed: p.Elapsed(in.AsOf)}
	if !p.Started(in.AsOf) {
		out.Status = StatusNotStarted
		return out
	}
	if in.Actual == nil {
		out.Status = StatusNoData
		return out
	}
	a, t := *in.Actual, in.Target

	f := forecast(m, a, p.ElapsedDays(in.AsOf), p.Days())
	out.Forecast = &f

	if b, ok := baseline(m, in.Baseline); ok && t != b {
		progress := (a - b) / (t - b)
		out.Progress = &progress
	}

	out.Status = status(m, a, f, t, p.Ended(in.AsOf))
	return out
}

// baseline returns the B that progress is measured from: 0 for an
// accumulating metric, which starts every period from nothing, else the
// goal's baseline, if it has one.
func baseline(m Metric, b *float64) (float64, bool) {
	if m.Accumulates {
		return 0, true
	}
	if b == nil {
		return 0, false
	}
	return *b, true
}

// forecast projects actual a, measured over the first elapsed of days,
// to the end of the period. It multiplies before dividing (a × days /
// elapsed rather than a / f) so that round shares stay exact.
func forecast(m Metric, a float64, elapsed, days int) float64 {
	if elapsed <= 0 {
		return a // only a hand-built period that ends before it starts
	}
	var f float64
	switch {
	case m.Accumulates:
		f = a * float64(days) / float64(elapsed)
	case m.LossAccumulates:
		// Customers are lost over the whole period, so it is the loss,
		// 100 − A, that grows with time.
		f = 100 - (100-a)*float64(days)/float64(elapsed)
	default:
		return a
	}
	// A rate's run rate may pass 100 (or fall below 0): it is not a value
	// the rate can take, but it is how far off pace the goal is, and
	// docs/goals.md decides the status on it, so it is not clamped.
	return f
}

// status decides a goal's status from actual a, forecast f and target t,
// once the period has started and the actual is known.
func status(m Metric, a, f, t float64, ended bool) Status {
	if ended {
		if meets(m.Better, a, t) {
			return StatusAchieved
		}
		return StatusMissed
	}
	if m.Accumulates {
		// A running total only grows: once past the target it stays there.
		if m.Better == Higher && meets(Higher, a, t) {
			return StatusAchieved
		}
		if m.Better == Lower && !meets(Lower, a, t) {
			return StatusMissed
		}
	}
	if meets(m.Better, f, t) {
		return StatusOnTrack
	}
	if math.Abs(f-t) <= math.Abs(t)/10+tolerance(t) {
		return StatusAtRisk
	}
	return StatusBehind
}

// meets reports whether x reaches target t in the metric's better
// direction: at least t when higher is better, at most t when lower is.
func meets(better Direction, x, t float64) bool {
	if better == Lower {
		return x <= t+tolerance(t)
	}
	return x >= t-tolerance(t)
}

// tolerance absorbs floating-point noise, so that a forecast of
// 99.99999999999999 meets a target of 100.
func tolerance(t float64) float64 {
	return 1e-9 * max(1, math.Abs(t))
}
