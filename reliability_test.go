package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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
	deals := dealsAt(t, path)
	got := dump(t, path)
	switch deals {
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
	t.Fatalf("%d deals: neither the %d of before nor all %d with the big file", deals, earlierDeals, earlierDeals+bigDeals)
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
	// Early on (parsing, the first batches), midway, and near the commit.
	points := func(took time.Duration) []time.Duration {
		return []time.Duration{50 * time.Millisecond, 200 * time.Millisecond,
			took * 50 / 100, took * 90 / 100, took * 97 / 100, took * 99 / 100}
	}
	killImports(t, fx.big, points, func(t *testing.T, i int) (string, func() bool) {
		path := fx.copyDB(t, fmt.Sprintf("killed%d.db", i+1)) // 0: the whole run
		return path, func() bool { return checkAllOrNothing(t, fx, path) }
	})
}

// killImports first imports big whole into the database fresh gives
// for i = -1, to learn how long an import takes here (took), and checks
// it is in; then, for each of the points that took gives, imports big
// into the database fresh gives for the point's index, kills the import
// with SIGKILL (no deferred rollback, no close) that long after its
// start, and checks with the function fresh returned that the database
// holds none or all of the file (it returns whether the file is in); an
// import killed before half of took must not be in, and a killed import
// leaves nothing in the way of the next one.
func killImports(t *testing.T, big string, pointsOf func(took time.Duration) []time.Duration, fresh func(t *testing.T, i int) (string, func() bool)) {
	full, whole := fresh(t, -1)
	start := time.Now()
	if out, err := salesgoal(full, "import", big).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	took := time.Since(start)
	if !whole() {
		t.Fatal("a finished import is not in the database")
	}
	t.Logf("a whole import takes %v", took.Round(time.Millisecond))
	points := pointsOf(took)
	for i, after := range points {
		t.Run(fmt.Sprint(after.Round(time.Millisecond)), func(t *testing.T) {
			db, check := fresh(t, i)
			c := salesgoal(db, "import", big)
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(after)
			_ = c.Process.Kill()
			killed := c.Wait() != nil
			in := check()
			t.Logf("killed=%v, the file is in: %v", killed, in)
			if killed && in && after < took/2 {
				t.Errorf("killed after %v, yet the whole file is in", after)
			}
			if !in {
				if out, err := salesgoal(db, "import", big).CombinedOutput(); err != nil {
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
// commands run as nobody, for whom the file is also another user's: that
// is the reason they give.
func TestReadOnlyDatabase(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes")
	}
	dir := t.TempDir()
	openToOthers(t, dir)
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
	why := []string{"readonly database", "salesgoal: hint: the database file (or its folder) is read-only for you"}
	if os.Geteuid() == 0 {
		asUser = runAsNobody(t, dir)
		why = []string{"refusing to write to the database " + path + ": it belongs to another user: root (uid 0), not to you",
			"salesgoal: hint: salesgoal writes only files you own"}
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
			for _, want := range why {
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

// openToOthers lets other users (nobody) into a test's folder.
func openToOthers(t *testing.T, dir string) {
	t.Helper()
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
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

// run runs c with a deadline (so that a command stuck on old behaviour,
// such as reading a pipe no one writes, fails the test rather than hangs
// it) and returns its combined output and exit status.
func run(t *testing.T, c *exec.Cmd) (string, int) {
	t.Helper()
	var out bytes.Buffer
	c.Stdout, c.Stderr = &out, &out
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	select {
	case err := <-done:
		if ee, ok := err.(*exec.ExitError); ok {
			return out.String(), ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return out.String(), 0
	case <-time.After(20 * time.Second):
		_ = c.Process.Kill()
		<-done
		t.Fatalf("%v did not finish within 20 s:\n%s", c.Args, out.String())
	}
	return "", -1
}

// mustRun runs salesgoal args… on the database at db and fails the test
// unless it succeeds.
func mustRun(t *testing.T, db string, args ...string) string {
	t.Helper()
	out, code := run(t, salesgoal(db, args...))
	if code != 0 {
		t.Fatalf("salesgoal %v: exit status %d\n%s", args, code, out)
	}
	return out
}

// readFile returns the bytes of path, or nil when there is no such file.
func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return b
}

// hotWAL imports 1 deal into a new database at db, runs then, imports
// 3,000 more while another connection keeps the -wal file from being
// checkpointed, and returns the bytes of the database and of its -wal as a
// crash would have left them. Then the files are as salesgoal left them
// (the -wal checkpointed and gone).
func hotWAL(t *testing.T, db string, then func()) (main, wal []byte) {
	t.Helper()
	first, more := filepath.Join(filepath.Dir(db), "first.csv"), filepath.Join(filepath.Dir(db), "more.csv")
	writeDeals(t, first, "A", 1)
	writeDeals(t, more, "B", 3000)
	mustRun(t, db, "import", first)
	then()
	holder, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	var n int
	if err := holder.QueryRow(`SELECT COUNT(*) FROM deals`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	mustRun(t, db, "import", more)
	main, wal = readFile(t, db), readFile(t, db+"-wal")
	if len(wal) == 0 {
		t.Fatal("the import left no commits in the -wal file")
	}
	return main, wal
}

// TestRestoreOverHotWAL: a backup copied by hand over a database whose
// -wal file still holds commits makes a pair SQLite reads as damaged.
// salesgoal refuses it without writing: the database and its -wal are
// byte for byte as they were (an older salesgoal checkpointed the -wal
// into the copy, then refused it). salesgoal restore then puts the backup
// in place, and keeps the pair aside, untouched.
func TestRestoreOverHotWAL(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	_, wal := hotWAL(t, db, func() { mustRun(t, db, "backup", filepath.Join(dir, "backup.db")) })
	// The restore by hand: the backup copied over the database, beside
	// the -wal file of its commits.
	backup := readFile(t, filepath.Join(dir, "backup.db"))
	for name, b := range map[string][]byte{db: backup, db + "-wal": wal} {
		if err := os.WriteFile(name, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	os.Remove(db + "-shm")

	for _, args := range [][]string{{"status"}, {"report", "--as-of", "2027-02-15"}, {"import", filepath.Join(dir, "first.csv")}} {
		out, code := run(t, salesgoal(db, args...))
		if code != 1 || !strings.Contains(out, "x.db: not a salesgoal database") {
			t.Errorf("%v: exit status %d, want 1 and \"not a salesgoal database\":\n%s", args, code, out)
		}
	}
	if !bytes.Equal(readFile(t, db), backup) || !bytes.Equal(readFile(t, db+"-wal"), wal) {
		t.Fatal("salesgoal wrote to the database it refused, or to its -wal file")
	}

	out := mustRun(t, db, "restore", filepath.Join(dir, "backup.db"))
	if !strings.Contains(out, "restored from") || !strings.Contains(out, "1 deal,") {
		t.Errorf("restore said:\n%s", out)
	}
	if got := mustRun(t, db, "status", "--format", "json"); !strings.Contains(got, `"deals": 1,`) {
		t.Errorf("after the restore, status:\n%s", got)
	}
	if !bytes.Equal(readFile(t, db+".before-restore"), backup) || !bytes.Equal(readFile(t, db+".before-restore-wal"), wal) {
		t.Error("the database and -wal file restore replaced were not kept byte for byte")
	}
}

// TestAnotherUsersFiles: in a shared folder (world-writable, sticky, as
// /tmp), a database or a report file another user made is not written
// into. Writing commands say why; reading commands read the database
// without writing it. Needs root, to give files to another user.
func TestAnotherUsersFiles(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("giving a file to another user (chown) needs root")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o1777); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "theirs.db")
	csv := filepath.Join(dir, "deals.csv")
	writeDeals(t, csv, "A", 5)
	mustRun(t, db, "import", csv)
	report := filepath.Join(dir, "report.md")
	if err := os.WriteFile(report, []byte("their report\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{db, report} {
		if err := os.Chown(f, 65534, 65534); err != nil {
			t.Fatal(err)
		}
	}
	before := readFile(t, db)

	for _, args := range [][]string{
		{"import", csv},
		{"goal", "add", "--category", "revenue", "--target", "1000", "--period", "2027-Q1", "--as-of", "2027-02-15", "--force"},
		{"config", "set", "currency", "EUR"},
	} {
		out, code := run(t, salesgoal(db, args...))
		if code != 1 || !strings.Contains(out, "refusing to write to the database "+db+": it belongs to another user: nobody (uid 65534), not to you") ||
			!strings.Contains(out, "salesgoal: hint: salesgoal writes only files you own") {
			t.Errorf("%v on another user's database: exit status %d\n%s", args, code, out)
		}
	}
	if out := mustRun(t, db, "report", "--as-of", "2027-02-15", "--period", "2027-Q1", "--format", "csv"); !strings.Contains(out, ",revenue,revenue,currency,") {
		t.Errorf("report on another user's database:\n%s", out)
	}
	if !bytes.Equal(readFile(t, db), before) {
		t.Error("another user's database changed")
	}

	out, code := run(t, salesgoal(filepath.Join(dir, "mine.db"), "report", "--out", report))
	if code != 1 || !strings.Contains(out, "salesgoal: error: --out "+report+" belongs to another user: nobody (uid 65534), not to you") {
		t.Errorf("report --out over another user's file: exit status %d\n%s", code, out)
	}
	if got := string(readFile(t, report)); got != "their report\n" {
		t.Errorf("another user's report file now holds %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "mine.db")); err == nil {
		t.Error("a refused report created a database")
	}
}

// tempFiles lists the hidden files in dir: the temporary files of a
// backup or a report, whatever their naming.
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	return names
}

// TestInterrupted: SIGINT or SIGTERM during a backup or a report --out
// stops it with the shell's status for the signal (130, 143), removes its
// temporary files (a backup's can be as large as the database) and writes
// no output file.
func TestInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 80,000 deals")
	}
	if runtime.GOOS == "windows" {
		t.Skip("signals")
	}
	fx := newFixture(t)
	db := fx.copyDB(t, "big.db")
	mustRun(t, db, "import", fx.big)
	out := filepath.Join(fx.dir, "out")
	if err := os.Mkdir(out, 0o700); err != nil {
		t.Fatal(err)
	}
	// Each run writes a file of its own: a run that finished before its
	// signal (skipped) leaves its file, which is no other run's failure.
	tests := []struct {
		name string
		args []string
		file string // what the run writes, last of args
		sig  syscall.Signal
		code int
	}{
		{"backup SIGINT", []string{"backup"}, "copy-int.db", syscall.SIGINT, 130},
		{"backup SIGTERM", []string{"backup"}, "copy-term.db", syscall.SIGTERM, 143},
		{"report SIGTERM", []string{"report", "--as-of", "2027-02-15", "--period", "2027-Q1", "--out"}, "report-term.md", syscall.SIGTERM, 143},
		{"report SIGINT", []string{"report", "--as-of", "2027-02-15", "--period", "2027-Q1", "--out"}, "report-int.md", syscall.SIGINT, 130},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := salesgoal(db, append(tt.args, filepath.Join(out, tt.file))...)
			var stderr bytes.Buffer
			c.Stderr = &stderr
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
			// Signal once the temporary file is there.
			seen := false
			for deadline := time.Now().Add(10 * time.Second); !seen && time.Now().Before(deadline); {
				if seen = len(tempFiles(t, out)) > 0; !seen {
					time.Sleep(time.Millisecond)
				}
			}
			_ = c.Process.Signal(tt.sig)
			err := c.Wait()
			if !seen {
				t.Skipf("%s finished before its temporary file was seen", tt.name)
			}
			if err == nil {
				// A report of 80,000 deals takes milliseconds: it may have
				// written its file before the signal reached it.
				t.Skipf("%s finished before the signal reached it", tt.name)
			}
			ee, ok := err.(*exec.ExitError)
			if !ok || ee.ExitCode() != tt.code {
				t.Fatalf("exit: %v, want status %d\n%s", err, tt.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), "salesgoal: error: interrupted (") {
				t.Errorf("stderr:\n%s", stderr.String())
			}
			if left := tempFiles(t, out); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
			if _, err := os.Stat(filepath.Join(out, tt.file)); err == nil {
				t.Errorf("an interrupted run wrote %s", tt.file)
			}
		})
	}
}

// TestStaleTemporaries: what a killed backup or report (SIGKILL cannot be
// caught) left is removed by the next run of the same command into that
// folder once it is older than a minute; younger ones, perhaps another
// run's at work, stay, and so do files that only look alike.
func TestStaleTemporaries(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	csv := filepath.Join(dir, "deals.csv")
	writeDeals(t, csv, "A", 5)
	mustRun(t, db, "import", csv)
	old := time.Now().Add(-2 * time.Minute)
	files := map[string]bool{ // name: removed by the next runs
		".monday.db.salesgoal-backup-123456.tmp":         true,
		".monday.db.salesgoal-backup-123456.tmp-journal": true,
		".week.md.salesgoal-report-987654.tmp":           true,
		".friday.db.salesgoal-backup-555.tmp":            false, // young
		".notes.salesgoal-backup-draft.tmp":              false, // not of its naming
		"monday.db.salesgoal-backup-123456.tmp":          false, // not hidden
	}
	for name, stale := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
		if stale || !strings.Contains(name, "friday") {
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	mustRun(t, db, "backup", filepath.Join(dir, "tuesday.db"))
	mustRun(t, db, "report", "--as-of", "2027-02-15", "--out", filepath.Join(dir, "week2.md"))
	for name, stale := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if gone := err != nil; gone != stale {
			t.Errorf("%s: removed %v, want %v", name, gone, stale)
		}
	}
}

// hiddenControls matches what a terminal would act on rather than show:
// control characters but the newline, DEL, C1 controls, bidirectional
// controls.
var hiddenControls = regexp.MustCompile("[\x00-\x09\x0b-\x1f\x7f\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")

// TestHostileText: text from flags and file names — a goal's owner, name
// and note, a file name, a path — holding escape sequences, BEL, U+202E,
// lone CRs and newlines reaches neither a terminal nor a Markdown report
// as anything but visible escapes, and forges no line of its own; JSON
// keeps the exact values.
func TestHostileText(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	owner := "ann\x1b]8;;https://evil.example\aclick\x1b]8;;\a"
	name := "Q1\u202e1Q revenue\r\x1b[2K"
	note := "see\nsalesgoal: hint: run rm -rf ~"
	csvName := filepath.Join(dir, "deals\n## forged heading\x1b[31m.csv")
	if err := os.WriteFile(csvName, []byte("id,owner,stage,amount,created_at,closed_at\nD-1,"+
		`"`+owner+`"`+",Closed Won,1000,2027-01-02,2027-01-20\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, db, "import", csvName)
	if hiddenControls.MatchString(out) || strings.Count(out, "\n") != 2 {
		t.Errorf("import messages: control characters, or a forged line:\n%q", out)
	}
	mustRun(t, db, "goal", "add", "--owner", owner, "--name", name, "--note", note, "--category", "revenue",
		"--target", "2000", "--period", "2027-Q1", "--as-of", "2027-02-15", "--force")

	for _, args := range [][]string{
		{"goal", "list"},
		{"goal", "show", "1", "--as-of", "2027-02-15"},
		{"report", "--as-of", "2027-02-15", "--period", "2027-Q1"},
		{"report", "--as-of", "2027-02-15", "--period", "2027-Q1", "--owner", owner},
		{"metrics", "--by", "owner", "--as-of", "2027-02-15", "--period", "2027-Q1"},
		{"status"},
	} {
		out := mustRun(t, db, args...)
		if m := hiddenControls.FindString(out); m != "" {
			t.Errorf("%v: %q reaches the terminal:\n%s", args, m, out)
		}
	}
	show := mustRun(t, db, "goal", "show", "1", "--as-of", "2027-02-15")
	if !strings.Contains(show, `Note: see\nsalesgoal: hint: run rm -rf ~`) {
		t.Errorf("goal show: the note is not shown on one line, escaped:\n%s", show)
	}

	// Markdown: nothing added a heading or a row.
	md := mustRun(t, db, "report", "--as-of", "2027-02-15", "--period", "2027-Q1", "--category", "revenue", "--format", "markdown", "--owner", owner)
	var headings []string
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "#") {
			headings = append(headings, line)
		}
	}
	if len(headings) != 3 || !strings.HasPrefix(headings[0], `# Sales goals report: 2027-Q1 (2027-01-01..2027-03-31), owner ann\x1b\]8;;`) ||
		headings[1] != "## Revenue" || headings[2] != "## Summary" {
		t.Errorf("Markdown headings %q in:\n%s", headings, md)
	}
	if hiddenControls.MatchString(md) || !strings.Contains(md, `/deals\n## forged heading\x1b\[31m.csv (deals)`) {
		t.Errorf("Markdown report:\n%s", md)
	}

	// JSON keeps the values as they are.
	js := mustRun(t, db, "goal", "list", "--format", "json")
	for _, want := range []string{`"name": "Q1` + "\u202e" + `1Q revenue\r\u001b[2K"`, `"value": "ann\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007"`} {
		if !strings.Contains(js, want) {
			t.Errorf("goal list JSON: no %s in\n%s", want, js)
		}
	}

	// A newline in --out forges no "salesgoal: hint:" line: the error and
	// its hint are two lines, the path quoted.
	bad := filepath.Join(dir, "missing", "r.md\nsalesgoal: hint: all is well")
	msg, code := run(t, salesgoal(db, "report", "--out", bad))
	if code != 1 || strings.Count(msg, "\n") != 2 || !strings.Contains(msg, `r.md\nsalesgoal: hint: all is well" does not exist`) && !strings.Contains(msg, `r.md\nsalesgoal: hint: all is well": the folder`) {
		t.Errorf("report --out with a newline: exit status %d\n%s", code, msg)
	}
}

// limited is salesgoal args… on the database at db, with the size of the
// files it writes limited to kib KiB (ulimit -f): the way a full disk or a
// quota stops a write, without filling a disk.
func limited(db string, kib int, args ...string) *exec.Cmd {
	self, _ := exec.LookPath("salesgoal")
	c := salesgoal(db)
	c.Path = "/bin/sh"
	c.Args = append([]string{"sh", "-c", fmt.Sprintf(`ulimit -f %d && exec "$0" "$@"`, kib*2), self}, args...)
	return c
}

// TestFirstImportDiskFull: a first import stopped by a full disk, at any
// point, leaves either no database or a whole, empty one, never a file
// without schema that reading commands would take for an empty database;
// it fails with a hint that says what to do.
func TestFirstImportDiskFull(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("ulimit")
	}
	dir := t.TempDir()
	csv := filepath.Join(dir, "deals.csv")
	writeDeals(t, csv, "A", 20_000)
	for _, kib := range []int{4, 20, 40, 100, 400} {
		t.Run(fmt.Sprintf("%d KiB", kib), func(t *testing.T) {
			db := filepath.Join(dir, fmt.Sprintf("first-%d.db", kib))
			out, code := run(t, limited(db, kib, "import", csv))
			if code != 1 || !strings.Contains(out, "salesgoal: hint: the disk may be full, or a quota or file size limit (ulimit -f) reached") {
				t.Fatalf("import on a full disk: exit status %d\n%s", code, out)
			}
			if _, err := os.Stat(db); err != nil {
				return // no database: the next import starts afresh
			}
			// A database was left: a whole one, salesgoal's schema in the
			// file itself, that reads as empty.
			ro, err := sql.Open("sqlite", "file:"+db+"?mode=ro&immutable=1")
			if err != nil {
				t.Fatal(err)
			}
			defer ro.Close()
			var version int
			if err := ro.QueryRow(`SELECT MAX(version) FROM schema_migrations`).Scan(&version); err != nil || version != store.SchemaVersion() {
				t.Fatalf("the database left holds schema version %d (%v), want %d", version, err, store.SchemaVersion())
			}
			if out := mustRun(t, db, "status", "--format", "json"); !strings.Contains(out, `"deals": 0,`) {
				t.Errorf("status:\n%s", out)
			}
		})
	}
}

// TestPendingWALReadOnlyFolder: a database whose -wal file holds changes
// not yet checkpointed, in a folder this user cannot write, cannot be read
// (SQLite needs to write beside it to read the -wal): the error says so,
// and the hint says what to do. As root (who may write anything) the
// command runs as nobody.
func TestPendingWALReadOnlyFolder(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes")
	}
	base := t.TempDir()
	openToOthers(t, base)
	dir := filepath.Join(base, "data")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "x.db")
	main, wal := hotWAL(t, db, func() {})
	for name, b := range map[string][]byte{db: main, db + "-wal": wal} {
		if err := os.WriteFile(name, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(name, 0o644); err != nil { // readable by nobody
			t.Fatal(err)
		}
	}
	os.Remove(db + "-shm")
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	asUser := func(c *exec.Cmd) *exec.Cmd { return c }
	if os.Geteuid() == 0 {
		asUser = runAsNobody(t, base)
	}
	out, code := run(t, asUser(salesgoal(db, "status")))
	if code != 1 || !strings.Contains(out, "its -wal file holds changes that a read-only folder keeps from being read") ||
		!strings.Contains(out, "salesgoal: hint: make the database's folder writable (chmod u+w FOLDER)") {
		t.Errorf("status: exit status %d\n%s", code, out)
	}
	if !bytes.Equal(readFile(t, db), main) || !bytes.Equal(readFile(t, db+"-wal"), wal) {
		t.Error("the database or its -wal file changed")
	}
}

// TestNoHome: without --db, $SALESGOAL_DB, $XDG_DATA_HOME and $HOME (as
// cron or systemd may run it), there is no default database: wrong usage,
// saying what to pass, rather than "mkdir /.local: permission denied" (or,
// as root, a database in /.local). Run as nobody when root, so that no
// older salesgoal can make /.local.
func TestNoHome(t *testing.T) {
	dir := t.TempDir()
	openToOthers(t, dir)
	c := exec.Command("salesgoal", "status")
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); k != "HOME" && k != "SALESGOAL_DB" && k != "XDG_DATA_HOME" {
			c.Env = append(c.Env, kv)
		}
	}
	c.Dir = dir
	if os.Geteuid() == 0 {
		c = runAsNobody(t, dir)(c)
	}
	out, code := run(t, c)
	if code != 2 || !strings.Contains(out, "salesgoal: error: no database given, and $HOME is not set, so there is no default database") ||
		!strings.Contains(out, "salesgoal: hint: pass --db FILE or set SALESGOAL_DB (a cron or systemd job may run without HOME)") {
		t.Errorf("status without HOME: exit status %d\n%s", code, out)
	}
}

// TestImportFromPipe: a named pipe, or /dev/stdin fed by one, gives its
// bytes once, and the import reads a file more than once: it is refused at
// once (an older salesgoal read nothing the second time, or waited
// forever), with the hint to give it as "-".
func TestImportFromPipe(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("named pipes")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	fifo := filepath.Join(dir, "deals.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	for _, name := range []string{fifo, "/dev/stdin"} {
		c := salesgoal(db, "import", name)
		c.Stdin = strings.NewReader("id,stage\nD-1,open\n") // a pipe, for /dev/stdin
		out, code := run(t, c)
		if code != 1 || !strings.Contains(out, ": is a pipe or a device, not a file: the import reads a file more than once") ||
			!strings.Contains(out, "salesgoal: hint: give it on standard input as - instead") {
			t.Errorf("import %s: exit status %d\n%s", name, code, out)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a refused import created the database")
	}
}

// TestRestoreWhileImporting: restore takes the write lock, so an import
// running when it starts finishes first and is in the copy restore keeps
// (none of it lost, none of it half there); then the database holds the
// backup's rows and nothing else.
func TestRestoreWhileImporting(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 80,000 deals")
	}
	fx := newFixture(t)
	db := fx.copyDB(t, "live.db")
	backup := filepath.Join(fx.dir, "backup.db")
	mustRun(t, db, "backup", backup)
	big := salesgoal(db, "import", fx.big)
	var bigErr bytes.Buffer
	big.Stderr = &bigErr
	if err := big.Start(); err != nil {
		t.Fatal(err)
	}
	waitForWriter(t, db)
	out := mustRun(t, db, "restore", backup)
	if err := big.Wait(); err != nil {
		t.Fatalf("the import: %v\n%s", err, bigErr.String())
	}
	if !strings.Contains(out, fmt.Sprintf("restored from %s: %d deals,", backup, earlierDeals)) {
		t.Errorf("restore said:\n%s", out)
	}
	if got := dump(t, db); got != fx.base {
		t.Error("the restored database differs from the backup")
	}
	if !checkAllOrNothing(t, fx, db+".before-restore") {
		t.Error("the copy restore kept lacks the import that held the lock")
	}
}
