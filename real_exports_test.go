package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestSharedExports imports the full real exports of ../shared/data (see
// its README) through the binary, and checks counts computed with another
// tool. CI has shared/ beside the checkout; elsewhere the test is skipped.
func TestSharedExports(t *testing.T) {
	shared, err := filepath.Abs(filepath.Join("..", "shared", "data"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(shared, "maven-crm-sales-opportunities", "sales_pipeline.csv")); err != nil {
		t.Skipf("no shared data beside the checkout: %v", err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/shared",
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			e.Setenv("SALESGOAL_DB", e.WorkDir+"/salesgoal.db")
			e.Setenv("SHARED", shared)
			e.Setenv("TZ", "UTC")
			return nil
		},
	})
}
