package store

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// The store's SQL is written once, in the dialect SQLite and PostgreSQL
// share (ON CONFLICT … DO UPDATE with excluded, RETURNING, FILTER,
// transactional DDL). What differs is a handful of spellings, which the
// PostgreSQL connection rewrites before a statement reaches the server
// (docs/architecture.md, "Storage"): a ? placeholder becomes $1, $2…;
// SQLite's null-safe IS NOT between two values becomes IS DISTINCT FROM;
// temp.T becomes pg_temp.T; WITHOUT ROWID goes; INSERT OR IGNORE becomes
// ON CONFLICT DO NOTHING; the two-argument MIN and MAX become LEAST and
// GREATEST; BLOB becomes BYTEA and INTEGER (SQLite's 64 bits) BIGINT. The schema is not rewritten: each engine
// has its own migration files.

var (
	pgIsNot   = regexp.MustCompile(`(?i)\bIS NOT\s+([^N\s]|N[^U])`)
	pgTemp    = regexp.MustCompile(`(?i)([\s(,])temp\.`)
	pgRowid   = regexp.MustCompile(`(?i)\s+WITHOUT ROWID`)
	pgIgnore  = regexp.MustCompile(`(?i)^(\s*)INSERT OR IGNORE INTO`)
	pgLeast   = regexp.MustCompile(`(?i)\bMIN\(MIN\(`)
	pgGreat   = regexp.MustCompile(`(?i)\bMAX\(MAX\(`)
	pgBlob    = regexp.MustCompile(`\bBLOB\b`)
	pgInteger = regexp.MustCompile(`\bINTEGER\b`)
	pgRewrite sync.Map // query → its PostgreSQL spelling
)

// pgQuery is query as PostgreSQL spells it.
func pgQuery(query string) string {
	if q, ok := pgRewrite.Load(query); ok {
		return q.(string)
	}
	q := numberPlaceholders(query)
	q = pgIsNot.ReplaceAllString(q, "IS DISTINCT FROM $1")
	q = pgTemp.ReplaceAllString(q, "${1}pg_temp.")
	q = pgRowid.ReplaceAllString(q, "")
	if pgIgnore.MatchString(q) {
		q = pgIgnore.ReplaceAllString(q, "${1}INSERT INTO") + " ON CONFLICT DO NOTHING"
	}
	q = pgLeast.ReplaceAllString(q, "LEAST(MIN(")
	q = pgGreat.ReplaceAllString(q, "GREATEST(MAX(")
	q = pgBlob.ReplaceAllString(q, "BYTEA")
	q = pgInteger.ReplaceAllString(q, "BIGINT")
	pgRewrite.Store(query, q)
	return q
}

// numberPlaceholders turns each ? outside a quoted string or name into
// $1, $2, … in order.
func numberPlaceholders(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	var quote byte
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
