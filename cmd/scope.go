package cmd

import "github.com/salesgoal/salesgoal/metric"

// scopeOf is the scope --owner and --team name: the owner, else the team,
// else the whole company. The commands refuse both at once before.
func scopeOf(owner, team string) metric.Scope {
	switch {
	case owner != "":
		return metric.Scope{Level: metric.Owner, Value: owner}
	case team != "":
		return metric.Scope{Level: metric.Team, Value: team}
	}
	return metric.Scope{Level: metric.Company}
}
