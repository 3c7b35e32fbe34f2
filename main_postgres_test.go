package main

import (
	"net/url"
	"path/filepath"
	"strings"
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
	for _, pattern := range []string{"import_*.txtar", "goal_*.txtar", "metrics_*.txtar", "report_*.txtar", "period_*.txtar", "rollups.txtar", "lifecycle_*.txtar", "rates_*.txtar"} {
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

// TestServerCommandsPostgres drives what only a server has: copy from a
// file into a new PostgreSQL database and refused into one with data
// (nothing changed), status naming the engine without the password,
// backup into an SQLite file that holds the same, restore pointing to
// copy, and a server that cannot be reached named without the password.
func TestServerCommandsPostgres(t *testing.T) {
	pgtest.Require(t)
	dir := t.TempDir()
	lite := filepath.Join(dir, "laptop.db")
	mustRun(t, lite, "--db", lite, "demo")
	u, err := url.Parse(pgtest.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(u.User.Username(), "hunter2") // the test server trusts its socket
	db := u.String()
	out, code := run(t, salesgoal(lite, "copy", "--from", lite, "--to", db))
	if code != 0 || !strings.Contains(out, "786 deals") || strings.Contains(out, "hunter2") {
		t.Fatalf("copy: exit %d\n%s", code, out)
	}
	before := dump(t, db)
	out, code = run(t, salesgoal(lite, "copy", "--from", lite, "--to", db))
	if code != 1 || !strings.Contains(out, "already holds data") || !strings.Contains(out, "--force") {
		t.Errorf("copy into a database with data: exit %d\n%s", code, out)
	}
	if dump(t, db) != before {
		t.Error("a refused copy changed the database")
	}
	status := mustRun(t, db, "status")
	if !strings.Contains(status, "Engine: PostgreSQL") || !strings.Contains(status, "xxxxx") || strings.Contains(status, "hunter2") {
		t.Errorf("status:\n%s", status)
	}
	for _, args := range [][]string{{"metrics", "--as-of", "2026-11-18"}, {"report", "--as-of", "2026-11-18"}, {"goal", "list"}} {
		if a, b := mustRun(t, lite, args...), mustRun(t, db, args...); a != b {
			t.Errorf("%s differs between the file and the server:\n%s\n---\n%s", args[0], a, b)
		}
	}
	backup := filepath.Join(dir, "snapshot.db")
	mustRun(t, db, "backup", backup)
	if a, b := mustRun(t, lite, "report", "--as-of", "2026-11-18"), mustRun(t, backup, "report", "--as-of", "2026-11-18"); a != b {
		t.Errorf("the backup's report differs:\n%s\n---\n%s", a, b)
	}
	out, code = run(t, salesgoal(db, "restore", backup))
	if code != 1 || !strings.Contains(out, "salesgoal copy --from") {
		t.Errorf("restore onto a server: exit %d\n%s", code, out)
	}
	out, code = run(t, salesgoal("postgres://ana:hunter2@127.0.0.1:1/x?connect_timeout=2&sslmode=disable", "status"))
	if code != 1 || strings.Contains(out, "hunter2") || !strings.Contains(out, "cannot connect to postgres://ana:xxxxx@127.0.0.1:1/x") {
		t.Errorf("an unreachable server: exit %d\n%s", code, out)
	}
}
