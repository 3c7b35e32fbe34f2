package cmd

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/salesgoal/salesgoal/internal/importer"
	"github.com/salesgoal/salesgoal/store"
)

// widthOf measures a line as a terminal draws it, with another library
// than the one the tables are fitted with: wide (East Asian) characters
// count two, the box drawing, blocks and symbols one.
var widthOf = (&runewidth.Condition{EastAsianWidth: false}).StringWidth

// Long names, as real CRMs hold them: an owner, a team and goals whose
// names are long, some in wide characters.
const (
	longOwner = "Maximiliana Fernández-Castellanos de la Vega y Montoya"
	longTeam  = "EMEA Enterprise Strategic Accounts — North and Baltics"
	wideOwner = "渡辺久美子（東日本エンタープライズ営業本部）"
)

// longNamesDB builds a database at a long path with deals and customers
// of long-named owners and teams, and goals with long names set through
// goal add: what the width test runs every command over.
func longNamesDB(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "shared-drive", "Sales Operations (EMEA and APAC)", "weekly exports from the CRM")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "salesgoal-database-for-the-whole-sales-organisation.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var deals, customers strings.Builder
	deals.WriteString("id,customer_id,owner,team,stage,type,amount,cost,discount,created_at,closed_at\n")
	customers.WriteString("id,owner,team,acquired_at,churned_at\n")
	owners := []string{longOwner, wideOwner, "Ana"}
	for i := range 90 {
		o := owners[i%len(owners)]
		stage := []string{"won", "won", "lost", "open"}[i%4]
		closed := fmt.Sprintf("2027-%02d-%02d", 1+i%2, 2+i%27)
		if stage == "open" {
			closed = ""
		}
		fmt.Fprintf(&deals, "D%d,K%d,%s,%s,%s,new,%d.00,%d.00,%d,2026-12-%02d,%s\n", i, i%20, o, longTeam, stage,
			123456789+i*1000, 50000+i, i%15, 1+i%28, closed)
	}
	for i := range 20 {
		churned := ""
		if i%5 == 0 {
			churned = "2027-01-20"
		}
		fmt.Fprintf(&customers, "K%d,%s,%s,2026-0%d-01,%s\n", i, owners[i%len(owners)], longTeam, 1+i%9, churned)
	}
	files := []struct{ name, data string }{
		{"customers exported from the CRM on Monday morning.csv", customers.String()},
		{"deals exported from the CRM with every property on Monday morning.csv", deals.String()},
	}
	for _, f := range files {
		if _, err := importer.Import(ctx, db, strings.NewReader(f.data), importer.Options{File: filepath.Join(dir, f.name), Now: fixtureImportedAt}); err != nil {
			t.Fatalf("import %s: %v", f.name, err)
		}
	}
	db.Close()
	for _, args := range [][]string{
		{"--category", "revenue", "--target", "+10%", "--owner", longOwner, "--name", "Grow the enterprise accounts of the northern region by a tenth before the quarter closes"},
		{"--category", "win-rate", "--target", "+5pp", "--owner", wideOwner, "--name", "東日本エンタープライズ営業本部の受注率を五ポイント改善する四半期目標"},
		{"--category", "margin", "--metric", "discounted-deals", "--target", "-20%", "--team", longTeam, "--name", "Fewer discounts to the strategic accounts, approved by the regional director"},
		{"--category", "churn", "--target", "-3pp", "--name", "Keep the customers of the northern and Baltic region, every one of them"},
		{"--category", "cac", "--target", "10000000", "--name", "Acquisition cost"},
		// A goal for every owner, with tiers, under one for the company;
		// one for every month under the quarter's.
		{"--category", "revenue", "--target", "+5%", "--commit", "+2%", "--stretch", "+12%", "--each", "owner",
			"--name", "Every account executive of the enterprise segment grows revenue by five percent"},
		{"--category", "prospects", "--target", "+9%", "--every", "month", "--name", "Nine percent more new deals every month of the quarter, chained"},
	} {
		env, _, errOut := testEnv(nil)
		args = append([]string{"goal", "add", "--db", path, "--as-of", fixtureAsOf, "--quarter", "Q1", "--year", "2027", "--force"}, args...)
		if code := run(env, args); code != exitOK {
			t.Fatalf("goal add: exit status %d: %s", code, errOut)
		}
	}
	return path
}

// goalIDs are the ids of the goals saved in the database at path.
func goalIDs(t *testing.T, path string) []int64 {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	gs, err := db.Goals(context.Background(), store.GoalFilter{})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(gs))
	for i, g := range gs {
		ids[i] = g.ID
	}
	return ids
}

// TestWidth runs every command that draws tables, as a person would on a
// terminal 80 columns wide (COLUMNS=80; with and without a terminal, for
// the bars), over the demo's database and one with long names, and checks
// that no line of what they print is wider than 80. Both hold a goal with
// tiers and goals for every owner beneath one for the company: the report
// shows them beneath it, the leaderboards rank them, goal list --history
// lists an owner's.
func TestWidth(t *testing.T) {
	demo := filepath.Join(t.TempDir(), "demo.db")
	{
		env, _, errOut := testEnv(nil)
		if code := run(env, []string{"demo", "--db", demo}); code != exitOK {
			t.Fatalf("demo: exit status %d: %s", code, errOut)
		}
	}
	dbs := []struct {
		name, path, asOf, owner string
		split                   string // a year before to split by, or not
	}{
		{"demo", demo, demoAsOf, "Chloé Martin", "seasonal"},
		{"long names", longNamesDB(t), fixtureAsOf, longOwner, "even"},
	}
	for _, db := range dbs {
		commands := [][]string{
			{"report"},
			{"report", "--since", "7d"},
			{"report", "--quarter", "Q4", "--year", "2026"},
			{"report", "--wide"}, // too wide for 80: one line per goal, and says so
			{"report", "--by", "owner"},
			{"report", "--by", "team"},
			{"report", "--by", "owner", "--wide"}, // as --wide: one line per goal, and says so
			{"report", "--by", "team", "--wide"},
			{"report", "--category", "revenue", "--owner", db.owner},
			{"metrics"},
			{"metrics", "--by", "owner"},
			{"metrics", "--by", "team"},
			{"metrics", "--by", "month"},
			{"metrics", "--by", "owner", "--metric", "revenue"},
			{"metrics", "--explain"},
			{"status"},
			{"goal", "list"},
			{"goal", "list", "--history", "revenue"},
			{"goal", "list", "--history", "revenue", "--owner", db.owner},
			{"goal", "list", "--history", "prospects"},
			{"goal", "check"},
			{"goal", "add", "--category", "win-rate", "--target", "+5pp", "--each", "owner", "--dry-run"},
			{"goal", "add", "--category", "revenue", "--target", "120000", "--every", "month", "--split", db.split, "--dry-run"},
		}
		ids := goalIDs(t, db.path)
		if len(ids) < 13 {
			t.Fatalf("%s: %d goals, want the parents and their children too", db.name, len(ids))
		}
		for _, id := range ids {
			commands = append(commands, []string{"goal", "show", strconv.FormatInt(id, 10)})
		}
		for _, c := range commands {
			for _, tty := range []bool{false, true} {
				name := fmt.Sprintf("%s/%s/tty=%v", db.name, strings.Join(c, " "), tty)
				t.Run(name, func(t *testing.T) {
					env, out, errOut := testEnv(map[string]string{"COLUMNS": "80", "NO_COLOR": "1"})
					env.StdoutTTY = tty
					args := append([]string{"--db", db.path, "--as-of", db.asOf}, c...)
					if code := run(env, args); code != exitOK && code != exitFailure {
						t.Fatalf("exit status %d: %s", code, errOut)
					}
					checkWidth(t, out.String(), 80)
				})
			}
		}
	}
	t.Run("demo itself", func(t *testing.T) {
		for _, args := range [][]string{{"demo"}, {"demo", "--since", "7d"}} {
			env, out, errOut := testEnv(map[string]string{"COLUMNS": "80"})
			env.StdoutTTY = true
			if code := run(env, args); code != exitOK {
				t.Fatalf("exit status %d: %s", code, errOut)
			}
			checkWidth(t, out.String(), 80)
		}
	})
}

// colour matches the colour codes of a terminal, which take no room.
var colour = regexp.MustCompile("\x1b\\[[0-9;]*m")

// checkWidth fails for each line of out wider than width (its colour
// codes left out), and when out has no line at all.
func checkWidth(t *testing.T, out string, width int) {
	t.Helper()
	if strings.TrimSpace(out) == "" {
		t.Fatalf("nothing printed")
	}
	for i, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		if w := widthOf(colour.ReplaceAllString(line, "")); w > width {
			t.Errorf("line %d is %d wide:\n%s", i+1, w, line)
		}
	}
}
