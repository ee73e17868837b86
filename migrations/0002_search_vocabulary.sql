-- The vocabulary of the search index (one row per distinct term), so a prefix such as
-- `bound*` can be expanded to the few real terms it stands for (boundary, boundaries) instead of
-- merging every matching doclist in full. A view onto the index: it stores nothing itself.
CREATE VIRTUAL TABLE entries_vocab USING fts5vocab (entries_fts, 'row');
