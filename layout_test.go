package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/salesgoal/salesgoal"

// TestPackageImports keeps each package to its idea
// (docs/architecture.md): only the store speaks SQL; measure, metric and
// goal know neither SQL, Cobra nor CSV; goal and metric know nothing of
// the store, so that a second storage engine touches the store's side
// alone; crm reads exports without SQL or flags, and the store writes rows
// without reading CSV.
func TestPackageImports(t *testing.T) {
	imports := packageImports(t)
	sql := func(path string) bool {
		return path == "database/sql" || strings.HasPrefix(path, "database/sql/") || strings.HasPrefix(path, "modernc.org/sqlite")
	}
	cobra := func(path string) bool { return strings.HasPrefix(path, "github.com/spf13/cobra") }
	store := func(path string) bool { return path == module+"/store" }
	for pkg := range imports {
		if pkg != "store" {
			forbid(t, imports, pkg, "SQL", sql, false)
		}
	}
	// The rollups are plain Go: a second storage engine keeps the same
	// blobs and sums them the same way.
	for _, pkg := range []string{"measure", "metric", "goal", "internal/rollup"} {
		forbid(t, imports, pkg, "SQL", sql, true)
		forbid(t, imports, pkg, "Cobra", cobra, true)
	}
	for _, pkg := range []string{"metric", "goal"} {
		forbid(t, imports, pkg, "the store", store, true)
	}
	// Reading exports and storing rows are two adapters: crm knows no SQL
	// and no flags, and the store reads no CSV and knows of crm only the
	// typed rows it writes.
	for _, pkg := range []string{"internal/crm", "internal/crm/row", "internal/sheet"} {
		forbid(t, imports, pkg, "SQL", sql, true)
		forbid(t, imports, pkg, "Cobra", cobra, true)
	}
	csv := func(path string) bool { return path == "encoding/csv" }
	forbid(t, imports, "store", "CSV", csv, true)
	crmInternals := func(path string) bool {
		return strings.HasPrefix(path, module+"/internal/crm") && path != module+"/internal/crm/row"
	}
	forbid(t, imports, "store", "crm beyond its row type", crmInternals, true)
	for _, pkg := range []string{"metric", "goal", "measure", "internal/rollup"} {
		forbid(t, imports, pkg, "CSV", csv, true)
	}
}

// forbid fails when package pkg (a folder of the module) imports a path
// bad says yes to, directly or, with deep, through the module's own
// packages.
func forbid(t *testing.T, imports map[string][]string, pkg, what string, bad func(string) bool, deep bool) {
	t.Helper()
	if _, ok := imports[pkg]; !ok {
		t.Errorf("no package %s in the module", pkg)
		return
	}
	seen := map[string]bool{}
	var walk func(p string, via []string)
	walk = func(p string, via []string) {
		if seen[p] {
			return
		}
		seen[p] = true
		for _, imp := range imports[p] {
			if bad(imp) {
				t.Errorf("%s imports %s (%s), through %s", pkg, what, imp, strings.Join(append(via, p), " → "))
			}
			if dep, ok := strings.CutPrefix(imp, module+"/"); ok && deep {
				walk(dep, append(via, p))
			}
		}
	}
	walk(pkg, nil)
}

// packageImports lists, for each folder of the module that holds Go files
// ("." for the root), what its non-test files import.
func packageImports(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != ".") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		if _, ok := out[dir]; !ok {
			out[dir] = nil
		}
		for _, imp := range f.Imports {
			p, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				return err
			}
			if !slices.Contains(out[dir], p) {
				out[dir] = append(out[dir], p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
