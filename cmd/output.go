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

// writeTable writes a header and rows as a table drawn by tablewriter, as a
// Markdown table, or as CSV. Numbers are right-aligned in tables by the
// caller passing align; CSV cells a spreadsheet would run as formulas are
// neutralised.
func writeTable(w io.Writer, f format, header []string, rows [][]string) error {
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
