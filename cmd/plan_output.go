package cmd

import (
	"fmt"
	"strings"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// How a plan is shown before (and once) it is applied: goals to add, to
// change and to retire, each with its SMART verdicts.

// planJSON is a plan for scripts.
type planJSON struct {
	Sheet     string         `json:"sheet,omitempty"`
	File      string         `json:"file,omitempty"`
	Applied   bool           `json:"applied"`
	Add       []planGoalJSON `json:"add"`
	Change    []planGoalJSON `json:"change"`
	Retire    []goalJSON     `json:"retire"`
	Unchanged int            `json:"unchanged"`
	Notes     []string       `json:"notes"`
}

type planGoalJSON struct {
	Line int `json:"line,omitempty"`
	goalJSON
	Parent   *int64       `json:"parent"`
	Baseline baselineJSON `json:"baseline-used"`
	Changes  []changeJSON `json:"changes,omitempty"`
	Smart    smartJSON    `json:"smart"`
	Forced   bool         `json:"forced"`
}

type changeJSON struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// writePlan writes the plan as text, its lines wrapped to the
// terminal's width, or as JSON; applied says whether it was saved.
func writePlan(out textPage, f format, p *plan, applied, dryRun bool) error {
	w := out.w
	if f == formatJSON {
		return writeJSON(w, p.toJSON(applied))
	}
	title := "Goals"
	if p.sheet != "" {
		title = fmt.Sprintf("Quota sheet %q (%s)", p.sheet, p.file)
	}
	out.line(fmt.Sprintf("%s: %s", title, p.counts()), 2)
	for _, n := range p.notes {
		out.line(n, 2)
	}
	parents := map[*planItem]bool{}
	for _, it := range p.items {
		if it.parent >= 0 {
			parents[p.items[it.parent]] = true
		}
	}
	for _, sec := range []struct {
		title string
		keep  func(*planItem) bool
	}{{"Add", (*planItem).added}, {"Change", (*planItem).changed}} {
		first := true
		for _, it := range p.items {
			if !sec.keep(it) {
				continue
			}
			if first {
				fmt.Fprintf(w, "\n%s:\n", sec.title)
				first = false
			}
			writePlanItem(out, p, it, parents[it])
		}
	}
	if len(p.retire) > 0 {
		fmt.Fprint(w, "\nRetire (the sheet no longer lists them):\n")
		for _, g := range p.retire {
			out.line(fmt.Sprintf("  %s %q: %s", idString(g.ID), g.Name, goalWhat(g)), planHeadWrap)
		}
	}
	fmt.Fprintln(w)
	switch {
	case applied && p.counts() == fmt.Sprintf("0 to add, 0 to change, 0 to retire, %d unchanged", len(p.items)):
		fmt.Fprintln(w, "Nothing to change: the saved goals are what the sheet says.")
	case applied:
		fmt.Fprintln(w, "Applied.")
	case dryRun:
		fmt.Fprintln(w, "Not applied (--dry-run).")
	default:
		fmt.Fprintln(w, "Not applied.")
	}
	return nil
}

// Where a plan's lines start on a terminal: the line naming a goal at 2,
// the lines it wraps onto at planHeadWrap; the lines on that goal at
// planIndent, the lines they wrap onto at planWrapIndent.
const (
	planHeadWrap   = 4
	planIndent     = 6
	planWrapIndent = 8
)

// writePlanItem writes one goal to add or change: where it comes from,
// what it asks or changes, its verdicts, and the first reason of each
// criterion that did not pass; for a parent (goals of the plan serve it),
// every reason of Relevant.
func writePlanItem(out textPage, p *plan, it *planItem, parent bool) {
	g := it.goal
	id := ""
	if g.ID != 0 {
		id = idString(g.ID) + " "
	}
	where := strings.TrimSuffix(p.where(it), " ")
	if where != "" {
		where += " "
	}
	sub := func(s string) { out.line(strings.Repeat(" ", planIndent)+s, planWrapIndent) }
	if it.added() {
		out.line(fmt.Sprintf("  %s%s%q: %s", where, id, g.Name, goalWhat(g)), planHeadWrap)
	} else {
		var cs []string
		for _, c := range it.changes {
			cs = append(cs, fmt.Sprintf("%s %s → %s", c.Field, orNone(c.From), orNone(c.To)))
		}
		if it.reassess && len(cs) == 0 {
			cs = append(cs, "judged again with the goals that now serve it")
		}
		out.line(fmt.Sprintf("  %s%s%q: %s", where, id, g.Name, strings.Join(cs, "; ")), planHeadWrap)
		sub("now " + goalWhat(g))
	}
	a := it.assessment
	if a == nil {
		return
	}
	var vs []string
	for _, c := range a.Checks {
		vs = append(vs, string(c.Criterion)+" "+string(c.Verdict))
	}
	line := strings.Join(vs, ", ")
	if g.Forced {
		line += " (forced)"
	}
	sub(line)
	for _, c := range a.Checks {
		if c.Verdict != goal.Pass && len(c.Reasons) > 0 {
			sub(fmt.Sprintf("%s: %s", c.Criterion, c.Reasons[0]))
		}
	}
	// For a goal others serve, what their targets add up to is worth its
	// lines even when Relevant passes.
	if r := a.Check(goal.Relevant); r.Verdict == goal.Pass && parent {
		for _, reason := range r.Reasons {
			sub("relevant: " + reason)
		}
	}
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// goalWhat says what a goal asks for in one line: "revenue for owner Ana
// over 2027-01: target 10,900.00 (+9%), commit 10,000.00; baseline
// 10,000.00 over 2026-12".
func goalWhat(g goal.Goal) string {
	m, _ := metric.Lookup(g.Metric)
	var tiers []string
	for _, t := range g.Tiers() {
		s := t.Name + " " + formatMetric(m, t.Value)
		if t.Target.Relative() {
			s += " (" + t.Target.Spec + ")"
		}
		tiers = append(tiers, s)
	}
	b := g.Baseline
	base := fmt.Sprintf("baseline %s over %s", formatMetric(m, b.Value), b.Period.Label)
	switch {
	case b.Planned():
		base += ", planned: the target set for it, until it ends"
	case b.Provisional():
		base += fmt.Sprintf(" up to %s, provisional", metric.FormatDate(b.Through))
	}
	return fmt.Sprintf("%s for %s over %s: %s; %s", g.Metric, g.Scope, g.Period.Label, strings.Join(tiers, ", "), base)
}

func (p *plan) toJSON(applied bool) planJSON {
	js := planJSON{Sheet: p.sheet, File: p.file, Applied: applied, Add: []planGoalJSON{}, Change: []planGoalJSON{},
		Retire: []goalJSON{}, Notes: append([]string{}, p.notes...)}
	for _, it := range p.items {
		if it.kept() {
			js.Unchanged++
			continue
		}
		g := it.goal
		pg := planGoalJSON{Line: it.line, goalJSON: toGoalJSON(g), Forced: g.Forced,
			Baseline: baselineJSON{periodJSON: toPeriodJSON(g.Baseline.Period), Through: metric.FormatDate(g.Baseline.Period.End),
				Provisional: g.Baseline.Provisional(), Planned: g.Baseline.Planned()}}
		if g.Baseline.Provisional() {
			pg.Baseline.Through = metric.FormatDate(g.Baseline.Through)
		}
		if g.ParentID != 0 {
			id := g.ParentID
			pg.Parent = &id
		}
		if it.assessment != nil {
			pg.Smart = toSmartJSON(*it.assessment)
		}
		for _, c := range it.changes {
			pg.Changes = append(pg.Changes, changeJSON(c))
		}
		if it.added() {
			js.Add = append(js.Add, pg)
		} else {
			js.Change = append(js.Change, pg)
		}
	}
	for _, g := range p.retire {
		js.Retire = append(js.Retire, toGoalJSON(g))
	}
	return js
}

// counts says what the plan does: "2 to add, 1 to change, 1 to retire, 6
// unchanged".
func (p *plan) counts() string {
	var add, change, kept int
	for _, it := range p.items {
		switch {
		case it.added():
			add++
		case it.changed():
			change++
		default:
			kept++
		}
	}
	parts := []string{fmt.Sprintf("%d to add", add), fmt.Sprintf("%d to change", change), fmt.Sprintf("%d to retire", len(p.retire))}
	if kept > 0 {
		parts = append(parts, fmt.Sprintf("%d unchanged", kept))
	}
	return strings.Join(parts, ", ")
}
