package main

import (
	"bytes"
	"context"
	"database/sql"
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
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			e.Setenv("SALESGOAL_DB", e.WorkDir+"/salesgoal.db")
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
			// dbfault truncate|scribble|newer FILE damages a database file
			// the way a full disk, a bad sector or a newer salesgoal would.
			"dbfault": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 2 {
					ts.Fatalf("usage: dbfault truncate|scribble|newer FILE")
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
			"dbdump": dbdump,
		},
	})
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
