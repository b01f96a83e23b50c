-- Network exchange: installation keys, an association's membership of the CCAS network,
-- and on the CCAS installation its member associations and the reports they sent.

ALTER TABLE settings ADD COLUMN mode TEXT NOT NULL DEFAULT 'association' CHECK (mode IN ('association', 'ccas'));

-- The installation's Ed25519 key pair, made at setup; it signs every file sent.
CREATE TABLE installation_key (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    public_key  BLOB NOT NULL,
    private_key BLOB NOT NULL,
    created_at  DATETIME NOT NULL
);

-- Association side: the network joined through an invitation (the CCAS key is pinned here),
-- and the key derived from the network passphrase (the passphrase itself is not kept).
CREATE TABLE network_membership (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    network_id       TEXT NOT NULL,
    network_name     TEXT NOT NULL,
    association_id   TEXT NOT NULL,
    association_name TEXT NOT NULL,
    ccas_public_key  BLOB NOT NULL,
    small_cell_k     INTEGER NOT NULL CHECK (small_cell_k >= 2),
    quartiers        TEXT NOT NULL DEFAULT '[]',
    valid_from       TEXT NOT NULL,
    joined_at        DATETIME NOT NULL,
    unique_key       BLOB,
    unique_key_fingerprint TEXT NOT NULL DEFAULT ''
);

-- Association side: monthly reports saved, for the reminder.
CREATE TABLE sent_reports (
    month     TEXT PRIMARY KEY,
    saved_at  DATETIME NOT NULL,
    file_name TEXT NOT NULL
);

-- CCAS side: the network this installation coordinates.
CREATE TABLE network (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    network_id   TEXT NOT NULL,
    name         TEXT NOT NULL,
    small_cell_k INTEGER NOT NULL CHECK (small_cell_k >= 2),
    quartiers    TEXT NOT NULL DEFAULT '[]'
);

-- CCAS side: member associations; the key is pinned on the first report accepted.
CREATE TABLE member_associations (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('invited', 'active')),
    public_key      BLOB,
    key_fingerprint TEXT NOT NULL DEFAULT '',
    revoked_key     BLOB, -- the key forgotten by the last new invitation: never pinned again
    valid_from      TEXT NOT NULL,
    invited_at      DATETIME NOT NULL,
    created_at      DATETIME NOT NULL,
    updated_at      DATETIME NOT NULL
);
CREATE UNIQUE INDEX member_associations_name ON member_associations(name COLLATE NOCASE);

-- CCAS side: every report accepted; one current report per association and month,
-- older ones kept as history.
CREATE TABLE received_reports (
    id             TEXT PRIMARY KEY,
    association_id TEXT NOT NULL REFERENCES member_associations(id),
    month          TEXT NOT NULL,
    generated_at   DATETIME NOT NULL,
    received_at    DATETIME NOT NULL,
    payload_sha256 TEXT NOT NULL UNIQUE,
    payload        TEXT NOT NULL,
    current        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX received_reports_month ON received_reports(month, current);
CREATE INDEX received_reports_association ON received_reports(association_id, month);

-- The monthly report reads a month of visits from this index alone, without visiting the
-- table: about three times faster on years of data.
CREATE INDEX visits_month_report ON visits(day, household_id, kind, weight_kg) WHERE cancelled_at IS NULL;
