package crm

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// parseMoneyFields is ParseMoney as it was written before it stopped
// allocating: the integer part split with strings.FieldsFunc and joined
// again. FuzzParseMoneySame checks the two read every input alike.
func parseMoneyFields(s string, decimalComma bool) (int64, error) {
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
	if strings.HasSuffix(s, "-") {
		s, n2 = strings.TrimSpace(s[:len(s)-1]), !n2
	}
	neg = neg != n1 != n2
	intPart, frac, err := splitNumberFields(s, decimalComma)
	if err != nil {
		return 0, fmt.Errorf("%q is not an amount: %w", orig, err)
	}
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

func splitNumberFields(s string, decimalComma bool) (intPart, frac string, err error) {
	if s == "" {
		return "", "", errors.New("no digits")
	}
	dec, group := byte('.'), byte(',')
	if decimalComma {
		dec, group = ',', '.'
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

// ParseMoney reads every amount as the FieldsFunc version did: the same
// value, or the same message.
func FuzzParseMoneySame(f *testing.F) {
	for _, s := range []string{"1234.5", "1,234.50", "$1,234.50", "€ 1.234,50", "375000.0", "-12", "12,5", "1,,234", ",123",
		"1'234'567.891", "1 234 5", "12,34,567", "1,23", "1.234.567,8", "0001,000", "1,2345", "'", ", .5", "9,999,999,999,999.995",
		"10000000000000.005", "1\u00a0234,50", "12 €", "USD 1.5-", "(1,000)", "1,0x0", "١٢٣", "1,234,5678", ".", "1.", ".5"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, decimalComma bool) {
		got, err := ParseMoney(s, decimalComma)
		want, werr := parseMoneyFields(s, decimalComma)
		if got != want || (err == nil) != (werr == nil) || (err != nil && err.Error() != werr.Error()) {
			t.Fatalf("ParseMoney(%q, %v) = %d, %v; it read as %d, %v", s, decimalComma, got, err, want, werr)
		}
		var dc, wdc *DecimalCommaError
		if errors.As(err, &dc) != errors.As(werr, &wdc) {
			t.Fatalf("ParseMoney(%q, %v): %v, a DecimalCommaError differently from before", s, decimalComma, err)
		}
	})
}

func BenchmarkParseMoney(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range []string{"24193.44", "9435.00", "1,234,567.89", "$ 1'234.5"} {
			if _, err := ParseMoney(s, false); err != nil {
				b.Fatal(err)
			}
		}
	}
}
