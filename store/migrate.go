package store

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/salesgoal/salesgoal/internal/safefile"
)

//go:embed migrations/*.sql migrations_pg/*.sql
var migrationFS embed.FS

// ErrNewerSchema reports a database written by a newer salesgoal, whose
// schema this binary does not know. Such a database is never modified.
var ErrNewerSchema = errors.New("the database was written by a newer salesgoal")

// migration is one numbered, forward-only schema change.
type migration struct {
	version int
	name    string
	sql     string
}

// afterSQL are the steps some migrations take in Go after their SQL, in
// the same transaction: building the rollups from the rows, and the
// month histograms of cycle lengths from the days.
var afterSQL = map[int]func(context.Context, DBTX) error{
	6: func(ctx context.Context, tx DBTX) error { return rebuild(ctx, tx, false) },
	9: buildCycles,
}

// migrations lists the embedded migrations of SQLite in order. Their
// names are NNNN_what.sql; a shipped migration is never edited, only
// followed.
func migrations() ([]migration, error) { return migrationsOf(SQLite) }

// migrationsOf lists the migrations of an engine: PostgreSQL's are in
// migrations_pg/, one file for each of SQLite's, with the same number.
func migrationsOf(e Engine) ([]migration, error) {
	dir := "migrations"
	if e == PostgreSQL {
		dir = "migrations_pg"
	}
	names, err := fs.Glob(migrationFS, dir+"/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var ms []migration
	for i, name := range names {
		base := strings.TrimPrefix(name, dir+"/")
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil || v != i+1 {
			return nil, fmt.Errorf("migration %s: want number %04d", base, i+1)
		}
		b, err := migrationFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: base, sql: string(b)})
	}
	return ms, nil
}

// SchemaVersion is the schema version this binary writes.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		panic(err) // the embedded files are fixed at build time; a test covers them
	}
	return len(ms)
}

// Version reports the schema version recorded in the database.
func (db *DB) Version(ctx context.Context) (int, error) {
	var v int
	err := db.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// inspect reads, without writing, the schema version of the database and
// refuses what salesgoal must leave as it is: a database from a newer
// salesgoal (ErrNewerSchema), another program's SQLite file
// (ErrNotDatabase), and, unless initialise, one without salesgoal's schema
// (ErrNoSchema).
func (db *DB) inspect(ctx context.Context, initialise bool) (int, error) {
	ms, err := migrationsOf(db.Engine())
	if err != nil {
		return 0, err
	}
	tablesQuery := `SELECT COUNT(*), COUNT(*) FILTER (WHERE name = 'schema_migrations')
		FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`
	if db.server() {
		tablesQuery = `SELECT COUNT(*), COUNT(*) FILTER (WHERE table_name = 'schema_migrations')
		FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	var tables, ours int
	if err := db.db.QueryRowContext(ctx, tablesQuery).Scan(&tables, &ours); err != nil {
		return 0, err
	}
	current := 0
	if ours == 1 {
		if current, err = db.Version(ctx); err != nil {
			return 0, err
		}
	}
	q, what := safefile.Quote(db.path), "an SQLite file"
	if db.server() {
		q, what = db.path, "a PostgreSQL database"
	}
	switch {
	case current > len(ms):
		return 0, fmt.Errorf("%s has schema version %d, this salesgoal knows up to %d: %w", q, current, len(ms), ErrNewerSchema)
	case current == 0 && tables > ours:
		return 0, fmt.Errorf("%s: %w: it holds another program's tables", q, ErrNotDatabase)
	case current == 0 && tables == 0 && !initialise && db.server():
		return 0, fmt.Errorf("%w in %s: it holds no salesgoal tables yet", ErrNoDatabase, q)
	case current == 0 && !initialise:
		return 0, fmt.Errorf("%s: %w: it is %s without salesgoal's tables", q, ErrNoSchema, what)
	}
	return current, nil
}

// migrate applies the migrations the database lacks, each in the same
// transaction as the row that records it, so a crash leaves either the old
// schema or the new one. A file without schema is given one only when
// initialise.
func (db *DB) migrate(ctx context.Context, initialise bool) error {
	ms, err := migrationsOf(db.Engine())
	if err != nil {
		return err
	}
	// Read first, without writing: a database from a newer salesgoal, or a
	// file that is not a database, must be left exactly as it is.
	current, err := db.inspect(ctx, initialise)
	if err != nil {
		return err
	}
	if current == len(ms) {
		return nil
	}
	if db.readOnly {
		return fmt.Errorf("%s has schema version %d and this salesgoal needs %d, but the file is read-only, so it cannot be upgraded: %w", safefile.Quote(db.path), current, len(ms), ErrReadOnly)
	}
	// In a transaction of its own: on PostgreSQL it takes the write lock,
	// so that two processes creating the table at once do not collide.
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		applied_at TEXT NOT NULL
	)`); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	for _, m := range ms[current:] {
		if err := db.apply(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) apply(ctx context.Context, m migration) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Another process may have applied it while we waited for the lock.
	var done int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&done); err != nil {
		return err
	}
	if done > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if step := afterSQL[m.version]; step != nil {
		if err := step(ctx, tx); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`,
		m.version, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}
