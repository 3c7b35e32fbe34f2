package cmd

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// The JSON shapes of docs/architecture.md for goals. Keys are kebab-case; a null
// value is JSON null; lists are [] when empty, never null.
type (
	scopeJSON struct {
		Level string  `json:"kind"`  // company, team or owner
		Value *string `json:"value"` // null for the company
	}
	periodJSON struct {
		Label string `json:"label"`
		Start string `json:"start"`
		End   string `json:"end"`
	}
	checkJSON struct {
		Verdict string   `json:"verdict"`
		Reasons []string `json:"reasons"`
	}
	smartJSON struct {
		Specific   checkJSON `json:"specific"`
		Measurable checkJSON `json:"measurable"`
		Attainable checkJSON `json:"attainable"`
		Relevant   checkJSON `json:"relevant"`
		TimeBound  checkJSON `json:"time-bound"`
	}
	// assessmentJSON is what goal add, edit and check print per goal.
	assessmentJSON struct {
		ID    *int64    `json:"id"` // null when the goal was not saved
		Saved bool      `json:"saved"`
		Smart smartJSON `json:"smart"`
	}
	// goalJSON is one goal of goal list.
	goalJSON struct {
		ID         int64      `json:"id"`
		Name       string     `json:"name"`
		Category   string     `json:"category"`
		Metric     string     `json:"metric"`
		Scope      scopeJSON  `json:"scope"`
		Period     periodJSON `json:"period"`
		Target     *float64   `json:"target"`
		Baseline   *float64   `json:"baseline"`
		TargetSpec string     `json:"target-spec"`
		// The tiers, when the goal has them, and the quota sheet that
		// keeps it.
		CommitSpec  string   `json:"commit-spec,omitempty"`
		Commit      *float64 `json:"commit,omitempty"`
		StretchSpec string   `json:"stretch-spec,omitempty"`
		Stretch     *float64 `json:"stretch,omitempty"`
		Sheet       string   `json:"sheet,omitempty"`
	}
)

func toScopeJSON(s metric.Scope) scopeJSON {
	if s.Level == metric.Team || s.Level == metric.Owner {
		v := s.Value
		return scopeJSON{Level: string(s.Level), Value: &v}
	}
	return scopeJSON{Level: string(metric.Company)}
}

func toPeriodJSON(p metric.Period) periodJSON {
	return periodJSON{Label: p.Label, Start: metric.FormatDate(p.Start), End: metric.FormatDate(p.End)}
}

func toGoalJSON(g goal.Goal) goalJSON {
	return goalJSON{
		ID: g.ID, Name: g.Name, Category: g.Category, Metric: g.Metric,
		Scope: toScopeJSON(g.Scope), Period: toPeriodJSON(g.Period),
		Target: g.TargetValue, Baseline: g.Baseline.Value, TargetSpec: g.Target.Spec,
		CommitSpec: g.Commit.Spec, Commit: g.CommitValue, StretchSpec: g.Stretch.Spec, Stretch: g.StretchValue, Sheet: g.Sheet,
	}
}

func toSmartJSON(a goal.Assessment) smartJSON {
	c := func(cr goal.Criterion) checkJSON {
		ch := a.Check(cr)
		return checkJSON{Verdict: string(ch.Verdict), Reasons: append([]string{}, ch.Reasons...)}
	}
	return smartJSON{
		Specific: c(goal.Specific), Measurable: c(goal.Measurable), Attainable: c(goal.Attainable),
		Relevant: c(goal.Relevant), TimeBound: c(goal.TimeBound),
	}
}

func toAssessmentJSON(g goal.Goal, a goal.Assessment, saved bool) assessmentJSON {
	out := assessmentJSON{Saved: saved, Smart: toSmartJSON(a)}
	if g.ID != 0 {
		id := g.ID
		out.ID = &id
	}
	return out
}

// writeAssessment prints a goal's assessment, and whether it was saved,
// as text fitted to the terminal or as the JSON of docs/architecture.md.
func writeAssessment(p textPage, f format, g goal.Goal, a goal.Assessment, saved, dryRun bool) error {
	if f == formatJSON {
		if !saved {
			g.ID = 0
		}
		return writeJSON(p.w, toAssessmentJSON(g, a, saved))
	}
	writeGoalHeader(p, g)
	fmt.Fprintln(p.w)
	writeChecks(p, a)
	fmt.Fprintln(p.w)
	switch {
	case saved && g.Forced:
		p.line(fmt.Sprintf("Saved as goal %s despite %s failing (--force).", idString(g.ID), joinCriteria(a.Failures())), 2)
	case saved:
		fmt.Fprintf(p.w, "Saved as goal %s.\n", idString(g.ID))
	case dryRun:
		fmt.Fprintln(p.w, "Not saved (--dry-run).")
	default:
		fmt.Fprintln(p.w, "Not saved.")
	}
	return nil
}

// writeGoalHeader says in two lines what the goal asks for.
func writeGoalHeader(p textPage, g goal.Goal) {
	id := ""
	if g.ID != 0 {
		id = idString(g.ID) + " "
	}
	p.line(fmt.Sprintf("Goal %s%q: %s for %s over %s", id, g.Name, g.Metric, g.Scope, g.Period), 2)
	m, _ := metric.Lookup(g.Metric)
	var tiers []string
	for _, t := range g.Tiers() {
		s := formatMetric(m, t.Value)
		if t.Target.Relative() {
			s = fmt.Sprintf("%s (%s on the baseline)", s, t.Target.Spec)
		}
		if t.Name != goal.TierTarget {
			tiers = append(tiers, t.Name+" "+s)
		} else {
			tiers = append([]string{s}, tiers...)
		}
	}
	line := fmt.Sprintf("Target %s; baseline %s over %s", strings.Join(tiers, ", "), formatMetric(m, g.Baseline.Value), g.Baseline.Period.Label)
	if g.Baseline.Spec != goal.BaselinePrevious && g.Baseline.Spec != g.Baseline.Period.Label {
		line += fmt.Sprintf(" (%s)", g.Baseline.Spec)
	}
	if g.Baseline.Planned() {
		line += fmt.Sprintf(", planned: the target set for %s, until it ends", g.Baseline.Period.Label)
	}
	p.line(line, 2)
}

// checkIndent is where a check's reasons start: after "  attainable  warn  ".
const checkIndent = 20

// writeChecks prints the five criteria, one reason per line, a reason
// that does not fit wrapped under itself:
//
//	specific    pass  revenue (…) for the company over 2027-Q1
//	attainable  warn  stretch: needs +38% over 2026-Q4; …
//	                  this target would have been met in 1 of the last 8 quarters
func writeChecks(p textPage, a goal.Assessment) {
	fmt.Fprintf(p.w, "SMART as of %s:\n", metric.FormatDate(a.AsOf))
	for _, c := range a.Checks {
		reasons := c.Reasons
		if len(reasons) == 0 {
			reasons = []string{""}
		}
		for i, r := range reasons {
			lead := fmt.Sprintf("  %-10s  %-4s  ", c.Criterion, c.Verdict)
			if i > 0 {
				lead = strings.Repeat(" ", checkIndent)
			}
			lines := []string{visible(r)}
			if p.width > 0 {
				lines = wrapLines(visible(r), p.width-checkIndent)
			}
			for j, l := range lines {
				if j > 0 {
					lead = strings.Repeat(" ", checkIndent)
				}
				fmt.Fprintln(p.w, strings.TrimRight(lead+l, " "))
			}
		}
	}
}

// formatMetric writes a value in its metric's unit for tables: money with
// two decimals and thousands separators, rates with a percent sign, days
// and counts with at most one decimal; "—" when null.
func formatMetric(m metric.Metric, v *float64) string {
	if v == nil {
		return "—"
	}
	return metric.FormatValue(m, *v)
}

func joinCriteria(cs []goal.Criterion) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = string(c)
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// idString writes a goal id as the tables show it.
func idString(id int64) string { return "#" + strconv.FormatInt(id, 10) }
