package cmd

import (
	"context"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

// TestTodayTimezone: without --as-of, "today" is the clock's date in the
// database's time zone, not the machine's.
func TestTodayTimezone(t *testing.T) {
	tests := []struct {
		name, zone, now, asOf, want string
	}{
		{"UTC evening", "UTC", "2027-01-03T20:00:00Z", "", "2027-01-03"},
		// 20:00 UTC is 09:00 the next morning in Auckland (UTC+13 in January).
		{"Auckland is a day ahead", "Pacific/Auckland", "2027-01-03T20:00:00Z", "", "2027-01-04"},
		// 05:00 UTC is 21:00 the evening before in Los Angeles (UTC−8).
		{"Los Angeles is a day behind", "America/Los_Angeles", "2027-01-04T05:00:00Z", "", "2027-01-03"},
		{"--as-of wins", "Pacific/Auckland", "2027-01-03T20:00:00Z", "2026-12-31", "2026-12-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db, err := store.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.SetSetting(ctx, store.SettingTimezone, tt.zone); err != nil {
				t.Fatal(err)
			}
			now, err := time.Parse(time.RFC3339, tt.now)
			if err != nil {
				t.Fatal(err)
			}
			env, _, _ := testEnv(nil)
			env.Now = func() time.Time { return now }
			o := &rootOptions{env: env, asOf: tt.asOf}
			got, err := o.today(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := metric.FormatDate(got), tt.want; got != want {
				t.Errorf("today = %s, want %s", got, want)
			}
		})
	}
}

// TestMeasuringLimit: report and metrics set the soft memory limit of
// 16 MiB, unless $GOMEMLIMIT is set (the runtime read it already); an
// import and the other commands set none.
func TestMeasuringLimit(t *testing.T) {
	db := filepath.Join(t.TempDir(), "sales.db")
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want []int64
	}{
		{"report", []string{"report"}, nil, []int64{16 << 20}},
		{"metrics", []string{"metrics"}, nil, []int64{16 << 20}},
		{"report, GOMEMLIMIT set", []string{"report"}, map[string]string{"GOMEMLIMIT": "64MiB"}, nil},
		{"status", []string{"status"}, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []int64
			limitMemory = func(n int64) int64 { got = append(got, n); return 0 }
			defer func() { limitMemory = nil }()
			env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Now: time.Now,
				Getenv:    func(k string) string { return tc.env[k] },
				LookupEnv: func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok }}
			run(env, append([]string{"--db", db}, tc.args...))
			if !slices.Equal(got, tc.want) {
				t.Errorf("limits set: %v, want %v", got, tc.want)
			}
		})
	}
}
