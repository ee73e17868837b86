-- Imported packs in other languages: the words of a pack (built in or imported) in one more
-- language, keyed by the pack's id and the version they translate. Kept inside the encrypted
-- vault like the packs themselves.
CREATE TABLE pack_translations (
    id           TEXT NOT NULL,            -- the id of the pack translated
    version      TEXT NOT NULL,            -- the pack version it translates
    language     TEXT NOT NULL,            -- e.g. "pt-BR"
    source       TEXT NOT NULL,            -- the translation's TOML, exactly as imported
    imported_at  TEXT NOT NULL,
    PRIMARY KEY (id, version, language)
) WITHOUT ROWID;
