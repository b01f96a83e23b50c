-- The association's public listing: one document, edited as a whole and sent as a file.
CREATE TABLE listing (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    document   TEXT NOT NULL,
    checked_on TEXT NOT NULL,
    updated_at DATETIME NOT NULL
);

-- CCAS side: the listings associations sent; one current per association.
CREATE TABLE received_listings (
    id             TEXT PRIMARY KEY,
    association_id TEXT NOT NULL REFERENCES member_associations(id),
    generated_at   DATETIME NOT NULL,
    received_at    DATETIME NOT NULL,
    payload_sha256 TEXT NOT NULL UNIQUE,
    document       TEXT NOT NULL,
    current        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX received_listings_association ON received_listings(association_id, current);

-- CCAS side: entries the CCAS types itself, for associations that do not use Entraide.
CREATE TABLE directory_entries (
    id         TEXT PRIMARY KEY,
    document   TEXT NOT NULL,
    updated_at DATETIME NOT NULL
);

-- CCAS side: every directory published, its version increasing by one.
CREATE TABLE published_directories (
    version      INTEGER PRIMARY KEY,
    published_at DATETIME NOT NULL,
    payload      TEXT NOT NULL
);

-- Association side: the network directory received from the CCAS.
CREATE TABLE directory (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    version      INTEGER NOT NULL,
    published_at DATETIME NOT NULL,
    payload      TEXT NOT NULL
);
