package cmd

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/salesgoal/salesgoal/metric"
)

// seasonalWeights are the parts' values a year before, for a seasonal
// split, noted in the plan with their shares.
func seasonalWeights(ctx context.Context, s *session, m metric.Metric, sc metric.Scope, pieces []metric.Piece, p *plan) ([]float64, error) {
	before := make([]metric.Period, len(pieces))
	for i, pc := range pieces {
		before[i] = pc.Period.YearEarlier()
	}
	vs, err := s.measurer.Values(ctx, m.ID, sc, before)
	if err != nil {
		return nil, err
	}
	weights := make([]float64, len(vs))
	sum := 0.0
	for i, v := range vs {
		if v != nil && *v > 0 {
			weights[i] = *v
			sum += *v
		}
	}
	if sum == 0 {
		return nil, withHint(errors.New("no "+m.ID+" in the same parts a year before to split by"), "use --split even")
	}
	p.notes = append(p.notes, shareNote("Seasonal split, by the same parts a year before", pieces, weights, func(i int) string {
		return before[i].Label + " " + formatMetric(m, vs[i])
	}))
	return weights, nil
}

// shareNote lists each part's share: "2027-01 31.0% (2026-01 12,000.00)".
func shareNote(title string, pieces []metric.Piece, weights []float64, from func(int) string) string {
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	parts := make([]string, len(pieces))
	for i, pc := range pieces {
		parts[i] = fmt.Sprintf("%s %s%%", pc.Period.Label, metric.OneDecimal(100*weights[i]/sum))
		if from != nil {
			parts[i] += " (" + from(i) + ")"
		}
	}
	return title + ": " + strings.Join(parts, ", ")
}
