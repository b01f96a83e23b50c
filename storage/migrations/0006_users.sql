-- Volunteers' accounts: a name, a role and a PIN (or passphrase) hashed with Argon2id.
CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role            TEXT NOT NULL CHECK (role IN ('volunteer', 'manager', 'coordinator')),
    secret_hash     BLOB NOT NULL,
    secret_salt     BLOB NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    last_failure_at DATETIME,
    disabled_at     DATETIME,
    created_at      DATETIME NOT NULL,
    updated_at      DATETIME NOT NULL
);
CREATE UNIQUE INDEX users_name ON users(name COLLATE NOCASE);

-- Who last changed a household.
ALTER TABLE households ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
