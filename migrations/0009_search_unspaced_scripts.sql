-- Words in Chinese, Japanese and Korean become findable inside a sentence (src/journal/unspaced.rs):
-- the index now reads the entries through the view `entries_search_text`, which gives each
-- character of those scripts a token of its own through attune_search_text(), a function the
-- store registers on every connection. Text in other scripts reads exactly as before, so its
-- tokens do not change. The index's options stay as they were (tokenizer, prefixes, and
-- secure-delete, so a purged word leaves no trace in its pages); rebuilding it once from the
-- view fills it. FTS5 options are fixed when the table is made, so the table is made again.

DROP TRIGGER IF EXISTS entries_fts_insert;
DROP TRIGGER IF EXISTS entries_fts_delete;
DROP TRIGGER IF EXISTS entries_fts_update;
DROP TABLE IF EXISTS entries_vocab;
DROP TABLE IF EXISTS entries_fts;
DROP VIEW IF EXISTS entries_search_text;

CREATE VIEW entries_search_text AS
SELECT seq,
       attune_search_text(title) AS title,
       attune_search_text(body) AS body,
       attune_search_text(answers_text) AS answers_text
FROM entries;

CREATE VIRTUAL TABLE entries_fts USING fts5 (
    title, body, answers_text,
    content = 'entries_search_text',
    content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
CREATE VIRTUAL TABLE entries_vocab USING fts5vocab (entries_fts, 'row');

CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts (rowid, title, body, answers_text)
    VALUES (new.seq, attune_search_text(new.title), attune_search_text(new.body), attune_search_text(new.answers_text));
END;

CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, answers_text)
    VALUES ('delete', old.seq, attune_search_text(old.title), attune_search_text(old.body), attune_search_text(old.answers_text));
END;

CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, body, answers_text ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, answers_text)
    VALUES ('delete', old.seq, attune_search_text(old.title), attune_search_text(old.body), attune_search_text(old.answers_text));
    INSERT INTO entries_fts (rowid, title, body, answers_text)
    VALUES (new.seq, attune_search_text(new.title), attune_search_text(new.body), attune_search_text(new.answers_text));
END;

INSERT INTO entries_fts (entries_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO entries_fts (entries_fts) VALUES ('rebuild');
