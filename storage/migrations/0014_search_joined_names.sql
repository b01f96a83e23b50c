-- Names with an apostrophe, a hyphen or a space are also found typed in one word, as
-- volunteers type them: "ndiaye" finds N'Diaye, "aitsaid" Aït Saïd, "marieclaire"
-- Marie-Claire. The index gains the names as compared (persons.norm_last, norm_first).
DROP TRIGGER persons_search_insert;
DROP TRIGGER persons_search_delete;
DROP TRIGGER persons_search_update;
DROP TABLE person_search;

CREATE VIRTUAL TABLE person_search USING fts5(
    last_name, first_name, norm_last, norm_first,
    content='persons', content_rowid='rid',
    tokenize="unicode61 remove_diacritics 2",
    prefix='1 2 3'
);

CREATE TRIGGER persons_search_insert AFTER INSERT ON persons BEGIN
    INSERT INTO person_search(rowid, last_name, first_name, norm_last, norm_first)
    VALUES (new.rid, new.last_name, new.first_name, new.norm_last, new.norm_first);
END;

CREATE TRIGGER persons_search_delete AFTER DELETE ON persons BEGIN
    INSERT INTO person_search(person_search, rowid, last_name, first_name, norm_last, norm_first)
    VALUES ('delete', old.rid, old.last_name, old.first_name, old.norm_last, old.norm_first);
END;

CREATE TRIGGER persons_search_update AFTER UPDATE OF last_name, first_name, norm_last, norm_first ON persons BEGIN
    INSERT INTO person_search(person_search, rowid, last_name, first_name, norm_last, norm_first)
    VALUES ('delete', old.rid, old.last_name, old.first_name, old.norm_last, old.norm_first);
    INSERT INTO person_search(rowid, last_name, first_name, norm_last, norm_first)
    VALUES (new.rid, new.last_name, new.first_name, new.norm_last, new.norm_first);
END;

INSERT INTO person_search(person_search) VALUES ('rebuild');
