-- Stored text in Unicode Normalization Form C (NFC), the form Attune writes from now on, so a
-- word typed composed ("coração" with U+00E7) or decomposed (c + U+0327 COMBINING CEDILLA) is
-- the same word to search. NFC text is canonically equivalent to what was stored: it reads and
-- means the same (Unicode UAX #15). attune_nfc() is Attune's own SQL function
-- (src/journal/nfc.rs), registered on every connection before migrations run; it gives NULL
-- for text that is not UTF-8, which coalesce() then keeps as it is.
--
-- Only rows whose text changes are written: the entries' update trigger takes each such row's
-- old words out of the search index and puts the new ones in, so the index stays exact without
-- a rebuild (a rebuild would re-read every entry of a large vault to change a few). Nothing
-- here touches updated_at or adds a revision: the words are the same.

UPDATE entries
SET title = coalesce(attune_nfc(title), title),
    body = coalesce(attune_nfc(body), body),
    answers = coalesce(attune_nfc(answers), answers),
    answers_text = coalesce(attune_nfc(answers_text), answers_text)
WHERE title IS NOT coalesce(attune_nfc(title), title)
   OR body IS NOT coalesce(attune_nfc(body), body)
   OR answers IS NOT coalesce(attune_nfc(answers), answers)
   OR answers_text IS NOT coalesce(attune_nfc(answers_text), answers_text);

UPDATE revisions
SET title = coalesce(attune_nfc(title), title), body = coalesce(attune_nfc(body), body), answers = coalesce(attune_nfc(answers), answers)
WHERE title IS NOT coalesce(attune_nfc(title), title) OR body IS NOT coalesce(attune_nfc(body), body) OR answers IS NOT coalesce(attune_nfc(answers), answers);

-- Tag and people names are unique without case. A vault may hold one name twice, once
-- composed and once decomposed: those become one (the older row), with the entries of both.
CREATE TEMP TABLE nfc_same_tag AS
SELECT t.id AS id,
       (SELECT min(k.id) FROM tags k WHERE coalesce(attune_nfc(k.name), k.name) = coalesce(attune_nfc(t.name), t.name) COLLATE NOCASE) AS keep
FROM tags t;
INSERT OR IGNORE INTO entry_tags (entry_seq, tag_id)
SELECT et.entry_seq, s.keep FROM entry_tags et JOIN nfc_same_tag s ON s.id = et.tag_id WHERE s.keep <> s.id;
DELETE FROM entry_tags WHERE tag_id IN (SELECT id FROM nfc_same_tag WHERE keep <> id);
DELETE FROM tags WHERE id IN (SELECT id FROM nfc_same_tag WHERE keep <> id);
UPDATE tags SET name = coalesce(attune_nfc(name), name) WHERE name IS NOT coalesce(attune_nfc(name), name);
DROP TABLE nfc_same_tag;

CREATE TEMP TABLE nfc_same_person AS
SELECT p.id AS id,
       (SELECT min(k.id) FROM people k WHERE coalesce(attune_nfc(k.name), k.name) = coalesce(attune_nfc(p.name), p.name) COLLATE NOCASE) AS keep
FROM people p;
INSERT OR IGNORE INTO entry_people (entry_seq, person_id)
SELECT ep.entry_seq, s.keep FROM entry_people ep JOIN nfc_same_person s ON s.id = ep.person_id WHERE s.keep <> s.id;
DELETE FROM entry_people WHERE person_id IN (SELECT id FROM nfc_same_person WHERE keep <> id);
DELETE FROM people WHERE id IN (SELECT id FROM nfc_same_person WHERE keep <> id);
UPDATE people SET name = coalesce(attune_nfc(name), name), relationship = coalesce(attune_nfc(relationship), relationship)
WHERE name IS NOT coalesce(attune_nfc(name), name) OR relationship IS NOT coalesce(attune_nfc(relationship), relationship);
DROP TABLE nfc_same_person;
