package cmd

import "testing"

// TestDemoGolden pins the demo's report in each format: its goals, one
// per category, a company's goal with one for every rep beneath it and a
// goal with tiers, are the examples a new user reads first (the numbers
// behind them are in demodata/gen.go's monthly plan). The terminal's is
// 80 columns wide without colour: its bars, the tiers marked, are what is
// pinned.
func TestDemoGolden(t *testing.T) {
	for _, tt := range []struct {
		format, file string
		tty          bool
	}{
		{"table", "demo_table.golden", false},
		{"table", "demo_terminal.golden", true},
		{"markdown", "demo_markdown.golden", false},
		{"csv", "demo_csv.golden", false},
		{"json", "demo_json.golden", false},
	} {
		t.Run(tt.file, func(t *testing.T) {
			env, out, errOut := testEnv(map[string]string{"NO_COLOR": "1", "COLUMNS": "80"})
			env.StdoutTTY = tt.tty
			if code := run(env, []string{"demo", "--format", tt.format}); code != exitOK {
				t.Fatalf("exit status %d: %s", code, errOut)
			}
			golden(t, tt.file, out.Bytes())
		})
	}
}
