package rounds

import (
	"context"
	"errors"
	"fmt"
	"time"

	"baocao/internal/access"
	"baocao/internal/intake"
	"baocao/internal/postgres"
)

// UnitProgress is one expected unit's standing in a round.
type UnitProgress struct {
	Unit        string     `json:"unit"`
	Name        string     `json:"name"`
	Email       string     `json:"email"`
	Status      string     `json:"status"`
	SubmittedAt *time.Time `json:"submitted_at"`
	OnTime      *bool      `json:"on_time"`
	Revision    int        `json:"revision"`
}

// Progress is a round's completeness and timeliness, from submission times:
// Submitted + Missing = Expected, OnTime + Late = Submitted, so it can
// never pass 100%.
type Progress struct {
	Round     postgres.Round `json:"-"`
	Expected  int            `json:"expected"`
	Submitted int            `json:"submitted"`
	OnTime    int            `json:"on_time"`
	Late      int            `json:"late"`
	Missing   int            `json:"missing"`
	Accepted  int            `json:"accepted"`
	Returned  int            `json:"returned"`
	Units     []UnitProgress `json:"units"`
}

// Percent is the share of expected units that submitted.
func (p Progress) Percent() float64 {
	if p.Expected == 0 {
		return 0
	}
	return float64(p.Submitted) * 100 / float64(p.Expected)
}

// Progress measures a round for staff. Expected units are those the round
// recorded when it opened (valid during it and assigned its form); a
// submission counts once submitted or accepted; a returned one is pending
// again until it is submitted anew.
func (s *Service) Progress(ctx context.Context, u access.User, roundCode string) (Progress, error) {
	if !access.Allow(u, access.ReadProgress, "") {
		return Progress{}, access.ErrForbidden
	}
	r, err := postgres.GetRound(ctx, s.pool, roundCode)
	if errors.Is(err, postgres.ErrNotFound) {
		return Progress{}, fmt.Errorf("round %s: %w", roundCode, access.ErrNotFound)
	}
	if err != nil {
		return Progress{}, err
	}
	c, err := s.intake.Catalog(ctx, s.pool, r.CatalogVersionID)
	if err != nil {
		return Progress{}, err
	}
	subs, err := postgres.ListSubmissions(ctx, s.pool, access.Scope{}, r.ID)
	if err != nil {
		return Progress{}, err
	}
	p := Progress{Round: r, Expected: len(subs), Units: []UnitProgress{}}
	for _, sub := range subs {
		un, _ := c.Unit(sub.UnitCode)
		p.Units = append(p.Units, UnitProgress{Unit: sub.UnitCode, Name: un.Name, Email: un.Email, Status: sub.Status,
			SubmittedAt: sub.SubmittedAt, OnTime: sub.OnTime, Revision: sub.Revision})
		switch sub.Status {
		case intake.StatusSubmitted, intake.StatusAccepted:
			p.Submitted++
			if sub.OnTime != nil && *sub.OnTime {
				p.OnTime++
			} else {
				p.Late++
			}
			if sub.Status == intake.StatusAccepted {
				p.Accepted++
			}
		default:
			p.Missing++
			if sub.Status == intake.StatusReturned {
				p.Returned++
			}
		}
	}
	return p, nil
}
