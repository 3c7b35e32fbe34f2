package cmd

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/store"
)

// newDebugCmd is the hidden `salesgoal debug`: tools for looking into the
// database that a user should not need.
func newDebugCmd(root *rootOptions) *cobra.Command {
	c := &cobra.Command{
		Use:    "debug",
		Short:  "Tools for looking into the database",
		Hidden: true,
	}
	c.AddCommand(&cobra.Command{
		Use:   "rebuild-rollups",
		Short: "Build the rollups again from the deals, customers and spend",
		Long: `rebuild-rollups throws away the per-day summaries every metric is read
from and builds them again from the rows, in one transaction (the imports
keep them as they go; this is for checking that they did).`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error { return rebuildRun(c.Context(), root) },
	})
	return c
}

func rebuildRun(ctx context.Context, o *rootOptions) error {
	db, err := o.openDB(ctx, store.Options{Write: true})
	if err != nil {
		return err
	}
	defer db.Close()
	size, err := db.RebuildRollups(ctx)
	if err != nil {
		return err
	}
	sayf(o.env.Stderr, "Rollups rebuilt: %s\n", byteSize(size))
	return nil
}
