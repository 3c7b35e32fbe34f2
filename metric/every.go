package metric

import "time"

// Piece is one part of a period split by Every: a period of the finer
// grain, cut to the whole it belongs to, and its share of a full one.
type Piece struct {
	Period Period
	// Share is the piece's days over the days of the full period of its
	// grain: 1 for a whole month, 3/7 for the three days of an ISO week
	// that fall inside the whole (docs/goals.md, "Every month").
	Share float64
}

// Every splits p into the periods of grain g it holds: the months of a
// year, the fiscal quarters of a fiscal year (fyStart places them), the ISO
// weeks of a quarter. A month, quarter or week that runs over p's start or
// end is cut to p, as a custom range, with the share of its days. It
// returns nil when g is not a month, quarter or week.
func (p Period) Every(g Grain, fyStart time.Month) []Piece {
	var whole func(d time.Time) Period
	switch g {
	case GrainMonth:
		whole = MonthOf
	case GrainWeek:
		whole = weekContaining
	case GrainQuarter:
		whole = func(d time.Time) Period {
			fy, q := fiscalQuarterOf(d, fyStart)
			return quarterPeriod(fy, q, fyStart)
		}
	default:
		return nil
	}
	var out []Piece
	for d := DateOf(p.Start); !d.After(p.End); {
		full := whole(d)
		piece := full
		if full.Start.Before(p.Start) || full.End.After(p.End) {
			start, end := full.Start, full.End
			if start.Before(p.Start) {
				start = DateOf(p.Start)
			}
			if end.After(p.End) {
				end = DateOf(p.End)
			}
			piece = rangePeriod(start, end)
		}
		out = append(out, Piece{Period: piece, Share: float64(piece.Days()) / float64(full.Days())})
		d = full.End.AddDate(0, 0, 1)
	}
	return out
}
