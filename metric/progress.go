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
	StatusOnTrack    Status = "on-track"    // heading for the target
	StatusAtRisk     Status = "at-risk"     // missing it by at most 10% of the target
	StatusBehind     Status = "behind"      // missing it by more
	StatusAchieved   Status = "achieved"    // the period ended on target, or a quota is already reached
	StatusMissed     Status = "missed"      // the period ended off target, or a cap is already passed
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

// Kind is how a goal's progress reads, by the kind of its metric
// (docs/goals.md, "Progress"), so that every figure reads the way a manager
// reads it.
type Kind string

// The four kinds of metric.
const (
	// KindQuota accumulates, higher being better (revenue, counts,
	// pipeline, expansion, new customers): progress is A/T.
	KindQuota Kind = "quota"
	// KindCap accumulates, lower being better (spend, discounted deals,
	// churn): a budget that is used, never "progressed".
	KindCap Kind = "cap"
	// KindRatio is an average or a ratio (win rate, margin, CAC, cycle
	// days, deal size, discount): progress is the way from the baseline to
	// the target.
	KindRatio Kind = "ratio"
	// KindRetention is retention-rate: its loss, 100 − A, accumulates, and
	// is a cap of 100 − T.
	KindRetention Kind = "retention"
)

// Kind says how progress reads m.
func (m Metric) Kind() Kind {
	switch {
	case m.LossAccumulates:
		return KindRetention
	case m.Accumulates && m.Better == Lower:
		return KindCap
	case m.Accumulates:
		return KindQuota
	}
	return KindRatio
}

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
	// Reactivations: the data holds customers who came back, so a
	// retention rate below its target can still grow back.
	Reactivations bool
}

// Progress is where a goal stands on the as-of date. Its figures depend on
// the kind of metric; those that do not apply are nil.
type Progress struct {
	// Elapsed is f, the share of the period that has passed (0 to 1).
	Elapsed float64
	// Forecast is F, where the metric is heading at the end of the period:
	// the run rate A/f of an accumulating metric, 100 − (100 − A)/f for
	// retention, the value so far for a ratio. Nil when the actual is null
	// or the period has not started.
	Forecast *float64
	// Progress is a fraction, 1 meaning the target reached: A/T for a
	// quota; (A − B)/(T − B) for a ratio with a baseline other than the
	// target (below 0 when the value went the wrong way from the baseline).
	// Nil for caps and retention, which have Used instead.
	Progress *float64
	// Used is how much of a cap is used: A/T, or for retention the loss
	// (100 − A)/(100 − T); above 1 once the cap is passed. Nil for quotas
	// and ratios, and for a cap of 0.
	Used *float64
	// Expected is X = f × T, where a running quota should be by now; nil
	// otherwise.
	Expected *float64
	// NeededPerWeek is what a running quota needs in each of the weeks
	// left to reach T (0 once reached); nil otherwise, and on the last day.
	NeededPerWeek *float64
	Status        Status
}

// Track computes forecast, progress and status for one goal
// (docs/goals.md). The period has ended once as-of is past its last day;
// on the last day the goal is still running.
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
	elapsed, days, ended := p.ElapsedDays(in.AsOf), p.Days(), p.Ended(in.AsOf)

	f := forecast(m, a, elapsed, days)
	out.Forecast = &f
	switch m.Kind() {
	case KindQuota:
		out.Progress = ratio(a, t)
		if !ended {
			out.Expected = ptr(t * float64(elapsed) / float64(days))
			out.NeededPerWeek = neededPerWeek(a, t, days-elapsed)
		}
	case KindCap:
		out.Used = ratio(a, t)
	case KindRetention:
		out.Used = ratio(100-a, 100-t)
	case KindRatio:
		if b := in.Baseline; b != nil {
			out.Progress = ratio(a-*b, t-*b)
		}
	}
	out.Status = status(m, a, f, t, ended, in.Reactivations)
	return out
}

// ratio is x/y, nil when y is 0.
func ratio(x, y float64) *float64 {
	if y == 0 {
		return nil
	}
	return ptr(x / y)
}

func ptr(x float64) *float64 { return &x }

// neededPerWeek is what a quota at a of t needs in each week of the left
// days after as-of: 0 once reached, nil with no day left.
func neededPerWeek(a, t float64, left int) *float64 {
	if left <= 0 {
		return nil
	}
	return ptr(max(t-a, 0) * 7 / float64(left))
}

// forecast projects actual a, measured over the first elapsed of days,
// to the end of the period. It multiplies before dividing (a × days /
// elapsed rather than a / f) so that round shares stay exact.
func forecast(m Metric, a float64, elapsed, days int) float64 {
	if elapsed <= 0 {
		return a // only a hand-built period that ends before it starts
	}
	var f float64
	switch m.Kind() {
	case KindQuota, KindCap:
		f = a * float64(days) / float64(elapsed)
	case KindRetention:
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
// once the period has started and the actual is known:
//   - after the end, achieved or missed, for every kind;
//   - a quota is achieved as soon as A ≥ T, a cap missed as soon as A > T,
//     retention missed as soon as A < T: none of them can come back (but
//     retention is only behind where the data holds reactivations: a
//     customer lost may come back before the end, docs/goals.md);
//   - otherwise a quota and a cap go by their forecast, retention by its
//     forecast loss against the loss allowed, and a ratio by its value so
//     far: on-track when it meets the target, at-risk when it misses by at
//     most 10% of it, else behind.
func status(m Metric, a, f, t float64, ended, reactivations bool) Status {
	if ended {
		if meets(m.Better, a, t) {
			return StatusAchieved
		}
		return StatusMissed
	}
	switch m.Kind() {
	case KindQuota:
		if meets(Higher, a, t) {
			return StatusAchieved
		}
		return pace(Higher, f, t)
	case KindCap:
		if !meets(Lower, a, t) {
			return StatusMissed
		}
		return pace(Lower, f, t)
	case KindRetention:
		if !meets(Higher, a, t) && reactivations {
			return StatusBehind
		}
		if !meets(Higher, a, t) {
			return StatusMissed
		}
		return pace(Lower, 100-f, 100-t)
	}
	return pace(m.Better, a, t)
}

// pace is on-track when x meets target t, at-risk when it misses by at
// most 10% of t, else behind.
func pace(better Direction, x, t float64) Status {
	if meets(better, x, t) {
		return StatusOnTrack
	}
	if math.Abs(x-t) <= math.Abs(t)/10+tolerance(t) {
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
