package cmd

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/salesgoal/salesgoal/store"
)

type goalRmOptions struct {
	*rootOptions
	id int64
}

func newGoalRmCmd(root *rootOptions) *cobra.Command {
	opts := &goalRmOptions{rootOptions: root}
	c := &cobra.Command{
		Use:   "rm ID",
		Short: "Remove a goal and its assessments",
		Long: `Rm removes a goal and the record of its assessments. A goal that other
goals serve (their --parent) is kept until they are removed or given
another parent.`,
		Example: `  salesgoal goal rm 3`,
		Args:    cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			var err error
			if opts.id, err = goalID(args[0]); err != nil {
				return err
			}
			return goalRmRun(c.Context(), opts)
		},
	}
	return c
}

func goalRmRun(ctx context.Context, opts *goalRmOptions) error {
	s, g, err := openGoal(ctx, opts.rootOptions, opts.id, true)
	if err != nil {
		return err
	}
	defer s.db.Close()
	if err := s.db.DeleteGoal(ctx, opts.id); err != nil {
		if errors.Is(err, store.ErrGoalHasChildren) {
			return withHint(fmt.Errorf("cannot remove goal %s %q: %w", idString(g.ID), g.Name, err), "remove those goals first, or give them another parent with 'salesgoal goal edit ID --parent none'")
		}
		return notFound(err)
	}
	fmt.Fprintf(opts.env.Stdout, "Removed goal %s %q.\n", idString(g.ID), g.Name)
	return nil
}
