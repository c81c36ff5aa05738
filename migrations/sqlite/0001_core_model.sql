-- Trustboard core model (SQLite). Kept in lockstep with ../postgres/0001_core_model.sql: the same
-- tables, columns and constraints. Once applied anywhere, a migration is never edited; changes
-- come as new numbered files in both folders.
--
-- Conventions: ids are 64-bit integers; dates are ISO-8601 text (YYYY-MM-DD) and timestamps UTC
-- RFC 3339 text; closed sets are text with CHECK constraints matching the domain enums.

-- The Children's Trust that runs this installation (one per county).
CREATE TABLE trust (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    -- ONS code of the county the Trust serves, e.g. E10000014 for Hampshire.
    county_code TEXT NOT NULL,
    -- True when the data was generated for demonstration; the UI says so on every page.
    is_demo BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TEXT NOT NULL
);

-- ONS-coded areas: partnerships cover districts or wards; county, region and country are
-- comparators. Geometry (GeoJSON) is optional and arrives with boundary imports.
CREATE TABLE area (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('country', 'region', 'county', 'district', 'ward')),
    parent_id INTEGER REFERENCES area (id),
    geometry TEXT
);
CREATE INDEX area_parent ON area (parent_id);

CREATE TABLE partnership (
    id INTEGER PRIMARY KEY,
    trust_id INTEGER NOT NULL REFERENCES trust (id),
    name TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    UNIQUE (trust_id, name)
);

-- The areas a partnership covers: one or more districts, or a set of wards.
CREATE TABLE partnership_area (
    partnership_id INTEGER NOT NULL REFERENCES partnership (id) ON DELETE CASCADE,
    area_id INTEGER NOT NULL REFERENCES area (id),
    PRIMARY KEY (partnership_id, area_id)
);
CREATE INDEX partnership_area_area ON partnership_area (area_id);

CREATE TABLE organisation (
    id INTEGER PRIMARY KEY,
    trust_id INTEGER NOT NULL REFERENCES trust (id),
    name TEXT NOT NULL,
    org_type TEXT NOT NULL CHECK (org_type IN (
        'county_council', 'district_council', 'school', 'college', 'early_years', 'health',
        'police', 'probation', 'jobcentre_plus', 'housing', 'voluntary_sector', 'other')),
    UNIQUE (trust_id, name)
);

-- Partner organisations taking part in a partnership.
CREATE TABLE partnership_organisation (
    partnership_id INTEGER NOT NULL REFERENCES partnership (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    PRIMARY KEY (partnership_id, organisation_id)
);
CREATE INDEX partnership_organisation_org ON partnership_organisation (organisation_id);

CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    full_name TEXT NOT NULL,
    -- Stored lower-case; unique across the installation.
    email TEXT NOT NULL UNIQUE,
    job_title TEXT,
    organisation_id INTEGER REFERENCES organisation (id),
    created_at TEXT NOT NULL
);

-- A person's part in a partnership's work. A person may hold several roles.
CREATE TABLE partnership_member (
    partnership_id INTEGER NOT NULL REFERENCES partnership (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES person (id),
    role TEXT NOT NULL CHECK (role IN ('chair', 'vice_chair', 'member', 'sub_group_lead', 'topic_lead')),
    PRIMARY KEY (partnership_id, person_id, role)
);
CREATE INDEX partnership_member_person ON partnership_member (person_id);
-- At most one chair per partnership.
CREATE UNIQUE INDEX partnership_one_chair ON partnership_member (partnership_id) WHERE role = 'chair';

-- The indicator catalogue.
CREATE TABLE indicator (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    unit TEXT NOT NULL CHECK (unit IN (
        'percentage', 'percentage_points', 'rate_per_1000', 'rate_per_10000', 'rate_per_100000',
        'count', 'score')),
    polarity TEXT NOT NULL CHECK (polarity IN ('higher_is_better', 'lower_is_better', 'no_judgement')),
    source TEXT NOT NULL,
    frequency TEXT NOT NULL CHECK (frequency IN ('annual', 'quarterly', 'monthly')),
    geography_level TEXT NOT NULL CHECK (geography_level IN ('ward', 'district', 'county')),
    notes TEXT NOT NULL DEFAULT ''
);

-- One published value of an indicator for an area and period. A missing or suppressed value is
-- NULL, never zero. period is the canonical text (2016, 2016/17, Q1 2016/17, 2016-04) and
-- period_start the first day it covers, for ordering.
CREATE TABLE measurement (
    id INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES indicator (id),
    area_id INTEGER NOT NULL REFERENCES area (id),
    period TEXT NOT NULL,
    period_start TEXT NOT NULL,
    value REAL,
    numerator REAL,
    denominator REAL,
    ci_lower REAL,
    ci_upper REAL,
    UNIQUE (indicator_id, area_id, period)
);
CREATE INDEX measurement_series ON measurement (indicator_id, area_id, period_start);
CREATE INDEX measurement_period ON measurement (indicator_id, period_start);

-- The cycle calendar: when each stage opens and is due, per Trust and plan year (by its first
-- calendar year: 2026 is the 2026/27 plan).
CREATE TABLE cycle_stage (
    id INTEGER PRIMARY KEY,
    trust_id INTEGER NOT NULL REFERENCES trust (id),
    plan_year INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN (
        'board_priorities', 'planning_starts', 'needs_analysis', 'plan_submission',
        'county_plan_review', 'plan_approval', 'moderation', 'monitoring', 'annual_report',
        'mid_year_meeting', 'mid_year_submission', 'board_mid_year_review')),
    opens TEXT NOT NULL,
    due TEXT NOT NULL,
    CHECK (opens <= due),
    UNIQUE (trust_id, plan_year, kind)
);

-- The key priorities the Trust Board sets in January for every plan of that year.
CREATE TABLE board_priority (
    id INTEGER PRIMARY KEY,
    trust_id INTEGER NOT NULL REFERENCES trust (id),
    plan_year INTEGER NOT NULL,
    title TEXT NOT NULL,
    indicator_id INTEGER REFERENCES indicator (id),
    position INTEGER NOT NULL,
    UNIQUE (trust_id, plan_year, title)
);
