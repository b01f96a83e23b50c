-- Distinct persons are now also counted by name and birth year, so that a person with a
-- full date in one association and a year alone in another counts once: erased
-- households keep one sketch per kind. Sketches kept before are by name and full date.
CREATE TABLE erased_sketches_by_kind (
    month           TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('birth_date', 'birth_year')),
    key_fingerprint TEXT NOT NULL,
    precision       INTEGER NOT NULL,
    registers       BLOB NOT NULL,
    persons         INTEGER NOT NULL CHECK (persons >= 0),
    PRIMARY KEY (month, kind, key_fingerprint)
) WITHOUT ROWID;
INSERT INTO erased_sketches_by_kind(month, kind, key_fingerprint, precision, registers, persons)
    SELECT month, 'birth_date', key_fingerprint, precision, registers, persons FROM erased_sketches;
DROP TABLE erased_sketches;
ALTER TABLE erased_sketches_by_kind RENAME TO erased_sketches;

-- A household's last distribution in one index seek (the check-in search shows it).
CREATE INDEX visits_last ON visits(household_id, at) WHERE cancelled_at IS NULL;
