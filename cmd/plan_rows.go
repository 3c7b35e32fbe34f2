package cmd

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/internal/sheet"
	"github.com/salesgoal/salesgoal/metric"
)

// sheetRows reads the rows of a quota sheet into the goals they ask for,
// with every problem of a cell as FILE:LINE: column "X": reason. The
// parent column is read by linkParents.
func sheetRows(s *session, file, name string, lines []sheet.Line) ([]goal.Goal, sheet.Problems) {
	var problems sheet.Problems
	out := make([]goal.Goal, len(lines))
	seen := map[string]int{}
	for i, l := range lines {
		bad := func(col, format string, args ...any) {
			problems = append(problems, &sheet.Error{File: file, Line: l.Line, Column: col, Reason: fmt.Sprintf(format, args...)})
		}
		g, ok := rowGoal(s, l.Row, bad)
		if !ok {
			continue
		}
		g.Sheet, g.SheetRow = name, i+1
		if err := g.Validate(); err != nil {
			bad("", "%v", err)
			continue
		}
		if at, dup := seen[g.Key()]; dup {
			bad("", "asks again for %s for %s over %s (line %d): one row per metric, scope and period", g.Metric, g.Scope, g.Period.Label, at)
			continue
		}
		seen[g.Key()] = l.Line
		out[i] = g
	}
	return out, problems
}

// rowGoal is the goal one row asks for; bad is told of each cell that is
// wrong, and ok is false then.
func rowGoal(s *session, r sheet.Row, bad func(col, format string, args ...any)) (goal.Goal, bool) {
	n := 0
	fail := func(col, format string, args ...any) {
		n++
		bad(col, format, args...)
	}
	var g goal.Goal
	g.Category, g.Metric = categoryAndMetric(strings.ToLower(r.Category), strings.ToLower(r.Metric))
	m, known := metric.Lookup(g.Metric)
	switch {
	case g.Category == "" && g.Metric == "":
		fail("category", "empty: every goal needs a category (%s) or a metric", strings.Join(metric.Categories(), ", "))
	case len(metric.InCategory(g.Category)) == 0:
		fail("category", "%q is not a category: choose one of %s", r.Category, strings.Join(metric.Categories(), ", "))
	case !known:
		fail("metric", "%q is not a metric of %s: %s", r.Metric, g.Category, metricIDs(g.Category))
	case m.Category != g.Category:
		fail("metric", "%s belongs to category %s, not %s", m.ID, m.Category, g.Category)
	}
	switch {
	case r.Owner != "" && r.Team != "":
		fail("team", "a goal is for one owner or one team: leave owner or team empty")
	case known && m.CompanyOnly && (r.Owner != "" || r.Team != ""):
		fail(cmpOr(r.Owner, "owner", "team"), "%s is company-wide only (spend has no owner): leave owner and team empty", m.ID)
	}
	g.Scope = scopeOf(r.Owner, r.Team)
	var err error
	if r.Period == "" {
		fail("period", "empty: every goal needs a period, such as 2027-Q1, 2027-03 or 2027")
	} else if g.Period, err = metric.ParsePeriod(r.Period, s.asOf, s.fyStart); err != nil {
		fail("period", "%v", err)
	}
	tiers := []struct {
		col, spec string
		dst       *goal.Target
	}{{"target", r.Target, &g.Target}, {"commit", r.Commit, &g.Commit}, {"stretch", r.Stretch, &g.Stretch}}
	for _, t := range tiers {
		if t.spec == "" {
			if t.col == "target" {
				fail("target", "empty: write 120000, 30, +9%%, -15%%, +5pp or -3pp")
			}
			continue
		}
		if *t.dst, err = goal.ParseTarget(t.spec); err != nil {
			fail(t.col, "%v", err)
		} else if known {
			if err := t.dst.CheckFor(m); err != nil {
				fail(t.col, "%v", err)
			}
		}
	}
	if n == 0 {
		if g.Baseline, err = s.baselinePeriod(r.Baseline, g.Period); err != nil {
			fail("baseline", "%q is not last-year, previous or a period", r.Baseline)
		}
	}
	g.Name, g.Note = r.Name, r.Note
	if g.Name == "" {
		g.Name = goal.DefaultName(g.Metric, g.Scope, g.Target, g.Period)
	}
	return g, n == 0
}

// cmpOr is "owner" when the owner is given, else "team".
func cmpOr(owner, ifOwner, ifTeam string) string {
	if owner != "" {
		return ifOwner
	}
	return ifTeam
}

func metricIDs(category string) string {
	var ids []string
	for _, m := range metric.InCategory(category) {
		ids = append(ids, m.ID)
	}
	return "choose " + strings.Join(ids, " or ")
}

// linkParents reads the parent column: the name of another row of the
// sheet, else of one saved goal, or #ID. It returns, for each row, the
// index of its parent row (-1: none, or a saved goal, whose id it sets as
// the goal's ParentID), with a problem for a parent that cannot be found,
// names several goals, or makes goals serve themselves.
func linkParents(file string, lines []sheet.Line, gs []goal.Goal, saved []goal.Goal) ([]int, sheet.Problems) {
	byName := map[string][]int{}
	for i, g := range gs {
		byName[g.Name] = append(byName[g.Name], i)
	}
	savedByName := map[string][]int64{}
	for _, g := range saved {
		savedByName[g.Name] = append(savedByName[g.Name], g.ID)
	}
	var problems sheet.Problems
	parents := make([]int, len(gs))
	for i, l := range lines {
		parents[i] = -1
		ref := l.Parent
		bad := func(format string, args ...any) {
			problems = append(problems, &sheet.Error{File: file, Line: l.Line, Column: "parent", Reason: fmt.Sprintf(format, args...)})
		}
		rows, ids := byName[ref], savedByName[ref]
		switch {
		case ref == "":
		case len(rows) == 1 && rows[0] == i:
			bad("a goal cannot serve itself")
		case len(rows) == 1:
			parents[i] = rows[0]
		case len(rows) > 1:
			bad("%q names %d rows of the sheet (lines %s): give the parent a name of its own", ref, len(rows), rowLines(lines, rows))
		case strings.HasPrefix(ref, "#"):
			id, err := strconv.ParseInt(ref[1:], 10, 64)
			if err != nil || !hasID(saved, id) {
				bad("%s is no saved goal: see 'salesgoal goal list' for the ids", ref)
			}
			gs[i].ParentID = id
		case len(ids) == 1:
			gs[i].ParentID = ids[0]
		case len(ids) > 1:
			bad("%q names %d saved goals (%s): write the parent's id, such as #%d", ref, len(ids), idList(ids), ids[0])
		default:
			bad("%q is neither a row of the sheet nor a saved goal", ref)
		}
	}
	// A circle of rows serving one another.
	for i := range gs {
		at := parents[i]
		for steps := 0; at >= 0 && at != i && steps < len(gs); steps++ {
			at = parents[at]
		}
		if at == i {
			problems = append(problems, &sheet.Error{File: file, Line: lines[i].Line, Column: "parent",
				Reason: "the rows' parents lead back to this one: a goal cannot serve itself"})
		}
	}
	return parents, problems
}

func hasID(gs []goal.Goal, id int64) bool {
	for _, g := range gs {
		if g.ID == id {
			return true
		}
	}
	return false
}

func rowLines(lines []sheet.Line, rows []int) string {
	var out []string
	for _, r := range rows {
		out = append(out, strconv.Itoa(lines[r].Line))
	}
	return strings.Join(out, ", ")
}

func idList(ids []int64) string {
	var out []string
	for _, id := range ids {
		out = append(out, idString(id))
	}
	return strings.Join(out, ", ")
}
