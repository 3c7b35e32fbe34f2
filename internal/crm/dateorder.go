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
// decides, for each pattern of date (datePattern), day-first or
// month-first. It keeps counts and one example of each kind per pattern,
// so its memory does not grow with the file.
type DateOrderDetector struct {
	p    [nPatterns]patternEvidence
	seen []datePattern // in the order first met
	at   string        // set by AddAt for the value being added
}

type patternEvidence struct {
	dayFirst, monthFirst, ambiguous string // first example of each
	where                           string // where the ambiguous example is, when AddAt said
	n                               int
}

// Add looks at one date cell; empty, ISO and unreadable values prove
// nothing and are passed over (Parse reports the unreadable ones).
func (d *DateOrderDetector) Add(s string) {
	t := strings.TrimSpace(s)
	pat, ok := patternOf(t)
	if !ok {
		return
	}
	e := &d.p[pat]
	if e.n == 0 {
		d.seen = append(d.seen, pat)
	}
	e.n++
	a, _, rest := leadingNumber(t)
	b, _, _ := leadingNumber(rest)
	x, y := atoi(a), atoi(b)
	switch {
	case x > 12 && y >= 1 && y <= 12:
		if e.dayFirst == "" {
			e.dayFirst = t
		}
	case y > 12 && x >= 1 && x <= 12:
		if e.monthFirst == "" {
			e.monthFirst = t
		}
	case x >= 1 && x <= 12 && y >= 1 && y <= 12 && x != y:
		// 03/03 reads the same either way; 03/04 does not.
		if e.ambiguous == "" {
			e.ambiguous, e.where = t, d.at
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

// Orders returns the order decided for each pattern of the dates added,
// with a short evidence string: day-first or month-first when some value
// of the pattern can only be read one way. It is an error when a
// pattern's values could be either order, or when two values of one
// pattern prove opposite orders; a pattern is never decided by another's
// values.
func (d *DateOrderDetector) Orders() (DateOrders, error) {
	var out DateOrders
	for _, pat := range d.seen {
		e := d.p[pat]
		var po PatternOrder
		switch {
		case e.dayFirst != "" && e.monthFirst != "":
			return DateOrders{}, &ConflictingDates{DayFirst: e.dayFirst, MonthFirst: e.monthFirst}
		case e.dayFirst != "":
			po = PatternOrder{Order: DateDMY, Note: fmt.Sprintf("%q can only be day-first", e.dayFirst)}
		case e.monthFirst != "":
			po = PatternOrder{Order: DateMDY, Note: fmt.Sprintf("%q can only be month-first", e.monthFirst)}
		case e.ambiguous != "":
			return DateOrders{}, &AmbiguousDates{Value: e.ambiguous, Where: e.where, Pattern: pat.String(DateAuto), Others: len(d.seen) > 1}
		default:
			// Only values like 03/03/2017: either order reads them alike.
			po = PatternOrder{Order: DateDMY, Note: "every date reads the same day-first or month-first"}
		}
		po.Pattern = pat.String(po.Order)
		out.byPattern[pat] = po.Order
		out.Patterns = append(out.Patterns, po)
	}
	return out, nil
}

// AmbiguousDates is a file whose dates of one pattern (Pattern, "DD/MM/YYYY
// or MM/DD/YYYY") could all be day-first or month-first, such as Value (at
// Where, when known). Others: the file has dates of other patterns too.
type AmbiguousDates struct {
	Value, Where, Pattern string
	Others                bool
}

func (e *AmbiguousDates) Error() string {
	where := ""
	if e.Where != "" {
		where = " (" + e.Where + ")"
	}
	if e.Others {
		return fmt.Sprintf("dates written %s, such as %q%s, could be day-first or month-first, and none of them has a day after the 12th to tell (the file's other dates are written differently, so they prove nothing about these)", e.Pattern, e.Value, where)
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
// decides, for each pattern of date, whether it is day-first or
// month-first, with a note of the evidence.
func (r *Reader) DetectDateOrder() (DateOrders, error) {
	var det DateOrderDetector
	for {
		_, err := r.NextReadable()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return DateOrders{}, err
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
	orders, err := det.Orders()
	if err != nil {
		return DateOrders{}, &FileError{File: r.opts.File, Err: dateOrderError{err}}
	}
	return orders, nil
}
