package cmd

import "testing"

func TestFitGoalColumn(t *testing.T) {
	tests := []struct {
		name  string
		goal  string
		width int
		want  string
	}{
		{"fits", "#1 Shorten the cycle", 80, "#1 Shorten the cycle"},
		// Drawn: "│ " goal " │ x │" = goal + 8; 34 wide leaves 26 for the goal.
		{"wrapped to fit", "#1 Shorten the cycle by automating email search", 34, "#1 Shorten the cycle by\nautomating email search"},
		{"never under 16", "#1 Shorten the cycle by automating email search", 10, "#1 Shorten the\ncycle by\nautomating email\nsearch"},
		{"a long word keeps its line", "#1 Supercalifragilisticexpialidocious goal", 20, "#1\nSupercalifragilisticexpialidocious\ngoal"},
		{"colour codes take no room", "\x1b[32m#1 on track\x1b[0m", 20, "\x1b[32m#1 on track\x1b[0m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := [][]string{{tt.goal, "x"}}
			fitGoalColumn([]string{"Goal", "X"}, rows, tt.width)
			if got := rows[0][0]; got != tt.want {
				t.Errorf("goal cell = %q, want %q", got, tt.want)
			}
		})
	}
}
