-- Donations the CCAS shares among the associations by need: what was given, how it was
-- shared (basis, months, method, floor and cap) and the table, kept as it was computed
-- so that it can be shown and printed again the same.
CREATE TABLE donations (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    unit        TEXT NOT NULL DEFAULT '',
    quantity    INTEGER NOT NULL CHECK (quantity >= 0),
    basis       TEXT NOT NULL,
    months      INTEGER NOT NULL,
    last_month  TEXT NOT NULL,
    method      TEXT NOT NULL,
    floor       INTEGER NOT NULL DEFAULT 0,
    cap         INTEGER NOT NULL DEFAULT 0,
    pickup      TEXT NOT NULL DEFAULT '',
    allocations TEXT NOT NULL,
    created_by  TEXT NOT NULL DEFAULT '',
    created_at  DATETIME NOT NULL
);
