-- Self-assessment: the Trust's common standards for each year, every partnership's assessment
-- against them with the annual review of last year's approved plan, and its moderation by the
-- district manager (questions and answers kept).
--
-- Years are the business cycle's: the 2027 self-assessment is submitted in April 2027, reviews
-- the 2026/27 plan, and is moderated in May. Grades are 1 (best) to 4; a year's labels for them
-- are data (standard_scale).
--
-- Concurrency as for plans: each editable row carries a revision bumped by every save, and a
-- save based on an older revision is refused. Two rules are also kept by the database itself:
-- a year's standards are frozen once any partnership has submitted against them, and a
-- moderated assessment (with everything in it) can no longer change.
-- In lockstep with ../postgres/0012_self_assessment.sql.

CREATE TABLE standard_scale (
    year INTEGER PRIMARY KEY,
    grade_1 TEXT NOT NULL CHECK (length(grade_1) BETWEEN 1 AND 60),
    grade_2 TEXT NOT NULL CHECK (length(grade_2) BETWEEN 1 AND 60),
    grade_3 TEXT NOT NULL CHECK (length(grade_3) BETWEEN 1 AND 60),
    grade_4 TEXT NOT NULL CHECK (length(grade_4) BETWEEN 1 AND 60),
    revision INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);

CREATE TABLE standard (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL REFERENCES standard_scale (year),
    position INTEGER NOT NULL,
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    covers TEXT NOT NULL CHECK (length(covers) <= 2000),
    descriptor_1 TEXT NOT NULL CHECK (length(descriptor_1) <= 2000),
    descriptor_2 TEXT NOT NULL CHECK (length(descriptor_2) <= 2000),
    descriptor_3 TEXT NOT NULL CHECK (length(descriptor_3) <= 2000),
    descriptor_4 TEXT NOT NULL CHECK (length(descriptor_4) <= 2000),
    revision INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE INDEX standard_by_year ON standard (year, position);

CREATE TABLE self_assessment (
    id INTEGER PRIMARY KEY,
    partnership_id INTEGER NOT NULL REFERENCES partnership (id),
    year INTEGER NOT NULL REFERENCES standard_scale (year),
    status TEXT NOT NULL
        CHECK (status IN ('draft', 'submitted', 'in_moderation', 'returned', 'moderated')),
    -- How many times it has been submitted: 0 while first drafted, 2 once resubmitted.
    round INTEGER NOT NULL DEFAULT 0 CHECK (round >= 0),
    -- Bumped by a change of status or of the summary; the review has its own.
    revision INTEGER NOT NULL DEFAULT 1,
    review_revision INTEGER NOT NULL DEFAULT 1,
    summary TEXT NOT NULL DEFAULT '' CHECK (length(summary) <= 10000),
    -- The approved version of last year's plan the review is built from; NULL when last year's
    -- plan was never approved (the review then says so).
    reviewed_plan_id INTEGER REFERENCES plan (id),
    reviewed_version INTEGER,
    -- Submitted after the calendar's due date (first submission); never refused for it.
    late BOOLEAN NOT NULL DEFAULT FALSE,
    first_submitted_at TEXT,
    submitted_at TEXT,
    moderated_at TEXT,
    moderated_by TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    UNIQUE (partnership_id, year),
    FOREIGN KEY (reviewed_plan_id, reviewed_version) REFERENCES plan_version (plan_id, version)
);
CREATE INDEX self_assessment_by_year ON self_assessment (year, status);

-- The partnership's answer for each standard, and the district manager's decision on it.
CREATE TABLE assessment_standard (
    assessment_id INTEGER NOT NULL REFERENCES self_assessment (id),
    standard_id INTEGER NOT NULL REFERENCES standard (id),
    grade INTEGER CHECK (grade BETWEEN 1 AND 4),
    evidence TEXT NOT NULL DEFAULT '' CHECK (length(evidence) <= 10000),
    strengths TEXT NOT NULL DEFAULT '' CHECK (length(strengths) <= 10000),
    development TEXT NOT NULL DEFAULT '' CHECK (length(development) <= 10000),
    -- The moderated grade: agreed when it equals the partnership's, otherwise changed, which
    -- needs a reason.
    moderated_grade INTEGER CHECK (moderated_grade BETWEEN 1 AND 4),
    moderation_reason TEXT NOT NULL DEFAULT '' CHECK (length(moderation_reason) <= 5000),
    revision INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (assessment_id, standard_id),
    CHECK (moderated_grade IS NULL OR moderated_grade = grade
           OR length(trim(moderation_reason)) > 0)
);

-- Figures pulled in from the catalogue as evidence, as published when pulled.
CREATE TABLE assessment_figure (
    id INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL,
    standard_id INTEGER NOT NULL,
    indicator_id INTEGER NOT NULL REFERENCES indicator (id),
    area_name TEXT NOT NULL,
    period TEXT NOT NULL,
    value REAL NOT NULL,
    source TEXT NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL,
    UNIQUE (assessment_id, standard_id, indicator_id),
    FOREIGN KEY (assessment_id, standard_id)
        REFERENCES assessment_standard (assessment_id, standard_id)
);

-- The annual review: each action of the approved snapshot with its outcome and commentary,
-- each measure with commentary (its figure and rating are read from the data).
CREATE TABLE assessment_review_item (
    assessment_id INTEGER NOT NULL REFERENCES self_assessment (id),
    kind TEXT NOT NULL CHECK (kind IN ('action', 'measure')),
    -- The action's or measure's id in the approved snapshot.
    item_id INTEGER NOT NULL,
    outcome TEXT CHECK (outcome IN ('achieved', 'partly', 'not_achieved', 'dropped')),
    commentary TEXT NOT NULL DEFAULT '' CHECK (length(commentary) <= 5000),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (assessment_id, kind, item_id),
    CHECK (kind = 'action' OR outcome IS NULL)
);

-- The district manager's questions (on a standard, or on the whole assessment) and the
-- partnership's answers: every round is kept.
CREATE TABLE assessment_question (
    id INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES self_assessment (id),
    standard_id INTEGER REFERENCES standard (id),
    round INTEGER NOT NULL,
    body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    asked_by TEXT NOT NULL,
    asked_at TEXT NOT NULL,
    answer TEXT CHECK (answer IS NULL OR length(answer) BETWEEN 1 AND 5000),
    answered_by TEXT,
    answered_at TEXT
);
CREATE INDEX assessment_question_by_assessment ON assessment_question (assessment_id, round);

-- A year's standards are frozen once any partnership has submitted against them.
CREATE TRIGGER standard_frozen_insert BEFORE INSERT ON standard
WHEN EXISTS (SELECT 1 FROM self_assessment WHERE year = NEW.year AND round > 0)
BEGIN SELECT RAISE(ABORT, 'this year''s standards are frozen'); END;
CREATE TRIGGER standard_frozen_update BEFORE UPDATE ON standard
WHEN EXISTS (SELECT 1 FROM self_assessment WHERE year = OLD.year AND round > 0)
BEGIN SELECT RAISE(ABORT, 'this year''s standards are frozen'); END;
CREATE TRIGGER standard_frozen_delete BEFORE DELETE ON standard
WHEN EXISTS (SELECT 1 FROM self_assessment WHERE year = OLD.year AND round > 0)
BEGIN SELECT RAISE(ABORT, 'this year''s standards are frozen'); END;
CREATE TRIGGER standard_scale_frozen_update BEFORE UPDATE ON standard_scale
WHEN EXISTS (SELECT 1 FROM self_assessment WHERE year = OLD.year AND round > 0)
BEGIN SELECT RAISE(ABORT, 'this year''s standards are frozen'); END;
CREATE TRIGGER standard_scale_frozen_delete BEFORE DELETE ON standard_scale
WHEN EXISTS (SELECT 1 FROM self_assessment WHERE year = OLD.year AND round > 0)
BEGIN SELECT RAISE(ABORT, 'this year''s standards are frozen'); END;

-- A moderated assessment is locked, and so is everything in it.
CREATE TRIGGER self_assessment_locked_update BEFORE UPDATE ON self_assessment
WHEN OLD.status = 'moderated'
BEGIN SELECT RAISE(ABORT, 'a moderated self-assessment is locked'); END;
CREATE TRIGGER self_assessment_locked_delete BEFORE DELETE ON self_assessment
WHEN OLD.status = 'moderated'
BEGIN SELECT RAISE(ABORT, 'a moderated self-assessment is locked'); END;

CREATE TRIGGER assessment_standard_locked_insert BEFORE INSERT ON assessment_standard
WHEN (SELECT status FROM self_assessment WHERE id = NEW.assessment_id) = 'moderated'
BEGIN SELECT RAISE(ABORT, 'a moderated self-assessment is locked'); END;
CREATE TRIGGER assessment_standard_locked_update BEFORE UPDATE ON assessment_standard
WHEN (SELECT status FROM self_assessment WHERE id = OLD.assessment_id) = 'moderated'
BEGIN SELECT RAISE(ABORT, 'a moderated self-assessment is locked'); END;
CREATE TRIGGER assessment_standard_locked_delete BEFORE DELETE ON assessment_standard
WHEN (SELECT status FROM self_assessment WHERE id = OLD.assessment_id) = 'moderated'
BEGIN SELECT RAISE(ABORT, 'a moderated self-assessment is locked'); END;

CREATE TRIGGER assessment_figure_locked_insert BEFORE INSERT ON assessment_figure
WHEN (SELECT status FROM self_assessment WHERE id = NEW.assessment_id) = 'moderated'
BEGIN SELECT RAISE(ABORT, 'a moderated self-assessment is locked'); END;
CREATE TRIGGER assessment_figure_locked_update BEFORE UPDATE ON assessment_figure
WHEN (SELECT status FROM self_assessment WHERE id = OLD.assessment_id) = 'moderated'
BEGIN SELECT RAISE(ABORT, 'a moderated self-assessment is locked'); END;
CREATE TRIGGER assessment_figure_locked_delete BEFORE DELETE ON assessment_figure
WHEN (SELECT status FROM self_assessment WHERE id = OLD.assessment_id) = 'moderated'
BEGIN SELECT RAISE(ABORT, 'a moderated self-assessment is locked'); END;

CREATE TRIGGER assessment_review_item_locked_insert BEFORE INSERT ON assessment_review_item
WHEN (SELECT status FROM self_assessment WHERE id = NEW.assessment_id) = 'moderated'
BEGIN SELECT RAISE(ABORT, 'a moderated self-assessment is locked'); END;
CREATE TRIGGER assessment_review_item_locked_update BEFORE UPDATE ON assessment_review_item
WHEN (SELECT status FROM self_assessment WHERE id = OLD.assessment_id) = 'moderated'
BEGIN SELECT RAISE(ABORT, 'a moderated self-assessment is locked'); END;
CREATE TRIGGER assessment_review_item_locked_delete BEFORE DELETE ON assessment_review_item
WHEN (SELECT status FROM self_assessment WHERE id = OLD.assessment_id) = 'moderated'
BEGIN SELECT RAISE(ABORT, 'a moderated self-assessment is locked'); END;

CREATE TRIGGER assessment_question_locked_insert BEFORE INSERT ON assessment_question
WHEN (SELECT status FROM self_assessment WHERE id = NEW.assessment_id) = 'moderated'
BEGIN SELECT RAISE(ABORT, 'a moderated self-assessment is locked'); END;
CREATE TRIGGER assessment_question_locked_update BEFORE UPDATE ON assessment_question
WHEN (SELECT status FROM self_assessment WHERE id = OLD.assessment_id) = 'moderated'
BEGIN SELECT RAISE(ABORT, 'a moderated self-assessment is locked'); END;
CREATE TRIGGER assessment_question_locked_delete BEFORE DELETE ON assessment_question
WHEN (SELECT status FROM self_assessment WHERE id = OLD.assessment_id) = 'moderated'
BEGIN SELECT RAISE(ABORT, 'a moderated self-assessment is locked'); END;
