package goal

import (
	"fmt"
	"sort"
	"time"
)

// The shape of a SMART assessment: five criteria, each with a verdict and
// the reasons for it.

// Verdict is the outcome of one SMART criterion.
type Verdict string

// The three verdicts, from best to worst.
const (
	Pass Verdict = "pass"
	Warn Verdict = "warn"
	Fail Verdict = "fail"
)

func (v Verdict) rank() int {
	switch v {
	case Fail:
		return 2
	case Warn:
		return 1
	}
	return 0
}

// Criterion is one letter of SMART. Its string form is the id used in JSON.
type Criterion string

// The five criteria, in SMART order.
const (
	Specific   Criterion = "specific"
	Measurable Criterion = "measurable"
	Attainable Criterion = "attainable"
	Relevant   Criterion = "relevant"
	TimeBound  Criterion = "time-bound"
)

// Criteria returns the five criteria in SMART order.
func Criteria() []Criterion {
	return []Criterion{Specific, Measurable, Attainable, Relevant, TimeBound}
}

// Check is the verdict on one criterion, with one-line reasons a sales
// manager can act on. The verdict is the worst of its findings.
type Check struct {
	Criterion Criterion
	Verdict   Verdict
	Reasons   []string
}

// checkBuilder collects the findings of one criterion with their
// verdicts, so that done can put the worst first: the first reason shown
// next to a verdict is the one that explains it.
type checkBuilder struct {
	check Check
	ranks []int
}

func newCheck(c Criterion) *checkBuilder {
	return &checkBuilder{check: Check{Criterion: c, Verdict: Pass}}
}

func (b *checkBuilder) add(v Verdict, format string, args ...any) {
	if v.rank() > b.check.Verdict.rank() {
		b.check.Verdict = v
	}
	b.check.Reasons = append(b.check.Reasons, fmt.Sprintf(format, args...))
	b.ranks = append(b.ranks, v.rank())
}

func (b *checkBuilder) pass(format string, args ...any) { b.add(Pass, format, args...) }
func (b *checkBuilder) warn(format string, args ...any) { b.add(Warn, format, args...) }
func (b *checkBuilder) fail(format string, args ...any) { b.add(Fail, format, args...) }

// done returns the check with its reasons ordered worst first, keeping the
// order in which they were found among equals.
func (b *checkBuilder) done() Check {
	idx := make([]int, len(b.ranks))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return b.ranks[idx[i]] > b.ranks[idx[j]] })
	c := b.check
	c.Reasons = make([]string, len(idx))
	for i, k := range idx {
		c.Reasons[i] = b.check.Reasons[k]
	}
	return c
}

// Assessment is a goal's SMART assessment as of one date.
type Assessment struct {
	AsOf   time.Time
	Checks []Check // one per criterion, in SMART order
}

// Check returns the check of one criterion.
func (a Assessment) Check(c Criterion) Check {
	for _, ch := range a.Checks {
		if ch.Criterion == c {
			return ch
		}
	}
	return Check{Criterion: c}
}

// Verdict is the worst verdict of the five criteria.
func (a Assessment) Verdict() Verdict {
	v := Pass
	for _, ch := range a.Checks {
		if ch.Verdict.rank() > v.rank() {
			v = ch.Verdict
		}
	}
	return v
}

// Failed reports whether any criterion failed: such a goal is refused
// unless forced.
func (a Assessment) Failed() bool { return a.Verdict() == Fail }

// Failures returns the criteria that failed, in SMART order.
func (a Assessment) Failures() []Criterion {
	var out []Criterion
	for _, ch := range a.Checks {
		if ch.Verdict == Fail {
			out = append(out, ch.Criterion)
		}
	}
	return out
}
