package crm

import (
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		name     string
		head     string
		encoding string
		want     Shape
		wantErr  string
	}{
		{"plain comma", "id,stage,amount\nD1,Won,10\n", "",
			Shape{Encoding: "utf-8", Delimiter: ','}, ""},
		{"bom and crlf", "\xef\xbb\xbfRecord ID,Deal Stage\r\n1,closedwon\r\n", "",
			Shape{Encoding: "utf-8", BOM: true, Delimiter: ','}, ""},
		{"utf-8 accents", "id,stage\n1,Negociación\n", "",
			Shape{Encoding: "utf-8", Delimiter: ','}, ""},
		{"windows-1252 é", "Id,Name,StageName\n1,Caf\xe9,Closed Won\n", "",
			Shape{Encoding: "windows-1252", Delimiter: ','}, ""},
		{"windows-1252 euro", "id,amount\n1,\x80 12\n", "",
			Shape{Encoding: "windows-1252", Delimiter: ','}, ""},
		{"forced latin1", "id,name\n1,plain\n", "latin1",
			Shape{Encoding: "windows-1252", Delimiter: ','}, ""},
		{"forced cp1252", "id,name\n", "CP1252",
			Shape{Encoding: "windows-1252", Delimiter: ','}, ""},
		{"forced utf-8 over bad bytes", "id,name\n1,Caf\xe9\n", "UTF-8",
			Shape{Encoding: "utf-8", Delimiter: ','}, ""},
		{"rune cut by the end of the head", "id,name\n1,Negociaci\xc3", "",
			Shape{Encoding: "utf-8", Delimiter: ','}, ""},
		{"semicolon", "Date;Offline_Spend;Online_Spend\r\n1/1/2019;4500;2424.5\r\n1/2/2019;4500;3480.36\r\n", "",
			Shape{Encoding: "utf-8", Delimiter: ';'}, ""},
		{"semicolon decimal comma", "id;stage;amount\n1;Won;1.234,50\n2;Lost;12,5\n3;Open;300\n", "",
			Shape{Encoding: "utf-8", Delimiter: ';', DecimalComma: true}, ""},
		{"semicolon euro decimal comma", "id;amount\n1;€ 1.234,50\n", "",
			Shape{Encoding: "utf-8", Delimiter: ';', DecimalComma: true}, ""},
		{"semicolon with quoted decimal commas", "\"id\";\"amount\"\n\"1\";\"-3,75\"\n", "",
			Shape{Encoding: "utf-8", Delimiter: ';', DecimalComma: true}, ""},
		{"semicolon with both is not decimal comma", "id;a;b\n1;12,5;2424.5\n", "",
			Shape{Encoding: "utf-8", Delimiter: ';'}, ""},
		{"semicolon with three decimals proves nothing", "id;amount\n1;1,234\n", "",
			Shape{Encoding: "utf-8", Delimiter: ';'}, ""},
		{"dotted dates are not decimal points", "id;date;amount\n1;31.01.2027;12,50\n", "",
			Shape{Encoding: "utf-8", Delimiter: ';', DecimalComma: true}, ""},
		{"comma file never decimal comma", "id,amount\n1,\"12,5\"\n", "",
			Shape{Encoding: "utf-8", Delimiter: ','}, ""},
		{"tab", "id\tstage\tamount\n1\tWon\t10,5\n", "",
			Shape{Encoding: "utf-8", Delimiter: '\t', DecimalComma: true}, ""},
		{"quoted commas do not count", "\"id\";\"name\"\n\"1\";\"Smith, Jones; and Co\"\n\"2\";\"x\"\n", "",
			Shape{Encoding: "utf-8", Delimiter: ';'}, ""},
		{"commas in a semicolon header's names", "Name, first;Name, last;Amount\nA;B;1\nC;D;2\n", "",
			Shape{Encoding: "utf-8", Delimiter: ';'}, ""},
		{"comma file with semicolons in text", "id,note\n1,a;b\n2,c\n3,d\n", "",
			Shape{Encoding: "utf-8", Delimiter: ','}, ""},
		{"one column", "id\n1\n", "",
			Shape{Encoding: "utf-8", Delimiter: ','}, ""},
		{"empty", "", "",
			Shape{Encoding: "utf-8", Delimiter: ','}, ""},
		{"unknown encoding", "id\n", "ebcdic", Shape{}, `unknown encoding "ebcdic": use utf-8 or windows-1252`},
		{"utf-16", "\xff\xfei\x00d\x00", "", Shape{}, "UTF-16"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Sniff([]byte(tt.head), tt.encoding)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Sniff err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Sniff (-want +got):\n%s", diff)
			}
		})
	}
}

// readAll sniffs b, then reads it with encoding/csv as the importer does.
func readAll(t *testing.T, b []byte, r io.Reader) [][]string {
	t.Helper()
	s, err := Sniff(b, "")
	if err != nil {
		t.Fatal(err)
	}
	cr := csv.NewReader(s.Reader(r))
	cr.Comma = s.Delimiter
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestShapeReader(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want [][]string
	}{
		{"bom is removed from the first header",
			"\xef\xbb\xbfRecord ID,Deal Stage\n1,closedwon\n",
			[][]string{{"Record ID", "Deal Stage"}, {"1", "closedwon"}}},
		{"crlf and every field quoted",
			"\"Opportunity Name\",\"Amount\"\r\n\"Acme, Inc.\",\"1,234.50\"\r\n\"Two\r\nlines\",\"3\"\r\n",
			[][]string{{"Opportunity Name", "Amount"}, {"Acme, Inc.", "1,234.50"}, {"Two\nlines", "3"}}},
		{"windows-1252 becomes utf-8",
			"Id,Name,Amount\r\n1,Caf\xe9 M\xfcller,\x80 12\r\n",
			[][]string{{"Id", "Name", "Amount"}, {"1", "Café Müller", "€ 12"}}},
		{"semicolon with bom and crlf",
			"\xef\xbb\xbfDate;Spend;Channel\r\n1/1/2019;4500;TV\r\n",
			[][]string{{"Date", "Spend", "Channel"}, {"1/1/2019", "4500", "TV"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := []byte(tt.in)
			got := readAll(t, b, bytes.NewReader(b))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("records (-want +got):\n%s", diff)
			}
			// One byte at a time: the BOM and the decoder must not depend
			// on how the reads fall.
			got = readAll(t, b, iotest.OneByteReader(bytes.NewReader(b)))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("records read a byte at a time (-want +got):\n%s", diff)
			}
		})
	}
}

func TestShapeReaderNoBOMIsUntouched(t *testing.T) {
	in := "\xef\xbbX"
	got, err := io.ReadAll(Shape{Encoding: "utf-8"}.Reader(strings.NewReader(in)))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != in {
		t.Errorf("Reader changed %q into %q", in, got)
	}
}

func TestSalesforceReportEndToEnd(t *testing.T) {
	// A Salesforce report export as it comes: every value quoted, CRLF, a
	// blank line and the footer after the data.
	in := "\"Opportunity Owner\",\"Account Name\",\"Opportunity ID\",\"Opportunity Name\",\"Stage\",\"Amount\",\"Close Date\",\"Created Date\",\"Type\"\r\n" +
		"\"Ana Ruiz\",\"Acme\",\"006A\",\"Acme renewal\",\"Closed Won\",\"$1,234.50\",\"1/31/2027\",\"12/1/2026\",\"Existing Customer - Upgrade\"\r\n" +
		"\"Ana Ruiz\",\"Globex\",\"006B\",\"Globex new\",\"Prospecting\",\"$500.00\",\"2/28/2027\",\"1/13/2027\",\"New Customer\"\r\n" +
		"\r\n" +
		"\"Grand Totals (2 records)\"\r\n" +
		"\"\"\r\n" +
		"\"Confidential Information - Do Not Distribute\"\r\n" +
		"\"Copyright (c) 2000-2027 salesforce.com, inc. All rights reserved.\"\r\n"
	b := []byte(in)
	recs := readAll(t, b, bytes.NewReader(b))
	c, err := MapColumns(recs[0], "", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Preset, "salesforce"; got != want {
		t.Errorf("Preset = %q, want %q", got, want)
	}
	var det DateOrderDetector
	var rows [][]string
	for _, r := range recs[1:] {
		if IsFooter(r) {
			continue
		}
		rows = append(rows, r)
		for _, f := range []string{"created_at", "closed_at"} {
			v, _ := c.Field(r, f)
			det.Add(v)
		}
	}
	orders, err := det.Orders()
	if err != nil {
		t.Fatal(err)
	}
	dp := DateParser{Detected: orders}
	var got []string
	for _, r := range rows {
		id, _ := c.Field(r, "id")
		label, _ := c.Field(r, "stage")
		stage, err := StageRules{}.Stage(label, Flags{Won: c.Flag(r, "won"), Closed: c.Flag(r, "closed"), Status: c.Flag(r, "status")})
		if err != nil {
			t.Fatal(err)
		}
		a, _ := c.Field(r, "amount")
		amount, err := ParseMoney(a, false)
		if err != nil {
			t.Fatal(err)
		}
		cl, _ := c.Field(r, "closed_at")
		closed, err := dp.Parse(cl)
		if err != nil {
			t.Fatal(err)
		}
		ty, _ := c.Field(r, "type")
		typ, err := ParseType(ty)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, strings.Join([]string{id, stage, typ, closed, strconv.FormatInt(amount, 10)}, " "))
	}
	want := []string{"006A won upsell 2027-01-31 123450", "006B open new 2027-02-28 50000"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}
