package store

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/salesgoal/salesgoal/internal/pgtest"
)

func TestRedact(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"postgres://ana:s3cret@db.example.com:5432/sales", "postgres://ana:xxxxx@db.example.com:5432/sales"},
		{"postgresql://ana@db/sales?sslmode=require", "postgresql://ana@db/sales?sslmode=require"},
		{"postgres://db/sales?user=ana&password=s3cret", "postgres://db/sales?password=xxxxx&user=ana"},
		{"postgres:///sales?host=/run/postgresql", "postgres:///sales?host=/run/postgresql"},
		{"postgres://ana:s3%cret@db/sales", "postgres://…@db/sales"}, // not a URL: the part before @ goes
		{"/home/ana/salesgoal.db", "/home/ana/salesgoal.db"},
	} {
		if got := Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsServer(t *testing.T) {
	for in, want := range map[string]bool{
		"postgres://db/x": true, "POSTGRESQL://db/x": true, "postgres.db": false, "./postgres://x": false, "sales.db": false,
	} {
		if got := IsServer(in); got != want {
			t.Errorf("IsServer(%q) = %t", in, got)
		}
	}
}

// TestOpenPostgresHidesPassword: a server that cannot be reached is
// named in the error without the password the URL gave.
func TestOpenPostgresHidesPassword(t *testing.T) {
	_, err := Open(context.Background(), "postgres://ana:hunter2@127.0.0.1:1/sales?connect_timeout=2&sslmode=disable")
	if err == nil {
		t.Fatal("connected to port 1")
	}
	if strings.Contains(err.Error(), "hunter2") {
		t.Errorf("the error shows the password: %v", err)
	}
	if !strings.Contains(err.Error(), "postgres://ana:xxxxx@127.0.0.1:1/sales") {
		t.Errorf("the error does not name the server: %v", err)
	}
}

// TestPostgresMigrations: a new database is given the schema by one of
// several processes opening it at once (the write lock), each migration
// recorded once; a database of a newer salesgoal is refused and left
// exactly as it is; a reading open of a database without salesgoal's
// tables is ErrNoDatabase and creates nothing.
func TestPostgresMigrations(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	if _, err := OpenWith(ctx, url, Options{}); !errors.Is(err, ErrNoDatabase) {
		t.Fatalf("reading an empty database: %v, want ErrNoDatabase", err)
	}
	var empty strings.Builder
	if err := Dump(ctx, url, &empty); err != nil || empty.String() != "" {
		t.Fatalf("a reading open wrote: %q, %v", empty.String(), err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := Open(ctx, url)
			if err == nil {
				db.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatalf("opening at once: %v", err)
		}
	}
	db, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n, max int
	if err := db.db.QueryRowContext(ctx, `SELECT COUNT(*), MAX(version) FROM schema_migrations`).Scan(&n, &max); err != nil {
		t.Fatal(err)
	}
	if n != SchemaVersion() || max != SchemaVersion() {
		t.Errorf("%d migrations recorded, up to %d; want %d", n, max, SchemaVersion())
	}
	if _, err := db.db.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (99, '2030-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	var before, after strings.Builder
	if err := Dump(ctx, url, &before); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, url); !errors.Is(err, ErrNewerSchema) {
		t.Errorf("a newer schema: %v, want ErrNewerSchema", err)
	}
	if err := Dump(ctx, url, &after); err != nil {
		t.Fatal(err)
	}
	if before.String() != after.String() {
		t.Error("refusing a newer schema changed the database")
	}
}

// TestMigrationsSameNumbers: PostgreSQL has one migration for each of
// SQLite's, with the same number and name.
func TestMigrationsSameNumbers(t *testing.T) {
	lite, err := migrationsOf(SQLite)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := migrationsOf(PostgreSQL)
	if err != nil {
		t.Fatal(err)
	}
	if len(pg) != len(lite) {
		t.Fatalf("%d PostgreSQL migrations, %d SQLite ones", len(pg), len(lite))
	}
	for i := range lite {
		if pg[i].name != lite[i].name {
			t.Errorf("migration %d: %s on PostgreSQL, %s on SQLite", i+1, pg[i].name, lite[i].name)
		}
	}
}

// TestPostgresReadingRole: a role that may only read the tables measures
// as the owner does, and an import through it is refused with
// ErrNoPrivilege, changing nothing.
func TestPostgresReadingRole(t *testing.T) {
	ctx := context.Background()
	owner := MustOpenPostgres(t)
	if _, err := owner.Import(ctx, strings.NewReader("id,stage,amount,created_at,closed_at\nX-1,won,5,2027-01-01,2027-01-05\n"), ImportOptions{File: "x.csv", Kind: KindDeals}); err != nil {
		t.Fatal(err)
	}
	name := owner.Path()[strings.LastIndex(owner.Path(), "_")+1:] // the test database's random part
	role := "salesgoal_reader_" + name[:strings.IndexByte(name+"?", '?')]
	for _, q := range []string{`CREATE ROLE ` + role + ` LOGIN`, `GRANT SELECT ON ALL TABLES IN SCHEMA public TO ` + role} {
		if _, err := owner.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		_, _ = owner.db.ExecContext(ctx, `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM `+role)
		_, _ = owner.db.ExecContext(ctx, `DROP ROLE `+role)
	})
	u, err := url.Parse(owner.Path())
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.User(role)
	reader, err := OpenWith(ctx, u.String(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	if cov, err := reader.Coverage(ctx); err != nil || cov.Deals != 1 {
		t.Fatalf("reading: %d deals, %v", cov.Deals, err)
	}
	before := dataOf(t, owner)
	_, err = reader.Import(ctx, strings.NewReader("id,stage,amount\nX-2,open,5\n"), ImportOptions{File: "y.csv", Kind: KindDeals})
	if Fault(err) != ErrNoPrivilege {
		t.Errorf("importing as a reader: %v (fault %v), want ErrNoPrivilege", err, Fault(err))
	}
	if dataOf(t, owner) != before {
		t.Error("a refused import changed the database")
	}
}
