package main

import (
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/salesgoal/salesgoal/internal/pgtest"
)

// TestScriptPostgres runs the scripts of importing, goals, metrics and
// reports on PostgreSQL: each script is given a new database of its own
// on the test server as $SALESGOAL_DB, and must print what it prints on
// SQLite. Without a server it skips (pgtest.HowTo).
func TestScriptPostgres(t *testing.T) {
	server := pgtest.Require(t)
	var files []string
	for _, pattern := range []string{"import_*.txtar", "goal_*.txtar", "metrics_*.txtar", "report_*.txtar", "period_*.txtar", "rollups.txtar"} {
		m, err := filepath.Glob(filepath.Join("testdata/script", pattern))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	p := scriptParams(func(e *testscript.Env) error {
		u, drop, err := pgtest.Create(server)
		if err != nil {
			return err
		}
		e.Defer(drop)
		e.Setenv("SALESGOAL_DB", u)
		return nil
	})
	p.Dir, p.Files = "", files
	testscript.Run(t, p)
}
