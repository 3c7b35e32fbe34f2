package cmd

import "testing"

// TestDemoGolden pins the demo's report in each format: its nine goals,
// one per category, are the examples a new user reads first (the numbers
// behind them are in demodata/gen.go's monthly plan).
func TestDemoGolden(t *testing.T) {
	for _, tt := range []struct{ format, file string }{
		{"table", "demo_table.golden"},
		{"markdown", "demo_markdown.golden"},
		{"csv", "demo_csv.golden"},
		{"json", "demo_json.golden"},
	} {
		t.Run(tt.format, func(t *testing.T) {
			env, out, errOut := testEnv(nil)
			if code := run(env, []string{"demo", "--format", tt.format}); code != exitOK {
				t.Fatalf("exit status %d: %s", code, errOut)
			}
			golden(t, tt.file, out.Bytes())
		})
	}
}
