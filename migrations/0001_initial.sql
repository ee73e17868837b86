-- The first schema of an Attune vault. Applied inside the encrypted database, in one
-- transaction with every other pending migration; the file number is the resulting
-- PRAGMA user_version. Append-only: change the schema with a new file, never by editing this one.

CREATE TABLE entries (
    seq           INTEGER PRIMARY KEY,               -- insertion order; the FTS rowid
    id            TEXT    NOT NULL UNIQUE,            -- UUID v7, the public id
    kind          TEXT    NOT NULL CHECK (kind IN ('journal', 'exercise')),
    exercise_id   TEXT,                               -- pack id, for kind = 'exercise'
    pack_version  TEXT,                               -- pack version the answers were given to
    title         TEXT    NOT NULL DEFAULT '',
    body          TEXT    NOT NULL DEFAULT '',        -- Markdown
    answers       TEXT,                               -- JSON, for exercises
    answers_text  TEXT    NOT NULL DEFAULT '',        -- the words of the answers, for search
    mood          INTEGER CHECK (mood BETWEEN 1 AND 5),
    created_at    TEXT    NOT NULL,                   -- RFC 3339 with the writer's local offset
    created_utc   INTEGER NOT NULL,                   -- Unix milliseconds: the sort key
    updated_at    TEXT    NOT NULL,
    updated_utc   INTEGER NOT NULL,
    local_day     TEXT    NOT NULL,                   -- YYYY-MM-DD in the offset of created_at
    deleted_at    TEXT,                               -- set while the entry is in the trash
    CHECK ((kind = 'exercise') = (exercise_id IS NOT NULL))
);

CREATE INDEX entries_by_time ON entries (created_utc DESC, seq DESC) WHERE deleted_at IS NULL;
CREATE INDEX entries_by_day ON entries (local_day);
CREATE INDEX entries_trashed ON entries (deleted_at) WHERE deleted_at IS NOT NULL;

-- Every save that changes an entry first copies the version it replaces here.
CREATE TABLE revisions (
    id            INTEGER PRIMARY KEY,
    entry_seq     INTEGER NOT NULL REFERENCES entries (seq) ON DELETE CASCADE,
    title         TEXT    NOT NULL,
    body          TEXT    NOT NULL,
    answers       TEXT,
    mood          INTEGER,
    saved_at      TEXT    NOT NULL,                   -- when this version was written
    replaced_at   TEXT    NOT NULL,                   -- when a newer version replaced it
    replaced_utc  INTEGER NOT NULL
);

CREATE INDEX revisions_by_entry ON revisions (entry_seq, replaced_utc DESC);

CREATE TABLE tags (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0)
);

CREATE TABLE entry_tags (
    entry_seq  INTEGER NOT NULL REFERENCES entries (seq) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (entry_seq, tag_id)
) WITHOUT ROWID;

CREATE INDEX entry_tags_by_tag ON entry_tags (tag_id, entry_seq);

CREATE TABLE people (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    relationship  TEXT NOT NULL DEFAULT '',           -- in the person's own words: friend, mother...
    archived      INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at    TEXT NOT NULL
);

CREATE TABLE entry_people (
    entry_seq  INTEGER NOT NULL REFERENCES entries (seq) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    PRIMARY KEY (entry_seq, person_id)
) WITHOUT ROWID;

CREATE INDEX entry_people_by_person ON entry_people (person_id, entry_seq);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;

-- Full-text index over the entry text. External content: the text lives once, in `entries`;
-- the triggers below keep the index in step inside the same transaction as every write.
CREATE VIRTUAL TABLE entries_fts USING fts5 (
    title, body, answers_text,
    content = 'entries',
    content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts (rowid, title, body, answers_text)
    VALUES (new.seq, new.title, new.body, new.answers_text);
END;

CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, answers_text)
    VALUES ('delete', old.seq, old.title, old.body, old.answers_text);
END;

CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, body, answers_text ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, answers_text)
    VALUES ('delete', old.seq, old.title, old.body, old.answers_text);
    INSERT INTO entries_fts (rowid, title, body, answers_text)
    VALUES (new.seq, new.title, new.body, new.answers_text);
END;
