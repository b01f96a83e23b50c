-- Lost cards: the old number is kept so that the check-in desk says which card replaced
-- it (and records nothing) instead of "unknown card". What the printed cards show of the
-- household's name is the association's choice.
CREATE TABLE replaced_cards (
    card         TEXT PRIMARY KEY,
    household_id TEXT NOT NULL REFERENCES households(id),
    new_card     TEXT NOT NULL,
    replaced_on  TEXT NOT NULL,
    replaced_by  TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX replaced_cards_household ON replaced_cards(household_id);

ALTER TABLE settings ADD COLUMN card_name TEXT NOT NULL DEFAULT 'first_initial'
    CHECK (card_name IN ('none', 'first_initial', 'full'));
