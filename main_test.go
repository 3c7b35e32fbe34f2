package main

import (
	"context"
	"os"
	"path/filepath"
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
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// dbdump FILE writes every row of the database ($SALESGOAL_DB) to
			// FILE, so that `cmp` can prove a refused command changed nothing.
			"dbdump": func(ts *testscript.TestScript, neg bool, args []string) {
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
			},
		},
	})
}
