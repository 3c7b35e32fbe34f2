package crm

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// StageRules decide a deal's stage: won, lost or open.
type StageRules struct {
	Overrides map[string]string // the CRM's labels, folded by HeaderKey → won, lost or open
	// Status maps the values of a CRM's status column, folded by
	// HeaderKey, that are not words (Dynamics 365's statecode 0, 1, 2)
	// onto won, lost or open (Preset.Status).
	Status map[string]string
}

// Flags are the cells of a deal's stage-deciding columns (FlagNames), ""
// for a column the file lacks.
type Flags struct {
	Won, Closed, Status string
	// Active is Odoo's: a lost opportunity is archived (Active false).
	Active string
}

// Add says what the CRM's stage label means: won, lost or open (IsStage).
// A later label that folds to the same HeaderKey wins.
func (r *StageRules) Add(label, stage string) {
	if r.Overrides == nil {
		r.Overrides = map[string]string{}
	}
	r.Overrides[HeaderKey(label)] = stage
}

// IsStage reports whether s is a stage: won, lost or open.
func IsStage(s string) bool {
	return s == row.StageWon || s == row.StageLost || s == row.StageOpen
}

// wonLabels and lostLabels are stage labels, folded to letters only, that
// mean won or lost in the CRMs and languages we meet (English, Spanish,
// Portuguese, French, German, Italian, Dutch); every other label is open
// (docs/import.md). Digits are dropped so "Closed Won (100%)" still reads.
var wonLabels = setOf("won", "closedwon", "dealwon", "opportunitywon", "win", "wins", "closedwin",
	"ganada", "ganado", "cerradaganada", "cerradoganado", "ganadas", "ganados",
	"gagné", "gagnée", "gagne", "gagnee", "fermégagné", "fermégagnée", "gewonnen", "vinta", "vinto", "chiusavinta", "chiusovinto",
	"ganho", "ganha", "fechadoganho", "fechadaganha", "gewonnenabgeschlossen", "abgeschlossengewonnen",
	"geslotengewonnen", "gewonnendeal")

var lostLabels = setOf("lost", "closedlost", "deallost", "opportunitylost", "loss", "lose",
	"perdida", "perdido", "cerradaperdida", "cerradoperdido", "perdidas", "perdidos", "descartada", "descartado",
	"perdu", "perdue", "ferméperdu", "ferméperdue", "verloren", "persa", "perso", "chiusapersa", "chiusoperso",
	"fechadoperdido", "fechadaperdida", "verlorenabgeschlossen", "abgeschlossenverloren", "geslotenverloren")

// The longest run of leading words (folded) that labelStage tries against
// wonLabels and lostLabels: "Closed Lost to Competition" (Zoho) is lost by
// its first two, "Perdida por licitación" by its first.
const leadWords = 3

func setOf(s ...string) map[string]bool {
	m := make(map[string]bool, len(s))
	for _, x := range s {
		m[x] = true
	}
	return m
}

// Stage returns "won", "lost" or "open" for a deal.
//
// Flags, when present (non-empty), decide: won true → won; won false with
// closed true → lost, with closed false → open; Pipedrive or Close status
// open/won/lost (Close's "active" is open). A won flag that is false with
// no closed flag leaves lost or open to the label, and a label that reads
// as won becomes open: the CRM itself does not count the deal as won.
// An archived deal (Active false) is lost unless its label says won.
// Otherwise the label decides: the CRM's own labels (Add) first, then the
// won and lost labels of docs/import.md; anything else is open.
func (r StageRules) Stage(label string, f Flags) (string, error) {
	won, closed, status := f.Won, f.Closed, f.Status
	if st := HeaderKey(status); st != "" {
		if s, ok := r.Status[st]; ok {
			return s, nil
		}
		switch st {
		case "won":
			return row.StageWon, nil
		case "lost":
			return row.StageLost, nil
		case "open", "active":
			return row.StageOpen, nil
		case "abandoned":
			// Copper's fourth status: the deal closed without a win.
			return row.StageLost, nil
		}
		// Pipedrive's "deleted" and the like: the label decides, if any.
		if HeaderKey(label) == "" {
			return "", fmt.Errorf("status %q is not open, won or lost", status)
		}
	}
	if strings.TrimSpace(won) != "" {
		w, err := parseFlag(won)
		if err != nil {
			return "", fmt.Errorf("won flag %q: %w", won, err)
		}
		if w {
			return row.StageWon, nil
		}
		if strings.TrimSpace(closed) != "" {
			c, err := parseFlag(closed)
			if err != nil {
				return "", fmt.Errorf("closed flag %q: %w", closed, err)
			}
			if c {
				return row.StageLost, nil
			}
			return row.StageOpen, nil
		}
		s, err := r.labelStage(label)
		if err != nil || s == row.StageWon {
			return row.StageOpen, nil
		}
		return s, nil
	}
	if strings.TrimSpace(closed) != "" && HeaderKey(label) == "" {
		c, err := parseFlag(closed)
		if err != nil {
			return "", fmt.Errorf("closed flag %q: %w", closed, err)
		}
		if !c {
			return row.StageOpen, nil
		}
		return "", errors.New("the deal is closed but neither its stage nor a won flag says whether it was won")
	}
	if strings.TrimSpace(f.Active) != "" {
		a, err := parseFlag(f.Active)
		if err != nil {
			return "", fmt.Errorf("active flag %q: %w", f.Active, err)
		}
		if s, err := r.labelStage(label); !a && (err != nil || s != row.StageWon) {
			return row.StageLost, nil
		}
	}
	return r.labelStage(label)
}

func (r StageRules) labelStage(label string) (string, error) {
	k := HeaderKey(label)
	if k == "" {
		return "", errors.New("the stage is empty")
	}
	if s, ok := r.Overrides[k]; ok {
		return s, nil
	}
	letters := strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return -1
		}
		return r
	}, k)
	switch {
	case wonLabels[letters]:
		return row.StageWon, nil
	case lostLabels[letters]:
		return row.StageLost, nil
	}
	// The leading words of a longer label: "Closed Lost to Competition",
	// "Perdida por licitación", "Won - awaiting PO". Not before an
	// apostrophe's "t": "Won't buy" is no win.
	words := strings.FieldsFunc(strings.ToLower(label), func(r rune) bool { return !unicode.IsLetter(r) })
	for n := min(leadWords, len(words)-1); n >= 1; n-- {
		if words[n] == "t" {
			continue
		}
		lead := strings.Join(words[:n], "")
		switch {
		case wonLabels[lead]:
			return row.StageWon, nil
		case lostLabels[lead]:
			return row.StageLost, nil
		}
	}
	return row.StageOpen, nil
}

// parseFlag reads a boolean cell: 1/true/yes/y/t/x or 0/false/no/n/f.
func parseFlag(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "true", "yes", "y", "t", "x", "wahr", "sí", "si", "oui", "ja":
		return true, nil
	case "0", "false", "no", "n", "f", "falsch", "non", "nein":
		return false, nil
	}
	return false, errors.New("is not true or false (1/0, yes/no)")
}
