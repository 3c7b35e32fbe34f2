package cmd

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// report --since: what changed since an earlier day. Each goal's status
// as of that day is worked out the way --as-of would (the data up to that
// day, each goal over its own period), and compared with its status now;
// nothing is saved between runs (docs/goals.md, "What changed").

// sinceAgo is "7d" or "2w": so many days or weeks before the as-of date.
var sinceAgo = regexp.MustCompile(`^([0-9]{1,4})([dw])$`)

// checkSince checks --since before anything is opened.
func checkSince(s string) error {
	if s == "" || sinceAgo.MatchString(s) {
		return nil
	}
	if _, err := metric.ParseDate(s); err != nil {
		return usagef("--since %q: give a date (2027-02-07) or days or weeks before the as-of date (7d, 2w)", s)
	}
	return nil
}

// sinceDate is the day --since names, which must be before the as-of date.
func sinceDate(s string, asOf time.Time) (time.Time, error) {
	var d time.Time
	if m := sinceAgo.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		if m[2] == "w" {
			n *= 7
		}
		d = asOf.AddDate(0, 0, -n)
	} else {
		var err error
		if d, err = metric.ParseDate(s); err != nil {
			return d, usagef("--since %q: %v", s, err)
		}
	}
	if !d.Before(asOf) {
		return d, usagef("--since %s is not before the as-of date %s: give an earlier day, or 7d for a week before", metric.FormatDate(d), metric.FormatDate(asOf))
	}
	return d, nil
}

// changesSince measures the goals of the report as of the day since and
// lists those whose status moved since.
func changesSince(ctx context.Context, src measure.Source, currency string, since time.Time, r *measure.Report, gs []goal.Goal) ([]measure.Change, error) {
	then, err := measure.New(src, currency, since).Statuses(ctx, gs)
	if err != nil {
		return nil, err
	}
	return r.Changes(then), nil
}

// writeChanges writes the section on what changed since --since: one line
// per goal whose status moved, "#2 New deals: ● on-track → ▲ at-risk",
// the goal's name shortened so that the line fits.
func writeChanges(p textPage, d *reportData, color bool) {
	p.heading("Changes since " + metric.FormatDate(d.since))
	if len(d.changes) == 0 {
		p.line("No goal changed status.", 2)
		return
	}
	for _, c := range d.changes {
		from, to := statusText(c.From), statusText(c.To)
		move := ": " + from + " → " + to
		name := idString(c.Goal.ID) + " " + c.Goal.Name
		if p.md {
			p.item(name + move)
			continue
		}
		name = visible(name)
		if p.width > 0 {
			name = shorten(name, max(p.width-2-textWidth(move), 12))
		}
		fmt.Fprintf(p.w, "  %s: %s → %s\n", name, paintStatus(c.From, from, color), paintStatus(c.To, to, color))
	}
}
