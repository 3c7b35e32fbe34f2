package cmd

import "strings"

// tableOverhead is what a table drawn by writeTable takes besides its
// cells: "│ cell │ cell │" is one border on the left and, per column, a
// space on each side and a border on the right.
func tableOverhead(columns int) int { return 1 + 3*columns }

// fitColumns makes the table of header and rows at most width wide, as
// writeTable draws it, by narrowing the columns fits names: one column at
// a time, always the widest of them still above its minimum, so that the
// room is shared out rather than taken from one column. A cell of a
// narrowed column is then shortened with "…" or wrapped at spaces. When
// every such column is down to its minimum the table stays wider: the
// callers choose columns that leave enough.
func fitColumns(header []string, rows [][]string, width int, fits []columnFit) {
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = cellWidth(h)
	}
	for _, r := range rows {
		for i, c := range r {
			if i < len(widths) {
				widths[i] = max(widths[i], cellWidth(c))
			}
		}
	}
	total := tableOverhead(len(widths))
	for _, w := range widths {
		total += w
	}
	excess := total - width
	if excess <= 0 {
		return
	}
	limit := append([]int(nil), widths...)
	floor := make([]int, len(fits))
	for i, f := range fits {
		floor[i] = max(f.min, textWidth(header[f.col]), 1)
	}
	for ; excess > 0; excess-- {
		widest := -1
		for i, f := range fits {
			if limit[f.col] > floor[i] && (widest < 0 || limit[f.col] > limit[fits[widest].col]) {
				widest = i
			}
		}
		if widest < 0 {
			break
		}
		limit[fits[widest].col]--
	}
	for _, f := range fits {
		if limit[f.col] == widths[f.col] {
			continue
		}
		for _, r := range rows {
			if f.col >= len(r) {
				continue
			}
			lines := strings.Split(r[f.col], "\n")
			for i, l := range lines {
				switch {
				case f.wrap:
					lines[i] = wrapWords(l, limit[f.col])
				case f.start:
					lines[i] = shortenStart(l, limit[f.col])
				default:
					lines[i] = shorten(l, limit[f.col])
				}
			}
			r[f.col] = strings.Join(lines, "\n")
		}
	}
}

// cellWidth is the width of a cell's widest line.
func cellWidth(c string) int {
	w := 0
	for line := range strings.SplitSeq(c, "\n") {
		w = max(w, textWidth(line))
	}
	return w
}
