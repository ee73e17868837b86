-- Deleting an entry for good, or changing its words, must take those words out of the full-text
-- index's stored pages too, not only mark them deleted until segments happen to merge.
-- FTS5's secure-delete option does that on every delete from now on; rebuilding the index
-- once from the entries removes what earlier deletes left in it. Freed pages are zeroed by
-- `PRAGMA secure_delete`, which the store sets on every open.
INSERT INTO entries_fts (entries_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO entries_fts (entries_fts) VALUES ('rebuild');
