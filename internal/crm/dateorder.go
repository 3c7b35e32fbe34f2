package crm

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// DateOrder is the order of day and month in non-ISO dates.
type DateOrder string

// The orders a user chooses among; DateAuto leaves it to detection.
const (
	DateAuto DateOrder = ""
	DateYMD  DateOrder = "ymd"
	DateMDY  DateOrder = "mdy"
	DateDMY  DateOrder = "dmy"
)

// ParseDateOrder reads a date order: "ymd", "mdy", "dmy", or a spelled
// form such as "YYYY-MM-DD", "MM/DD/YYYY", "M/D/YYYY", "DD/MM/YYYY",
// "DD-MM-YY", "D/M/YYYY", "%d/%m/%Y"; also "iso" (ymd), "us" (mdy), "eu"
// and "uk" (dmy).
func ParseDateOrder(s string) (DateOrder, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	switch k {
	case "":
		return DateAuto, nil
	case "iso":
		return DateYMD, nil
	case "us":
		return DateMDY, nil
	case "eu", "uk":
		return DateDMY, nil
	}
	// Keep the letters y, m, d in order of appearance, each once.
	var b []byte
	for i := 0; i < len(k); i++ {
		c := k[i]
		switch c {
		case 'y', 'm', 'd':
			if bytesIndex(b, c) < 0 {
				b = append(b, c)
			}
		case '/', '-', '.', ' ', '%':
		default:
			b = nil
			i = len(k)
		}
	}
	switch DateOrder(b) {
	case DateYMD, DateMDY, DateDMY:
		return DateOrder(b), nil
	}
	return "", fmt.Errorf("unknown date format %q: use dmy (31/01/2027), mdy (01/31/2027) or ymd (2027-01-31)", s)
}

func bytesIndex(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// DateOrderDetector looks at every non-ISO date value of a file and
// decides day-first or month-first. It keeps counts and one example of
// each kind, so its memory does not grow with the file.
type DateOrderDetector struct {
	dayFirst, monthFirst, ambiguous string // first example of each
	where                           string // where the ambiguous example is, when AddAt said
	at                              string // set by AddAt for the value being added
	nonISO                          int
}

// Add looks at one date cell; empty, ISO and unreadable values prove
// nothing and are passed over (Parse reports the unreadable ones).
func (d *DateOrderDetector) Add(s string) {
	t := strings.TrimSpace(s)
	a, sep, rest := leadingNumber(t)
	if sep == 0 || len(a) == 0 || len(a) > 2 {
		return
	}
	b, sep2, _ := leadingNumber(rest)
	if sep2 != sep || len(b) == 0 || len(b) > 2 {
		return
	}
	d.nonISO++
	x, y := atoi(a), atoi(b)
	switch {
	case x > 12 && y >= 1 && y <= 12:
		if d.dayFirst == "" {
			d.dayFirst = t
		}
	case y > 12 && x >= 1 && x <= 12:
		if d.monthFirst == "" {
			d.monthFirst = t
		}
	case x >= 1 && x <= 12 && y >= 1 && y <= 12 && x != y:
		// 03/03 reads the same either way; 03/04 does not.
		if d.ambiguous == "" {
			d.ambiguous, d.where = t, d.at
		}
	}
}

// AddAt is Add for a value found at where (`line 14, column "Close Date"`),
// which the message about an ambiguous file then names.
func (d *DateOrderDetector) AddAt(s, where string) {
	d.at = where
	d.Add(s)
	d.at = ""
}

// Order returns the detected order and a short evidence string: DateYMD
// when every value was ISO (or there were none), DateDMY or DateMDY when
// some value can only be read one way. It is an error when the values
// could be either order, or when two values prove opposite orders.
func (d *DateOrderDetector) Order() (DateOrder, string, error) {
	switch {
	case d.dayFirst != "" && d.monthFirst != "":
		return "", "", &ConflictingDates{DayFirst: d.dayFirst, MonthFirst: d.monthFirst}
	case d.dayFirst != "":
		return DateDMY, fmt.Sprintf("%q can only be day-first", d.dayFirst), nil
	case d.monthFirst != "":
		return DateMDY, fmt.Sprintf("%q can only be month-first", d.monthFirst), nil
	case d.ambiguous != "":
		return "", "", &AmbiguousDates{Value: d.ambiguous, Where: d.where}
	case d.nonISO > 0:
		// Only values like 03/03/2017: either order reads them alike.
		return DateDMY, "every date reads the same day-first or month-first", nil
	}
	return DateYMD, "dates are ISO (YYYY-MM-DD)", nil
}

// AmbiguousDates is a file whose dates could all be day-first or
// month-first, such as Value (at Where, when known).
type AmbiguousDates struct{ Value, Where string }

func (e *AmbiguousDates) Error() string {
	where := ""
	if e.Where != "" {
		where = " (" + e.Where + ")"
	}
	return fmt.Sprintf("dates such as %q%s could be day-first or month-first, and no date in the file has a day after the 12th to tell", e.Value, where)
}

// ConflictingDates is a file with a date that can only be day-first and
// another that can only be month-first.
type ConflictingDates struct{ DayFirst, MonthFirst string }

func (e *ConflictingDates) Error() string {
	return fmt.Sprintf("dates disagree: %q can only be day-first but %q can only be month-first", e.DayFirst, e.MonthFirst)
}

// DetectDateOrder reads the date columns of the rest of the file and
// decides whether its dates are day-first or month-first, with a note of
// the evidence.
func (r *Reader) DetectDateOrder() (DateOrder, string, error) {
	var det DateOrderDetector
	for {
		_, err := r.NextReadable()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", "", err
		}
		for _, f := range dateFields {
			for _, i := range append([]int{r.at[f]}, r.alt[f]...) {
				if i >= 0 && needsOrder(r.rec[i]) {
					line, _ := r.cr.FieldPos(i)
					det.AddAt(trim(r.rec[i]), fmt.Sprintf("line %d, column %q", line, r.header[i]))
				}
			}
			if r.at[f] == constColumn && needsOrder(r.consts[f]) {
				det.Add(r.consts[f])
			}
		}
	}
	order, note, err := det.Order()
	if err != nil {
		return "", "", &FileError{File: r.opts.File, Err: dateOrderError{err}}
	}
	return order, note, nil
}
