package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/salesgoal/salesgoal/cmd"
	"github.com/salesgoal/salesgoal/store"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"salesgoal": func() { os.Exit(cmd.Main()) },
	})
}

// TestScript runs the end-to-end scripts in testdata/script against the
// real binary. Each script gets a fresh $SALESGOAL_DB in its work folder.
func TestScript(t *testing.T) {
	testscript.Run(t, scriptParams(func(e *testscript.Env) error {
		e.Setenv("SALESGOAL_DB", e.WorkDir+"/salesgoal.db")
		return nil
	}))
}

// scriptParams runs the scripts with the database setDB gives each.
func scriptParams(setDB func(*testscript.Env) error) testscript.Params {
	return testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			if err := setDB(e); err != nil {
				return err
			}
			e.Setenv("NO_COLOR", "")
			e.Setenv("TZ", "UTC")
			// $CRM holds the exports that cannot be written inline (a BOM,
			// CRLF, Windows-1252 bytes) and the excerpts of real exports.
			crm, err := filepath.Abs("testdata/crm")
			if err != nil {
				return err
			}
			e.Setenv("CRM", crm)
			// $BAD holds the hostile inputs of testdata/bad.
			bad, err := filepath.Abs("testdata/bad")
			if err != nil {
				return err
			}
			e.Setenv("BAD", bad)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// dbfault truncate|scribble|newer|foreign FILE damages a
			// database file the way a full disk, a bad sector or a newer
			// salesgoal would, or (foreign) makes FILE another program's
			// SQLite database.
			"dbfault": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 2 {
					ts.Fatalf("usage: dbfault truncate|scribble|newer|foreign FILE")
				}
				file := ts.MkAbs(args[1])
				switch args[0] {
				case "truncate":
					ts.Check(os.Truncate(file, 8192))
				case "scribble":
					// Pages 3 to 6: the tables' roots and rows, not the schema.
					f, err := os.OpenFile(file, os.O_WRONLY, 0)
					ts.Check(err)
					_, err = f.WriteAt(bytes.Repeat([]byte{0xA5}, 4*4096), 2*4096)
					ts.Check(err)
					ts.Check(f.Close())
				case "newer":
					db, err := sql.Open("sqlite", "file:"+file)
					ts.Check(err)
					_, err = db.Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES (99, '2030-01-01T00:00:00Z')`)
					ts.Check(err)
					ts.Check(db.Close())
				case "foreign":
					db, err := sql.Open("sqlite", "file:"+file)
					ts.Check(err)
					_, err = db.Exec(`CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('https://example.com')`)
					ts.Check(err)
					ts.Check(db.Close())
				default:
					ts.Fatalf("dbfault: unknown fault %q", args[0])
				}
			},
			// bigline [-header] FILE MIB writes a deals file with one row
			// whose name is MIB mebibytes long (with -header, a header line
			// that long instead), too big to commit to testdata.
			"bigline": func(ts *testscript.TestScript, neg bool, args []string) {
				header := len(args) > 0 && args[0] == "-header"
				if header {
					args = args[1:]
				}
				if neg || len(args) != 2 {
					ts.Fatalf("usage: bigline [-header] FILE MIB")
				}
				mib, err := strconv.Atoi(args[1])
				ts.Check(err)
				long := strings.Repeat("x", mib<<20)
				text := "id,name,stage\nD-1," + long + ",Negotiation\n"
				if header {
					text = "id,stage," + long + "\nD-1,Negotiation,x\n"
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(text), 0o600))
			},
			// dealsfile FILE N AMOUNT writes a deals file of N won deals
			// (D-1 … D-N, closed 2027-01-20) of AMOUNT each, too long to
			// write inline.
			"dealsfile": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 3 {
					ts.Fatalf("usage: dealsfile FILE N AMOUNT")
				}
				n, err := strconv.Atoi(args[1])
				ts.Check(err)
				var b strings.Builder
				b.WriteString("id,stage,amount,created_at,closed_at\n")
				for i := 1; i <= n; i++ {
					fmt.Fprintf(&b, "D-%d,Closed Won,%s,2027-01-02,2027-01-20\n", i, args[2])
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(b.String()), 0o600))
			},
			// cells stdout|stderr checks that every line of each Markdown
			// table in the last command's output has as many unescaped
			// pipes as the table's header: data added no column, and cut
			// none short.
			"cells": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 1 {
					ts.Fatalf("usage: cells stdout|stderr")
				}
				rows, want := 0, -1
				for _, line := range strings.Split(ts.ReadFile(args[0]), "\n") {
					if !strings.HasPrefix(line, "|") {
						want = -1 // the next table's header
						continue
					}
					rows++
					pipes := 0
					for i := 0; i < len(line); i++ {
						switch line[i] {
						case '\\':
							i++ // an escaped character
						case '|':
							pipes++
						}
					}
					if want < 0 {
						want = pipes
					} else if pipes != want {
						ts.Fatalf("%d pipes, the header has %d, in: %s", pipes, want, line)
					}
				}
				if rows == 0 {
					ts.Fatalf("no Markdown table in %s", args[0])
				}
			},
			"dbdump": dbdump,
		},
	}
}

// dbdump FILE writes every row of the database ($SALESGOAL_DB) to FILE,
// so that `cmp` can prove a refused command changed nothing.
func dbdump(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: dbdump FILE")
	}
	f, err := os.Create(ts.MkAbs(args[0]))
	ts.Check(err)
	defer f.Close()
	err = store.Dump(context.Background(), ts.Getenv("SALESGOAL_DB"), f)
	if neg {
		if err == nil {
			ts.Fatalf("dbdump succeeded unexpectedly")
		}
		return
	}
	ts.Check(err)
}
