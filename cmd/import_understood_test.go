package cmd

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/salesgoal/salesgoal/internal/crm"
)

func TestWonValue(t *testing.T) {
	tests := []struct {
		name string
		in   map[string]int64
		want string
	}{
		{"none", nil, ""},
		{"one currency", map[string]int64{"USD": 1000553400}, "10,005,534.00 USD"},
		{"several, sorted", map[string]int64{"USD": 420050, "EUR": 1000000}, "10,000.00 EUR + 4,200.50 USD"},
		{"cents", map[string]int64{"EUR": 5}, "0.05 EUR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wonValue(tt.in); got != tt.want {
				t.Errorf("wonValue(%v) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDescribeShape(t *testing.T) {
	tests := []struct {
		name string
		in   crm.Shape
		want string
	}{
		{"plain", crm.Shape{Encoding: crm.EncodingUTF8, Delimiter: ','}, ""},
		{"salesforce data export", crm.Shape{Encoding: crm.EncodingWindows1252, Delimiter: ','}, "read as Windows-1252"},
		{"european spreadsheet", crm.Shape{Encoding: crm.EncodingUTF8, Delimiter: ';', DecimalComma: true}, "';' delimited, decimal comma"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describeShape(tt.in); got != tt.want {
				t.Errorf("describeShape = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRefusedDryRun(t *testing.T) {
	fileErr := &crm.FileError{File: "x.csv", Err: errors.New("cannot tell")}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"file error", fileErr, "x.csv: cannot tell (dry run: nothing was written)"},
		{"row error", fmt.Errorf("x.csv: 1 problems: %w", crm.ErrInvalidRow), "x.csv was refused: nothing was written (dry run)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := refused("x.csv", nil, true, tt.err).Error()
			if got != tt.want {
				t.Errorf("refused = %q, want %q", got, tt.want)
			}
			if strings.Contains(got, "))") {
				t.Errorf("doubled parenthesis in %q", got)
			}
		})
	}
}
