-- The public map: whether the Trust publishes a read-only map (no sign-in) for stakeholder events
-- and partnerships' websites, and what it is shaded by. One row. Area outlines themselves live in
-- area.geometry (longitude/latitude rings as JSON, simplified when imported).
CREATE TABLE map_publication (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    published BOOLEAN NOT NULL DEFAULT FALSE,
    indicator_code TEXT,
    updated_at TEXT,
    updated_by TEXT
);
INSERT INTO map_publication (id, published) VALUES (1, FALSE);
