package store

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxMoney bounds an amount in minor units. 9e15 cents stay exact as a
// float64, so every amount reaches JSON to the cent, and sums of many of
// them stay far from int64's limit.
const MaxMoney int64 = 9e15

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
			return 0, fmt.Errorf("%q is too large an amount (at most %d)", orig, MaxMoney/100)
		}
	}
	frac += "000"
	cents = cents*100 + int64(frac[0]-'0')*10 + int64(frac[1]-'0')
	if frac[2] >= '5' {
		cents++
	}
	if cents > MaxMoney {
		return 0, fmt.Errorf("%q is too large an amount (at most %d)", orig, MaxMoney/100)
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
					return "", "", errors.New("it looks like a decimal-comma amount: pass --decimal-comma")
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
		return errors.New("it looks like a decimal-comma amount: pass --decimal-comma")
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
			return 0, fmt.Errorf("%q is not a discount: it looks like a decimal comma, pass --decimal-comma", orig)
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

// Deal types (DESIGN §1).
const (
	TypeNew       = "new"
	TypeUpsell    = "upsell"
	TypeCrossSell = "cross-sell"
	TypeRenewal   = "renewal"
)

// types maps HeaderKey of a CRM's deal type onto ours. Salesforce's
// "Existing Customer - Replacement" and "- Downgrade" keep an existing
// customer's business without growing it: like a renewal they are neither
// new business nor expansion, so they map to renewal.
var types = map[string]string{
	"new": TypeNew, "newbusiness": TypeNew, "newcustomer": TypeNew, "newdeal": TypeNew, "newlogo": TypeNew, "newsale": TypeNew, "acquisition": TypeNew,
	"upsell": TypeUpsell, "existingbusiness": TypeUpsell, "existingcustomerupgrade": TypeUpsell, "upgrade": TypeUpsell, "expansion": TypeUpsell, "addon": TypeUpsell,
	"crosssell": TypeCrossSell,
	"renewal":   TypeRenewal, "renew": TypeRenewal, "renewals": TypeRenewal, "existingcustomerrenewal": TypeRenewal,
	"existingcustomerreplacement": TypeRenewal, "existingcustomerdowngrade": TypeRenewal, "replacement": TypeRenewal, "downgrade": TypeRenewal,
}

// ParseType maps a deal type onto "new", "upsell", "cross-sell", "renewal",
// or "" for an empty cell.
func ParseType(s string) (string, error) {
	k := HeaderKey(s)
	if k == "" {
		if strings.TrimSpace(s) == "" {
			return "", nil
		}
	} else if t, ok := types[k]; ok {
		return t, nil
	}
	return "", fmt.Errorf("%q is not a deal type: use new, upsell, cross-sell or renewal (also read: New Business, Existing Business, New Customer, Existing Customer - Upgrade/Replacement/Downgrade, Renewal)", s)
}

// Deal stages (DESIGN §1).
const (
	StageWon  = "won"
	StageLost = "lost"
	StageOpen = "open"
)

// StageRules decide a deal's stage: won, lost or open.
type StageRules struct {
	Overrides map[string]string // from --stage LABEL=won|lost|open; keys are HeaderKey(LABEL)
}

// NewStageRules builds rules from the --stage flag values.
func NewStageRules(flags []string) (StageRules, error) {
	r := StageRules{Overrides: map[string]string{}}
	for _, f := range flags {
		label, stage, err := ParseStageFlag(f)
		if err != nil {
			return StageRules{}, err
		}
		r.Overrides[HeaderKey(label)] = stage
	}
	return r, nil
}

// ParseStageFlag parses one --stage value "LABEL=won|lost|open".
func ParseStageFlag(s string) (label, stage string, err error) {
	i := strings.LastIndexByte(s, '=')
	if i < 0 {
		return "", "", fmt.Errorf("--stage %q: write LABEL=won, LABEL=lost or LABEL=open", s)
	}
	label, stage = strings.TrimSpace(s[:i]), strings.ToLower(strings.TrimSpace(s[i+1:]))
	if HeaderKey(label) == "" {
		return "", "", fmt.Errorf("--stage %q: the label before = is empty", s)
	}
	switch stage {
	case StageWon, StageLost, StageOpen:
		return label, stage, nil
	}
	return "", "", fmt.Errorf("--stage %q: %q is not won, lost or open", s, s[i+1:])
}

// wonLabels and lostLabels are stage labels, folded to letters only, that
// mean won or lost in the CRMs and languages we meet; every other label is
// open (DESIGN §1). Digits are dropped so "Closed Won (100%)" still reads.
var wonLabels = setOf("won", "closedwon", "dealwon", "opportunitywon", "win", "wins", "closedwin",
	"ganada", "ganado", "cerradaganada", "cerradoganado", "ganadas", "ganados",
	"gagné", "gagnée", "gagne", "gagnee", "gewonnen", "vinta", "vinto", "chiusavinta", "ganho", "ganha", "fechadoganho", "fechadaganha", "gewonnenabgeschlossen")

var lostLabels = setOf("lost", "closedlost", "deallost", "opportunitylost", "loss",
	"perdida", "perdido", "cerradaperdida", "cerradoperdido", "perdidas", "perdidos",
	"perdu", "perdue", "verloren", "persa", "perso", "chiusapersa", "fechadoperdido", "fechadaperdida", "verlorenabgeschlossen")

func setOf(s ...string) map[string]bool {
	m := make(map[string]bool, len(s))
	for _, x := range s {
		m[x] = true
	}
	return m
}

// Stage returns "won", "lost" or "open" for a deal.
//
// Flags, when present (non-empty), decide: won true → won; won false with
// closed true → lost, with closed false → open; Pipedrive or Close status
// open/won/lost (Close's "active" is open). A won flag that is false with
// no closed flag leaves lost or open to the label, and a label that reads
// as won becomes open: the CRM itself does not count the deal as won.
// Otherwise the label decides: the --stage overrides first, then the
// won and lost labels of DESIGN §1; anything else is open.
func (r StageRules) Stage(label, won, closed, status string) (string, error) {
	if st := HeaderKey(status); st != "" {
		switch st {
		case "won":
			return StageWon, nil
		case "lost":
			return StageLost, nil
		case "open", "active":
			return StageOpen, nil
		}
		// Pipedrive's "deleted" and the like: the label decides, if any.
		if HeaderKey(label) == "" {
			return "", fmt.Errorf("status %q is not open, won or lost", status)
		}
	}
	if strings.TrimSpace(won) != "" {
		w, err := parseFlag(won)
		if err != nil {
			return "", fmt.Errorf("won flag %q: %w", won, err)
		}
		if w {
			return StageWon, nil
		}
		if strings.TrimSpace(closed) != "" {
			c, err := parseFlag(closed)
			if err != nil {
				return "", fmt.Errorf("closed flag %q: %w", closed, err)
			}
			if c {
				return StageLost, nil
			}
			return StageOpen, nil
		}
		s, err := r.labelStage(label)
		if err != nil || s == StageWon {
			return StageOpen, nil
		}
		return s, nil
	}
	if strings.TrimSpace(closed) != "" && HeaderKey(label) == "" {
		c, err := parseFlag(closed)
		if err != nil {
			return "", fmt.Errorf("closed flag %q: %w", closed, err)
		}
		if !c {
			return StageOpen, nil
		}
		return "", errors.New("the deal is closed but neither its stage nor a won flag says whether it was won")
	}
	return r.labelStage(label)
}

func (r StageRules) labelStage(label string) (string, error) {
	k := HeaderKey(label)
	if k == "" {
		return "", errors.New("the stage is empty")
	}
	if s, ok := r.Overrides[k]; ok {
		return s, nil
	}
	letters := strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return -1
		}
		return r
	}, k)
	switch {
	case wonLabels[letters]:
		return StageWon, nil
	case lostLabels[letters]:
		return StageLost, nil
	}
	return StageOpen, nil
}

// parseFlag reads a boolean cell: 1/true/yes/y/t/x or 0/false/no/n/f.
func parseFlag(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "true", "yes", "y", "t", "x", "wahr", "sí", "si", "oui", "ja":
		return true, nil
	case "0", "false", "no", "n", "f", "falsch", "non", "nein":
		return false, nil
	}
	return false, errors.New("is not true or false (1/0, yes/no)")
}

// DateOrder is the order of day and month in non-ISO dates.
type DateOrder string

// The orders --date-format chooses among; DateAuto leaves it to detection.
const (
	DateAuto DateOrder = ""
	DateYMD  DateOrder = "ymd"
	DateMDY  DateOrder = "mdy"
	DateDMY  DateOrder = "dmy"
)

// ParseDateOrder reads --date-format: "ymd", "mdy", "dmy", or a spelled
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

// DateParser turns a date or date-time cell into ISO "YYYY-MM-DD".
type DateParser struct {
	Order DateOrder
	Loc   *time.Location // the user's time zone (nil = UTC)
}

// ErrDateOrderUnknown is wrapped by Parse when a non-ISO date meets
// DateAuto or DateYMD.
var ErrDateOrderUnknown = errors.New("the order of day and month is unknown: pass --date-format dmy or --date-format mdy")

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
		switch p.Order {
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

// isoTime reads the time part after an ISO date. With a zone, the instant
// is converted to p.Loc and that day is returned.
func (p DateParser) isoTime(y, m, d int, tail string) (string, error) {
	date := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	if tail[0] != 'T' && tail[0] != 't' && tail[0] != ' ' {
		return "", errors.New("the time must follow a T or a space")
	}
	clock := strings.TrimSpace(tail[1:])
	// Split a zone off the clock: Z, UTC, GMT, ±HH, ±HHMM, ±HH:MM.
	zone := ""
	if i := strings.IndexAny(clock, "Zz+-"); i >= 0 {
		clock, zone = strings.TrimSpace(clock[:i]), clock[i:]
	} else if f := strings.Fields(clock); len(f) == 2 && (strings.EqualFold(f[1], "UTC") || strings.EqualFold(f[1], "GMT")) {
		clock, zone = f[0], "Z"
	}
	hh, mm, ss, err := parseClock(clock)
	if err != nil {
		return "", err
	}
	if zone == "" {
		return date, nil
	}
	off, err := parseOffset(zone)
	if err != nil {
		return "", err
	}
	loc := p.Loc
	if loc == nil {
		loc = time.UTC
	}
	inst := time.Date(y, time.Month(m), d, hh, mm, ss, 0, time.FixedZone("", off))
	return inst.In(loc).Format("2006-01-02"), nil
}

func parseOffset(z string) (int, error) {
	if z == "Z" || z == "z" || strings.EqualFold(z, "UTC") || strings.EqualFold(z, "GMT") {
		return 0, nil
	}
	sign := 1
	if z[0] == '-' {
		sign = -1
	}
	digits := strings.ReplaceAll(z[1:], ":", "")
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, fmt.Errorf("%q is not a time zone offset such as Z or +01:00", z)
		}
	}
	var h, m int
	switch len(digits) {
	case 2:
		h = atoi(digits)
	case 4:
		h, m = atoi(digits[:2]), atoi(digits[2:])
	default:
		return 0, fmt.Errorf("%q is not a time zone offset such as Z or +01:00", z)
	}
	if h > 14 || m > 59 {
		return 0, fmt.Errorf("%q is not a time zone offset such as Z or +01:00", z)
	}
	return sign * (h*3600 + m*60), nil
}

// checkClock validates the time after a non-ISO date: " 10:00",
// " 10:00:00", " 3:04 PM".
func checkClock(tail string) error {
	// Salesforce's US locale writes "1/31/2027, 10:00 AM".
	if strings.HasPrefix(tail, ", ") {
		tail = tail[1:]
	}
	if tail[0] != ' ' && tail[0] != 'T' {
		return errors.New("the time must follow a space")
	}
	clock := strings.TrimSpace(tail[1:])
	ampm := ""
	if n := len(clock); n >= 2 {
		switch strings.ToUpper(clock[n-2:]) {
		case "AM", "PM":
			ampm = strings.ToUpper(clock[n-2:])
			clock = strings.TrimSpace(clock[:n-2])
		}
	}
	hh, _, _, err := parseClock(clock)
	if err != nil {
		return err
	}
	if ampm != "" && (hh < 1 || hh > 12) {
		return fmt.Errorf("hour %d is not 1–12 with %s", hh, ampm)
	}
	return nil
}

// parseClock reads HH:MM, HH:MM:SS or HH:MM:SS.fff.
func parseClock(s string) (hh, mm, ss int, err error) {
	bad := fmt.Errorf("%q is not a time such as 10:00 or 10:00:00", s)
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, 0, bad
	}
	if len(parts) == 3 {
		if i := strings.IndexAny(parts[2], ".,"); i >= 0 {
			if !allDigits(parts[2][i+1:]) {
				return 0, 0, 0, bad
			}
			parts[2] = parts[2][:i]
		}
	}
	n := make([]int, 3)
	for i, p := range parts {
		if len(p) < 1 || len(p) > 2 || !allDigits(p) {
			return 0, 0, 0, bad
		}
		n[i] = atoi(p)
	}
	if n[0] > 23 || n[1] > 59 || n[2] > 60 {
		return 0, 0, 0, bad
	}
	return n[0], n[1], n[2], nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// DateOrderDetector looks at every non-ISO date value of a file and
// decides day-first or month-first. It keeps counts and one example of
// each kind, so its memory does not grow with the file.
type DateOrderDetector struct {
	dayFirst, monthFirst, ambiguous string // first example of each
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
			d.ambiguous = t
		}
	}
}

// Order returns the detected order and a short evidence string: DateYMD
// when every value was ISO (or there were none), DateDMY or DateMDY when
// some value can only be read one way. It is an error when the values
// could be either order, or when two values prove opposite orders.
func (d *DateOrderDetector) Order() (DateOrder, string, error) {
	switch {
	case d.dayFirst != "" && d.monthFirst != "":
		return "", "", fmt.Errorf("dates disagree: %q can only be day-first but %q can only be month-first: fix the file, or pass --date-format to say which is right", d.dayFirst, d.monthFirst)
	case d.dayFirst != "":
		return DateDMY, fmt.Sprintf("%q can only be day-first", d.dayFirst), nil
	case d.monthFirst != "":
		return DateMDY, fmt.Sprintf("%q can only be month-first", d.monthFirst), nil
	case d.ambiguous != "":
		return "", "", fmt.Errorf("dates such as %q could be day-first or month-first: pass --date-format dmy or --date-format mdy", d.ambiguous)
	case d.nonISO > 0:
		// Only values like 03/03/2017: either order reads them alike.
		return DateDMY, "every date reads the same day-first or month-first", nil
	}
	return DateYMD, "dates are ISO (YYYY-MM-DD)", nil
}
