package cmd

import (
	"fmt"
	"io"
	"strings"

	"github.com/salesgoal/salesgoal/internal/crm"
	"github.com/salesgoal/salesgoal/internal/importer"
)

// The lines an import prints about what a file holds beyond its rows:
// its stage counts, in the file and imported, and the unusual values it
// kept (docs/import.md, "Unusual values").

// stageCounts is the "won 3, lost 1, open 2; won value …" part of the
// summary. When lines were left out, each stage shows what the file holds
// beside what was read: "won 143 in the file, 98 imported, 45 skipped"
// (with --skip-invalid) or "… 98 valid, 45 invalid" (a file refused).
func stageCounts(r importer.Result, amount bool) []string {
	kept, left := "imported", "skipped"
	if !r.Skipping {
		kept, left = "valid", "invalid"
	}
	count := func(stage string, file, read int64) string {
		if file == read {
			return fmt.Sprintf("%s %d", stage, read)
		}
		return fmt.Sprintf("%s %d in the file, %d %s, %d %s", stage, file, read, kept, file-read, left)
	}
	parts := []string{count("won", r.FileWon, r.Won), count("lost", r.FileLost, r.Lost), count("open", r.FileOpen, r.Open)}
	split := r.FileWon != r.Won || r.FileLost != r.Lost || r.FileOpen != r.Open
	if !split {
		parts = []string{strings.Join(parts, ", ")}
	}
	v := wonValue(r.WonValue)
	if !amount || v == "" && wonValue(r.FileWonValue) == "" {
		return parts
	}
	if file := wonValue(r.FileWonValue); split && file != v {
		if v == "" {
			v = "0.00"
		}
		return append(parts, fmt.Sprintf("won value %s in the file, %s %s", file, v, kept))
	}
	return append(parts, "won value "+v)
}

// unusualWarnings are the warnings about the unusual values a deals file
// held, which were kept: how many, their first lines, and where they count.
func unusualWarnings(u crm.Unusual) []string {
	var out []string
	if l := u.CloseBeforeCreate; l.N > 0 {
		out = append(out, fmt.Sprintf("%s closed before %s created (%s): kept, but left out of cycle time",
			countOf(l.N, "deal", "deals"), plural(int(l.N), "it was", "they were"), linesOf(l)))
	}
	if l := u.ClosedWithoutCreated; l.N > 0 {
		out = append(out, fmt.Sprintf("%s without a created date (%s): kept; %s in win rate and revenue, not in cycle time or new deals",
			countOf(l.N, "won or lost deal", "won or lost deals"), linesOf(l), plural(int(l.N), "it counts", "they count")))
	}
	if l := u.NegativeAmount; l.N > 0 {
		out = append(out, fmt.Sprintf("%s with a negative amount (%s): kept as %s; sums are net, average deal size and discounts leave %s out",
			countOf(l.N, "deal", "deals"), linesOf(l), plural(int(l.N), "a credit", "credits"), plural(int(l.N), "it", "them")))
	}
	return out
}

// linesOf names the first lines of l: "line 8", "lines 2, 3, 4, …".
func linesOf(l crm.Lines) string {
	nums := make([]string, len(l.First))
	for i, n := range l.First {
		nums[i] = fmt.Sprint(n)
	}
	s := strings.Join(nums, ", ")
	if l.N > int64(len(l.First)) {
		s += ", …"
	}
	if len(l.First) == 1 && l.N == 1 {
		return "line " + s
	}
	return "lines " + s
}

// shellQuote quotes a flag's value for a shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_=.,/:@+", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// writeStageDoubt warns of deals read as open whose labels suggest
// otherwise (crm.StageDoubt), on one line with the --stage flags that
// would read them as won or lost; a label that looks closed ("Closed:
// abandoned") in a file that has won and lost deals has a line of its own.
func writeStageDoubt(w io.Writer, file string, d *crm.StageDoubt) {
	if d == nil {
		return
	}
	if !d.Boolean && d.Missing == "" {
		for _, g := range d.Labels {
			tell(w, "warning", "%s: stage %q (%s) was read as open: if it means %s, pass --stage %s",
				file, g.Label, countOf(g.Deals, "deal", "deals"), g.Stage, shellQuote(g.Label+"="+g.Stage))
		}
		return
	}
	var labels, flags []string
	for i, g := range d.Labels {
		if i == 6 {
			labels = append(labels, fmt.Sprintf("%d more", len(d.Labels)-i))
			break
		}
		labels = append(labels, fmt.Sprintf("%q %d", g.Label, g.Deals))
		flags = append(flags, "--stage "+shellQuote(g.Label+"="+g.Stage))
	}
	if d.Boolean {
		tell(w, "warning", "%s: the stage labels are true/false values (%s), all read as open: if the column says whether a deal was won, pass %s",
			file, strings.Join(labels, ", "), strings.Join(flags, " "))
		return
	}
	tell(w, "warning", "%s: no deal was read as %s, but these stages, read as open, do not look like open stages (%s): if they are closed deals, pass %s",
		file, d.Missing, strings.Join(labels, ", "), strings.Join(flags, " "))
}
