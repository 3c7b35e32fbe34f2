// Package pgtest gives tests a fresh PostgreSQL database of their own on
// the server that $SALESGOAL_TEST_POSTGRES names (a URL of a role that may
// create databases; .ci/run starts a throwaway server and sets it). Without
// it, the tests that need a server skip, saying how to run them; in CI
// (CI=true) they fail instead.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Env is the variable that names the test server.
const Env = "SALESGOAL_TEST_POSTGRES"

// HowTo says how to run the tests that need a server.
const HowTo = "set " + Env + " to the URL of a PostgreSQL role that may create databases " +
	"(e.g. postgres://salesgoal@/postgres?host=/run/postgresql), or run .ci/run, which starts a throwaway server"

// Server is the URL of the test server, or "" when there is none.
func Server() string { return os.Getenv(Env) }

// Require skips the test when there is no test server, or fails it in CI.
func Require(tb testing.TB) string {
	tb.Helper()
	s := Server()
	if s == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("CI=true but %s is not set: %s", Env, HowTo)
		}
		tb.Skipf("no PostgreSQL server to test on: %s", HowTo)
	}
	return s
}

// NewDatabase creates an empty database on the test server and returns
// its URL; it is dropped when the test ends.
func NewDatabase(tb testing.TB) string {
	tb.Helper()
	server := Require(tb)
	u, drop, err := Create(server)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(drop)
	return u
}

// Create creates an empty database on the server and returns its URL
// and the function that drops it.
func Create(server string) (string, func(), error) {
	name := "salesgoal_test_" + random()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		return "", nil, fmt.Errorf("connect to the test server %s: %w", Env, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+name); err != nil {
		return "", nil, fmt.Errorf("create a test database: %w", err)
	}
	u, err := WithDatabase(server, name)
	if err != nil {
		Drop(server, name)
		return "", nil, err
	}
	return u, func() { Drop(server, name) }, nil
}

// Drop drops the database name on the server, closing its connections.
func Drop(server, name string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		return
	}
	defer conn.Close(ctx)
	_, _ = conn.Exec(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
}

// WithDatabase is the server's URL with its database replaced by name.
func WithDatabase(server, name string) (string, error) {
	u, err := url.Parse(server)
	if err != nil {
		return "", fmt.Errorf("%s is not a URL: %w", Env, err)
	}
	u.Path = "/" + name
	q := u.Query()
	if q.Has("dbname") {
		q.Set("dbname", name)
		u.RawQuery = q.Encode()
	}
	return u.String(), nil
}

func random() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
