package crm

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLooksOpen(t *testing.T) {
	tests := []struct {
		label string
		want  bool
	}{
		{"Prospecting", true},
		{"Id. Decision Makers", true},
		{"Negotiation/Review", true},
		{"Shortlisted / Final Stages", true},
		{"Scoping / Engagement", true},
		{"Propuesta enviada", true},
		{"Cualificación", true},
		{"Bidding", true},
		{"Open", true},
		{"Delivered", false},
		{"Approved (internal)", false},
		{"Fechado", false},
		{"Não fechado", false},
		{"Sem interesse", false},
		{"Closed: abandoned", false},
		{"Closed - Negotiation", false}, // a closed deal, whatever follows
		{"TRUE", false},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			if got := LooksOpen(tt.label); got != tt.want {
				t.Errorf("LooksOpen(%q) = %v, want %v", tt.label, got, tt.want)
			}
		})
	}
}

func TestStageDoubt(t *testing.T) {
	tests := []struct {
		name string
		u    Understood
		want *StageDoubt
	}{
		{"won and lost, open labels look open", Understood{Won: 3, Lost: 2, OpenLabels: map[string]int64{"Prospecting": 4, "Pitch": 1}}, nil},
		{"nothing open", Understood{Won: 3}, nil},
		{"no lost, all labels look open (Salesforce's sample org)", Understood{Won: 18, OpenLabels: map[string]int64{"Id. Decision Makers": 3, "Qualification": 1}}, nil},
		// A landscaping pipeline: won, and stages of its own.
		{"no lost deal", Understood{Won: 136, OpenLabels: map[string]int64{"Delivered": 114, "Bidding": 65, "Approved (internal)": 18, "New": 1}},
			&StageDoubt{Missing: "lost", Labels: []LabelGuess{{"Delivered", 114, "lost"}, {"Approved (internal)", 18, "lost"}}}},
		{"no won deal", Understood{Lost: 5, OpenLabels: map[string]int64{"Signed": 4, "Demo": 2}},
			&StageDoubt{Missing: "won", Labels: []LabelGuess{{"Signed", 4, "won"}}}},
		// A Brazilian spreadsheet: results, not stages.
		{"neither won nor lost", Understood{OpenLabels: map[string]int64{"Fechado": 8, "Não fechado": 3, "Sem interesse": 1, "Proposta": 2}},
			&StageDoubt{Missing: "won or lost", Labels: []LabelGuess{{"Fechado", 8, "won"}, {"Não fechado", 3, "lost"}, {"Sem interesse", 1, "lost"}}}},
		{"booleans", Understood{OpenLabels: map[string]int64{"TRUE": 12, "FALSE": 30}},
			&StageDoubt{Boolean: true, Labels: []LabelGuess{{"FALSE", 30, "lost"}, {"TRUE", 12, "won"}}}},
		{"ones and zeros, some won", Understood{Won: 1, OpenLabels: map[string]int64{"1": 2, "0": 3}},
			&StageDoubt{Boolean: true, Labels: []LabelGuess{{"0", 3, "lost"}, {"1", 2, "won"}}}},
		{"a closed-looking label among won and lost", Understood{Won: 1, Lost: 1, OpenLabels: map[string]int64{"Closed: abandoned": 1, "Demo": 2}},
			&StageDoubt{Labels: []LabelGuess{{"Closed: abandoned", 1, "lost"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.u.StageDoubt()); diff != "" {
				t.Errorf("StageDoubt (-want +got):\n%s", diff)
			}
		})
	}
}
