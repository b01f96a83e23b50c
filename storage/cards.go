package storage

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// CardName is what a printed card shows of the household's name.
type CardName string

const (
	CardNameNone         CardName = "none"          // the number only
	CardNameFirstInitial CardName = "first_initial" // "Marie L." (the default)
	CardNameFull         CardName = "full"          // "Marie LEFÈVRE"
)

// CardNames in the order Settings offers them.
var CardNames = []CardName{CardNameFirstInitial, CardNameNone, CardNameFull}

// ErrCardReplaced: the card was replaced (lost); a *CardReplacedError says by which.
var ErrCardReplaced = errors.New("this card was replaced")

// CardReplacedError tells which card replaced a lost one, and when.
type CardReplacedError struct {
	Card, NewCard string
	On            Date
}

func (e *CardReplacedError) Error() string {
	return fmt.Sprintf("card %s was replaced on %s by card %s", e.Card, e.On, e.NewCard)
}

func (e *CardReplacedError) Unwrap() error { return ErrCardReplaced }

// ReplaceCard gives a household a new card number (its card was lost); the old number is
// kept so that the check-in desk can say it was replaced.
func (s *Store) ReplaceCard(ctx context.Context, householdID, by string) (oldCard, newCard string, err error) {
	err = s.write(ctx).Transaction(func(tx *gorm.DB) error {
		var h Household
		if err := tx.Select("id", "card", "purged_at").Take(&h, "id = ? AND purged_at IS NULL", householdID).Error; err != nil {
			return fmt.Errorf("loading household: %w", notFound(err))
		}
		seq, err := nextCardSeq(tx)
		if err != nil {
			return err
		}
		oldCard, newCard = h.Card, CardForSeq(seq)
		if err := tx.Exec(`INSERT INTO replaced_cards(card, household_id, new_card, replaced_on, replaced_by) VALUES (?, ?, ?, ?, ?)`,
			oldCard, h.ID, newCard, s.Today(), by).Error; err != nil {
			return fmt.Errorf("keeping the old card number: %w", err)
		}
		// A card replaced twice: the first lost number points to the newest card too.
		if err := tx.Exec(`UPDATE replaced_cards SET new_card = ? WHERE household_id = ? AND card <> ?`, newCard, h.ID, oldCard).Error; err != nil {
			return fmt.Errorf("updating older card numbers: %w", err)
		}
		return tx.Exec(`UPDATE households SET card_seq = ?, card = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
			seq, newCard, s.Now(), by, h.ID).Error
	})
	if err != nil {
		return "", "", fmt.Errorf("replacing the card: %w", err)
	}
	return oldCard, newCard, nil
}

// nextCardSeq is the next card number's sequence, in the writing transaction.
func nextCardSeq(tx *gorm.DB) (int64, error) {
	var maxSeq int64
	if err := tx.Raw(`SELECT COALESCE(MAX(card_seq), ?) FROM households`, firstCardSeq).Scan(&maxSeq).Error; err != nil {
		return 0, fmt.Errorf("choosing a card number: %w", err)
	}
	if maxSeq >= maxCardSeq {
		return 0, errors.New("no card number left")
	}
	return maxSeq + 1, nil
}

// replacedCard tells whether a valid card number was replaced.
func replacedCard(db *gorm.DB, card string) error {
	var rows []struct {
		NewCard    string
		ReplacedOn Date
	}
	if err := db.Raw(`SELECT new_card, replaced_on FROM replaced_cards WHERE card = ?`, card).Scan(&rows).Error; err != nil {
		return fmt.Errorf("looking up card %s: %w", card, err)
	}
	if len(rows) == 0 {
		return nil
	}
	return &CardReplacedError{Card: card, NewCard: rows[0].NewCard, On: rows[0].ReplacedOn}
}

// CardHolder is what a printed card shows.
type CardHolder struct {
	HouseholdID   string
	Card          string
	FirstName     string // the applicant's
	LastName      string
	EligibleUntil Date
	RegisteredOn  Date
}

// CardFilter chooses the cards to print: the given cards, or the households registered
// since a day; every active household when both are empty.
type CardFilter struct {
	Cards           []string
	RegisteredSince Date
}

// CardHolders lists the active households' cards to print, by card number.
func (s *Store) CardHolders(ctx context.Context, f CardFilter) ([]CardHolder, error) {
	q := `SELECT h.id AS household_id, h.card, p.first_name, p.last_name, h.eligible_until, h.registered_on
	    FROM households h JOIN persons p ON p.id = (SELECT id FROM persons WHERE household_id = h.id AND left_on IS NULL ORDER BY position LIMIT 1)
	    WHERE h.archived_at IS NULL AND h.purged_at IS NULL`
	var args []any
	if len(f.Cards) > 0 {
		cards := make([]string, len(f.Cards))
		for i, typed := range f.Cards {
			card, err := NormalizeCard(typed)
			if err != nil {
				return nil, fmt.Errorf("card %q: %w", typed, err)
			}
			cards[i] = card
		}
		q += ` AND h.card IN ?`
		args = append(args, cards)
	}
	if !f.RegisteredSince.IsZero() {
		q += ` AND h.registered_on >= ?`
		args = append(args, f.RegisteredSince)
	}
	var list []CardHolder
	if err := s.reader.WithContext(ctx).Raw(q+` ORDER BY h.card_seq`, args...).Scan(&list).Error; err != nil {
		return nil, fmt.Errorf("listing the cards to print: %w", err)
	}
	if len(f.Cards) > 0 && len(list) < len(f.Cards) {
		found := map[string]bool{}
		for _, c := range list {
			found[c.Card] = true
		}
		for _, typed := range f.Cards {
			if card, _ := NormalizeCard(typed); !found[card] {
				if err := replacedCard(s.reader.WithContext(ctx), card); err != nil {
					return nil, err
				}
				return nil, fmt.Errorf("card %s: %w", card, ErrCardNotFound)
			}
		}
	}
	return list, nil
}
