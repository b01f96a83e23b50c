-- Audit trail: sensitive actions, append-only, without personal data in the text.
CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY,
    at     DATETIME NOT NULL,
    actor  TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- Households deleted under the retention rule or on request keep, anonymised, only what
-- past monthly counts need; purged_at marks them.
ALTER TABLE households ADD COLUMN purged_at DATETIME;
