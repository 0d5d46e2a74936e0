-- Redress schema version 11: search without a slow case.
--
-- A prefix query (ref*, the*) made FTS5 (3.40) merge the page lists of
-- every word that starts with it before returning a page, three times a
-- search (the window of recent pages, bm25's count of the pages that
-- match, the ranking): ref* took 21 ms, the* 75 ms over 100,000 pages.
-- A prefix index of three letters holds those merged lists ready.
-- Measured on the search benchmark's 100,000 pages, vacuumed
-- (tests/bench/bench-search.c, first pass, the same run):
--
--   prefix index   full-text index   whole database   ref*     the*
--   none              77 MB            284 MB          21 ms    75 ms
--   '3'              126 MB (x1.64)    334 MB (x1.17)   3 ms     3 ms
--   '2 3'            168 MB (x2.2)     377 MB (x1.33)   (as '3')
--
-- Three letters only: a word of one or two letters followed by * is
-- looked for as a whole word (redress_search_query_to_fts()), so a
-- two-letter index would cost 42 MB more for queries Redress never
-- makes.  Longer prefixes (employ*) are turned into the words of the
-- index that start with them (pages_fts_words below), which FTS5 reads
-- side by side as far as the query needs, and the ranking no longer
-- counts every match (src/core/storage/redress-store-search.c).  Other
-- options were weighed: detail=column or detail=none would save space
-- but lose phrase search; columnsize=0 would make every ranking read and
-- tokenize the pages' text again.
--
-- The index has the pages as its external content and their ids as its
-- rowids (0005-documents.sql): dropping it and rebuilding it from the
-- pages keeps every page's text and rowid, and the triggers that keep it
-- in step name it only, so they carry on as they are.

DROP TABLE pages_fts;

CREATE VIRTUAL TABLE pages_fts USING fts5 (
  text,
  content = 'pages',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '3'
);

INSERT INTO pages_fts (pages_fts) VALUES ('rebuild');

-- The words of the index, with the number of pages that hold each: a
-- view over pages_fts that stores nothing
CREATE VIRTUAL TABLE pages_fts_words USING fts5vocab (pages_fts, row);
