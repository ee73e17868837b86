-- An entry's date can be changed (an entry written days later, or just after midnight about the
-- evening before), and a person can keep a few starting texts of their own.
--
-- Each revision now keeps the date its version had, so an earlier date stays in the entry's
-- history. Before this migration no date could change, so every earlier version had the date
-- its entry has now: that fills the column exactly.
ALTER TABLE revisions ADD COLUMN created_at TEXT;
UPDATE revisions SET created_at = (SELECT e.created_at FROM entries e WHERE e.seq = revisions.entry_seq);

-- Starting texts for free writing ("Morning pages"), owned by src/templates/. Names are unique
-- per vault whatever their case; the body's size is checked by the module that writes it.
CREATE TABLE templates (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
