package crm

import (
	"slices"
	"strings"
	"unicode"

	"github.com/salesgoal/salesgoal/internal/crm/row"
)

// Stages read as open only when they look open (docs/import.md,
// "Stages"): a label salesgoal does not know is read as open, which is
// right for a CRM's own pipeline stages ("Scoping", "Pitch") and wrong for
// its own closed ones ("Delivered", "Não fechado", "TRUE"). When a file's
// labels suggest the latter, the import says which labels, and what they
// would be read as.

// openStems are parts of the labels of open stages in the CRMs and
// languages salesgoal meets, folded by HeaderKey; a label that holds none
// of them does not look open.
var openStems = []string{
	"open", "new", "lead", "prospect", "qualif", "discover", "demo", "meeting", "appointment", "contact",
	"proposal", "proposition", "quote", "negotia", "review", "analys", "value", "decision", "perception",
	"present", "pitch", "scop", "engag", "followup", "progress", "pending", "evaluat", "trial", "pilot",
	"solution", "commit", "verbal", "identif", "need", "bid", "estimat", "develop", "propose", "shortlist",
	"pipeline", "working", "hold", "draft", "sent", "schedul",
	// Spanish, Portuguese, French, German, Italian, Dutch.
	"nuevo", "novo", "nouveau", "neu", "nuovo", "nieuw", "abierto", "aberto", "ouvert", "offen", "aperto",
	"cualif", "calif", "prospec", "propuesta", "proposta", "negocia", "négocia", "verhandl", "trattativ",
	"onderhandel", "contato", "contacto", "análisis", "análise", "analisi", "seguimiento", "pendiente",
	"pendente", "offerte", "angebot", "offerta", "devis", "cotiza", "orçamento", "reunión", "reunião",
}

// closedStems start the labels that read as a closed deal ("Closed:
// abandoned", "Cerrado sin respuesta"), whatever the rest says.
var closedStems = []string{"closed", "cerrad", "fechad", "fermé", "ferme", "geschlossen", "abgeschlossen", "chius", "gesloten"}

// lostStems are parts of labels that read like a loss, and negations the
// words of a label that say a deal did not close, for the guess a warning
// offers.
var (
	lostStems = []string{"lost", "loss", "perd", "verlor", "cancel", "reject", "declin", "abandon", "dead", "drop",
		"descart", "rechaz", "recus", "refus", "fail", "fracas", "disqualif", "unqualif", "churn"}
	negations = []string{"no", "not", "não", "nao", "sem", "sin", "pas", "non", "nicht", "kein", "keine", "niet", "geen", "ohne", "without"}
)

// LooksOpen reports whether a stage label read as open looks like an open
// stage: it holds a word of open stages and does not start like a closed
// deal ("Closed: abandoned").
func LooksOpen(label string) bool {
	k := HeaderKey(label)
	if looksClosed(k) {
		return false
	}
	for _, s := range openStems {
		if strings.Contains(k, s) {
			return true
		}
	}
	return false
}

func looksClosed(key string) bool {
	for _, s := range closedStems {
		if strings.HasPrefix(key, s) {
			return true
		}
	}
	return false
}

// booleanLabel reads a label that is a true/false value ("TRUE", "no",
// "1"); ok is false for any other label.
func booleanLabel(label string) (value, ok bool) {
	v, err := parseFlag(label)
	return v, err == nil
}

// StageDoubt is a file whose deals were read as open where their labels
// suggest otherwise.
type StageDoubt struct {
	// Missing is the stage no deal of the file was read as: "lost", "won"
	// or "won or lost"; "" when the doubt is the labels alone.
	Missing string
	// Boolean: the labels are true/false values ("TRUE", "FALSE").
	Boolean bool
	// Labels are the labels in doubt, most deals first, each with the
	// stage a --stage would most likely give it.
	Labels []LabelGuess
}

// LabelGuess is a stage label read as open, how many deals carry it, and
// what it more likely means.
type LabelGuess struct {
	Label string
	Deals int64
	Stage string // won or lost
}

// StageDoubt returns the doubt about the stages of a deals file, or nil:
// labels that are true/false values; or, when no deal was read as lost
// (or as won), the labels read as open that do not look open; or labels
// that look like a closed deal ("Closed: abandoned").
func (u Understood) StageDoubt() *StageDoubt {
	labels := make([]string, 0, len(u.OpenLabels))
	for l := range u.OpenLabels {
		labels = append(labels, l)
	}
	slices.SortFunc(labels, func(a, b string) int {
		if u.OpenLabels[a] != u.OpenLabels[b] {
			return int(u.OpenLabels[b] - u.OpenLabels[a])
		}
		return strings.Compare(a, b)
	})
	d := &StageDoubt{Boolean: len(labels) > 0}
	for _, l := range labels {
		if _, ok := booleanLabel(l); !ok {
			d.Boolean = false
		}
	}
	if d.Boolean {
		for _, l := range labels {
			v, _ := booleanLabel(l)
			d.Labels = append(d.Labels, LabelGuess{Label: l, Deals: u.OpenLabels[l], Stage: map[bool]string{true: row.StageWon, false: row.StageLost}[v]})
		}
		return d
	}
	// The file's own counts: a won deal skipped for its close date is
	// still a won deal of the file.
	won, lost := max(u.Won, u.FileWon), max(u.Lost, u.FileLost)
	switch {
	case won == 0 && lost == 0:
		d.Missing = "won or lost"
	case lost == 0:
		d.Missing = "lost"
	case won == 0:
		d.Missing = "won"
	}
	for _, l := range labels {
		k := HeaderKey(l)
		if !looksClosed(k) && (d.Missing == "" || LooksOpen(l)) {
			continue
		}
		d.Labels = append(d.Labels, LabelGuess{Label: l, Deals: u.OpenLabels[l], Stage: guessStage(l, d.Missing)})
	}
	if len(d.Labels) == 0 {
		return nil
	}
	return d
}

// guessStage is what a label read as open more likely means: the stage
// the file lacks, when it lacks one; else lost when the label reads like a
// loss or holds a negation ("Não fechado"), or when the file has both
// ("Closed: abandoned"); else won.
func guessStage(label, missing string) string {
	switch missing {
	case "lost":
		return row.StageLost
	case "won":
		return row.StageWon
	case "":
		return row.StageLost
	}
	k := HeaderKey(label)
	for _, s := range lostStems {
		if strings.Contains(k, s) {
			return row.StageLost
		}
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(label), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if slices.Contains(negations, w) {
			return row.StageLost
		}
	}
	return row.StageWon
}
