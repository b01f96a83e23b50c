-- The network's meetings, held every two months in turn at the associations that lend a
-- room. A meeting keeps why its host was chosen (the rule, or the coordinator's reason for
-- choosing another), its agenda, who came, its minutes and the decisions taken, each
-- followed until done. sequence is raised at each change so that calendars replace their
-- copy of the event.
CREATE TABLE meetings (
    id              TEXT PRIMARY KEY,
    day             TEXT NOT NULL,
    start           TEXT NOT NULL,
    length_minutes  INTEGER NOT NULL DEFAULT 120 CHECK (length_minutes > 0),
    host_id         TEXT NOT NULL DEFAULT '',
    host            TEXT NOT NULL CHECK (length(trim(host)) > 0),
    place           TEXT NOT NULL DEFAULT '',
    host_rule       TEXT NOT NULL DEFAULT '',
    override_reason TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
    sequence        INTEGER NOT NULL DEFAULT 0,
    minutes         TEXT NOT NULL DEFAULT '',
    created_at      DATETIME NOT NULL,
    updated_at      DATETIME NOT NULL
);
CREATE INDEX meetings_day ON meetings(day);

CREATE TABLE meeting_items (
    id               TEXT PRIMARY KEY,
    meeting_id       TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    title            TEXT NOT NULL CHECK (length(trim(title)) > 0),
    brought_by       TEXT NOT NULL DEFAULT '',
    duration_minutes INTEGER NOT NULL DEFAULT 0 CHECK (duration_minutes >= 0)
);
CREATE INDEX meeting_items_meeting ON meeting_items(meeting_id, position);

-- One row per association asked to come: present, excused or absent, and who came.
CREATE TABLE meeting_attendance (
    meeting_id     TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    association_id TEXT NOT NULL,
    association    TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('present', 'excused', 'absent')),
    persons        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, association_id)
);

CREATE TABLE meeting_decisions (
    id         TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL CHECK (length(trim(text)) > 0),
    done       INTEGER NOT NULL DEFAULT 0,
    done_on    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_decisions_meeting ON meeting_decisions(meeting_id, position);

-- A donation's table goes to each association in the directory file, sealed so that only
-- that association reads its line, unless the network chose to show the whole table.
ALTER TABLE donations ADD COLUMN shown_to_all INTEGER NOT NULL DEFAULT 0;
