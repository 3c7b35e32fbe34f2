package cmd

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
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
)

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
	width int  // wrap the first column so the table fits; 0: no limit
	color bool // colour the cells of a column headed "Status"
}

// tableOption sets part of a tableStyle.
type tableOption func(*tableStyle)

// fitWidth wraps the first column so that the table is at most width wide
// (0: no limit).
func fitWidth(width int) tableOption { return func(s *tableStyle) { s.width = width } }

// colorStatus colours the statuses of the column headed "Status".
func colorStatus(on bool) tableOption { return func(s *tableStyle) { s.color = on } }

// writeTable writes a header and rows as a table drawn by tablewriter, as a
// Markdown table, or as CSV. Every header and cell is made safe for where
// it goes, here and nowhere else: visible escapes on a terminal, Markdown
// escapes in Markdown, the exact value in CSV (cells that a spreadsheet
// would run as formulas neutralised). On a terminal the first column is
// then wrapped to fit, and statuses coloured, so that neither a wrap nor a
// colour can come from the data.
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
		header, rows = mapCells(header, rows, safe)
		if f == formatTable {
			if st.width > 0 {
				fitGoalColumn(header, rows, st.width)
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

// mapCells returns copies of header and rows with safe applied to each cell.
func mapCells(header []string, rows [][]string, safe func(string) string) ([]string, [][]string) {
	h := make([]string, len(header))
	for i, c := range header {
		h[i] = safe(c)
	}
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = make([]string, len(r))
		for j, c := range r {
			out[i][j] = safe(c)
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
// as -3.5 are left alone: they are values, not formulas.
func csvSafe(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if isNumber(s) {
		return s
	}
	return "'" + s
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}
