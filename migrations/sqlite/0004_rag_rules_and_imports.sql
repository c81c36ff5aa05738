-- How each indicator is rated (configurable per indicator), and imports of measurements made
-- through the administration pages: the file as uploaded, its column mapping, and the outcome.

-- How far short of a target (in the indicator's unit) still counts as amber.
ALTER TABLE indicator ADD COLUMN rag_tolerance REAL NOT NULL DEFAULT 1 CHECK (rag_tolerance >= 0);
-- Counts below this are flagged as too small to rate.
ALTER TABLE indicator ADD COLUMN small_number_threshold REAL NOT NULL DEFAULT 5
    CHECK (small_number_threshold >= 0);
-- Changes smaller than this (in the unit) are "no significant change".
ALTER TABLE indicator ADD COLUMN trend_threshold REAL NOT NULL DEFAULT 0 CHECK (trend_threshold >= 0);

CREATE TABLE import_job (
    id INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES indicator (id),
    file_name TEXT NOT NULL,
    content TEXT NOT NULL,
    -- The column mapping (JSON), as recognised or as the person set it.
    mapping TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('uploaded', 'running', 'done', 'failed')),
    mode TEXT CHECK (mode IN ('all_or_nothing', 'valid_rows_only')),
    -- The outcome (JSON) once done.
    report TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    finished_at TEXT
);
CREATE INDEX import_job_created ON import_job (created_at);
