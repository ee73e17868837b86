-- Photos and small files kept with an entry, inside the encrypted database (never as files
-- beside it). Owned by src/attachments/. The bytes are the last column, so listing an entry's
-- attachments (and their thumbnails) does not read them. Deleting an entry for good deletes
-- its attachments with it; `PRAGMA secure_delete` (set on every open) zeroes the freed pages.
CREATE TABLE attachments (
    id          TEXT    PRIMARY KEY,                 -- UUID, the public id (`attune:ID` links)
    entry_seq   INTEGER NOT NULL REFERENCES entries (seq) ON DELETE CASCADE,
    name        TEXT    NOT NULL CHECK (length(trim(name)) > 0),  -- the file's name, no folders
    media_type  TEXT    NOT NULL,                    -- sniffed from the bytes: image/jpeg, ...
    size        INTEGER NOT NULL CHECK (size > 0),   -- bytes
    sha256      TEXT    NOT NULL,                    -- hex, of the bytes
    width       INTEGER,                             -- pixels, as shown (orientation applied)
    height      INTEGER,
    created_at  TEXT    NOT NULL,                    -- RFC 3339 with the local offset
    thumbnail   BLOB,                                -- JPEG, at most 480 px on its long side
    bytes       BLOB    NOT NULL,
    UNIQUE (entry_seq, sha256)
);

CREATE INDEX attachments_by_entry ON attachments (entry_seq, created_at);
