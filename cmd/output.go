package cmd

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
	"github.com/spf13/cobra"
)

// format is how data is written to stdout (--format).
type format string

const (
	formatTable    format = "table"
	formatMarkdown format = "markdown"
	formatCSV      format = "csv"
	formatJSON     format = "json"
	formatHTML     format = "html"
)

// reportFormats are the formats of report: HTML only there, a page to
// read or mail rather than data.
var reportFormats = []format{formatTable, formatMarkdown, formatCSV, formatJSON, formatHTML}

// formatFlag registers --format on c with the formats the command supports.
func formatFlag(c *cobra.Command, f *string, allowed ...format) {
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	c.Flags().StringVar(f, "format", string(formatTable), "output format: "+strings.Join(names, ", "))
	_ = c.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(names, cobra.ShellCompDirectiveNoFileComp))
}

// parseFormat checks --format against what the command supports.
func parseFormat(s string, allowed ...format) (format, error) {
	for _, a := range allowed {
		if string(a) == s {
			return a, nil
		}
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	return "", usagef("--format %q: choose one of %s", s, strings.Join(names, ", "))
}

// writeJSON writes v as indented JSON followed by a newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// tableStyle is how writeTable draws a table on a terminal.
type tableStyle struct {
	width   int         // the widest the table may be; 0: no limit
	fits    []columnFit // the columns that give way to fit width
	color   bool        // colour the cells of a column headed "Status"
	stacked []int       // columns whose cells are stacked: safe already
}

// tableOption sets part of a tableStyle.
type tableOption func(*tableStyle)

// columnFit is how one column gives way when a table is wider than the
// terminal: its cells shortened with "…", or wrapped at spaces onto more
// lines, down to min columns (never narrower than its header).
type columnFit struct {
	col   int
	wrap  bool
	start bool // shortened at its start, "…/reports/deals.csv": a path
	min   int
}

// cut shortens the cells of column col with "…", down to min columns.
func cut(col, min int) columnFit { return columnFit{col: col, min: min} }

// cutStart shortens the cells of column col at their start, so that a
// path keeps its file name: "…/exports/deals.csv".
func cutStart(col, min int) columnFit { return columnFit{col: col, start: true, min: min} }

// wrap wraps the cells of column col at spaces, down to min columns.
func wrap(col, min int) columnFit { return columnFit{col: col, wrap: true, min: min} }

// fitWidth makes the table at most width wide (0: no limit) by giving
// way in the columns cols, the widest first.
func fitWidth(width int, cols ...columnFit) tableOption {
	return func(s *tableStyle) { s.width, s.fits = width, cols }
}

// colorStatus colours the statuses of the column headed "Status".
func colorStatus(on bool) tableOption { return func(s *tableStyle) { s.color = on } }

// stackedCols says that the cells of cols were made by stacked: lines
// made safe one by one, which writeTable leaves as they are.
func stackedCols(cols ...int) tableOption { return func(s *tableStyle) { s.stacked = cols } }

// stacked is a table cell of several lines, each made safe for format f
// here, so that a break between them is the table's own and never the
// data's: lines in a terminal's table, " · " between them in Markdown
// and CSV, whose cells are one line.
func stacked(f format, lines ...string) string {
	out := make([]string, len(lines))
	for i, l := range lines {
		switch f {
		case formatTable:
			out[i] = visible(l)
		case formatMarkdown:
			out[i] = markdownText(l)
		default:
			out[i] = l
		}
	}
	if f == formatTable {
		return strings.Join(out, "\n")
	}
	return strings.Join(out, " · ")
}

// writeTable writes a header and rows as a table drawn by tablewriter, as a
// Markdown table, or as CSV. Every header and cell is made safe for where
// it goes, here and nowhere else: visible escapes on a terminal, Markdown
// escapes in Markdown, the exact value in CSV (cells that a spreadsheet
// would run as formulas neutralised). On a terminal the table is then
// fitted to the width (fitWidth), and statuses coloured, so that
// neither a cut nor a colour can come from the data.
func writeTable(w io.Writer, f format, header []string, rows [][]string, opts ...tableOption) error {
	var st tableStyle
	for _, o := range opts {
		o(&st)
	}
	switch f {
	case formatCSV:
		cw := csv.NewWriter(w)
		if err := cw.Write(header); err != nil {
			return err
		}
		for _, r := range rows {
			safe := make([]string, len(r))
			for i, c := range r {
				safe[i] = csvSafe(c)
			}
			if err := cw.Write(safe); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	case formatMarkdown, formatTable:
		safe := visible
		if f == formatMarkdown {
			safe = markdownText
		}
		header, rows = mapCells(header, rows, safe, st.stacked)
		if f == formatTable {
			if st.width > 0 {
				fitColumns(header, rows, st.width, st.fits)
			}
			if st.color {
				paintColumn(header, rows)
			}
		}
		opts := []tablewriter.Option{
			tablewriter.WithHeaderAutoFormat(tw.Off),
			tablewriter.WithHeaderAlignment(tw.AlignLeft),
			tablewriter.WithRowAlignment(tw.AlignLeft),
			tablewriter.WithRowAutoWrap(tw.WrapNone),
			// A trend's gaps at its start are no-break spaces, which
			// trimming would take away.
			tablewriter.WithTrimSpace(tw.Off),
		}
		if f == formatMarkdown {
			opts = append(opts, tablewriter.WithRenderer(renderer.NewMarkdown()))
		}
		t := tablewriter.NewTable(w, opts...)
		t.Header(toAny(header)...)
		for _, r := range rows {
			if err := t.Append(toAny(r)...); err != nil {
				return err
			}
		}
		return t.Render()
	}
	return fmt.Errorf("format %q has no table form", f)
}

// mapCells returns copies of header and rows with safe applied to each
// cell, but those of the columns skip (stacked cells, safe already).
func mapCells(header []string, rows [][]string, safe func(string) string, skip []int) ([]string, [][]string) {
	h := make([]string, len(header))
	for i, c := range header {
		h[i] = safe(c)
	}
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = make([]string, len(r))
		for j, c := range r {
			if slices.Contains(skip, j) {
				out[i][j] = c
			} else {
				out[i][j] = safe(c)
			}
		}
	}
	return h, out
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// csvSafe prefixes a text cell that a spreadsheet would evaluate as a
// formula (=, +, -, @ at the start) with a single quote. Plain numbers such
// as -3.5 are left alone: they are values, not formulas; so are the
// signed targets salesgoal writes, "+5pp", "-10%", which can call nothing
// and which machine readers need as typed (README, "The report").
func csvSafe(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if isNumber(s) || signedTarget.MatchString(s) {
		return s
	}
	return "'" + s
}

// signedTarget is a relative target as written: a sign, a number, and
// "%" or "pp".
var signedTarget = regexp.MustCompile(`^[+-][0-9]+(\.[0-9]+)?(%|pp)$`)

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}
