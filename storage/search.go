package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// SearchResult is a household found by name or card number.
type SearchResult struct {
	HouseholdID   string
	Card          string
	Members       []string // "First LAST", applicant first
	Matched       string   // "First LAST" of the member whose name matched, when not the applicant
	Archived      bool
	EligibleUntil Date
	LastVisit     *time.Time
	OldNumber     string // the number of the former list it was imported from, if any
}

// Search finds households by member name (accents, case and word order ignored, words
// may be prefixes) or by card number (a prefix of digits). Best matches come first:
//   - the card typed, exactly;
//   - persons whose names hold every typed word as a whole word, those whose name is
//     exactly the typed words in the typed order first ("dupont marie" puts Marie DUPONT
//     before Marie-Claire DUPONT and before a Dupont MARIE);
//   - then persons whose names start with the typed words;
//   - archived households after all the others.
//
// Any text is safe: it is never read as SQL or FTS syntax.
func (s *Store) Search(ctx context.Context, input string, limit int) ([]SearchResult, error) {
	if limit <= 0 {
		limit = 20
	}
	var ids []string
	var err error
	if LooksLikeCard(input) {
		ids, err = s.cardPrefixIDs(ctx, ScannedDigits(input), limit)
	} else {
		ids, err = s.nameSearchIDs(ctx, input, limit)
	}
	if err != nil {
		return nil, err
	}
	// A household imported from a former list is found by its old number too, first.
	if id, err := s.HouseholdIDByOldNumber(ctx, input); err == nil {
		ids = append([]string{id}, slices.DeleteFunc(ids, func(other string) bool { return other == id })...)
		ids = ids[:min(len(ids), limit)]
	} else if !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, nil
	}
	results, err := s.searchResults(ctx, ids)
	if err != nil {
		return nil, err
	}
	if !LooksLikeCard(input) {
		markMatched(results, searchTokens(input))
	}
	return results, nil
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
	// ':' sorts right after '9': the range is every card starting with these digits. The
	// card itself sorts first (a prefix sorts before its extensions); archived ones last.
	err := s.reader.WithContext(ctx).Raw(`SELECT id FROM households WHERE card >= ? AND card < ?
	    ORDER BY card <> ?, archived_at IS NOT NULL, card LIMIT ?`,
		digits, digits+":", digits, limit).Scan(&ids).Error
	if err != nil {
		return nil, fmt.Errorf("searching card %s: %w", digits, err)
	}
	return ids, nil
}

type nameHit struct {
	HouseholdID string
	LastName    string
	FirstName   string
	Archived    bool
	rank        nameRank
}

// nameRank orders name matches; smaller is better, field by field.
type nameRank struct {
	archived  int // archived households after every other
	prefixed  int // 0: every word typed in full; 1: some are only the start of a name
	missing   int // typed words that are not a whole word of the name (prefix pass)
	order     int // see wordOrder
	lastFirst string
}

func (r nameRank) compare(o nameRank) int {
	for _, d := range []int{r.archived - o.archived, r.prefixed - o.prefixed, r.missing - o.missing, r.order - o.order} {
		if d != 0 {
			return d
		}
	}
	return strings.Compare(r.lastFirst, o.lastFirst)
}

// wordOrder says how the typed words sit in a person's name: 0 the name is exactly the
// words in the typed order, last name first; 1 the same, first name first; 2 the typed
// words appear in this order among more words; 3 in another order.
func wordOrder(typed, last, first []string, match func(word, typed string) bool) int {
	lastFirst := append(append([]string{}, last...), first...)
	firstLast := append(append([]string{}, first...), last...)
	switch {
	case len(typed) == len(lastFirst) && inOrder(typed, lastFirst, match):
		return 0
	case len(typed) == len(firstLast) && inOrder(typed, firstLast, match):
		return 1
	case inOrder(typed, lastFirst, match) || inOrder(typed, firstLast, match):
		return 2
	}
	return 3
}

// inOrder tells whether each typed word matches a word of name, in the same order.
func inOrder(typed, name []string, match func(word, typed string) bool) bool {
	i := 0
	for _, w := range name {
		if i < len(typed) && match(w, typed[i]) {
			i++
		}
	}
	return i == len(typed)
}

func wholeWord(word, typed string) bool  { return word == typed }
func prefixWord(word, typed string) bool { return strings.HasPrefix(word, typed) }

// nameSearchIDs finds households in two passes that both stop after enough matches,
// however common the name: whole words first, then prefixes of what is being typed.
func (s *Store) nameSearchIDs(ctx context.Context, input string, limit int) ([]string, error) {
	tokens := searchTokens(input)
	if len(tokens) == 0 {
		return nil, nil
	}
	best := map[string]nameHit{}
	for _, prefix := range []bool{false, true} {
		var hits []nameHit
		err := s.reader.WithContext(ctx).Raw(`SELECT p.household_id, p.last_name, p.first_name, h.archived_at IS NOT NULL AS archived
		    FROM persons p JOIN households h ON h.id = p.household_id
		    WHERE p.rid IN (SELECT rowid FROM person_search WHERE person_search MATCH ? LIMIT ?)
		      AND p.left_on IS NULL`, ftsQuery(tokens, prefix), limit*10).Scan(&hits).Error
		if err != nil {
			return nil, fmt.Errorf("searching names: %w", err)
		}
		for _, h := range hits {
			last, first := searchTokens(h.LastName), searchTokens(h.FirstName)
			h.rank = nameRank{lastFirst: strings.Join(last, " ") + "|" + strings.Join(first, " ")}
			if h.Archived {
				h.rank.archived = 1
			}
			words := append(append([]string{}, last...), first...)
			for _, t := range tokens {
				if !slices.Contains(words, t) {
					h.rank.missing++
				}
			}
			match := wholeWord
			if h.rank.missing > 0 {
				h.rank.prefixed, match = 1, prefixWord
			}
			h.rank.order = wordOrder(tokens, last, first, match)
			if old, seen := best[h.HouseholdID]; !seen || h.rank.compare(old.rank) < 0 {
				best[h.HouseholdID] = h
			}
		}
		// Enough households already match every word in full: prefixes would come after.
		if len(best) >= limit {
			break
		}
	}
	ranked := make([]nameHit, 0, len(best))
	for _, h := range best {
		ranked = append(ranked, h)
	}
	slices.SortFunc(ranked, func(a, b nameHit) int {
		if c := a.rank.compare(b.rank); c != 0 {
			return c
		}
		return strings.Compare(a.HouseholdID, b.HouseholdID)
	})
	ids := make([]string, 0, min(limit, len(ranked)))
	for _, h := range ranked[:min(limit, len(ranked))] {
		ids = append(ids, h.HouseholdID)
	}
	return ids, nil
}

// markMatched names, in each result, the member the typed words found when it is not the
// applicant, so that the row says why the household is there.
func markMatched(results []SearchResult, tokens []string) {
	for i := range results {
		r := &results[i]
		for j, m := range r.Members {
			words := searchTokens(m)
			if inAnyOrder(tokens, words) {
				if j > 0 {
					r.Matched = m
				}
				break
			}
		}
	}
}

func inAnyOrder(typed, words []string) bool {
	for _, t := range typed {
		if !slices.ContainsFunc(words, func(w string) bool { return strings.HasPrefix(w, t) }) {
			return false
		}
	}
	return true
}

// searchResults loads what a result row shows, keeping the order of ids.
func (s *Store) searchResults(ctx context.Context, ids []string) ([]SearchResult, error) {
	db := s.reader.WithContext(ctx)
	var households []Household
	if err := db.Select("id", "card", "eligible_until", "archived_at", "old_number").Where("id IN ?", ids).Find(&households).Error; err != nil {
		return nil, fmt.Errorf("loading found households: %w", err)
	}
	var members []Person
	if err := db.Select("household_id", "first_name", "last_name", "position").
		Where("household_id IN ? AND left_on IS NULL", ids).Order("position").Find(&members).Error; err != nil {
		return nil, fmt.Errorf("loading found members: %w", err)
	}
	lasts, err := lastVisits(db, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*SearchResult, len(ids))
	for _, h := range households {
		byID[h.ID] = &SearchResult{HouseholdID: h.ID, Card: h.Card, Archived: h.Archived(), EligibleUntil: h.EligibleUntil, OldNumber: h.OldNumber}
	}
	for _, m := range members {
		if r := byID[m.HouseholdID]; r != nil {
			r.Members = append(r.Members, DisplayName(m.FirstName, m.LastName))
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

// lastVisitsByIndex finds each household's last distribution in one seek of the
// visits_last index (the MAX of an index's last entry), instead of reading every visit of
// each household as a GROUP BY would: households with years of weekly visits are common.
const lastVisitsByIndex = `SELECT h.id AS household_id,
        (SELECT MAX(v.at) FROM visits v WHERE v.household_id = h.id AND v.cancelled_at IS NULL) AS at
    FROM households h WHERE h.id IN ?`

type lastVisit struct {
	HouseholdID string
	At          string
}

// lastVisits reads the last distribution (not cancelled) of each household.
func lastVisits(db *gorm.DB, ids []string) ([]lastVisit, error) {
	var lasts []lastVisit
	if err := db.Raw(lastVisitsByIndex, ids).Scan(&lasts).Error; err != nil {
		return nil, fmt.Errorf("loading last visits: %w", err)
	}
	return lasts, nil
}
