package cmd

import (
	"strings"
	"testing"

	"github.com/salesgoal/salesgoal/internal/crm"
)

func TestParseStages(t *testing.T) {
	tests := []struct {
		in, label, stage, wantErr string
	}{
		{"Closed: abandoned=lost", "Closed: abandoned", "lost", ""},
		{"Negociación = OPEN", "Negociación", "open", ""},
		{"Signed=won", "Signed", "won", ""},
		{"a=b=won", "a=b", "won", ""},
		{"Signed", "", "", "write LABEL=won"},
		{"=won", "", "", "label before = is empty"},
		{"Signed=maybe", "", "", `"maybe" is not won, lost or open`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			rules, err := parseStages([]string{tt.in})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("parseStages(%q) err = %v, want %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := rules.Overrides[crm.HeaderKey(tt.label)]; got != tt.stage {
				t.Errorf("parseStages(%q): %q reads as %q, want %q", tt.in, tt.label, got, tt.stage)
			}
		})
	}
	if _, err := parseStages([]string{"ok=won", "bad"}); err == nil {
		t.Error("parseStages accepted a value without =")
	}
}
