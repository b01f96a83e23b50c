-- What erased households contributed to each month's report, linked to no one: the counts
-- that need birth dates (age bands, household types, persons without a full birth date)
-- and the distinct-person sketch cells under the network key of the time. Regenerated
-- past reports stay identical after a purge or an erasure.
CREATE TABLE erased_counts (
    month    TEXT NOT NULL,
    margin   TEXT NOT NULL,
    category TEXT NOT NULL,
    n        INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (month, margin, category)
) WITHOUT ROWID;

CREATE TABLE erased_sketches (
    month           TEXT NOT NULL,
    key_fingerprint TEXT NOT NULL,
    precision       INTEGER NOT NULL,
    registers       BLOB NOT NULL,
    persons         INTEGER NOT NULL CHECK (persons >= 0),
    PRIMARY KEY (month, key_fingerprint)
) WITHOUT ROWID;
