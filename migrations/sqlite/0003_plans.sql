-- Local delivery plans: a partnership's plan for a year, its priorities, measures and actions,
-- the comments on it, and the frozen snapshot of every approved version.
--
-- Concurrency: every editable row carries a revision, bumped by each save. A save names the
-- revision it was based on and is refused when the row has moved on, so nobody's work is
-- silently overwritten.

CREATE TABLE plan (
    id INTEGER PRIMARY KEY,
    partnership_id INTEGER NOT NULL REFERENCES partnership (id),
    -- By its first calendar year: 2027 is the 2027/28 plan.
    plan_year INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved')),
    -- The version being drafted, or the one last approved.
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    revision INTEGER NOT NULL DEFAULT 1,
    needs_summary TEXT NOT NULL DEFAULT '',
    young_people_said TEXT NOT NULL DEFAULT '',
    -- NULL: the children and young people's version is generated from the plan.
    young_people_version TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    submitted_at TEXT,
    UNIQUE (partnership_id, plan_year)
);
CREATE INDEX plan_year ON plan (plan_year);

CREATE TABLE plan_priority (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    -- Set for the Board's mandated priorities, which cannot be removed.
    board_priority_id INTEGER REFERENCES board_priority (id),
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    outcome TEXT NOT NULL DEFAULT '',
    champion TEXT,
    challenger TEXT,
    position INTEGER NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    UNIQUE (plan_id, board_priority_id)
);
CREATE INDEX plan_priority_plan ON plan_priority (plan_id, position);

CREATE TABLE plan_measure (
    id INTEGER PRIMARY KEY,
    priority_id INTEGER NOT NULL REFERENCES plan_priority (id) ON DELETE CASCADE,
    indicator_id INTEGER REFERENCES indicator (id),
    baseline REAL,
    baseline_period TEXT,
    target REAL,
    due TEXT,
    revision INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE INDEX plan_measure_priority ON plan_measure (priority_id);

CREATE TABLE plan_action (
    id INTEGER PRIMARY KEY,
    priority_id INTEGER NOT NULL REFERENCES plan_priority (id) ON DELETE CASCADE,
    description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
    lead_organisation_id INTEGER REFERENCES organisation (id),
    start_date TEXT,
    due_date TEXT,
    resources TEXT NOT NULL DEFAULT '',
    pooled_budget_pence INTEGER CHECK (pooled_budget_pence >= 0),
    commissioning TEXT NOT NULL DEFAULT 'neither'
        CHECK (commissioning IN ('neither', 'commissions', 'decommissions')),
    status TEXT NOT NULL DEFAULT 'not_started'
        CHECK (status IN ('not_started', 'on_track', 'at_risk', 'complete')),
    revision INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE INDEX plan_action_priority ON plan_action (priority_id);

CREATE TABLE plan_action_supporter (
    action_id INTEGER NOT NULL REFERENCES plan_action (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    PRIMARY KEY (action_id, organisation_id)
);

-- Comments: the Board's reasons for returning a plan, and the district manager's comments
-- before submission.
CREATE TABLE plan_comment (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('returned', 'district_manager')),
    author_user_id INTEGER REFERENCES user_account (id),
    author_name TEXT NOT NULL,
    body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    at TEXT NOT NULL
);
CREATE INDEX plan_comment_plan ON plan_comment (plan_id, at);

-- The plan as the Board approved it (JSON of the whole plan, names included). Immutable: the
-- triggers below refuse any update or delete.
CREATE TABLE plan_version (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id),
    version INTEGER NOT NULL,
    content TEXT NOT NULL,
    approved_at TEXT NOT NULL,
    approved_by TEXT NOT NULL,
    UNIQUE (plan_id, version)
);

CREATE TRIGGER plan_version_no_update BEFORE UPDATE ON plan_version
BEGIN
    SELECT RAISE(ABORT, 'an approved plan version is frozen');
END;

CREATE TRIGGER plan_version_no_delete BEFORE DELETE ON plan_version
BEGIN
    SELECT RAISE(ABORT, 'an approved plan version is frozen');
END;
