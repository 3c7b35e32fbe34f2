package crm

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNoHeader(t *testing.T) {
	tests := []struct {
		name  string
		line  string
		guess string // "" when line 1 is a header
	}{
		{"vtiger dump", `5411|Proyecto Norte|2500.00|2013-05-01|Cerrada-Ganada|\N|2013-04-02`, "id,name,amount,_,stage,_,_"},
		{"day-first dates and a stage", `D-7|31/01/2027|Won|1200.50`, "id,_,stage,amount"},
		{"a header", `Deal ID|Stage|Amount|Close Date`, ""},
		{"a header of years", `Channel|2024|2025`, ""},
		{"one number is no data", `id|2024-01-01 budget`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := noHeader(strings.Split(tt.line, "|"))
			switch {
			case tt.guess == "" && got != nil:
				t.Errorf("noHeader = %v, want nil", got)
			case tt.guess != "" && got == nil:
				t.Errorf("noHeader = nil, want the guess %s", tt.guess)
			case got != nil && strings.Join(got.Guess, ",") != tt.guess:
				t.Errorf("Guess = %s, want %s", strings.Join(got.Guess, ","), tt.guess)
			}
		})
	}
}

func TestClosest(t *testing.T) {
	header := []string{"Deal Identifier", "Stage Nme", "Owner", "Opportunity Number", "Notes"}
	used := map[int]bool{2: true}
	tests := []struct {
		field string
		want  []string
	}{
		{"id", []string{"Opportunity Number", "Deal Identifier"}},
		{"stage", []string{"Stage Nme"}},
		{"owner", nil}, // read already
		{"currency", nil},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			got := closest(header, used, tt.field, aliasesFor("deals", "", tt.field))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("closest (-want +got):\n%s", diff)
			}
		})
	}
}

func TestIDFrom(t *testing.T) {
	header := strings.Split("Opportunity Name,Account Name,Created Date,Stage", ",")
	c, err := Mapping{IDFrom: []string{"opportunity name", "Created Date"}}.Columns(header)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.IDFromHeaders(), []string{"Opportunity Name", "Created Date"}; !cmp.Equal(got, want) {
		t.Errorf("IDFromHeaders() = %v, want %v", got, want)
	}
	if _, ok := c.Index["id"]; ok || c.Kind != "deals" {
		t.Errorf("kind %s, id column %v: want a deals file whose id is built", c.Kind, c.Index["id"])
	}
	_, err = Mapping{IDFrom: []string{"Deal Ref"}}.Columns(header)
	var nc *NoIDColumn
	if !errors.As(err, &nc) || nc.Header != "Deal Ref" {
		t.Errorf("err = %v, want a NoIDColumn for Deal Ref", err)
	}
	// Without an id, the error suggests the name, customer and create date.
	_, err = Mapping{}.Columns(header)
	var mc *MissingColumns
	if !errors.As(err, &mc) || !cmp.Equal(mc.IDFrom, []string{"Opportunity Name", "Account Name", "Created Date"}) {
		t.Errorf("err = %v, want the id columns suggested", err)
	}
}
