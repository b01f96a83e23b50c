-- Association core: settings, distribution sites, households, their members, visits.
-- Dates a person types (birth, eligibility, consent) are TEXT 'YYYY-MM-DD';
-- instants are DATETIME in UTC.

CREATE TABLE settings (
    id                      TEXT PRIMARY KEY,
    association_name        TEXT NOT NULL CHECK (length(trim(association_name)) > 0),
    min_days_between_visits INTEGER NOT NULL DEFAULT 7 CHECK (min_days_between_visits >= 0),
    max_visits_per_month    INTEGER NOT NULL DEFAULT 0 CHECK (max_visits_per_month >= 0),
    eligibility_months      INTEGER NOT NULL DEFAULT 12 CHECK (eligibility_months > 0),
    created_at              DATETIME NOT NULL,
    updated_at              DATETIME NOT NULL
);

CREATE TABLE sites (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    address     TEXT NOT NULL DEFAULT '',
    archived_at DATETIME,
    created_at  DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL
);

CREATE TABLE households (
    id                 TEXT PRIMARY KEY,
    card_seq           INTEGER NOT NULL UNIQUE,
    card               TEXT NOT NULL UNIQUE,
    quartier           TEXT NOT NULL DEFAULT '',
    address            TEXT NOT NULL DEFAULT '',
    phone              TEXT NOT NULL DEFAULT '',
    referral           TEXT NOT NULL DEFAULT '',
    registered_on      TEXT NOT NULL,
    eligible_until     TEXT NOT NULL,
    consent_on         TEXT,
    notes              TEXT NOT NULL DEFAULT '',
    duplicate_override TEXT NOT NULL DEFAULT '',
    archived_at        DATETIME,
    created_at         DATETIME NOT NULL,
    updated_at         DATETIME NOT NULL
);

-- rid is a stable integer key for the name index (a plain rowid may change on VACUUM).
CREATE TABLE persons (
    rid          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    last_name    TEXT NOT NULL CHECK (length(trim(last_name)) > 0),
    first_name   TEXT NOT NULL CHECK (length(trim(first_name)) > 0),
    norm_last    TEXT NOT NULL,
    norm_first   TEXT NOT NULL,
    birth_date   TEXT,
    birth_year   INTEGER,
    sex          TEXT NOT NULL DEFAULT '',
    relation     TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL DEFAULT 0,
    left_on      TEXT,
    created_at   DATETIME NOT NULL,
    updated_at   DATETIME NOT NULL
);
CREATE INDEX persons_household ON persons(household_id);
-- Current members in form order: the households list reads the applicant and the count from it.
CREATE INDEX persons_current ON persons(household_id, position, last_name, first_name) WHERE left_on IS NULL;
CREATE INDEX persons_birth_year ON persons(birth_year);

CREATE TABLE visits (
    id              TEXT PRIMARY KEY,
    household_id    TEXT NOT NULL REFERENCES households(id),
    site_id         TEXT NOT NULL REFERENCES sites(id),
    at              DATETIME NOT NULL,
    day             TEXT NOT NULL,
    kind            TEXT NOT NULL,
    persons_served  INTEGER NOT NULL CHECK (persons_served >= 0),
    weight_kg       REAL,
    recorded_by     TEXT NOT NULL DEFAULT '',
    override_reason TEXT NOT NULL DEFAULT '',
    cancelled_at    DATETIME,
    cancel_reason   TEXT NOT NULL DEFAULT '',
    created_at      DATETIME NOT NULL,
    updated_at      DATETIME NOT NULL
);
CREATE INDEX visits_household_at ON visits(household_id, at);
CREATE INDEX visits_day ON visits(day);
