package crm

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// The time part of a date-time cell, which only a zone can move to
// another day.

// isoTime reads the time part after an ISO date. With a zone, the instant
// is converted to p.Loc and that day is returned.
func (p DateParser) isoTime(y, m, d int, tail string) (string, error) {
	date := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	if tail[0] != 'T' && tail[0] != 't' && tail[0] != ' ' {
		return "", errors.New("the time must follow a T or a space")
	}
	clock := strings.TrimSpace(tail[1:])
	// Split a zone off the clock: Z, UTC, GMT, ±HH, ±HHMM, ±HH:MM.
	zone := ""
	if i := strings.IndexAny(clock, "Zz+-"); i >= 0 {
		clock, zone = strings.TrimSpace(clock[:i]), clock[i:]
	} else if f := strings.Fields(clock); len(f) == 2 && (strings.EqualFold(f[1], "UTC") || strings.EqualFold(f[1], "GMT")) {
		clock, zone = f[0], "Z"
	}
	hh, mm, ss, err := parseClock(clock)
	if err != nil {
		return "", err
	}
	if zone == "" {
		return date, nil
	}
	off, err := parseOffset(zone)
	if err != nil {
		return "", err
	}
	loc := p.Loc
	if loc == nil {
		loc = time.UTC
	}
	inst := time.Date(y, time.Month(m), d, hh, mm, ss, 0, time.FixedZone("", off))
	return inst.In(loc).Format("2006-01-02"), nil
}

func parseOffset(z string) (int, error) {
	if z == "Z" || z == "z" || strings.EqualFold(z, "UTC") || strings.EqualFold(z, "GMT") {
		return 0, nil
	}
	sign := 1
	if z[0] == '-' {
		sign = -1
	}
	digits := strings.ReplaceAll(z[1:], ":", "")
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, fmt.Errorf("%q is not a time zone offset such as Z or +01:00", z)
		}
	}
	var h, m int
	switch len(digits) {
	case 2:
		h = atoi(digits)
	case 4:
		h, m = atoi(digits[:2]), atoi(digits[2:])
	default:
		return 0, fmt.Errorf("%q is not a time zone offset such as Z or +01:00", z)
	}
	if h > 14 || m > 59 {
		return 0, fmt.Errorf("%q is not a time zone offset such as Z or +01:00", z)
	}
	return sign * (h*3600 + m*60), nil
}

// checkClock validates the time after a non-ISO date: " 10:00",
// " 10:00:00", " 3:04 PM".
func checkClock(tail string) error {
	// Salesforce's US locale writes "1/31/2027, 10:00 AM".
	if strings.HasPrefix(tail, ", ") {
		tail = tail[1:]
	}
	if tail[0] != ' ' && tail[0] != 'T' {
		return errors.New("the time must follow a space")
	}
	clock := strings.TrimSpace(tail[1:])
	ampm := ""
	if n := len(clock); n >= 2 {
		switch strings.ToUpper(clock[n-2:]) {
		case "AM", "PM":
			ampm = strings.ToUpper(clock[n-2:])
			clock = strings.TrimSpace(clock[:n-2])
		}
	}
	hh, _, _, err := parseClock(clock)
	if err != nil {
		return err
	}
	if ampm != "" && (hh < 1 || hh > 12) {
		return fmt.Errorf("hour %d is not 1–12 with %s", hh, ampm)
	}
	return nil
}

// parseClock reads HH:MM, HH:MM:SS or HH:MM:SS.fff.
func parseClock(s string) (hh, mm, ss int, err error) {
	bad := fmt.Errorf("%q is not a time such as 10:00 or 10:00:00", s)
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, 0, bad
	}
	if len(parts) == 3 {
		if i := strings.IndexAny(parts[2], ".,"); i >= 0 {
			if !allDigits(parts[2][i+1:]) {
				return 0, 0, 0, bad
			}
			parts[2] = parts[2][:i]
		}
	}
	n := make([]int, 3)
	for i, p := range parts {
		if len(p) < 1 || len(p) > 2 || !allDigits(p) {
			return 0, 0, 0, bad
		}
		n[i] = atoi(p)
	}
	if n[0] > 23 || n[1] > 59 || n[2] > 60 {
		return 0, 0, 0, bad
	}
	return n[0], n[1], n[2], nil
}
