-- Exercise packs a person imported (a facilitator's handout, say), kept inside the encrypted
-- vault. Every version is kept, so an entry saved against an older version still renders.
CREATE TABLE packs (
    id           TEXT NOT NULL,
    version      TEXT NOT NULL,
    source       TEXT NOT NULL,            -- the pack's TOML, exactly as imported
    imported_at  TEXT NOT NULL,
    PRIMARY KEY (id, version)
) WITHOUT ROWID;
