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
	// cents = int*100 + first two fraction digits, rounded by the third.
	var cents int64
	for _, r := range intPart {
		cents = cents*10 + int64(r-'0')
		if cents > MaxMoney {
			return 0, tooLarge(orig)
		}
	}
	frac += "000"
	cents = cents*100 + int64(frac[0]-'0')*10 + int64(frac[1]-'0')
	if frac[2] >= '5' {
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

// splitNumber checks a bare number and returns its integer digits and its
// fraction digits.
func splitNumber(s string, decimalComma bool) (intPart, frac string, err error) {
	if s == "" {
		return "", "", errors.New("no digits")
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
	body := s
	if i := strings.IndexByte(s, dec); i >= 0 {
		body, frac = s[:i], s[i+1:]
		if frac == "" && body == "" {
			return "", "", errors.New("no digits")
		}
		for j := 0; j < len(frac); j++ {
			if frac[j] < '0' || frac[j] > '9' {
				return "", "", badChar(s, frac[j], decimalComma)
			}
		}
	}
	// Group separators: the file's own, plus spaces and apostrophes.
	groups := strings.FieldsFunc(body, func(r rune) bool { return r == rune(group) || r == ' ' || r == '\'' })
	for _, g := range groups {
		for j := 0; j < len(g); j++ {
			if g[j] < '0' || g[j] > '9' {
				return "", "", badChar(s, g[j], decimalComma)
			}
		}
	}
	if len(groups) > 1 {
		for i, g := range groups {
			if (i == 0 && len(g) > 3) || (i > 0 && len(g) != 3) {
				if !decimalComma && group == ',' && len(groups) == 2 && len(groups[1]) <= 2 {
					return "", "", &DecimalCommaError{}
				}
				return "", "", fmt.Errorf("thousands separators are not every three digits")
			}
		}
	}
	if strings.Join(groups, "") == "" && body != "" {
		return "", "", errors.New("no digits")
	}
	intPart = strings.TrimLeft(strings.Join(groups, ""), "0")
	if len(groups) == 0 && frac == "" {
		return "", "", errors.New("no digits")
	}
	return intPart, frac, nil
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
