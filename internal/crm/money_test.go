package crm

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// checkGroupsFields is checkGroups as it was written before it read the
// integer part in place: split with strings.FieldsFunc, joined again. It
// returns the integer digits, leading zeros trimmed, as ParseMoney read
// them. FuzzCheckGroupsSame checks the two agree on every input.
func checkGroupsFields(s, body, frac string, group byte, decimalComma bool) (string, error) {
	groups := strings.FieldsFunc(body, func(r rune) bool { return r == rune(group) || r == ' ' || r == '\'' })
	for _, g := range groups {
		for j := 0; j < len(g); j++ {
			if g[j] < '0' || g[j] > '9' {
				return "", badChar(s, g[j], decimalComma)
			}
		}
	}
	if len(groups) > 1 {
		for i, g := range groups {
			if (i == 0 && len(g) > 3) || (i > 0 && len(g) != 3) {
				if !decimalComma && group == ',' && len(groups) == 2 && len(groups[1]) <= 2 {
					return "", &DecimalCommaError{}
				}
				return "", fmt.Errorf("thousands separators are not every three digits")
			}
		}
	}
	if strings.Join(groups, "") == "" && body != "" {
		return "", errors.New("no digits")
	}
	if len(groups) == 0 && frac == "" {
		return "", errors.New("no digits")
	}
	return strings.TrimLeft(strings.Join(groups, ""), "0"), nil
}

// digitsOf is the digits of body, leading zeros trimmed.
func digitsOf(body string) string {
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		if c := body[i]; c >= '0' && c <= '9' && (c != '0' || b.Len() > 0) {
			b.WriteByte(c)
		}
	}
	return b.String()
}

func FuzzCheckGroupsSame(f *testing.F) {
	for _, s := range []string{"1234.5", "1,234.50", "$1,234.50", "€ 1.234,50", "375000.0", "-12", "12,5", "1,,234", ",123",
		"1'234'567.891", "1 234 5", "12,34,567", "1,23", "1.234.567,8", "0001,000", "1,2345", "'", ", .5", "9,999,999,999,999.995",
		"1\u00a0234,50", "(1,000)", "1,0x0", "١٢٣", "1,234,5678", ".", "1.", ".5", "12,5O"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, decimalComma bool) {
		body, frac, group, err := splitDecimal(s, decimalComma)
		if err != nil {
			return
		}
		err = checkGroups(s, body, frac, group, decimalComma)
		want, werr := checkGroupsFields(s, body, frac, group, decimalComma)
		if (err == nil) != (werr == nil) || (err != nil && err.Error() != werr.Error()) {
			t.Fatalf("checkGroups(%q, %q): %v; it was %v", s, body, err, werr)
		}
		var dc, wdc *DecimalCommaError
		if errors.As(err, &dc) != errors.As(werr, &wdc) {
			t.Fatalf("checkGroups(%q, %q): %v, a DecimalCommaError differently from before", s, body, err)
		}
		if err == nil && digitsOf(body) != want {
			t.Fatalf("checkGroups(%q): the digits of %q are %q; they were %q", s, body, digitsOf(body), want)
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
