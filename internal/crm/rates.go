package crm

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// Exchange-rate files (docs/metrics.md, "Several currencies"): either long,
// "date,currency,rate" (1 unit of the currency is worth rate units of the
// database's currency), or the European Central Bank's reference rates as
// published: "Date" and one column per currency, each the units of that
// currency per euro, "N/A" where it has none.

// RateFormat is how a rates file is laid out.
type RateFormat string

// The rates files salesgoal reads.
const (
	RatesLong RateFormat = "date,currency,rate lines"
	RatesECB  RateFormat = "the ECB's reference rates"
)

// RatesFile is what reading a rates file found besides its rates.
type RatesFile struct {
	Format   RateFormat
	Problems []*RowError // every line that could not be read, in order
	// Own counts the lines of a long file that give the database's own
	// currency at 1: true, and nothing to keep, so left out; the import
	// says how many, so that no line goes unaccounted.
	Own int
}

// ErrNoBase is the problem of a long rates file when the database's
// currency was never set: its rates are in a currency nobody named.
var ErrNoBase = errors.New("the database's currency is not set")

// ReadRates reads a rates file and calls put with each rate, until the
// first line that cannot be read; it goes on reading to list every such
// line (RatesFile.Problems, and then an error matching ErrInvalidRow). base
// is the database's currency ("" when never set): what a long file's rates
// are in. An error of put stops the reading.
func ReadRates(r io.Reader, name, base string, put func(row.Rate) error) (*RatesFile, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		_, _ = br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err == io.EOF {
		return nil, &FileError{File: name, Err: errors.New("the file is empty: a rates file starts with the header date,currency,rate or, from the ECB, Date,USD,JPY,…")}
	}
	if err != nil {
		return nil, &FileError{File: name, Err: err}
	}
	head = slices.Clone(head) // the reader reuses its record
	f := &RatesFile{}
	var cols []string // the ECB's currencies, by column ("" for none)
	switch {
	case len(head) == 3 && fold(head[0]) == "date" && fold(head[1]) == "currency" && fold(head[2]) == "rate":
		f.Format = RatesLong
		if base == "" {
			return nil, &FileError{File: name, Err: ErrNoBase}
		}
	case len(head) >= 2 && fold(head[0]) == "date":
		f.Format = RatesECB
		for i, h := range head[1:] {
			h = strings.TrimSpace(h)
			if h == "" {
				cols = append(cols, "") // the ECB's lines end with a comma
				continue
			}
			c, err := row.CurrencyCode(h)
			if err != nil {
				return nil, &FileError{File: name, Err: fmt.Errorf("column %d of the header: %w", i+2, err)}
			}
			cols = append(cols, c)
		}
	default:
		return nil, &FileError{File: name, Err: fmt.Errorf("the header %q is not a rates file's: give date,currency,rate (1 unit of the currency in the database's currency) or the ECB's reference rates (Date,USD,JPY,…)", strings.Join(head, ","))}
	}
	problem := func(line int, col string, err error) {
		f.Problems = append(f.Problems, &RowError{File: name, Line: line, Column: col, Err: err})
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			problem(pe.Line, "", pe.Err)
			continue
		} else if err != nil {
			return f, &FileError{File: name, Err: err}
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		date, err := rateDate(rec[0])
		if err != nil {
			problem(line, head[0], err)
			continue
		}
		if f.Format == RatesLong {
			r, ok := longRate(rec, head, date, base, line, problem)
			if ok && r.Currency == base {
				f.Own++
			} else if ok && len(f.Problems) == 0 {
				if err := put(r); err != nil {
					return f, err
				}
			}
			continue
		}
		if len(rec)-1 > len(cols) {
			problem(line, "", fmt.Errorf("%d fields, but the header names %d", len(rec), len(head)))
			continue
		}
		for i, v := range rec[1:] {
			v = strings.TrimSpace(v)
			if cols[i] == "" || v == "" || strings.EqualFold(v, "N/A") || cols[i] == "EUR" {
				continue // no rate that day
			}
			val, err := row.RateValue(v)
			if err != nil {
				problem(line, strings.TrimSpace(head[i+1]), err)
				continue
			}
			if len(f.Problems) == 0 {
				if err := put(row.Rate{Date: date, Currency: cols[i], Base: "EUR", Value: val, PerBase: true}); err != nil {
					return f, err
				}
			}
		}
	}
	if len(f.Problems) > 0 {
		return f, fmt.Errorf("%s: %d %s: %w", name, len(f.Problems), plural(len(f.Problems), "line", "lines"), ErrInvalidRow)
	}
	return f, nil
}

// longRate reads one line of a long rates file.
func longRate(rec, head []string, date, base string, line int, problem func(int, string, error)) (row.Rate, bool) {
	if len(rec) != 3 {
		problem(line, "", fmt.Errorf("%d fields, but a rates line has 3: date,currency,rate", len(rec)))
		return row.Rate{}, false
	}
	cur, err := row.CurrencyCode(strings.TrimSpace(rec[1]))
	if err != nil {
		problem(line, head[1], err)
		return row.Rate{}, false
	}
	val, err := row.RateValue(rec[2])
	if err != nil {
		problem(line, head[2], err)
		return row.Rate{}, false
	}
	if cur == base && val != "1" {
		problem(line, head[1], fmt.Errorf("%s is the database's currency: its rate is 1, not %s", cur, val))
		return row.Rate{}, false
	}
	return row.Rate{Date: date, Currency: cur, Base: base, Value: val}, true
}

// rateDate reads a rate's date: ISO (2024-01-05), or as the ECB's daily
// file writes it (5 January 2024).
func rateDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.DateOnly, "2 January 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly), nil
		}
	}
	return "", fmt.Errorf("%q is not a date: write it as 2024-01-05", s)
}

func fold(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
