package cmd

import (
	"bytes"
	"strings"
	"testing"

	"github.com/salesgoal/salesgoal/metric"
)

func TestVisible(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Ana Silva", "Ana Silva"},
		{"accents and CJK stay", "José Müller 王", "José Müller 王"},
		{"colour sequence", "\x1b[31mRed\x1b[0m", `\x1b[31mRed\x1b[0m`},
		{"OSC 8 link", "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\", `\x1b]8;;http://evil.example\x1b\click\x1b]8;;\x1b\`},
		{"bell", "ding\a", `ding\a`},
		{"right-to-left override", "evil\u202etxt.exe", `evil\u202etxt.exe`},
		{"isolate", "a\u2066b\u2069", `a\u2066b\u2069`},
		{"lone CR", "100\rforged", `100\rforged`},
		{"newline", "a\nsalesgoal: hint: forged", `a\nsalesgoal: hint: forged`},
		{"tab", "a\tb", `a\tb`},
		{"DEL and NUL", "a\x7fb\x00", `a\x7fb\x00`},
		{"C1 CSI", "a\u009b31m", `a\u009b31m`},
		{"line separator", "a\u2028b", `a\u2028b`},
		{"bytes that are not UTF-8", "a\xffb", `a\xffb`},
		{"backslash stays", `C:\sales`, `C:\sales`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := visible(tt.in); got != tt.want {
				t.Errorf("visible(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMarkdownText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Ana Silva", "Ana Silva"},
		{"pipe", "a|b", `a\|b`},
		{"backslash", `a\b`, `a\\b`},
		{"newline with a heading", "x\n## heading", `x\n## heading`},
		{"heading at the start", "# heading", `\# heading`},
		{"goal number is no heading", "#3 Revenue", "#3 Revenue"},
		{"list item", "- item", `\- item`},
		{"negative number is no list", "-3.5%", "-3.5%"},
		{"ordered list", "1. first", `1\. first`},
		{"year is no list", "2027. Q1", `2027\. Q1`},
		{"rule", "---", `\---`},
		{"setext underline", "===", `\===`},
		{"code span", "`x`", "\\`x\\`"},
		{"emphasis only looks different", "*big* deal_won", "*big* deal_won"},
		{"star list", "* item", `\* item`},
		{"link", "[click](http://evil.example)", `\[click\](http://evil.example)`},
		{"HTML comment", "<!-- hide", `\<!-- hide`},
		{"entity", "&#8238;", `\&#8238;`},
		{"escape sequence", "\x1b[31mRed", `\x1b\[31mRed`},
		{"formula is no markup", "=SUM(A1)", "=SUM(A1)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := markdownText(tt.in); got != tt.want {
				t.Errorf("markdownText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestTellOneLine: whatever its arguments hold, tell writes one line.
func TestTellOneLine(t *testing.T) {
	var b bytes.Buffer
	tell(&b, "error", "--out %s: no such folder", "a\nsalesgoal: hint: run rm -rf ~")
	if got, want := b.String(), "salesgoal: error: --out a\\nsalesgoal: hint: run rm -rf ~: no such folder\n"; got != want {
		t.Errorf("tell wrote %q, want %q", got, want)
	}
	b.Reset()
	sayf(&b, "\n%s: %d inserted\n\n", "x\x1b[2Jy.csv", 3)
	if got, want := b.String(), "\nx\\x1b[2Jy.csv: 3 inserted\n\n"; got != want {
		t.Errorf("sayf wrote %q, want %q", got, want)
	}
}

// TestWriteTableSafe: cells are made safe for the format, and only
// writeTable's own colouring reaches a terminal as an escape sequence.
func TestWriteTableSafe(t *testing.T) {
	rows := [][]string{{"\x1b[31mbehind\x1b[0m", "on-track"}, {"a|b\n# x", "behind"}}
	var b bytes.Buffer
	if err := writeTable(&b, formatTable, []string{"Goal", "Status"}, rows, colorStatus(true)); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if n := strings.Count(out, "\x1b"); n != 4 {
		t.Errorf("table: %d escape characters, want the 4 of two coloured statuses:\n%s", n, out)
	}
	for _, want := range []string{`\x1b[31mbehind\x1b[0m`, lookOf(metric.StatusOnTrack).ansi + "on-track" + ansiReset, lookOf(metric.StatusBehind).ansi + "behind" + ansiReset, `a|b\n# x`} {
		if !strings.Contains(out, want) {
			t.Errorf("table: no %q in\n%s", want, out)
		}
	}
	b.Reset()
	if err := writeTable(&b, formatMarkdown, []string{"Goal", "Status"}, rows); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(b.String(), "\n"); lines != 4 {
		t.Errorf("Markdown: %d lines, want header, rule and two rows:\n%s", lines, b.String())
	}
	if !strings.Contains(b.String(), `a\|b\n# x`) {
		t.Errorf("Markdown: the pipe and newline are not escaped:\n%s", b.String())
	}
	// CSV keeps the exact value.
	b.Reset()
	if err := writeTable(&b, formatCSV, []string{"Goal", "Status"}, rows); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\x1b[31mbehind\x1b[0m") {
		t.Errorf("CSV changed a value:\n%q", b.String())
	}
}

// TestCSVSafe: only a cell a spreadsheet could run as a formula gets the
// guarding quote; numbers and the signed targets salesgoal writes are
// values, kept as typed for machine readers.
func TestCSVSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Churn -3pp", "Churn -3pp"},
		{"-3.5", "-3.5"},
		{"+5pp", "+5pp"},
		{"-3pp", "-3pp"},
		{"-10%", "-10%"},
		{"+9.5%", "+9.5%"},
		{"=SUM(A1)", "'=SUM(A1)"},
		{"@cmd", "'@cmd"},
		{"+5pp+cmd|' /C calc'!A0", "'+5pp+cmd|' /C calc'!A0"},
		{"-2+3+cmd", "'-2+3+cmd"},
		{"-5pp of x", "'-5pp of x"},
		{"+pp", "'+pp"},
		{"\tx", "'\tx"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := csvSafe(tt.in); got != tt.want {
			t.Errorf("csvSafe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
