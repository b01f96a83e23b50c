package donation

import (
	"context"
	"encoding/json"
	"fmt"

	"entraide/storage"
	"entraide/sync/report"
)

// Basis is the need a donation is shared by, read from the associations' monthly reports.
type Basis string

const (
	BasisInfants    Basis = "infants"    // persons aged 0 to 2 served
	BasisPersons    Basis = "persons"    // persons served
	BasisHouseholds Basis = "households" // households served
	BasisVisits     Basis = "visits"     // distributions
)

// Bases lists the bases offered, in the order the screen shows them.
var Bases = []Basis{BasisInfants, BasisPersons, BasisHouseholds, BasisVisits}

// ParseBasis reads a basis's code.
func ParseBasis(s string) (Basis, bool) {
	for _, b := range Bases {
		if string(b) == s {
			return b, true
		}
	}
	return "", false
}

// Need is one association's need over the period, from the reports it sent.
type Need struct {
	AssociationID string  `json:"association_id"`
	Name          string  `json:"association"`
	Value         float64 `json:"basis"`
	Months        int     `json:"months_received"`
	// Estimated is the part of Value that comes from hidden cells ("fewer than 5"),
	// each counted as its share of what the margin's total leaves to the hidden cells.
	Estimated float64 `json:"estimated,omitempty"`
}

// Needs reads each active association's need on basis over the months months ending
// with last (YYYY-MM), from the reports held by the CCAS. An association that sent no
// report in the period has a need of 0 (and Months 0, which the table shows).
func Needs(ctx context.Context, s *storage.Store, basis Basis, months int, last storage.Month) ([]Need, error) {
	if months < 1 {
		return nil, fmt.Errorf("a period of %d months", months)
	}
	first := last.Add(1 - months)
	members, err := s.MemberAssociations(ctx)
	if err != nil {
		return nil, err
	}
	received, err := s.CurrentReports(ctx, first.String(), last.String())
	if err != nil {
		return nil, err
	}
	byID := map[string]*Need{}
	var needs []*Need
	for _, m := range members {
		if m.Status == "revoked" {
			continue
		}
		n := &Need{AssociationID: m.ID, Name: m.Name}
		byID[m.ID] = n
		needs = append(needs, n)
	}
	for _, rr := range received {
		n := byID[rr.AssociationID]
		if n == nil {
			continue
		}
		var r report.Report
		if err := json.Unmarshal([]byte(rr.Payload), &r); err != nil {
			return nil, fmt.Errorf("reading the report of %s for %s: %w", n.Name, rr.Month, err)
		}
		n.Months++
		switch basis {
		case BasisPersons:
			n.Value += float64(r.PersonsServed)
		case BasisHouseholds:
			n.Value += float64(r.HouseholdsServed)
		case BasisVisits:
			n.Value += float64(r.Visits)
		case BasisInfants:
			value, estimated := cellValue(r.Margins[report.MarginAge], "0-2", r.SmallCellK)
			n.Value += value
			if estimated {
				n.Estimated += value
			}
		default:
			return nil, fmt.Errorf("unknown basis %q", basis)
		}
	}
	list := make([]Need, len(needs))
	for i, n := range needs {
		list[i] = *n
	}
	return list, nil
}

// cellValue is a margin cell's count. A hidden cell counts as its share of what the
// margin's exact total leaves to the hidden cells (total − visible cells, shared equally),
// kept within 1…k−1 for a cell hidden as "fewer than k": a fair middle that never claims
// more than the report allows.
func cellValue(m report.Margin, cell string, k int) (float64, bool) {
	c, ok := m.Cells[cell]
	if !ok {
		return 0, false
	}
	if !c.Hidden {
		return float64(c.N), false
	}
	hidden := 0
	for _, other := range m.Cells {
		if other.Hidden {
			hidden++
		}
	}
	value := float64(m.Total-m.Visible()) / float64(max(hidden, 1))
	if !c.Secondary && k > 1 {
		value = min(max(value, 1), float64(k-1))
	}
	return value, true
}
