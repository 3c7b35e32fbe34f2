package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

type statusOptions struct {
	*rootOptions
	format string
}

func newStatusCmd(root *rootOptions) *cobra.Command {
	opts := &statusOptions{rootOptions: root}
	c := &cobra.Command{
		Use:   "status",
		Short: "Show what the database holds and where it came from",
		Long: `Status shows the database file and its schema version, the rows and date
range of each kind of data, the most recent imports, and which metrics the
data can measure: a metric whose input no import carried (costs, discounts,
spend, churn dates, …) is shown as — by metrics and report, with the reason
given here.`,
		Example: `  salesgoal status
  salesgoal status --format json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			f, err := parseFormat(opts.format, formatTable, formatJSON)
			if err != nil {
				return err
			}
			return statusRun(c.Context(), opts, f)
		},
	}
	formatFlag(c, &opts.format, formatTable, formatJSON)
	return c
}

// statusJSON is the JSON shape of docs/architecture.md.
type statusJSON struct {
	DB            string           `json:"db"`
	Engine        store.ServerInfo `json:"engine"`
	SchemaVersion int              `json:"schema-version"`
	Counts        store.Counts     `json:"counts"`
	Rollups       rollupsJSON      `json:"rollups"`
	Imports       []importJSON     `json:"imports"`
	Readings      []readingJSON    `json:"readings"`
	// Metrics says of every metric whether the data can measure it, and
	// if not, why (the rule metrics and report follow).
	Metrics []measurableJSON `json:"metrics"`
}

// readingJSON is a reading remembered for a source (docs/import.md,
// "Sources"): its columns, kind, the flags applied to its files, and its
// last file.
type readingJSON struct {
	Columns string `json:"columns"`
	Kind    string `json:"kind"`
	Flags   string `json:"flags"`
	File    string `json:"file"`
	At      string `json:"at"`
}

// rollupsJSON is the size of the rollups: their bytes, and the days that
// have cells.
type rollupsJSON struct {
	Bytes int64 `json:"bytes"`
	Days  int64 `json:"days"`
}

type measurableJSON struct {
	Metric     string `json:"metric"`
	Measurable bool   `json:"measurable"`
	Reason     string `json:"reason,omitempty"`
}

type importJSON struct {
	File      string `json:"file"`
	Kind      string `json:"kind"`
	SHA256    string `json:"sha256"`
	Inserted  int64  `json:"inserted"`
	Updated   int64  `json:"updated"`
	Unchanged int64  `json:"unchanged"`
	Skipped   int64  `json:"skipped"`
	Deleted   int64  `json:"deleted"`
	At        string `json:"at"`
}

func statusRun(ctx context.Context, opts *statusOptions, f format) error {
	db, err := opts.openDB(ctx, store.Options{Create: true})
	if err != nil {
		return err
	}
	defer db.Close()
	version, err := db.Version(ctx)
	if err != nil {
		return err
	}
	server, err := db.Server(ctx)
	if err != nil {
		return err
	}
	cov, err := db.Coverage(ctx)
	if err != nil {
		return err
	}
	limit := 10
	if f == formatJSON {
		limit = 0
	}
	imports, err := db.Imports(ctx, limit)
	if err != nil {
		return err
	}
	sources, err := db.Sources(ctx)
	if err != nil {
		return err
	}
	readings := []readingJSON{}
	for _, s := range sources {
		var r reading
		if json.Unmarshal([]byte(s.Reading), &r) == nil {
			readings = append(readings, readingJSON{Columns: s.Header, Kind: s.Kind, Flags: r.flags(), File: s.File, At: s.At})
		}
	}
	in, err := db.Inputs(ctx)
	if err != nil {
		return err
	}
	size, err := db.RollupSize(ctx)
	if err != nil {
		return err
	}
	out := opts.env.Stdout
	if f == formatJSON {
		js := statusJSON{DB: db.Path(), Engine: server, SchemaVersion: version, Counts: cov.Counts, Rollups: rollupsJSON(size),
			Imports: []importJSON{}, Readings: readings, Metrics: []measurableJSON{}}
		for _, im := range imports {
			js.Imports = append(js.Imports, importJSON{File: im.File, Kind: im.Kind, SHA256: im.SHA256,
				Inserted: im.Inserted, Updated: im.Updated, Unchanged: im.Unchanged, Skipped: im.Skipped, Deleted: im.Deleted, At: im.At})
		}
		for _, m := range metric.Metrics() {
			reason := m.Missing(in)
			js.Metrics = append(js.Metrics, measurableJSON{Metric: m.ID, Measurable: reason == "", Reason: reason})
		}
		return writeJSON(out, js)
	}
	p := textPage{w: out, width: outputWidth(opts.env)}
	if err := writeStatus(p, shortPath(db.Path(), opts.env), server, version, cov, size, in, imports, opts.env); err != nil {
		return err
	}
	return writeReadings(p, readings, opts.env)
}

// maxFlagWord is the widest a word of a remembered reading's flags keeps
// whole on a narrow terminal; a longer one is cut into pieces.
const maxFlagWord = 24

// writeReadings lists the readings remembered for sources: an import of a
// file with those columns applies the flags, and says so.
func writeReadings(p textPage, readings []readingJSON, env *Env) error {
	if len(readings) == 0 {
		return nil
	}
	fmt.Fprintln(p.w)
	p.line("Remembered readings (files with these columns are read with these flags; 'salesgoal import --forget FILE' forgets one):", 2)
	rows := make([][]string, len(readings))
	for i, r := range readings {
		rows[i] = []string{r.Columns, r.Kind, r.Flags, shortPath(r.File, env), reportImportTime(r.At)}
	}
	// On a narrow terminal the flags wrap between words, never inside
	// one ("amount=Offli / ne_Spend" reads as no flag a user could
	// type): their column keeps the longest word, up to maxFlagWord, the
	// others give way, the time going under its date.
	flagWord := 12
	for _, r := range readings {
		for _, w := range strings.Fields(r.Flags) {
			flagWord = max(flagWord, min(textWidth(w), maxFlagWord))
		}
	}
	fit := fitWidth(p.width, cut(0, 10), wrap(2, flagWord), cutStart(3, 10), wrap(4, 10))
	return writeTable(p.w, formatTable, []string{"Columns", "Kind", "Flags", "Last file", "At"}, rows, fit)
}

func writeStatus(p textPage, path string, server store.ServerInfo, version int, cov store.Coverage, size store.RollupSize, in metric.Inputs, imports []store.Import, env *Env) error {
	w := p.w
	p.line(fmt.Sprintf("Database: %s (schema version %d)", path, version), 2)
	if server.Engine == store.PostgreSQL {
		p.line(fmt.Sprintf("Engine: PostgreSQL %s, database %s, user %s", server.Version, server.Database, server.User), 2)
	} else {
		p.line(fmt.Sprintf("Engine: SQLite %s (one file)", server.Version), 2)
	}
	fmt.Fprintln(w)
	span := func(r store.Range) string {
		if r.From == "" {
			return "—"
		}
		return r.From + " .. " + r.To
	}
	customers := strconv.FormatInt(cov.Customers, 10)
	if cov.ImplicitCustomers > 0 {
		customers += fmt.Sprintf(" (%d named only by deals)", cov.ImplicitCustomers)
	}
	deals := strconv.FormatInt(cov.Deals, 10)
	if cov.OpenWithoutDate > 0 {
		deals += fmt.Sprintf(" (%d open without a created date: in no period)", cov.OpenWithoutDate)
	}
	kinds := [][]string{
		{"deals", deals, span(cov.DealRange)},
		{"customers", customers, span(cov.CustomerRange)},
		{"spend", strconv.FormatInt(cov.Spend, 10), span(cov.SpendRange)},
	}
	if cov.ChurnEvents > 0 { // the kinds a subscription business has
		kinds = append(kinds, []string{"churn events", strconv.FormatInt(cov.ChurnEvents, 10), span(cov.ChurnEventRange)})
	}
	if cov.Subscriptions > 0 {
		kinds = append(kinds, []string{"subscriptions", strconv.FormatInt(cov.Subscriptions, 10), span(cov.SubscriptionRange)})
	}
	if err := writeTable(w, formatTable, []string{"Kind", "Rows", "Dates"}, kinds, fitWidth(p.width, wrap(1, 12))); err != nil {
		return err
	}
	p.line(fmt.Sprintf("Rollups: %s, cells on %d days (every metric is read from them; each import keeps them)", byteSize(size.Bytes), size.Days), 2)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "What the metrics can measure:")
	for _, line := range measurable(in) {
		p.line("  "+line, 4)
	}
	fmt.Fprintln(w)
	if len(imports) == 0 {
		fmt.Fprintln(w, "No imports yet: run 'salesgoal import deals.csv customers.csv spend.csv'.")
		return nil
	}
	fmt.Fprintln(w, "Recent imports:")
	rows := make([][]string, len(imports))
	for i, im := range imports {
		rows[i] = []string{reportImportTime(im.At), shortPath(im.File, env), im.Kind, importRows(im)}
	}
	fit := fitWidth(p.width, cutStart(1, 12), wrap(3, 12))
	return writeTable(w, formatTable, []string{"At", "File", "Kind", "Rows"}, rows, fit)
}

// importRows says what an import did with the rows of its file, leaving
// out the counts that are 0: "3 inserted, 779 unchanged".
func importRows(im store.Import) string {
	var parts []string
	for _, c := range []struct {
		n    int64
		what string
	}{{im.Inserted, "inserted"}, {im.Updated, "updated"}, {im.Unchanged, "unchanged"}, {im.Skipped, "skipped"}} {
		if c.n > 0 {
			parts = append(parts, strconv.FormatInt(c.n, 10)+" "+c.what)
		}
	}
	if len(parts) == 0 {
		return "no rows"
	}
	return strings.Join(parts, ", ")
}

// measurable says which metrics the data can measure and, once per
// reason, which it cannot and why: the rule (metric.Metric.Missing) that
// makes metrics and the report show them as null.
func measurable(in metric.Inputs) []string {
	var ok, reasons []string
	ids := map[string][]string{}
	for _, m := range metric.Metrics() {
		reason := m.Missing(in)
		if reason == "" {
			ok = append(ok, m.ID)
			continue
		}
		if ids[reason] == nil {
			reasons = append(reasons, reason)
		}
		ids[reason] = append(ids[reason], m.ID)
	}
	var out []string
	switch {
	case len(reasons) == 0:
		out = append(out, "✓ every metric")
	case len(ok) > 0:
		out = append(out, "✓ "+strings.Join(ok, ", "))
	}
	for _, r := range reasons {
		out = append(out, "✗ "+strings.Join(ids[r], ", ")+": "+r)
	}
	return out
}
