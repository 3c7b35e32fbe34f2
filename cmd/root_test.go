package cmd

import (
	"context"
	"path/filepath"
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
