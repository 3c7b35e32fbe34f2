package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/salesgoal/salesgoal/internal/crm/row"
	"github.com/salesgoal/salesgoal/internal/rollup"
)

// Setting names (docs/architecture.md), as typed with `salesgoal config`.
const (
	SettingFiscalYearStart = "fiscal-year-start"
	SettingCurrency        = "currency"
	SettingTimezone        = "timezone"
	SettingRatePolicy      = "rate-policy"
)

// setting describes one setting: its default and how a value is checked
// and put into canonical form.
type setting struct {
	def   string
	canon func(string) (string, error)
}

var settings = map[string]setting{
	SettingFiscalYearStart: {def: "1", canon: canonMonth},
	SettingCurrency:        {def: "USD", canon: row.CurrencyCode},
	SettingTimezone:        {def: "Local", canon: canonTimezone},
	SettingRatePolicy:      {def: "close-date", canon: canonPolicy},
}

// ErrUnknownSetting reports a setting name salesgoal does not have.
var ErrUnknownSetting = errors.New("unknown setting")

// ErrInvalidSetting is matched (with errors.Is) by the error SetSetting
// returns for a value the setting does not accept.
var ErrInvalidSetting = errors.New("invalid setting value")

// invalidSetting is a value's reason for refusal, matched as ErrInvalidSetting.
type invalidSetting struct{ err error }

func (e invalidSetting) Error() string        { return e.err.Error() }
func (e invalidSetting) Is(target error) bool { return target == ErrInvalidSetting }

// SettingNames lists the settings in alphabetical order.
func SettingNames() []string {
	names := make([]string, 0, len(settings))
	for n := range settings {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Setting returns a setting's value, or its default when it was never set.
func (db *DB) Setting(ctx context.Context, name string) (string, error) {
	s, ok := settings[name]
	if !ok {
		return "", fmt.Errorf("%w %q (known: %s)", ErrUnknownSetting, name, strings.Join(SettingNames(), ", "))
	}
	var v string
	err := db.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return s.def, nil
	}
	return v, err
}

// SetSetting checks value and stores it in canonical form.
func (db *DB) SetSetting(ctx context.Context, name, value string) error {
	s, ok := settings[name]
	if !ok {
		return fmt.Errorf("%w %q (known: %s)", ErrUnknownSetting, name, strings.Join(SettingNames(), ", "))
	}
	v, err := s.canon(strings.TrimSpace(value))
	if err != nil {
		return fmt.Errorf("%s: %w", name, invalidSetting{err})
	}
	_, err = db.db.ExecContext(ctx,
		`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, name, v)
	return err
}

// Currency is the database's currency: money metrics count only deals in it.
func (db *DB) Currency(ctx context.Context) (string, error) {
	return db.Setting(ctx, SettingCurrency)
}

// FiscalYearStart is the month the fiscal year starts in.
func (db *DB) FiscalYearStart(ctx context.Context) (time.Month, error) {
	v, err := db.Setting(ctx, SettingFiscalYearStart)
	if err != nil {
		return 0, err
	}
	m, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("setting %s: %q is not a month number", SettingFiscalYearStart, v)
	}
	return time.Month(m), nil
}

// Location is the time zone in which date-times are turned into dates.
func (db *DB) Location(ctx context.Context) (*time.Location, error) {
	v, err := db.Setting(ctx, SettingTimezone)
	if err != nil {
		return nil, err
	}
	return time.LoadLocation(v)
}

func canonMonth(v string) (string, error) {
	if n, err := strconv.Atoi(v); err == nil && n >= 1 && n <= 12 {
		return strconv.Itoa(n), nil
	}
	for m := time.January; m <= time.December; m++ {
		if strings.EqualFold(v, m.String()) || strings.EqualFold(v, m.String()[:3]) {
			return strconv.Itoa(int(m)), nil
		}
	}
	return "", fmt.Errorf("%q is not a month: give 1–12 or a month name such as April", v)
}

func canonTimezone(v string) (string, error) {
	if _, err := time.LoadLocation(v); err != nil || v == "" {
		return "", fmt.Errorf("%q is not a time zone: give an IANA name such as Europe/Berlin, or UTC, or Local", v)
	}
	return v, nil
}

func canonPolicy(v string) (string, error) {
	p, err := rollup.ParsePolicy(v)
	if err != nil {
		return "", err
	}
	return p.String(), nil
}
