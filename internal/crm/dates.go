package crm

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// DateParser turns a date or date-time cell into ISO "YYYY-MM-DD".
type DateParser struct {
	Order    DateOrder      // for every pattern of date; DateAuto: Detected decides
	Detected DateOrders     // the order of each pattern, worked out from the file
	Loc      *time.Location // the user's time zone (nil = UTC)
}

// orderOf is the order a date with the day or the month first is read in:
// Order, else the one detected for its pattern; DateAuto when neither is
// known.
func (p *DateParser) orderOf(s string) DateOrder {
	if p.Order != DateAuto {
		return p.Order
	}
	if pat, ok := patternOf(s); ok {
		return p.Detected.byPattern[pat]
	}
	return DateAuto
}

// ErrDateOrderUnknown is wrapped by Parse when a non-ISO date meets
// DateAuto or DateYMD.
var ErrDateOrderUnknown = errors.New("the order of day and month is unknown")

// Parse reads a date or date-time cell into ISO "YYYY-MM-DD".
//
// ISO dates and date-times (2027-01-31, 2027-01-31T10:00:00Z, 2027-01-31
// 10:00, with or without seconds, fractions, zone or offset; "2027/01/31"
// too): with a zone the instant is converted to Loc before the date is
// taken, without one the date part is kept as written. With Order mdy or
// dmy: M/D/YYYY, D/M/YYYY, DD-MM-YY, DD.MM.YYYY, with or without a time
// (HH:MM, HH:MM:SS, AM/PM). Two-digit years follow POSIX strptime: 00–68
// are 2000–2068, 69–99 are 1969–1999.
func (p DateParser) Parse(s string) (string, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", errors.New("the date is empty")
	}
	if y, m, d, clock, ok := monthNameDate(t); ok {
		if err := checkDate(y, m, d); err != nil {
			return "", fmt.Errorf("%q is not a date: %w", s, err)
		}
		if clock != "" {
			if err := checkClock(" " + clock); err != nil {
				return "", fmt.Errorf("%q is not a date-time: %w", s, err)
			}
		}
		return fmt.Sprintf("%04d-%02d-%02d", y, m, d), nil
	}
	a, sep, rest := leadingNumber(t)
	if sep == 0 || a == "" {
		return "", fmt.Errorf("%q is not a date: write it as 2027-01-31", s)
	}
	b, sep2, rest2 := leadingNumber(rest)
	if sep2 != sep || b == "" {
		return "", fmt.Errorf("%q is not a date: write it as 2027-01-31", s)
	}
	c, _, _ := leadingNumber(rest2)
	if c == "" {
		return "", fmt.Errorf("%q is not a date: write it as 2027-01-31", s)
	}
	var y, m, d int
	var err error
	if len(a) == 4 {
		y, m, d = atoi(a), atoi(b), atoi(c)
		if len(b) > 2 || len(c) > 2 {
			return "", fmt.Errorf("%q is not a date: write it as 2027-01-31", s)
		}
	} else {
		if len(a) > 2 || len(b) > 2 || (len(c) != 2 && len(c) != 4) {
			return "", fmt.Errorf("%q is not a date: write it as 2027-01-31 or 31/01/2027", s)
		}
		switch p.orderOf(t) {
		case DateMDY:
			m, d = atoi(a), atoi(b)
		case DateDMY:
			d, m = atoi(a), atoi(b)
		default:
			return "", fmt.Errorf("%q: %w", s, ErrDateOrderUnknown)
		}
		y = atoi(c)
		if len(c) == 2 {
			y = twoDigitYear(y)
		}
	}
	if err := checkDate(y, m, d); err != nil {
		return "", fmt.Errorf("%q is not a date: %w", s, err)
	}
	date := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	tail := rest2[len(c):] // what follows the date, its separator included
	if tail == "" {
		return date, nil
	}
	if len(a) == 4 {
		date, err = p.isoTime(y, m, d, tail)
	} else {
		err = checkClock(tail)
	}
	if err != nil {
		return "", fmt.Errorf("%q is not a date-time: %w", s, err)
	}
	return date, nil
}

// monthNameDate reads dates with an English month name, which need no
// day/month order: "31-Jan-2027", "31-Jan-27" (Excel), "31 January 2027",
// "Jan 31, 2027", with an optional time after them.
func monthNameDate(s string) (y, m, d int, clock string, ok bool) {
	if !strings.ContainsFunc(s, unicode.IsLetter) {
		return 0, 0, 0, "", false
	}
	tok := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == ',' || r == '/' || r == '.' })
	if len(tok) < 3 {
		return 0, 0, 0, "", false
	}
	var day, year string
	switch {
	case monthNumber(tok[1]) > 0 && allDigits(tok[0]):
		m, day, year = monthNumber(tok[1]), tok[0], tok[2]
	case monthNumber(tok[0]) > 0 && allDigits(tok[1]):
		m, day, year = monthNumber(tok[0]), tok[1], tok[2]
	default:
		return 0, 0, 0, "", false
	}
	if len(day) > 2 || !allDigits(year) || (len(year) != 2 && len(year) != 4) {
		return 0, 0, 0, "", false
	}
	y, d = atoi(year), atoi(day)
	if len(year) == 2 {
		y = twoDigitYear(y)
	}
	return y, m, d, strings.Join(tok[3:], " "), true
}

// monthNumber reads an English month name or its three-letter abbreviation
// ("Sept" too); 0 when s is none.
func monthNumber(s string) int {
	s = strings.ToLower(s)
	if s == "sept" {
		return 9
	}
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		if s == name || s == name[:3] {
			return int(m)
		}
	}
	return 0
}

// twoDigitYear reads a two-digit year the way POSIX strptime %y does:
// 69–99 are 1969–1999, 00–68 are 2000–2068.
func twoDigitYear(y int) int {
	if y >= 69 {
		return 1900 + y
	}
	return 2000 + y
}

// leadingNumber splits "12/31/2027" into "12", '/', "31/2027". sep is 0
// when no separator follows the digits.
func leadingNumber(s string) (num string, sep byte, rest string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	num = s[:i]
	if i < len(s) && (s[i] == '-' || s[i] == '/' || s[i] == '.') {
		return num, s[i], s[i+1:]
	}
	return num, 0, s[i:]
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func checkDate(y, m, d int) error {
	if y < 1 || y > 9999 {
		return fmt.Errorf("year %d is not 1–9999", y)
	}
	if m < 1 || m > 12 {
		return fmt.Errorf("month %d is not 1–12", m)
	}
	last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if d < 1 || d > last {
		return fmt.Errorf("day %d is not 1–%d in %s %d", d, last, time.Month(m), y)
	}
	return nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
