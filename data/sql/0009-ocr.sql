-- Redress schema version 9: scanned pages read by OCR.  A page's text
-- comes from its text layer or from OCR (then it is to be checked against
-- the page before it is quoted), a scanned page may be wholly redacted,
-- and the words OCR read keep their boxes so that the reader can find and
-- select them on the image.

ALTER TABLE pages ADD COLUMN text_source TEXT NOT NULL DEFAULT 'layer'
  CHECK (text_source IN ('layer', 'ocr'));
ALTER TABLE pages ADD COLUMN redacted INTEGER NOT NULL DEFAULT 0
  CHECK (redacted IN (0, 1) AND (redacted = 0 OR text_source = 'ocr'));
-- eng, fra or eng+fra: the languages the page was read in
ALTER TABLE pages ADD COLUMN ocr_language TEXT
  CHECK (ocr_language IS NULL OR ocr_language IN ('eng', 'fra', 'eng+fra', 'fra+eng'));

-- The words of a page read by OCR, one record of 25 bytes each, little
-- endian: offset and length of the word in the page's text (bytes, two
-- uint32), its box in points from the top left of the page as shown
-- (x1, y1, x2, y2, four float32) and its confidence (0-100, one byte).
CREATE TABLE page_words (
  page_id INTEGER PRIMARY KEY REFERENCES pages (id) ON DELETE CASCADE,
  n_words INTEGER NOT NULL CHECK (n_words >= 0),
  words   BLOB    NOT NULL CHECK (length(words) = 25 * n_words)
);
