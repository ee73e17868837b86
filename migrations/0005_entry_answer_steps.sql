-- The steps each exercise entry answers and the kind of each answer (the tag of the stored
-- answer: text, multiple, commitment...), so the views that look for commitments or for the
-- exercises chosen in an integration plan find their entries through an index instead of
-- searching every entry's answers as text. Inside the encrypted vault like the answers it
-- indexes. The journal rewrites an entry's rows in the same transaction as every save, edit
-- and import; the rows go with the entry when it is purged. Revisions are not indexed.
CREATE TABLE entry_answer_steps (
    entry_seq  INTEGER NOT NULL REFERENCES entries (seq) ON DELETE CASCADE,
    step_id    TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    PRIMARY KEY (entry_seq, step_id)
) WITHOUT ROWID;

CREATE INDEX entry_answer_steps_by_kind ON entry_answer_steps (kind, step_id, entry_seq);

-- Fill it for the entries already saved, by the rule the journal applies to new saves: each
-- member of the document's "answers" object whose value is an object with exactly one member,
-- named after the answer's kind. Answers that are not valid JSON, or not shaped so, give no rows
-- (the nested CASE keeps json_each from ever seeing malformed text).
INSERT OR IGNORE INTO entry_answer_steps (entry_seq, step_id, kind)
SELECT e.seq, step.key, (SELECT tag.key FROM json_each(step.value) AS tag)
FROM entries AS e,
     json_each(
         CASE WHEN json_valid(e.answers) THEN
             CASE WHEN json_type(e.answers, '$.answers') = 'object' THEN e.answers END
         END,
         '$.answers'
     ) AS step
WHERE e.kind = 'exercise'
  AND step.type = 'object'
  AND (SELECT count(*) FROM json_each(step.value)) = 1;
