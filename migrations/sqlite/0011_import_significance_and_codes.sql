-- Imports keep what the source said of each figure, and indicator codes keep their case.
--
-- A published file's significance column (how the source compared the figure with England:
-- "Better", "Similar", "Worse", "Not compared"…) is kept as written; NULL where the file had
-- none. It is shown beside Trustboard's own comparator rating.
ALTER TABLE measurement ADD COLUMN significance TEXT;

-- Indicator codes are stored as typed ("PH 2.06ii") and compared without case: two codes that
-- differ only in case are the same code. Codes are ASCII (letters, digits, spaces, dots and
-- hyphens), so lower() folds them the same way on both backends. The lookups by code use
-- lower(code) = lower($1), which this index serves.
CREATE UNIQUE INDEX indicator_code_nocase ON indicator (lower(code));
-- In lockstep with ../postgres/0011_import_significance_and_codes.sql.
