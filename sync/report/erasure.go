package report

import (
	"context"
	"errors"
	"fmt"

	"entraide/storage"
)

// PurgeHouseholds erases households (retention or the person's request): their identity
// goes, and what they brought to each month's counts that needed it is kept, linked to no
// one, so that a past report regenerated later is identical. The screens and entraidectl
// erase through here, never through the store directly.
func PurgeHouseholds(ctx context.Context, s *storage.Store, ids []string, actor, reason string) (int, error) {
	if err := s.RequireManager("erasing households"); err != nil {
		return 0, err
	}
	var quartiers []string
	var key []byte
	switch m, err := s.Membership(ctx); {
	case err == nil:
		quartiers, key = m.Quartiers, m.UniqueKey
	case !errors.Is(err, storage.ErrNotJoined):
		return 0, fmt.Errorf("erasing households: %w", err)
	}
	served, err := s.ServedData(ctx, ids)
	if err != nil {
		return 0, fmt.Errorf("erasing households: %w", err)
	}
	byMonth := map[string][]storage.MonthVisit{}
	for _, v := range served.Visits {
		byMonth[storage.MonthOf(v.Day).String()] = append(byMonth[storage.MonthOf(v.Day).String()], v)
	}
	contributions := make([]storage.ErasedMonth, 0, len(byMonth))
	for month, visits := range byMonth {
		data := served
		data.Visits = visits
		t := newTally(data, quartiers, key)
		for _, id := range t.householdIDs() {
			t.addBirthFacts(id)
		}
		contributions = append(contributions, t.erased(month))
	}
	return s.PurgeHouseholds(ctx, ids, actor, reason, contributions)
}
