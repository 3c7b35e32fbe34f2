package crm

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// MaxMoney bounds an amount (or a cost, or spend) in minor units,
// 10,000,000,000,000.00: the one limit that keeps every sum salesgoal
// prints exact (row.MaxMoney; the import also keeps each currency's sums
// within it; docs/import.md, "Why amounts have a limit").
const MaxMoney = row.MaxMoney

// tooLarge is the error of an amount beyond MaxMoney.
func tooLarge(orig string) error {
	return fmt.Errorf("%q is too large an amount: at most %s, so that every sum salesgoal prints is exact", orig, row.FormatMoney(MaxMoney))
}

// ParseMoney parses an amount into integer minor units (cents): "1234.5",
// "1,234.50", "$1,234.50", "USD 1234", "(12.00)", "€ 1.234,50" (with
// decimalComma), "375000.0", "-12". A currency symbol or three-letter code
// may come before or after the number; spaces, non-breaking spaces and
// apostrophes group thousands. More than two decimals are rounded half away
// from zero to the cent, exactly (no float). Thousands separators must come
// every three digits, so "12,5" without decimalComma, which is a
// decimal-comma amount, is an error that says so rather than 125.
// Negative values parse; the caller rejects them.
func ParseMoney(s string, decimalComma bool) (int64, error) {
	orig := s
	s = strings.TrimSpace(strings.Map(normSpace, s))
	if s == "" {
		return 0, errors.New("the amount is empty")
	}
	neg := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg = true
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	s, n1 := stripSign(s)
	s = stripCurrency(s)
	s, n2 := stripSign(s)
	if strings.HasSuffix(s, "-") { // "12.00-", SAP and some ledgers
		s, n2 = strings.TrimSpace(s[:len(s)-1]), !n2
	}
	neg = neg != n1 != n2

	intPart, frac, err := splitNumber(s, decimalComma)
	if err != nil {
		return 0, fmt.Errorf("%q is not an amount: %w", orig, err)
	}
	// cents = int*100 + first two fraction digits, rounded by the third;
	// the integer part's separators are passed over.
	var cents int64
	for i := 0; i < len(intPart); i++ {
		if c := intPart[i]; c >= '0' && c <= '9' {
			cents = cents*10 + int64(c-'0')
			if cents > MaxMoney {
				return 0, tooLarge(orig)
			}
		}
	}
	cents = cents*100 + int64(digitAt(frac, 0))*10 + int64(digitAt(frac, 1))
	if digitAt(frac, 2) >= 5 {
		cents++
	}
	if cents > MaxMoney {
		return 0, tooLarge(orig)
	}
	if neg {
		cents = -cents
	}
	return cents, nil
}

func normSpace(r rune) rune {
	switch r {
	case '\u00a0', '\u202f', '\u2009', '\u2007':
		return ' '
	case '\u2212': // minus sign
		return '-'
	}
	return r
}

func stripSign(s string) (string, bool) {
	switch {
	case strings.HasPrefix(s, "-"):
		return strings.TrimSpace(s[1:]), true
	case strings.HasPrefix(s, "+"):
		return strings.TrimSpace(s[1:]), false
	}
	return s, false
}

// stripCurrency removes one currency marker before or after the number:
// a symbol, possibly after up to three letters ("$", "€", "US$", "R$"), or
// an upper-case three-letter code ("USD", "EUR"). A single stray letter
// ("12,5O") is left for the number check to reject.
func stripCurrency(s string) string {
	i := 0
	for i < len(s) && i < 3 && isLetter(s[i]) {
		i++
	}
	if r, n := utf8.DecodeRuneInString(s[i:]); n > 0 && unicode.Is(unicode.Sc, r) {
		return strings.TrimSpace(s[i+n:])
	}
	if len(s) > 3 && isCode(s[:3]) && !isLetter(s[3]) {
		return strings.TrimSpace(s[3:])
	}
	if r, n := utf8.DecodeLastRuneInString(s); n > 0 && unicode.Is(unicode.Sc, r) {
		return strings.TrimSpace(s[:len(s)-n])
	}
	if len(s) > 3 && isCode(s[len(s)-3:]) && !isLetter(s[len(s)-4]) {
		return strings.TrimSpace(s[:len(s)-3])
	}
	return s
}

// isCode reports whether s is an ISO 4217 style code: three upper-case
// letters ("NaN" and "Inf" are not).
func isCode(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != "NAN" && s != "INF"
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// digitAt is digit i of the fraction digits frac, 0 past their end.
func digitAt(frac string, i int) byte {
	if i < len(frac) {
		return frac[i] - '0'
	}
	return 0
}

// splitNumber checks a bare number and returns its integer part, digits
// in groups that may be parted by separators, and its fraction digits.
func splitNumber(s string, decimalComma bool) (intPart, frac string, err error) {
	body, frac, group, err := splitDecimal(s, decimalComma)
	if err == nil {
		err = checkGroups(s, body, frac, group, decimalComma)
	}
	if err != nil {
		return "", "", err
	}
	return body, frac, nil
}

// splitDecimal splits a bare number at its decimal separator, checks the
// fraction digits, and returns the group separator of the integer part.
func splitDecimal(s string, decimalComma bool) (body, frac string, group byte, err error) {
	if s == "" {
		return "", "", 0, errors.New("no digits")
	}
	dec, group := byte('.'), byte(',')
	if decimalComma {
		dec, group = ',', '.'
		// "375000.0" in a decimal-comma file: a lone point that cannot be
		// grouping (not followed by exactly three digits) is a decimal point.
		if strings.Count(s, ".") == 1 && !strings.Contains(s, ",") {
			if i := strings.IndexByte(s, '.'); len(s)-i-1 != 3 {
				dec, group = '.', ','
			}
		}
	}
	body = s
	if i := strings.IndexByte(s, dec); i >= 0 {
		body, frac = s[:i], s[i+1:]
		if frac == "" && body == "" {
			return "", "", 0, errors.New("no digits")
		}
		for j := 0; j < len(frac); j++ {
			if frac[j] < '0' || frac[j] > '9' {
				return "", "", 0, badChar(s, frac[j], decimalComma)
			}
		}
	}
	return body, frac, group, nil
}

// checkGroups checks the integer part body of the number s: digits in
// groups parted by separators (group, the file's own, spaces and
// apostrophes; empty runs between them aside), every three digits when
// there are several. It reads body in place: a slice of the groups, for
// every amount of a million rows, was a tenth of what an import
// allocated.
func checkGroups(s, body, frac string, group byte, decimalComma bool) error {
	isSep := func(c byte) bool { return c == group || c == ' ' || c == '\'' }
	groups, second, uneven := 0, 0, false
	for i := 0; i < len(body); {
		if isSep(body[i]) {
			i++
			continue
		}
		j := i
		for ; j < len(body) && !isSep(body[j]); j++ {
			if body[j] < '0' || body[j] > '9' {
				return badChar(s, body[j], decimalComma)
			}
		}
		if n := j - i; (groups == 0 && n > 3) || (groups > 0 && n != 3) {
			uneven = true
		}
		if groups++; groups == 2 {
			second = j - i
		}
		i = j
	}
	if groups > 1 && uneven {
		if !decimalComma && group == ',' && groups == 2 && second <= 2 {
			return &DecimalCommaError{}
		}
		return fmt.Errorf("thousands separators are not every three digits")
	}
	if groups == 0 && (body != "" || frac == "") {
		return errors.New("no digits")
	}
	return nil
}

func badChar(s string, c byte, decimalComma bool) error {
	if !decimalComma && (c == '.' || c == ',') && strings.LastIndexByte(s, ',') > strings.LastIndexByte(s, '.') {
		return &DecimalCommaError{}
	}
	if decimalComma && c == ',' {
		return errors.New("it has more than one decimal comma")
	}
	if c == '.' || c == ',' {
		return fmt.Errorf("%q appears after the decimal separator", string(c))
	}
	return errors.New("it is not a number")
}

// ParseDiscount parses a discount percentage 0–100: "10", "10%", "12.5 %",
// "12,5" with decimalComma. "0.1" is 0.1 %, not 10 %: a percentage column
// holds percentages.
func ParseDiscount(s string, decimalComma bool) (float64, error) {
	orig := s
	s = strings.TrimSpace(strings.Map(normSpace, s))
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	if s == "" {
		return 0, fmt.Errorf("%q is not a discount: it is empty", orig)
	}
	if decimalComma {
		s = strings.Replace(s, ",", ".", 1)
	}
	dots := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
		case c == '.':
			dots++
		case c == '-' && i == 0:
		case c == ',' && !decimalComma:
			return 0, fmt.Errorf("%q is not a discount: %w", orig, &DecimalCommaError{Discount: true})
		default:
			return 0, fmt.Errorf("%q is not a discount: it is not a percentage such as 10 or 10%%", orig)
		}
	}
	if dots > 1 {
		return 0, fmt.Errorf("%q is not a discount: it is not a percentage such as 10 or 10%%", orig)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a discount: it is not a percentage such as 10 or 10%%", orig)
	}
	if v < 0 || v > 100 {
		return 0, fmt.Errorf("%q is not a discount: a discount is a percentage from 0 to 100", orig)
	}
	return v + 0, nil // + 0 turns -0 into 0
}

// DecimalCommaError is an amount, or a discount, that reads as written
// with a decimal comma in a file read with a decimal point.
type DecimalCommaError struct{ Discount bool }

func (e *DecimalCommaError) Error() string {
	if e.Discount {
		return "it looks like a decimal comma"
	}
	return "it looks like a decimal-comma amount"
}
