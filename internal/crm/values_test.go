package crm

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		name         string
		in           string
		decimalComma bool
		want         int64
		wantErr      string // substring; "" for success
	}{
		{"plain", "1234.5", false, 123450, ""},
		{"grouped", "1,234.50", false, 123450, ""},
		{"dollar", "$1,234.50", false, 123450, ""},
		{"euro decimal comma", "€ 1.234,50", true, 123450, ""},
		{"euro after", "1.234,50 €", true, 123450, ""},
		{"decimal comma plain", "12,5", true, 1250, ""},
		{"hubspot float", "375000.0", false, 37500000, ""},
		{"hubspot float in a decimal-comma file", "375000.0", true, 37500000, ""},
		{"grouping point in a decimal-comma file", "1.234", true, 123400, ""},
		{"integer", "375000", false, 37500000, ""},
		{"negative", "-12", false, -1200, ""},
		{"negative zero", "-0", false, 0, ""},
		{"negative after symbol", "$-12.00", false, -1200, ""},
		{"accounting negative", "(1,234.50)", false, -123450, ""},
		{"trailing minus", "12.00-", false, -1200, ""},
		{"plus", "+7", false, 700, ""},
		{"iso code before", "USD 1234.56", false, 123456, ""},
		{"iso code after", "1234.56 EUR", false, 123456, ""},
		{"iso code glued", "EUR1234", false, 123400, ""},
		{"pound", "£99.99", false, 9999, ""},
		{"us dollar prefix", "US$ 1,000", false, 100000, ""},
		{"brazilian real", "R$ 1.234,56", true, 123456, ""},
		{"lower-case word is no code", "12 abc", false, 0, "not an amount"},
		{"spaces", "  42  ", false, 4200, ""},
		{"non-breaking space grouping", "1\u00a0234,50", true, 123450, ""},
		{"swiss apostrophe", "1'234.50", false, 123450, ""},
		{"leading point", ".5", false, 50, ""},
		{"trailing point", "5.", false, 500, ""},
		{"round half up", "0.125", false, 13, ""},
		{"round down", "0.124", false, 12, ""},
		{"round half away from zero negative", "-0.125", false, -13, ""},
		{"round exactly, no float", "1.005", false, 101, ""},
		{"many decimals", "2.99999", false, 300, ""},
		{"leading zeros", "007.10", false, 710, ""},
		{"largest", "10,000,000,000,000.00", false, 10_000_000_000_000_00, ""},
		{"largest negative", "-10000000000000", false, -10_000_000_000_000_00, ""},
		{"a large yen deal", "¥ 1,234,567,890,123", false, 1_234_567_890_123_00, ""},
		{"too large", "10000000000000.01", false, 0, "too large an amount: at most 10,000,000,000,000.00, so that every sum salesgoal prints is exact"},
		{"too large rounded up", "10000000000000.005", false, 0, "too large"},
		{"far too large", "99999999999999999999999", false, 0, "too large"},
		{"exponent", "1e308", false, 0, `"1e308" is not an amount`},
		{"exponent small", "1E2", false, 0, "not an amount"},
		{"NaN", "NaN", false, 0, `"NaN" is not an amount`},
		{"Inf", "Inf", false, 0, "not an amount"},
		{"minus Inf", "-Inf", false, 0, "not an amount"},
		{"letter O for zero", "12,5O", false, 0, `"12,5O" is not an amount`},
		{"letter O for zero, decimal comma", "12,5O", true, 0, "not an amount"},
		{"decimal comma without the flag", "1.234,50", false, 0, "it looks like a decimal"},
		{"short decimal comma without the flag", "12,5", false, 0, "it looks like a decimal"},
		{"euro decimal comma without the flag", "€ 1.234,50", false, 0, "it looks like a decimal"},
		{"bad grouping", "1,23,4", false, 0, "every three digits"},
		{"two points", "1.2.3", false, 0, "not an amount"},
		{"two decimal commas", "1,2,3", true, 0, "not an amount"},
		{"empty", "", false, 0, "empty"},
		{"blank", "   ", false, 0, "empty"},
		{"symbol only", "$", false, 0, "not an amount"},
		{"minus only", "-", false, 0, "not an amount"},
		{"words", "twelve", false, 0, "not an amount"},
		{"hex", "0x10", false, 0, "not an amount"},
		{"percent", "10%", false, 0, "not an amount"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseMoney(tt.in, tt.decimalComma)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseMoney(%q, %v) = %d, %v; want an error containing %q", tt.in, tt.decimalComma, got, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseMoney(%q, %v): %v", tt.in, tt.decimalComma, err)
			}
			if got != tt.want {
				t.Errorf("ParseMoney(%q, %v) = %d, want %d", tt.in, tt.decimalComma, got, tt.want)
			}
		})
	}
}

func TestParseDiscount(t *testing.T) {
	tests := []struct {
		name         string
		in           string
		decimalComma bool
		want         float64
		wantErr      string
	}{
		{"integer", "10", false, 10, ""},
		{"percent sign", "10%", false, 10, ""},
		{"spaced percent", "12.5 %", false, 12.5, ""},
		{"decimal comma", "12,5 %", true, 12.5, ""},
		{"zero", "0", false, 0, ""},
		{"negative zero", "-0", false, 0, ""},
		{"hundred", "100", false, 100, ""},
		{"fraction is a percentage", "0.1", false, 0.1, ""},
		{"above hundred", "120", false, 0, "from 0 to 100"},
		{"negative", "-5", false, 0, "from 0 to 100"},
		{"decimal comma without the flag", "12,5", false, 0, "it looks like a decimal"},
		{"NaN", "NaN", false, 0, "not a percentage"},
		{"exponent", "1e2", false, 0, "not a percentage"},
		{"two points", "1.2.3", false, 0, "not a percentage"},
		{"empty", "", false, 0, "empty"},
		{"percent only", "%", false, 0, "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDiscount(tt.in, tt.decimalComma)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseDiscount(%q) = %v, %v; want an error containing %q", tt.in, got, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDiscount(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseDiscount(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseType(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  ", ""},
		{"new", "new"},
		{"newbusiness", "new"},
		{"New Business", "new"},
		{"New Customer", "new"},
		{"existingbusiness", "upsell"},
		{"Existing Business", "upsell"},
		{"Existing Customer - Upgrade", "upsell"},
		{"Existing Customer - Replacement", "renewal"},
		{"Existing Customer - Downgrade", "renewal"},
		{"Renewal", "renewal"},
		{"Cross-sell", "cross-sell"},
		{"Cross Sell", "cross-sell"},
		{"cross-sell", "cross-sell"},
		{"Upsell", "upsell"},
		{"Up-sell", "upsell"},
		{"UPSELL", "upsell"},
		{"Add-On Business", "upsell"},
		{"Existing Customer", "upsell"},
		{"Crosseling", "cross-sell"},
		{"Renovação", "renewal"},
		{"Cliente Novo", "new"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseType(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("ParseType(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	for _, in := range []string{"Partner", "-", "Services", "New Business / Add-on"} {
		t.Run("unknown "+in, func(t *testing.T) {
			_, err := ParseType(in)
			if err == nil || !strings.Contains(err.Error(), "use new, upsell, cross-sell or renewal") {
				t.Errorf("ParseType(%q) err = %v, want the accepted types listed", in, err)
			}
		})
	}
}

func TestTypeRules(t *testing.T) {
	var rules TypeRules
	rules.Add("Services", "upsell")
	rules.Add("new business", "renewal") // the CRM's own meaning comes first
	tests := []struct {
		in, want string
		known    bool
	}{
		{"Services", "upsell", true},
		{"SERVICES", "upsell", true},
		{"New Business", "renewal", true},
		{"Add-On Business", "upsell", true},
		{"", "", true},
		{"Return", "", false},
		{"-", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, known := rules.Type(tt.in)
			if got != tt.want || known != tt.known {
				t.Errorf("Type(%q) = %q, %v; want %q, %v", tt.in, got, known, tt.want, tt.known)
			}
		})
	}
}

func TestStage(t *testing.T) {
	var rules StageRules
	rules.Add("Closed: abandoned", "lost")
	rules.Add("Signed", "won")
	rules.Add("Won", "open")
	var err error
	if err != nil {
		t.Fatal(err)
	}
	plain := StageRules{}
	dynamics := StageRules{Status: map[string]string{"0": "open", "1": "won", "2": "lost"}}
	tests := []struct {
		name                       string
		rules                      StageRules
		label, won, closed, status string
		want, wantErr              string
	}{
		{"closed won", plain, "Closed Won", "", "", "", "won", ""},
		{"hubspot internal", plain, "closedwon", "", "", "", "won", ""},
		{"custom colon", plain, "Closed: won", "", "", "", "won", ""},
		{"won", plain, "Won", "", "", "", "won", ""},
		{"deal won", plain, "Deal Won", "", "", "", "won", ""},
		{"spanish", plain, "Ganada", "", "", "", "won", ""},
		{"with probability", plain, "Closed Won (100%)", "", "", "", "won", ""},
		{"closed lost", plain, "Closed Lost", "", "", "", "lost", ""},
		{"lost", plain, "Lost", "", "", "", "lost", ""},
		{"closed colon lost", plain, "Closed: lost", "", "", "", "lost", ""},
		{"hubspot internal lost", plain, "closedlost", "", "", "", "lost", ""},
		{"spanish lost", plain, "Perdida", "", "", "", "lost", ""},
		{"prospecting", plain, "Prospecting", "", "", "", "open", ""},
		{"negociación", plain, "Negociación", "", "", "", "open", ""},
		{"engaging", plain, "Engaging", "", "", "", "open", ""},
		{"abandoned is open by default", plain, "Closed: abandoned", "", "", "", "open", ""},
		{"won't buy is not won", plain, "Won't buy", "", "", "", "open", ""},
		{"zoho lost to competition", plain, "Closed Lost to Competition", "", "", "", "lost", ""},
		{"lost with a reason", plain, "Lost - no budget", "", "", "", "lost", ""},
		{"won awaiting", plain, "Won - awaiting PO", "", "", "", "won", ""},
		{"vtiger spanish won", plain, "Cerrada-Ganada", "", "", "", "won", ""},
		{"spanish discarded", plain, "Descartada", "", "", "", "lost", ""},
		{"spanish lost by tender", plain, "Perdida por licitación", "", "", "", "lost", ""},
		{"french won", plain, "Gagnée", "", "", "", "won", ""},
		{"french lost", plain, "Perdue", "", "", "", "lost", ""},
		{"german won", plain, "Gewonnen", "", "", "", "won", ""},
		{"german lost", plain, "Verloren", "", "", "", "lost", ""},
		{"italian won", plain, "Vinta", "", "", "", "won", ""},
		{"italian lost", plain, "Persa", "", "", "", "lost", ""},
		{"portuguese won", plain, "Ganho", "", "", "", "won", ""},
		{"portuguese lost", plain, "Perdido", "", "", "", "lost", ""},
		{"dutch won", plain, "Gesloten gewonnen", "", "", "", "won", ""},
		{"dutch lost", plain, "Gesloten verloren", "", "", "", "lost", ""},
		{"lost words are not a prefix of every word", plain, "Lostwithiel visit", "", "", "", "open", ""},
		{"a won word later is no win", plain, "Not won yet", "", "", "", "open", ""},
		{"override lost", rules, "closed: ABANDONED", "", "", "", "lost", ""},
		{"override won", rules, "Signed", "", "", "", "won", ""},
		{"override beats the rules", rules, "Won", "", "", "", "open", ""},
		{"empty label", plain, "", "", "", "", "", "the stage is empty"},
		{"blank label", plain, "  ", "", "", "", "", "the stage is empty"},

		{"won flag true beats label", plain, "Prospecting", "1", "", "", "won", ""},
		{"won flag true word", plain, "", "true", "1", "", "won", ""},
		{"won flag yes", plain, "", "Yes", "", "", "won", ""},
		{"closed and not won is lost", plain, "Closed Won", "0", "1", "", "lost", ""},
		{"not closed is open", plain, "Closed Won", "false", "false", "", "open", ""},
		{"flags beat overrides", rules, "Closed: abandoned", "0", "0", "", "open", ""},
		{"won false, no closed: label says lost", plain, "Closed Lost", "FALSE", "", "", "lost", ""},
		{"won false, no closed: label says won, CRM says not", plain, "Closed: won", "false", "", "", "open", ""},
		{"won false, no closed, no label", plain, "", "false", "", "", "open", ""},
		{"closed false alone is open", plain, "", "", "0", "", "open", ""},
		{"closed true alone cannot tell", plain, "", "", "1", "", "", "whether it was won"},
		{"closed true defers to label", plain, "Closed Lost", "", "1", "", "lost", ""},
		{"bad won flag", plain, "Won", "maybe", "", "", "", `won flag "maybe"`},
		{"bad closed flag", plain, "Won", "0", "perhaps", "", "", `closed flag "perhaps"`},
		{"empty flags fall back to label", plain, "Closed Won", " ", "", "", "won", ""},

		{"pipedrive won", plain, "Negotiation", "", "", "won", "won", ""},
		{"pipedrive lost", plain, "Proposal", "", "", "lost", "lost", ""},
		{"pipedrive open", plain, "", "", "", "open", "open", ""},
		{"pipedrive status beats label", plain, "Closed Won", "", "", "Open", "open", ""},
		{"close active", plain, "", "", "", "active", "open", ""},
		{"copper abandoned", plain, "Negotiation", "", "", "Abandoned", "lost", ""},
		{"dynamics statecode", dynamics, "In Progress", "", "", "1", "won", ""},
		{"dynamics statecode open", dynamics, "", "", "", "0", "open", ""},
		{"pipedrive deleted defers to label", plain, "Closed Lost", "", "", "deleted", "lost", ""},
		{"pipedrive deleted without label", plain, "", "", "", "deleted", "", `status "deleted" is not open, won or lost`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.rules.Stage(tt.label, Flags{Won: tt.won, Closed: tt.closed, Status: tt.status})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Stage = %q, %v; want an error containing %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Stage(%q, %q, %q, %q) = %q, want %q", tt.label, tt.won, tt.closed, tt.status, got, tt.want)
			}
		})
	}
}

// TestStageActive: Odoo archives a lost opportunity (Active false).
func TestStageActive(t *testing.T) {
	tests := []struct {
		label, active, want, wantErr string
	}{
		{"Qualified", "False", "lost", ""},
		{"Won", "False", "won", ""},
		{"Proposition", "True", "open", ""},
		{"Won", "True", "won", ""},
		{"New", "maybe", "", `active flag "maybe"`},
	}
	for _, tt := range tests {
		t.Run(tt.label+" "+tt.active, func(t *testing.T) {
			got, err := StageRules{}.Stage(tt.label, Flags{Active: tt.active})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Stage = %q, %v; want an error containing %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("Stage(%q, active %q) = %q, %v; want %q", tt.label, tt.active, got, err, tt.want)
			}
		})
	}
}

func TestParseDateOrder(t *testing.T) {
	tests := []struct {
		in   string
		want DateOrder
		err  bool
	}{
		{"", DateAuto, false},
		{"ymd", DateYMD, false},
		{"mdy", DateMDY, false},
		{"DMY", DateDMY, false},
		{"YYYY-MM-DD", DateYMD, false},
		{"MM/DD/YYYY", DateMDY, false},
		{"M/D/YYYY", DateMDY, false},
		{"DD/MM/YYYY", DateDMY, false},
		{"DD-MM-YY", DateDMY, false},
		{"D/M/YYYY", DateDMY, false},
		{"DD.MM.YYYY", DateDMY, false},
		{"%d/%m/%Y", DateDMY, false},
		{"iso", DateYMD, false},
		{"us", DateMDY, false},
		{"uk", DateDMY, false},
		{"YYYY-DD", "", true},
		{"dd/mm/yyyy hh:mm", "", true},
		{"european", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDateOrder(tt.in)
			if (err != nil) != tt.err || got != tt.want {
				t.Errorf("ParseDateOrder(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.err)
			}
		})
	}
}

func TestDateParserParse(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	iso := DateParser{}
	mdy := DateParser{Order: DateMDY}
	dmy := DateParser{Order: DateDMY}
	tests := []struct {
		name    string
		p       DateParser
		in      string
		want    string
		wantErr string
	}{
		{"iso", iso, "2027-01-31", "2027-01-31", ""},
		{"iso padded", iso, " 2027-01-31 ", "2027-01-31", ""},
		{"iso single digits", iso, "2027-1-5", "2027-01-05", ""},
		{"iso slashes", iso, "2027/01/31", "2027-01-31", ""},
		{"iso latest", iso, "9999-12-31", "9999-12-31", ""},
		{"leap day", iso, "2028-02-29", "2028-02-29", ""},
		{"iso Z", iso, "2027-01-31T10:00:00Z", "2027-01-31", ""},
		{"hubspot minutes", iso, "2027-01-31 10:00", "2027-01-31", ""},
		{"pipedrive seconds", iso, "2027-01-31 10:00:00", "2027-01-31", ""},
		{"salesforce millis", iso, "2027-01-31T23:30:00.000+0000", "2027-01-31", ""},
		{"no zone keeps the date in any Loc", DateParser{Loc: berlin}, "2027-01-31T23:30:00", "2027-01-31", ""},
		{"Z near midnight moves to the next day in Berlin", DateParser{Loc: berlin}, "2027-01-31T23:30:00Z", "2027-02-01", ""},
		{"Z in summer, Berlin is +2", DateParser{Loc: berlin}, "2027-06-30T22:30:00Z", "2027-07-01", ""},
		{"Z before 22:00 in summer stays", DateParser{Loc: berlin}, "2027-06-30T21:59:59Z", "2027-06-30", ""},
		{"Z moves back a day in New York", DateParser{Loc: newYork}, "2027-02-01T03:00:00Z", "2027-01-31", ""},
		{"offset to UTC", iso, "2027-02-01T00:30:00+01:00", "2027-01-31", ""},
		{"short offset", iso, "2027-02-01T00:30:00+01", "2027-01-31", ""},
		{"negative offset", iso, "2027-01-31T20:00:00-05:00", "2027-02-01", ""},
		{"UTC word", DateParser{Loc: berlin}, "2027-01-31 23:30 UTC", "2027-02-01", ""},
		{"mdy", mdy, "1/31/2027", "2027-01-31", ""},
		{"mdy padded", mdy, "01/31/2027", "2027-01-31", ""},
		{"mdy with time", mdy, "3/1/2017 10:00", "2017-03-01", ""},
		{"mdy with seconds", mdy, "3/1/2017 10:00:00", "2017-03-01", ""},
		{"mdy with pm", mdy, "3/1/2017 3:04 PM", "2017-03-01", ""},
		{"mdy with am seconds", mdy, "3/1/2017 11:04:05 am", "2017-03-01", ""},
		{"dmy", dmy, "31/1/2027", "2027-01-31", ""},
		{"dmy dashes two-digit year", dmy, "20-10-16", "2016-10-20", ""},
		{"dmy dashes four-digit year", dmy, "26-02-2018", "2018-02-26", ""},
		{"dmy dashes with minutes", dmy, "26-02-2018 19:58", "2018-02-26", ""},
		{"dmy dots", dmy, "31.01.2027", "2027-01-31", ""},
		{"two-digit year 68 is 2068", dmy, "01-01-68", "2068-01-01", ""},
		{"two-digit year 69 is 1969", dmy, "01-01-69", "1969-01-01", ""},
		{"two-digit year 00", mdy, "1/1/00", "2000-01-01", ""},
		{"salesforce comma before time", mdy, "1/31/2027, 10:00 AM", "2027-01-31", ""},
		{"excel month name", iso, "31-Jan-27", "2027-01-31", ""},
		{"month name long", iso, "31 January 2027", "2027-01-31", ""},
		{"month name first", iso, "Jan 31, 2027", "2027-01-31", ""},
		{"month name with time", iso, "Sept 1, 2027 10:00 PM", "2027-09-01", ""},
		{"month name invalid day", iso, "31-Feb-2027", "", "day 31 is not 1–28"},
		{"two-digit year 99", mdy, "12/31/99", "1999-12-31", ""},

		{"february 30", iso, "2027-02-30", "", "day 30 is not 1–28 in February 2027"},
		{"not a leap year", iso, "2027-02-29", "", "not a date"},
		{"zero date", iso, "0000-00-00", "", "year 0 is not 1–9999"},
		{"month 13", iso, "2027-13-01", "", "month 13 is not 1–12"},
		{"month 13 dmy", dmy, "01/13/2027", "", "month 13 is not 1–12"},
		{"day 0", iso, "2027-01-00", "", "day 0 is not 1–31"},
		{"mdy reading of a day-first date", mdy, "31/01/2027", "", "month 31 is not 1–12"},
		{"non-iso without an order", iso, "01/02/2027", "", "the order of day and month is unknown"},
		{"non-iso with ymd", DateParser{Order: DateYMD}, "01/02/2027", "", "the order of day and month is unknown"},
		{"empty", iso, "", "", "empty"},
		{"words", iso, "yesterday", "", "not a date"},
		{"unknown month name", iso, "31 Foo 2027", "", "not a date"},
		{"mixed separators", mdy, "1/31-2027", "", "not a date"},
		{"three-digit year", mdy, "1/31/202", "", "not a date"},
		{"long month", iso, "2027-001-31", "", "not a date"},
		{"bad hour", iso, "2027-01-31 25:00", "", "not a time"},
		{"bad minute", iso, "2027-01-31T10:61", "", "not a time"},
		{"hour only", iso, "2027-01-31T10", "", "not a time"},
		{"trailing junk", iso, "2027-01-31x", "", "must follow a T or a space"},
		{"bad offset", iso, "2027-01-31T10:00:00+25:00", "", "time zone offset"},
		{"pm with hour 13", mdy, "3/1/2017 13:00 PM", "", "not 1–12"},
		{"excel serial", iso, "45000", "", "not a date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.p.Parse(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Parse(%q) = %q, %v; want an error containing %q", tt.in, got, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Parse(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDateParserOrderError(t *testing.T) {
	_, err := DateParser{}.Parse("03/04/2017")
	if !errors.Is(err, ErrDateOrderUnknown) {
		t.Errorf("err = %v, want ErrDateOrderUnknown", err)
	}
}

func TestDateOrderDetector(t *testing.T) {
	tests := []struct {
		name     string
		values   []string
		want     DateOrder
		evidence string
		wantErr  string
	}{
		{"none", nil, DateYMD, "dates are ISO (YYYY-MM-DD)", ""},
		{"all ISO", []string{"2017-01-13", "", "2017-03-04 10:00"}, DateYMD, "dates are ISO (YYYY-MM-DD)", ""},
		{"day first proven", []string{"03/04/2017", "13/01/2017", "05/06/2017"}, DateDMY, `"13/01/2017" can only be day-first`, ""},
		{"month first proven", []string{"3/4/2017", "", "1/13/2017 10:00"}, DateMDY, `"1/13/2017 10:00" can only be month-first`, ""},
		{"two-digit years", []string{"01-03-17", "20-10-16"}, DateDMY, `"20-10-16" can only be day-first`, ""},
		{"same either way", []string{"03/03/2017", "12.12.2017"}, DateDMY, "every date reads the same day-first or month-first", ""},
		{"ambiguous", []string{"03/04/2017", "05/06/2017", "2017-01-01"}, "", "", `dates such as "03/04/2017" could be day-first or month-first, and no date in the file has a day after the 12th to tell`},
		{"conflict", []string{"03/04/2017", "13/01/2017", "01/13/2017"}, "", "", `"13/01/2017" can only be day-first but "01/13/2017" can only be month-first`},
		{"impossible values prove nothing", []string{"31/31/2017", "13/01/2017"}, DateDMY, `"13/01/2017" can only be day-first`, ""},
		{"junk is passed over", []string{"n/a", "yesterday", "2/30"}, DateYMD, "dates are ISO (YYYY-MM-DD)", ""},
		{"month names prove nothing", []string{"31-Jan-27", "03/04/2017"}, "", "", `dates such as "03/04/2017"`},
		{"unpadded and padded are one pattern", []string{"1/5/2027", "12/25/2027"}, DateMDY, `"12/25/2027" can only be month-first`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orders, ok := detectOrders(t, tt.values, tt.wantErr)
			if !ok {
				return
			}
			got, evidence, single := orders.Single()
			if !single || got != tt.want || evidence != tt.evidence {
				t.Errorf("Orders().Single() = %q, %q, %v; want %q, %q", got, evidence, single, tt.want, tt.evidence)
			}
		})
	}
}

// detectOrders runs a DateOrderDetector over values and checks its error
// against wantErr; ok says the orders are there to check.
func detectOrders(t *testing.T, values []string, wantErr string) (orders DateOrders, ok bool) {
	t.Helper()
	var d DateOrderDetector
	for _, v := range values {
		d.Add(v)
	}
	orders, err := d.Orders()
	if wantErr != "" {
		if err == nil || !strings.Contains(err.Error(), wantErr) {
			t.Fatalf("Orders() = %v, %v; want an error containing %q", orders, err, wantErr)
		}
		return orders, false
	}
	if err != nil {
		t.Fatal(err)
	}
	return orders, true
}

// TestDateOrderPatterns: a file that mixes patterns of date has the order
// of each decided by its own values (docs/import.md, "Dates").
func TestDateOrderPatterns(t *testing.T) {
	tests := []struct {
		name    string
		values  []string
		want    []PatternOrder
		wantErr string
	}{
		{"slashes day first, dashes month first", []string{"20/03/2023", "08-20-2024", "01/02/2023", "02-03-2024"}, []PatternOrder{
			{"DD/MM/YYYY", DateDMY, `"20/03/2023" can only be day-first`},
			{"MM-DD-YYYY", DateMDY, `"08-20-2024" can only be month-first`}}, ""},
		{"two-digit and four-digit years", []string{"13.01.24", "01.13.2024"}, []PatternOrder{
			{"DD.MM.YY", DateDMY, `"13.01.24" can only be day-first`},
			{"MM.DD.YYYY", DateMDY, `"01.13.2024" can only be month-first`}}, ""},
		{"a pattern ambiguous on its own is refused", []string{"20/03/2023", "03-04-2024"}, nil,
			`dates written DD-MM-YYYY or MM-DD-YYYY, such as "03-04-2024", could be day-first or month-first, and none of them has a day after the 12th to tell`},
		{"a conflict inside a pattern is refused", []string{"20/03/2023", "03/20/2023", "08-20-2024"}, nil,
			`"20/03/2023" can only be day-first but "03/20/2023" can only be month-first`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orders, ok := detectOrders(t, tt.values, tt.wantErr)
			if !ok {
				return
			}
			if diff := cmp.Diff(tt.want, orders.Patterns); diff != "" {
				t.Errorf("patterns (-want +got):\n%s", diff)
			}
			// Each pattern is read in its own order.
			p := DateParser{Detected: orders}
			for _, v := range tt.values {
				if _, err := p.Parse(v); err != nil {
					t.Errorf("Parse(%q): %v", v, err)
				}
			}
			if got, _ := p.Parse("08-20-2024"); len(tt.want) > 1 && tt.want[1].Pattern == "MM-DD-YYYY" && got != "2024-08-20" {
				t.Errorf("Parse(08-20-2024) = %q, want 2024-08-20", got)
			}
		})
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"1234.5", "1,234.50", "$1,234.50", "€ 1.234,50", "375000.0", "-12", "1e308", "NaN", "12,5O", "(1.00)", "R$ 1.234,56", "0.125", "-0", "Infinity", "10000000000000.00", "1 234,5"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, decimalComma bool) {
		v, err := ParseMoney(s, decimalComma)
		if err != nil {
			return
		}
		if v > MaxMoney || v < -MaxMoney {
			t.Fatalf("ParseMoney(%q) = %d, beyond ±%d", s, v, MaxMoney)
		}
		// What was read prints back as a plain amount that reads the same.
		a := v
		sign := ""
		if a < 0 {
			sign, a = "-", -a
		}
		plain := fmt.Sprintf("%s%d.%02d", sign, a/100, a%100)
		if back, err := ParseMoney(plain, false); err != nil || back != v {
			t.Fatalf("ParseMoney(%q) = %d, but %q reads as %d, %v", s, v, plain, back, err)
		}
		// And so does its decimal-comma form, read with decimalComma.
		comma := fmt.Sprintf("%s%d,%02d", sign, a/100, a%100)
		if back, err := ParseMoney(comma, true); err != nil || back != v {
			t.Fatalf("ParseMoney(%q) = %d, but %q reads as %d, %v with a decimal comma", s, v, comma, back, err)
		}
	})
}

func FuzzDateParserParse(f *testing.F) {
	for _, s := range []string{"2027-01-31", "2027-01-31T23:30:00Z", "2027-01-31 10:00", "1/31/2027", "31/01/2027", "20-10-16", "31.01.2027", "0000-00-00", "2027-02-30", "31-Jan-27", "Jan 31, 2027", "3/1/2017 3:04 PM"} {
		f.Add(s, "dmy")
		f.Add(s, "mdy")
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, s, order string) {
		p := DateParser{Order: DateOrder(order)}
		got, err := p.Parse(s)
		if err != nil {
			return
		}
		if _, err := time.Parse("2006-01-02", got); err != nil {
			t.Fatalf("Parse(%q) = %q, not an ISO date: %v", s, got, err)
		}
		if again, err := p.Parse(got); err != nil || again != got {
			t.Fatalf("Parse(%q) = %q, which reads back as %q, %v", s, got, again, err)
		}
		var d DateOrderDetector
		d.Add(s) // must not panic
		_, _ = d.Orders()
	})
}

// TestMaxMoneyPrintsExactly: the limit (row.MaxMoney, on an amount and on
// the sums of a currency's amounts) keeps every sum exact in 64 bits, the
// difference of two such sums (gross margin's amount less cost) too, and
// below 2⁵¹ minor units, where a float64 holds it and rounds back to it
// exactly; the error message names it.
func TestMaxMoneyPrintsExactly(t *testing.T) {
	if MaxMoney >= 1<<51 {
		t.Errorf("MaxMoney = %d, not below 2^51", MaxMoney)
	}
	if 2*MaxMoney > math.MaxInt64/1000 {
		t.Errorf("sums up to %d leave no room in int64", MaxMoney)
	}
	if got, err := ParseMoney("10,000,000,000,000.00", false); err != nil || got != MaxMoney {
		t.Errorf("ParseMoney(10,000,000,000,000.00) = %d, %v; want %d", got, err, MaxMoney)
	}
	for _, c := range []int64{MaxMoney, MaxMoney - 1, MaxMoney - 99, 123_456_789_012_345, 1} {
		if back := int64(math.Round(float64(c) / 100 * 100)); back != c {
			t.Errorf("%d minor units as a float of major units reads back as %d", c, back)
		}
	}
}
