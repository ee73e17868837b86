-- Exercises a person started and has not finished, inside the encrypted vault: what they have
-- answered so far and the step they were on, so closing the app or locking never loses a
-- half-done exercise. One draft per pack; finishing the exercise removes it in the same
-- transaction that saves the entry.
CREATE TABLE exercise_drafts (
    pack_id       TEXT    PRIMARY KEY,
    pack_version  TEXT    NOT NULL,
    answers       TEXT    NOT NULL,         -- JSON: step id to tagged answer, as an entry stores it
    step          INTEGER NOT NULL DEFAULT 0 CHECK (step >= 0),
    started_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
) WITHOUT ROWID;
