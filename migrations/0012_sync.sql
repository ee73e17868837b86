-- Sync between computers through a synced folder (src/sync/). Each computer keeps here what it
-- needs to exchange encrypted change files with the others; nothing here leaves the vault.
--
-- sync_link: one row while the vault is linked to a sync folder. `clock` is this computer's
-- hybrid logical clock (Unix milliseconds, never behind any stamp seen), `next_file` the number
-- of the next change file it writes, and keys_* what it last agreed with the folder's copy of
-- the key slots (so a passphrase changed on one computer reaches the others).
CREATE TABLE sync_link (
    one          INTEGER PRIMARY KEY CHECK (one = 1),
    folder       TEXT    NOT NULL,
    device_id    TEXT    NOT NULL,
    device_name  TEXT    NOT NULL,
    clock        INTEGER NOT NULL DEFAULT 0,
    next_file    INTEGER NOT NULL DEFAULT 1,
    keys_hash    TEXT,
    keys_stamp   INTEGER NOT NULL DEFAULT 0,
    linked_at    TEXT    NOT NULL,
    last_sync    TEXT
);

-- What changed here since the last exchange: one row per record (kind and key), with the
-- wall-clock time of its last change in Unix milliseconds. Filled by the triggers below while
-- linked, emptied when the changes are written out.
CREATE TABLE sync_outbox (
    kind  TEXT    NOT NULL,
    key   TEXT    NOT NULL,
    at    INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;

-- The stamp of each record's current version and the stamps it descends from (a JSON array,
-- newest last, at most 64): how a merge tells an edit made in ignorance of another from one
-- made after it.
CREATE TABLE sync_versions (
    kind     TEXT    NOT NULL,
    key      TEXT    NOT NULL,
    at       INTEGER NOT NULL,
    device   TEXT    NOT NULL,
    lineage  TEXT    NOT NULL DEFAULT '[]',
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;

-- The other computers: how far their change files were read, and what they last said of
-- themselves.
CREATE TABLE sync_devices (
    device_id   TEXT    PRIMARY KEY,
    name        TEXT    NOT NULL DEFAULT '',
    applied     INTEGER NOT NULL DEFAULT 0,   -- the last change file number merged
    last_seen   TEXT                          -- RFC 3339, from its own device file
) WITHOUT ROWID;

-- A row here, only inside the transaction that merges incoming changes, keeps the triggers
-- from sending those changes back out.
CREATE TABLE sync_applying (one INTEGER PRIMARY KEY CHECK (one = 1));

-- Why an entry wants a look after a merge: 'edited_on_both' (the other text is in its history)
-- or 'edit_kept_over_delete'. Cleared by the person's next edit of the entry.
ALTER TABLE entries ADD COLUMN sync_conflict TEXT;

CREATE TRIGGER sync_entries_insert AFTER INSERT ON entries
WHEN EXISTS (SELECT 1 FROM sync_link) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_outbox (kind, key, at)
    VALUES ('entry', new.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
    ON CONFLICT (kind, key) DO UPDATE SET at = excluded.at;
END;
CREATE TRIGGER sync_entries_update AFTER UPDATE ON entries
WHEN EXISTS (SELECT 1 FROM sync_link) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_outbox (kind, key, at)
    VALUES ('entry', new.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
    ON CONFLICT (kind, key) DO UPDATE SET at = excluded.at;
END;
CREATE TRIGGER sync_entries_delete AFTER DELETE ON entries
WHEN EXISTS (SELECT 1 FROM sync_link) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_outbox (kind, key, at)
    VALUES ('entry', old.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
    ON CONFLICT (kind, key) DO UPDATE SET at = excluded.at;
END;
-- The person's own edit clears the mark a merge left.
CREATE TRIGGER sync_conflict_seen AFTER UPDATE OF title, body, answers, mood, deleted_at, created_at ON entries
WHEN new.sync_conflict IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    UPDATE entries SET sync_conflict = NULL WHERE seq = new.seq;
END;

CREATE TRIGGER sync_entry_tags_insert AFTER INSERT ON entry_tags
WHEN EXISTS (SELECT 1 FROM sync_link) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_outbox (kind, key, at)
    SELECT 'entry', id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) FROM entries WHERE seq = new.entry_seq
    ON CONFLICT (kind, key) DO UPDATE SET at = excluded.at;
END;
CREATE TRIGGER sync_entry_tags_delete AFTER DELETE ON entry_tags
WHEN EXISTS (SELECT 1 FROM sync_link) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_outbox (kind, key, at)
    SELECT 'entry', id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) FROM entries WHERE seq = old.entry_seq
    ON CONFLICT (kind, key) DO UPDATE SET at = excluded.at;
END;
CREATE TRIGGER sync_entry_people_insert AFTER INSERT ON entry_people
WHEN EXISTS (SELECT 1 FROM sync_link) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_outbox (kind, key, at)
    SELECT 'entry', id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) FROM entries WHERE seq = new.entry_seq
    ON CONFLICT (kind, key) DO UPDATE SET at = excluded.at;
END;
CREATE TRIGGER sync_entry_people_delete AFTER DELETE ON entry_people
WHEN EXISTS (SELECT 1 FROM sync_link) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_outbox (kind, key, at)
    SELECT 'entry', id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) FROM entries WHERE seq = old.entry_seq
    ON CONFLICT (kind, key) DO UPDATE SET at = excluded.at;
END;

CREATE TRIGGER sync_revisions_insert AFTER INSERT ON revisions
WHEN EXISTS (SELECT 1 FROM sync_link) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_outbox (kind, key, at)
    VALUES ('revision', CAST(new.id AS TEXT), CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
    ON CONFLICT (kind, key) DO UPDATE SET at = excluded.at;
END;

CREATE TRIGGER sync_people_insert AFTER INSERT ON people
WHEN EXISTS (SELECT 1 FROM sync_link) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_outbox (kind, key, at)
    VALUES ('person', new.name, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
    ON CONFLICT (kind, key) DO UPDATE SET at = excluded.at;
END;
CREATE TRIGGER sync_people_update AFTER UPDATE ON people
WHEN EXISTS (SELECT 1 FROM sync_link) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_outbox (kind, key, at)
    VALUES ('person', new.name, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
    ON CONFLICT (kind, key) DO UPDATE SET at = excluded.at;
END;

CREATE TRIGGER sync_attachments_insert AFTER INSERT ON attachments
WHEN EXISTS (SELECT 1 FROM sync_link) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_outbox (kind, key, at)
    VALUES ('attachment', new.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
    ON CONFLICT (kind, key) DO UPDATE SET at = excluded.at;
END;
CREATE TRIGGER sync_attachments_delete AFTER DELETE ON attachments
WHEN EXISTS (SELECT 1 FROM sync_link) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_outbox (kind, key, at)
    VALUES ('attachment', old.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
    ON CONFLICT (kind, key) DO UPDATE SET at = excluded.at;
END;

CREATE TRIGGER sync_templates_insert AFTER INSERT ON templates
WHEN EXISTS (SELECT 1 FROM sync_link) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_outbox (kind, key, at)
    VALUES ('template', new.name, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
    ON CONFLICT (kind, key) DO UPDATE SET at = excluded.at;
END;
CREATE TRIGGER sync_templates_update AFTER UPDATE ON templates
WHEN EXISTS (SELECT 1 FROM sync_link) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_outbox (kind, key, at)
    VALUES ('template', new.name, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
    ON CONFLICT (kind, key) DO UPDATE SET at = excluded.at;
    INSERT INTO sync_outbox (kind, key, at)
    SELECT 'template', old.name, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE old.name <> new.name
    ON CONFLICT (kind, key) DO UPDATE SET at = excluded.at;
END;
CREATE TRIGGER sync_templates_delete AFTER DELETE ON templates
WHEN EXISTS (SELECT 1 FROM sync_link) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_outbox (kind, key, at)
    VALUES ('template', old.name, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
    ON CONFLICT (kind, key) DO UPDATE SET at = excluded.at;
END;

-- Of the settings, only the integration plan is the person's; the others belong to this computer.
CREATE TRIGGER sync_settings_insert AFTER INSERT ON settings
WHEN new.key = 'integration.plan' AND EXISTS (SELECT 1 FROM sync_link) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_outbox (kind, key, at)
    VALUES ('setting', new.key, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
    ON CONFLICT (kind, key) DO UPDATE SET at = excluded.at;
END;
CREATE TRIGGER sync_settings_update AFTER UPDATE ON settings
WHEN new.key = 'integration.plan' AND EXISTS (SELECT 1 FROM sync_link) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_outbox (kind, key, at)
    VALUES ('setting', new.key, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
    ON CONFLICT (kind, key) DO UPDATE SET at = excluded.at;
END;
CREATE TRIGGER sync_settings_delete AFTER DELETE ON settings
WHEN old.key = 'integration.plan' AND EXISTS (SELECT 1 FROM sync_link) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_outbox (kind, key, at)
    VALUES ('setting', old.key, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
    ON CONFLICT (kind, key) DO UPDATE SET at = excluded.at;
END;

CREATE TRIGGER sync_packs_insert AFTER INSERT ON packs
WHEN EXISTS (SELECT 1 FROM sync_link) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_outbox (kind, key, at)
    VALUES ('pack', new.id || char(9) || new.version, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
    ON CONFLICT (kind, key) DO UPDATE SET at = excluded.at;
END;
CREATE TRIGGER sync_pack_translations_insert AFTER INSERT ON pack_translations
WHEN EXISTS (SELECT 1 FROM sync_link) AND NOT EXISTS (SELECT 1 FROM sync_applying) BEGIN
    INSERT INTO sync_outbox (kind, key, at)
    VALUES ('pack_translation', new.id || char(9) || new.version || char(9) || new.language,
            CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
    ON CONFLICT (kind, key) DO UPDATE SET at = excluded.at;
END;
