package cmd

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/salesgoal/salesgoal/internal/safefile"
)

// Text that came from a file or a flag — names, owners, stage labels,
// headers, file names, notes — is made safe where it is written for a
// person: visible for a terminal (visible), escaped for Markdown
// (markdownText). writeTable applies them to every cell, tell and sayf to
// every line. JSON and CSV keep the exact value (CSV still neutralising
// formulas).

// visible writes the characters of s that a terminal would act on rather
// than show as visible escapes: control characters (ESC, and so every
// escape sequence and OSC 8 link; BEL; a lone CR that would overwrite the
// line; a newline that would forge a line of its own; DEL and the C1
// controls), bidirectional controls that reorder what follows (U+202E …),
// line and paragraph separators, and bytes that are not UTF-8:
// "\x1b[31m" becomes `\x1b[31m`, U+202E `\u202e`.
func visible(s string) string {
	i := 0
	for i < len(s) && s[i] >= 0x20 && s[i] < 0x7f {
		i++
	}
	if i == len(s) {
		return s // plain ASCII text, the common case
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case hidden(r):
			b.WriteString(escapeRune(r))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// hidden reports whether a terminal would act on r rather than show it.
func hidden(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0: // C0, DEL, C1
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f: // bidi marks
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069: // bidi embeddings, overrides, isolates
		return true
	case r == 0x2028, r == 0x2029: // line and paragraph separators
		return true
	}
	return false
}

// escapeRune is the visible escape of r, as Go writes it.
func escapeRune(r rune) string {
	switch r {
	case '\a':
		return `\a`
	case '\b':
		return `\b`
	case '\f':
		return `\f`
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\t':
		return `\t`
	case '\v':
		return `\v`
	}
	if r < 0x80 {
		return fmt.Sprintf(`\x%02x`, r)
	}
	return fmt.Sprintf(`\u%04x`, r)
}

// markdownInline are the characters by which data could reshape a
// Markdown document from anywhere in a line: a pipe ends a table cell, a
// backslash escapes what follows; the others make code spans, links and
// images, HTML (an unclosed "<!--" would hide the rest of the report) and
// entities ("&#8238;" is U+202E). Emphasis (* and _) only changes how a
// name looks, and "sales_pipeline.csv" stays readable as it is.
const markdownInline = "\\|`[]<>&"

// markdownText makes s safe for a Markdown table cell or a line of a
// Markdown report: a backslash before each character of markdownInline and
// before block syntax at its start (a heading's #, a list's - or +, an
// ordered list's "1.", a rule or underline of -, *, _ or =), and then the
// visible escapes of a terminal, so that a line break can neither end a
// row nor start a heading.
func markdownText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(markdownInline, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return visible(escapeLead(b.String()))
}

// escapeLead puts a backslash before Markdown block syntax at the start of
// s: "# x", "- x", "* x", "+ x", "1. x", "---", "***", "===". ("#1 x" is no
// heading, "-3.5%" no list.)
func escapeLead(s string) string {
	hashes := len(s) - len(strings.TrimLeft(s, "#"))
	switch {
	case s == "":
		return s
	case hashes > 0 && hashes <= 6 && (hashes == len(s) || s[hashes] == ' ' || s[hashes] == '\t'):
		return `\` + s
	case strings.Trim(s, "-") == "" || strings.Trim(s, "=") == "" || strings.Trim(s, "*") == "" || strings.Trim(s, "_") == "":
		return `\` + s
	case strings.ContainsRune("-+*", rune(s[0])) && (len(s) == 1 || s[1] == ' ' || s[1] == '\t'):
		return `\` + s
	}
	digits := len(s) - len(strings.TrimLeft(s, "0123456789"))
	if digits > 0 && digits < len(s) && (s[digits] == '.' || s[digits] == ')') &&
		(digits+1 == len(s) || s[digits+1] == ' ' || s[digits+1] == '\t') {
		return s[:digits] + `\` + s[digits:]
	}
	return s
}

// sayf writes one line (or a few lines given by leading and trailing
// newlines in format) for a person: formatted, with what the arguments
// brought made visible, so that a name holding a newline or an escape
// sequence cannot start a line of its own or drive the terminal.
func sayf(w io.Writer, format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	body := strings.TrimRight(s, "\n")
	tail := s[len(body):]
	text := strings.TrimLeft(body, "\n")
	fmt.Fprint(w, body[:len(body)-len(text)]+visible(text)+tail)
}

// quoted writes a path for a message (safefile.Quote): as it is when it
// is plain, else quoted with its escapes.
func quoted(path string) string { return safefile.Quote(path) }
