package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/salesgoal/salesgoal/store"
)

// These tests run the real binary (the test binary re-executed as
// "salesgoal", set up by testscript.Main) in child processes, as cron and
// a person at a terminal would.

const (
	earlierDeals = 50     // the import every test starts from
	bigDeals     = 80_000 // an import that takes a second or two
)

// fixture is a database holding an earlier import, and a big deals file.
type fixture struct {
	dir, template, big string
	base               string // the dump of the template
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	dir := t.TempDir()
	fx := &fixture{dir: dir, template: filepath.Join(dir, "template.db"), big: filepath.Join(dir, "big.csv")}
	writeDeals(t, filepath.Join(dir, "earlier.csv"), "A", earlierDeals)
	writeDeals(t, fx.big, "B", bigDeals)
	if out, err := salesgoal(fx.template, "import", filepath.Join(dir, "earlier.csv")).CombinedOutput(); err != nil {
		t.Fatalf("earlier import: %v\n%s", err, out)
	}
	fx.base = dump(t, fx.template)
	return fx
}

// copyDB copies the template to a new database file for one run.
func (fx *fixture) copyDB(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(fx.template)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(fx.dir, name)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func writeDeals(t *testing.T, path, prefix string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "id,name,customer_id,owner,stage,amount,created_at,closed_at")
	for i := range n {
		fmt.Fprintf(w, "%s-%06d,Deal %d,%s-C%d,ann,Closed Won,%d.50,2027-01-%02d,2027-02-%02d\n", prefix, i, i, prefix, i%500, 100+i%900, 1+i%28, 1+i%28)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// salesgoal is the command line salesgoal args… on the database at db.
func salesgoal(db string, args ...string) *exec.Cmd {
	c := exec.Command("salesgoal", args...)
	c.Env = append(os.Environ(), "SALESGOAL_DB="+db, "NO_COLOR=1", "TZ=UTC")
	return c
}

func dump(t *testing.T, path string) string {
	t.Helper()
	var b bytes.Buffer
	if err := store.Dump(context.Background(), path, &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// checkAllOrNothing opens the database at path, checks its integrity, and
// checks that it holds the earlier import intact and either none of the
// big file or all of it. It returns whether the big file is in.
func checkAllOrNothing(t *testing.T, fx *fixture, path string) bool {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatalf("the database does not open: %v", err)
	}
	defer db.Close()
	if err := db.Check(ctx); err != nil {
		t.Fatalf("integrity check: %v", err)
	}
	cov, err := db.Coverage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := dump(t, path)
	switch cov.Deals {
	case earlierDeals:
		if got != fx.base {
			t.Fatalf("none of the big file is in, but the database differs from before it")
		}
		return false
	case earlierDeals + bigDeals:
		for _, line := range strings.Split(fx.base, "\n") {
			if strings.HasPrefix(line, `"A-`) && !strings.Contains(got, line+"\n") {
				t.Fatalf("an earlier row is lost or changed: %s", line)
			}
		}
		return true
	}
	t.Fatalf("%d deals: neither the %d of before nor all %d with the big file", cov.Deals, earlierDeals, earlierDeals+bigDeals)
	return false
}

// TestImportKilled kills an import with SIGKILL at several points, from
// its first rows to its commit, and checks that the database then opens,
// passes SQLite's integrity check, and holds none or all of the file, with
// the earlier import intact.
func TestImportKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 80,000 deals several times")
	}
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL")
	}
	fx := newFixture(t)

	// A whole run, to know how long the import takes here.
	full := fx.copyDB(t, "full.db")
	start := time.Now()
	if out, err := salesgoal(full, "import", fx.big).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	took := time.Since(start)
	if !checkAllOrNothing(t, fx, full) {
		t.Fatal("a finished import is not in the database")
	}
	t.Logf("a whole import takes %v", took.Round(time.Millisecond))

	// Early on (parsing, the first batches), midway, and near the commit.
	points := []time.Duration{50 * time.Millisecond, 200 * time.Millisecond,
		took * 50 / 100, took * 90 / 100, took * 97 / 100, took * 99 / 100}
	for i, after := range points {
		t.Run(fmt.Sprint(after.Round(time.Millisecond)), func(t *testing.T) {
			path := fx.copyDB(t, fmt.Sprintf("killed%d.db", i))
			c := salesgoal(path, "import", fx.big)
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(after)
			_ = c.Process.Kill() // SIGKILL: no deferred rollback, no close
			err := c.Wait()
			killed := err != nil
			in := checkAllOrNothing(t, fx, path)
			t.Logf("killed=%v, the file is in: %v", killed, in)
			if killed && in && after < took/2 {
				t.Errorf("killed after %v, yet the whole file is in", after)
			}
			// A killed import leaves nothing in the way of the next one.
			if !in {
				if out, err := salesgoal(path, "import", fx.big).CombinedOutput(); err != nil {
					t.Fatalf("the import after the crash: %v\n%s", err, out)
				}
			}
		})
	}
}

// TestConcurrentRuns starts a big import and, while it runs, a report, a
// goal add, a second import and a backup, each in its own process: every
// one succeeds (the writers wait their turn), none says "locked", and at
// the end everything is in.
func TestConcurrentRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 80,000 deals")
	}
	fx := newFixture(t)
	path := fx.copyDB(t, "busy.db")
	second := filepath.Join(fx.dir, "second.csv")
	writeDeals(t, second, "C", 100)
	backup := filepath.Join(fx.dir, "backup.db")

	big := salesgoal(path, "import", fx.big)
	var bigErr bytes.Buffer
	big.Stderr = &bigErr
	if err := big.Start(); err != nil {
		t.Fatal(err)
	}
	waitForWriter(t, path)
	runs := map[string][]string{
		"report":   {"report", "--as-of", "2027-02-15", "--period", "2027-Q1"},
		"goal add": {"goal", "add", "--category", "revenue", "--target", "+10%", "--period", "2027-Q2", "--as-of", "2027-02-15", "--force"},
		"import":   {"import", second},
		"backup":   {"backup", backup},
		"status":   {"status"},
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	results := map[string]string{}
	for name, args := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := salesgoal(path, args...).CombinedOutput()
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				results[name] = fmt.Sprintf("%v\n%s", err, out)
			} else if bytes.Contains(out, []byte("locked")) {
				results[name] = string(out)
			}
		}()
	}
	wg.Wait()
	bigRunning := big.ProcessState == nil
	if err := big.Wait(); err != nil {
		t.Fatalf("the big import: %v\n%s", err, bigErr.String())
	}
	for name, res := range results {
		t.Errorf("%s during an import: %s", name, res)
	}
	t.Logf("the big import was still running when the others had finished: %v", bigRunning)

	var status bytes.Buffer
	c := salesgoal(path, "status", "--format", "json")
	c.Stdout = &status
	if err := c.Run(); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf(`"deals": %d,`, earlierDeals+bigDeals+100); !strings.Contains(status.String(), want) {
		t.Errorf("status after the runs: want %s in\n%s", want, status.String())
	}
	out, err := salesgoal(path, "goal", "list").CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("revenue")) {
		t.Errorf("goal list: %v\n%s", err, out)
	}
	// The backup is one consistent moment: each import wholly in or out.
	db, err := store.Open(context.Background(), backup)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Check(context.Background()); err != nil {
		t.Fatal(err)
	}
	cov, err := db.Coverage(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	switch cov.Deals {
	case earlierDeals, earlierDeals + 100, earlierDeals + bigDeals, earlierDeals + bigDeals + 100:
	default:
		t.Errorf("the backup holds %d deals: part of an import", cov.Deals)
	}
	if fi, err := os.Stat(backup); err != nil || (runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600) {
		t.Errorf("backup mode: %v, %v; want 0600", fi.Mode(), err)
	}
}

// TestBusyTimeout: when another salesgoal holds the write lock for longer
// than the wait, a writer fails with a message that says what to do.
func TestBusyTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 80,000 deals")
	}
	fx := newFixture(t)
	path := fx.copyDB(t, "locked.db")
	big := salesgoal(path, "import", fx.big)
	if err := big.Start(); err != nil {
		t.Fatal(err)
	}
	defer big.Wait()
	waitForWriter(t, path)
	c := salesgoal(path, "goal", "add", "--category", "revenue", "--target", "1000", "--period", "2027-Q1", "--as-of", "2027-02-15", "--force")
	c.Env = append(c.Env, "SALESGOAL_BUSY_TIMEOUT=100ms")
	out, err := c.CombinedOutput()
	if big.ProcessState != nil {
		t.Skip("the import finished before goal add tried to write")
	}
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("goal add while locked: %v, want exit status 1\n%s", err, out)
	}
	for _, want := range []string{
		"salesgoal: error: ",
		"database is locked",
		"salesgoal: hint: another salesgoal (an import, a goal change, a backup) kept the database locked for longer than the wait; try again when it has finished, or wait longer with SALESGOAL_BUSY_TIMEOUT=5m",
	} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("goal add while locked: no %q in\n%s", want, out)
		}
	}
}

// waitForWriter waits until an import is writing to the database at path:
// its rows have begun to spill into the -wal file.
func waitForWriter(t *testing.T, path string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 64<<10 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("the import never began to write")
}

// TestReadOnlyDatabase: on a database file this user may not write,
// reading commands work and writing ones fail, saying why, and the file is
// left byte for byte as it was. As root (who may write anything) the
// commands run as nobody.
func TestReadOnlyDatabase(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes")
	}
	dir := t.TempDir()
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "ro.db")
	csv := filepath.Join(dir, "deals.csv")
	writeDeals(t, csv, "A", 20)
	if out, err := salesgoal(path, "import", csv).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(csv, 0o644); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Backups go to a folder everyone may write.
	out := filepath.Join(dir, "out")
	if err := os.Mkdir(out, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(out, 0o777); err != nil {
		t.Fatal(err)
	}
	asUser := func(c *exec.Cmd) *exec.Cmd { return c }
	if os.Geteuid() == 0 {
		asUser = runAsNobody(t, dir)
	}
	tests := []struct {
		name string
		args []string
		ok   bool
	}{
		{"status", []string{"status"}, true},
		{"report", []string{"report", "--as-of", "2027-02-15", "--period", "2027-Q1"}, true},
		{"backup", []string{"backup", filepath.Join(out, "copy.db")}, true},
		{"import", []string{"import", csv}, false},
		{"goal add", []string{"goal", "add", "--category", "revenue", "--target", "1000", "--period", "2027-Q1", "--as-of", "2027-02-15", "--force"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := asUser(salesgoal(path, tt.args...)).CombinedOutput()
			if tt.ok {
				if err != nil {
					t.Fatalf("%v\n%s", err, out)
				}
				return
			}
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
				t.Fatalf("%v, want exit status 1\n%s", err, out)
			}
			for _, want := range []string{"readonly database", "salesgoal: hint: the database file (or its folder) is read-only for you"} {
				if !bytes.Contains(out, []byte(want)) {
					t.Errorf("no %q in\n%s", want, out)
				}
			}
		})
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("the read-only database changed")
	}
}

// runAsNobody returns a function that makes a command run as the user
// nobody, from a copy of the test binary that nobody may execute.
func runAsNobody(t *testing.T, dir string) func(*exec.Cmd) *exec.Cmd {
	t.Helper()
	self, err := exec.LookPath("salesgoal")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.Open(self)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	bin := filepath.Join(dir, "bin", "salesgoal")
	if err := os.MkdirAll(filepath.Dir(bin), 0o755); err != nil {
		t.Fatal(err)
	}
	dst, err := os.OpenFile(bin, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	return func(c *exec.Cmd) *exec.Cmd {
		c.Path = bin
		c.Dir = dir
		c.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		return c
	}
}
