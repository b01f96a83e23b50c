-- Name search: an FTS5 index over members' names, accent- and case-insensitive.
-- External content on persons keeps one copy of the names; triggers keep it in step.
-- Prefix indexes make "m", "ma", "mar" as fast as whole words while typing.

CREATE VIRTUAL TABLE person_search USING fts5(
    last_name, first_name,
    content='persons', content_rowid='rid',
    tokenize="unicode61 remove_diacritics 2",
    prefix='1 2 3'
);

CREATE TRIGGER persons_search_insert AFTER INSERT ON persons BEGIN
    INSERT INTO person_search(rowid, last_name, first_name)
    VALUES (new.rid, new.last_name, new.first_name);
END;

CREATE TRIGGER persons_search_delete AFTER DELETE ON persons BEGIN
    INSERT INTO person_search(person_search, rowid, last_name, first_name)
    VALUES ('delete', old.rid, old.last_name, old.first_name);
END;

CREATE TRIGGER persons_search_update AFTER UPDATE OF last_name, first_name ON persons BEGIN
    INSERT INTO person_search(person_search, rowid, last_name, first_name)
    VALUES ('delete', old.rid, old.last_name, old.first_name);
    INSERT INTO person_search(rowid, last_name, first_name)
    VALUES (new.rid, new.last_name, new.first_name);
END;

-- Households registered before this migration become searchable at once.
INSERT INTO person_search(person_search) VALUES ('rebuild');
