-- Redress schema version 12: a preview of each document's first pages.
-- The import draws the first pages small (PNG, at most 1024 pixels a side
-- and 1 MiB) so that the reader shows a page at once and swaps in the
-- sharp one when it is drawn.  One set per blob: two documents of the
-- same bytes share it.  Documents imported before have none.

CREATE TABLE page_previews (
  sha256  TEXT    NOT NULL REFERENCES blobs (sha256) ON DELETE CASCADE,
  page_no INTEGER NOT NULL CHECK (page_no >= 1),
  width   INTEGER NOT NULL CHECK (width BETWEEN 1 AND 1024),
  height  INTEGER NOT NULL CHECK (height BETWEEN 1 AND 1024),
  png     BLOB    NOT NULL CHECK (length(png) BETWEEN 24 AND 1048576),
  PRIMARY KEY (sha256, page_no)
) WITHOUT ROWID;
