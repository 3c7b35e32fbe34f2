package crm

import "strings"

// A datePattern is how a date with the day or the month first is
// written: its separator and the width of its year ("31/01/2027" and
// "1/31/2027" are one pattern, "31-01-27" another). A file may mix
// patterns, each from its own source (docs/import.md, "Dates"), so the
// order of day and month is decided per pattern. The widths of day and
// month do not make a pattern: "1/5/2027" and "12/25/2027" are one
// M/D/YYYY.
type datePattern uint8

// nPatterns is the number of patterns: three separators, two year widths.
const nPatterns = 6

// patternOf returns the pattern of a date with the day or the month first,
// and false for any other value.
func patternOf(s string) (datePattern, bool) {
	a, sep, rest := leadingNumber(s)
	if sep == 0 || len(a) == 0 || len(a) > 2 {
		return 0, false
	}
	b, sep2, rest2 := leadingNumber(rest)
	if sep2 != sep || len(b) == 0 || len(b) > 2 {
		return 0, false
	}
	c, _, _ := leadingNumber(rest2)
	if len(c) != 2 && len(c) != 4 {
		return 0, false
	}
	p := datePattern(strings.IndexByte("/-.", sep) * 2)
	if len(c) == 4 {
		p++
	}
	return p, true
}

// String writes the pattern with the given order: "DD/MM/YYYY",
// "MM-DD-YY"; with no order, both ("DD/MM/YYYY or MM/DD/YYYY").
func (p datePattern) String(o DateOrder) string {
	sep := string("/-."[p/2])
	year := "YY"
	if p%2 == 1 {
		year = "YYYY"
	}
	dmy, mdy := "DD"+sep+"MM"+sep+year, "MM"+sep+"DD"+sep+year
	switch o {
	case DateDMY:
		return dmy
	case DateMDY:
		return mdy
	}
	return dmy + " or " + mdy
}

// DateOrders is the order of day and month decided for each pattern of
// date a file holds (datePattern), with the evidence, for the summary.
type DateOrders struct {
	byPattern [nPatterns]DateOrder
	Patterns  []PatternOrder // in the order the patterns were first met
}

// PatternOrder is the order decided for one pattern of date: Pattern as
// it is written ("DD/MM/YYYY"), Order, and Note, the evidence.
type PatternOrder struct {
	Pattern string
	Order   DateOrder
	Note    string
}

// Single returns the one order and its evidence (the first pattern's)
// when the file's dates are all ISO (DateYMD) or every pattern has the
// same order; false when patterns are read in different orders.
func (o DateOrders) Single() (DateOrder, string, bool) {
	if len(o.Patterns) == 0 {
		return DateYMD, "dates are ISO (YYYY-MM-DD)", true
	}
	for _, p := range o.Patterns[1:] {
		if p.Order != o.Patterns[0].Order {
			return "", "", false
		}
	}
	return o.Patterns[0].Order, o.Patterns[0].Note, true
}
