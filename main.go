// Command salesgoal turns a CRM's CSV exports into SMART sales goals and a
// weekly progress report. See README.md.
package main

import (
	"os"
	_ "time/tzdata" // time zones work on machines without a zoneinfo database

	"github.com/salesgoal/salesgoal/cmd"
)

func main() { os.Exit(cmd.Main()) }
