package cmd

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"golang.org/x/term"
)

// How text fits the terminal: every table and line a command writes for
// a person is at most the output's width wide (docs/architecture.md,
// "Command line").

// defaultWidth is the width output fits when the terminal's is unknown:
// output to a pipe or a file, or a terminal that does not say.
const defaultWidth = 80

// minWidth is the narrowest output salesgoal tries to fit: below it,
// lines are as narrow as their longest word.
const minWidth = 40

// outputWidth is the number of columns output to stdout fits: $COLUMNS
// when it is a whole number (the user's say, also for a pipe), else the
// width of the terminal stdout is, else defaultWidth.
func outputWidth(env *Env) int {
	if n, err := strconv.Atoi(strings.TrimSpace(env.Getenv("COLUMNS"))); err == nil && n > 0 {
		return max(n, minWidth)
	}
	if f, ok := env.Stdout.(*os.File); ok && env.StdoutTTY {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return max(w, minWidth)
		}
	}
	return defaultWidth
}

// widthKnown reports whether outputWidth is the user's or the terminal's
// rather than defaultWidth: $COLUMNS is set, or stdout is a terminal.
func widthKnown(env *Env) bool {
	if n, err := strconv.Atoi(strings.TrimSpace(env.Getenv("COLUMNS"))); err == nil && n > 0 {
		return true
	}
	return env.StdoutTTY
}

// textWidth is the number of columns s takes on a terminal: wide (East
// Asian) characters count two, colour codes none. It is the measure the
// table drawing uses, so that what is fitted here is drawn as fitted.
func textWidth(s string) int {
	return twwidth.Width(s)
}

// shorten cuts s to at most width columns, ending it with "…" when it
// was cut.
func shorten(s string, width int) string {
	if textWidth(s) <= width {
		return s
	}
	if width < 1 {
		return ""
	}
	return strings.TrimRight(twwidth.Truncate(s, width-1), " ") + "…"
}

// shortenStart cuts s to at most width columns from its start, beginning
// it with "…" when it was cut: a path keeps its file name.
func shortenStart(s string, width int) string {
	if textWidth(s) <= width {
		return s
	}
	if width < 1 {
		return ""
	}
	rs := []rune(s)
	keep := 0
	for w := 1; keep < len(rs); keep++ {
		w += textWidth(string(rs[len(rs)-1-keep]))
		if w > width {
			break
		}
	}
	return "…" + string(rs[len(rs)-keep:])
}

// shortPath writes a path for a person: relative to the current folder
// when it is inside it, else from ~ when it is inside the home folder,
// else as it is.
func shortPath(path string, env *Env) string {
	if !filepath.IsAbs(path) {
		return path
	}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, path); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return rel
		}
	}
	if home := env.Getenv("HOME"); home != "" && filepath.IsAbs(home) {
		if rel, err := filepath.Rel(home, path); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.Join("~", rel)
		}
	}
	return path
}

// wrapWords breaks s into lines of at most limit columns at spaces (a
// no-break space holds, as in a trend's gaps); a word longer than limit is
// cut into pieces of limit columns, a range of days after its "..".
func wrapWords(s string, limit int) string {
	return strings.Join(wrapLines(s, limit), "\n")
}

// wrapLines is wrapWords as a list of lines.
func wrapLines(s string, limit int) []string {
	limit = max(limit, 1)
	var lines []string
	line := ""
	for _, word := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' }) {
		for textWidth(word) > limit {
			if line != "" {
				lines = append(lines, line)
				line = ""
			}
			head := twwidth.Truncate(word, limit)
			if i := strings.LastIndex(head, ".."); i > 0 && i+2 < len(word) {
				head = head[:i+2] // a range of days breaks after its ".."
			}
			if head == "" { // a character wider than limit
				_, size := utf8.DecodeRuneInString(word)
				head = word[:size]
			}
			lines = append(lines, head)
			word = word[len(head):]
		}
		switch {
		case word == "":
		case line == "":
			line = word
		case textWidth(line)+1+textWidth(word) <= limit:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// fitLine wraps a line of text to width: the first line keeps its own
// indentation, the lines after it are indented by indent spaces.
func fitLine(s string, width, indent int) []string {
	body := strings.TrimLeft(s, " ")
	lead := s[:len(s)-len(body)]
	first := wrapLines(body, width-len(lead))
	if len(first) <= 1 {
		return []string{lead + first[0]}
	}
	rest := strings.Join(first[1:], " ")
	pad := strings.Repeat(" ", indent)
	out := []string{lead + first[0]}
	for _, l := range wrapLines(rest, width-indent) {
		out = append(out, pad+l)
	}
	return out
}
