package storage

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// SearchResult is a household found by name or card number.
type SearchResult struct {
	HouseholdID   string
	Card          string
	Members       []string // "First LAST", applicant first
	Archived      bool
	EligibleUntil Date
	LastVisit     *time.Time
}

// Search finds households by member name (accents, case and word order ignored, words
// may be prefixes) or by card number (a prefix of digits), best matches first. Any text
// is safe: it is never read as SQL or FTS syntax.
func (s *Store) Search(ctx context.Context, input string, limit int) ([]SearchResult, error) {
	if limit <= 0 {
		limit = 20
	}
	var ids []string
	var err error
	if LooksLikeCard(input) {
		ids, err = s.cardPrefixIDs(ctx, input, limit)
	} else {
		ids, err = s.nameSearchIDs(ctx, input, limit)
	}
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	return s.searchResults(ctx, ids)
}

func (s *Store) cardPrefixIDs(ctx context.Context, input string, limit int) ([]string, error) {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, input)
	if len(digits) > MaxCardLength {
		return nil, nil
	}
	var ids []string
	// ':' sorts right after '9': the range is every card starting with these digits.
	err := s.reader.WithContext(ctx).Raw(`SELECT id FROM households WHERE card >= ? AND card < ? ORDER BY card LIMIT ?`,
		digits, digits+":", limit).Scan(&ids).Error
	if err != nil {
		return nil, fmt.Errorf("searching card %s: %w", digits, err)
	}
	return ids, nil
}

type nameHit struct {
	HouseholdID string
	LastName    string
	FirstName   string
	exact       int
}

// nameSearchIDs finds households in two passes that both stop after enough matches,
// however common the name: whole words first, then prefixes of what is being typed.
// Within the prefix pass, persons with more whole-word matches come first ("martin" puts
// Martin before Martinez).
func (s *Store) nameSearchIDs(ctx context.Context, input string, limit int) ([]string, error) {
	tokens := searchTokens(input)
	if len(tokens) == 0 {
		return nil, nil
	}
	seen := map[string]bool{}
	ids := make([]string, 0, limit)
	for _, prefix := range []bool{false, true} {
		var hits []nameHit
		err := s.reader.WithContext(ctx).Raw(`SELECT p.household_id, p.last_name, p.first_name
		    FROM persons p
		    WHERE p.rid IN (SELECT rowid FROM person_search WHERE person_search MATCH ? LIMIT ?)
		      AND p.left_on IS NULL`, ftsQuery(tokens, prefix), limit*5).Scan(&hits).Error
		if err != nil {
			return nil, fmt.Errorf("searching names: %w", err)
		}
		if prefix {
			for i := range hits {
				words := searchTokens(hits[i].LastName + " " + hits[i].FirstName)
				for _, t := range tokens {
					if slices.Contains(words, t) {
						hits[i].exact++
					}
				}
			}
			slices.SortStableFunc(hits, func(a, b nameHit) int { return b.exact - a.exact })
		}
		for _, h := range hits {
			if !seen[h.HouseholdID] && len(ids) < limit {
				seen[h.HouseholdID] = true
				ids = append(ids, h.HouseholdID)
			}
		}
		if len(ids) >= limit {
			break
		}
	}
	return ids, nil
}

// searchResults loads what a result row shows, keeping the order of ids.
func (s *Store) searchResults(ctx context.Context, ids []string) ([]SearchResult, error) {
	db := s.reader.WithContext(ctx)
	var households []Household
	if err := db.Select("id", "card", "eligible_until", "archived_at").Where("id IN ?", ids).Find(&households).Error; err != nil {
		return nil, fmt.Errorf("loading found households: %w", err)
	}
	var members []Person
	if err := db.Select("household_id", "first_name", "last_name", "position").
		Where("household_id IN ? AND left_on IS NULL", ids).Order("position").Find(&members).Error; err != nil {
		return nil, fmt.Errorf("loading found members: %w", err)
	}
	type last struct {
		HouseholdID string
		At          string
	}
	var lasts []last
	if err := db.Raw(`SELECT household_id, MAX(at) AS at FROM visits
	    WHERE household_id IN ? AND cancelled_at IS NULL GROUP BY household_id`, ids).Scan(&lasts).Error; err != nil {
		return nil, fmt.Errorf("loading last visits: %w", err)
	}
	byID := make(map[string]*SearchResult, len(ids))
	for _, h := range households {
		byID[h.ID] = &SearchResult{HouseholdID: h.ID, Card: h.Card, Archived: h.Archived(), EligibleUntil: h.EligibleUntil}
	}
	for _, m := range members {
		if r := byID[m.HouseholdID]; r != nil {
			r.Members = append(r.Members, m.FirstName+" "+strings.ToUpper(m.LastName))
		}
	}
	for _, l := range lasts {
		if r := byID[l.HouseholdID]; r != nil {
			if t, err := parseStoredTime(l.At); err == nil {
				r.LastVisit = &t
			}
		}
	}
	results := make([]SearchResult, 0, len(ids))
	for _, id := range ids {
		if r := byID[id]; r != nil {
			results = append(results, *r)
		}
	}
	return results, nil
}

// parseStoredTime reads a DATETIME that came back as text (aggregates lose the column type).
func parseStoredTime(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05-07:00", time.RFC3339Nano} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("reading time %q", s)
}
