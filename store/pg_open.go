package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// Engine names the kind of database: an SQLite file or a PostgreSQL server.
type Engine string

const (
	SQLite     Engine = "sqlite"
	PostgreSQL Engine = "postgresql"
)

// IsServer reports whether a --db value names a PostgreSQL database (a
// postgres:// or postgresql:// URL) rather than an SQLite file.
func IsServer(db string) bool {
	l := strings.ToLower(db)
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// Redact is a database URL without its password (in the URL's user part
// or its password parameter), fit for a message, a status line or a
// report's header. A path is returned as it is.
func Redact(db string) string {
	if !IsServer(db) {
		return db
	}
	u, err := url.Parse(db)
	if err != nil {
		// Unparseable: keep the scheme and host part up to any '@'.
		if i := strings.LastIndex(db, "@"); i >= 0 {
			return db[:strings.Index(db, "://")+3] + "…" + db[i:]
		}
		return db
	}
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// openPostgres opens the PostgreSQL database the URL names and brings its
// schema up to date (pg_migrate.go). Settings the URL leaves out come from
// PGHOST, PGUSER, PGPASSWORD, ~/.pgpass, PGSSLMODE and the others, as pgx
// reads them. No message carries the password.
func openPostgres(ctx context.Context, dsn string, wait time.Duration, opts Options) (*DB, error) {
	shown := Redact(dsn)
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("database %s: %s", shown, scrub(err.Error(), dsn, ""))
	}
	// How long a writer waits for another to release the write lock,
	// as SQLite's busy timeout.
	cfg.RuntimeParams["lock_timeout"] = strconv.FormatInt(wait.Milliseconds(), 10)
	cfg.RuntimeParams["application_name"] = "salesgoal"
	// Each statement planned for its own arguments: a generic plan, made
	// once the table had a few rows, reads a whole table that an import
	// has since grown, for each batch (id IN (…) by a scan).
	cfg.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	sqldb := sql.OpenDB(pgConnector{inner: stdlib.GetConnector(*cfg)})
	db := &DB{db: sqldb, path: shown, engine: PostgreSQL}
	if err := sqldb.PingContext(ctx); err != nil {
		sqldb.Close()
		return nil, fmt.Errorf("%w %s: %s", ErrConnect, shown, scrub(err.Error(), dsn, cfg.Password))
	}
	// A database without tables is the server's "no file yet": Create
	// gives it the schema (an SQLite file without schema is a broken one
	// instead, and only a writer may give it one).
	if err := db.migrate(ctx, opts.Create); err != nil {
		sqldb.Close()
		return nil, err
	}
	return db, nil
}

// scrub takes out of a message every occurrence of the connection string
// and of the password.
func scrub(msg, dsn, password string) string {
	msg = strings.ReplaceAll(msg, dsn, Redact(dsn))
	if password != "" {
		msg = strings.ReplaceAll(msg, password, "xxxxx")
	}
	return msg
}

// ErrConnect: the PostgreSQL server could not be reached, or refused the
// connection (a wrong password, a database that does not exist).
var ErrConnect = errors.New("cannot connect to")

// ErrNoPrivilege: the PostgreSQL role salesgoal connects as may not do
// what the command needs (write, or create the schema).
var ErrNoPrivilege = errors.New("the database role lacks the privilege")

// pgFault names what a PostgreSQL error says about the database, as
// Fault does for SQLite's codes.
func pgFault(err error) error {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return nil
	}
	switch {
	case pe.Code == "55P03" || pe.Code == "40P01" || pe.Code == "40001":
		return ErrBusy // lock_timeout, a deadlock, a serialisation failure
	case pe.Code == "42501":
		return ErrNoPrivilege
	case pe.Code == "25006":
		return ErrReadOnly // a read-only server (a standby)
	case pe.Code == "53100":
		return ErrDiskFull
	case pe.Code == "22003":
		return ErrOverflow
	case strings.HasPrefix(pe.Code, "58"):
		return ErrDiskIO
	case pe.Code == "XX001" || pe.Code == "XX002":
		return ErrDamaged
	}
	return nil
}

// ServerInfo is what status shows of the engine.
type ServerInfo struct {
	Engine  Engine `json:"name"`
	Version string `json:"version"`
	// Database and User: on PostgreSQL, the database connected to and
	// the role salesgoal acts as (never the password); "" on SQLite.
	Database string `json:"database,omitempty"`
	User     string `json:"user,omitempty"`
}

// Server says which engine holds the database, its version, and on
// PostgreSQL the database and user.
func (db *DB) Server(ctx context.Context) (ServerInfo, error) {
	i := ServerInfo{Engine: db.Engine()}
	if !db.server() {
		err := db.db.QueryRowContext(ctx, `SELECT sqlite_version()`).Scan(&i.Version)
		return i, err
	}
	err := db.db.QueryRowContext(ctx, `SELECT current_setting('server_version'), current_database(), current_user`).
		Scan(&i.Version, &i.Database, &i.User)
	return i, err
}
