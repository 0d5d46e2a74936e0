-- Redress schema version 10: the client list's keys.  A firm keeps its
-- files for years, and the list must not read them all to show a page:
-- each file keeps its folded sort key and search key (computed by Redress
-- when the file is written, as SQL cannot fold text the way Redress does;
-- filled for existing files when the list first reads them), and one index
-- holds all that the list reads, in its order.

ALTER TABLE clients ADD COLUMN sort_key TEXT;
ALTER TABLE clients ADD COLUMN search_key TEXT;

-- (deleted_at too, though always NULL here: SQLite reads only an index
-- that holds every column the query names)
CREATE INDEX clients_list ON clients (sort_key, id, archived, search_key, deleted_at)
  WHERE deleted_at IS NULL;

-- The files still without keys (none, but for a moment after each is
-- written): what the list looks for, without reading the whole table
CREATE INDEX clients_without_keys ON clients (id) WHERE sort_key IS NULL;
