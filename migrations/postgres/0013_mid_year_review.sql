-- Mid-year reviews: each partnership's review, in the autumn, of progress against the version of
-- its plan the Board approved; the district manager's or the Board's comments when one is
-- returned; and the Board's acceptance, after which the review is frozen.
--
-- The review is built from the approved snapshot (`plan_version`): actions and measures are
-- named by their ids in that snapshot. Every editable row carries a revision, bumped by each
-- save; a save based on an older revision is refused.

CREATE TABLE mid_year_review (
    id BIGSERIAL PRIMARY KEY,
    partnership_id BIGINT NOT NULL REFERENCES partnership (id),
    plan_id BIGINT NOT NULL REFERENCES plan (id),
    -- The plan year (its first calendar year) and the approved version reviewed.
    year INTEGER NOT NULL,
    reviewed_version INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
    -- Times submitted: 0 while never submitted.
    round INTEGER NOT NULL DEFAULT 0,
    revision BIGINT NOT NULL DEFAULT 1,
    going_well TEXT NOT NULL DEFAULT '' CHECK (char_length(going_well) <= 10000),
    board_should_know TEXT NOT NULL DEFAULT '' CHECK (char_length(board_should_know) <= 10000),
    -- Submitted after the calendar's due date (first submission); never refused for it.
    late BOOLEAN NOT NULL DEFAULT FALSE,
    first_submitted_at TIMESTAMPTZ,
    submitted_at TIMESTAMPTZ,
    accepted_at TIMESTAMPTZ,
    accepted_by TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by TEXT NOT NULL,
    UNIQUE (partnership_id, year),
    FOREIGN KEY (plan_id, reviewed_version) REFERENCES plan_version (plan_id, version)
);
CREATE INDEX mid_year_review_by_year ON mid_year_review (year, status);

-- Each action of the approved plan: its progress, the corrective action agreed when it is at
-- risk or off track, and a slip (a changed due date, with its reason).
CREATE TABLE mid_year_action (
    review_id BIGINT NOT NULL REFERENCES mid_year_review (id),
    action_id BIGINT NOT NULL,
    progress TEXT NOT NULL
        CHECK (progress IN ('complete', 'on_track', 'at_risk', 'off_track', 'not_started', 'dropped')),
    commentary TEXT NOT NULL DEFAULT '' CHECK (char_length(commentary) <= 5000),
    corrective_action TEXT NOT NULL DEFAULT '' CHECK (char_length(corrective_action) <= 5000),
    corrective_owner TEXT NOT NULL DEFAULT '' CHECK (char_length(corrective_owner) <= 200),
    corrective_due DATE,
    -- NULL: due as approved. A new date is a slip and always has its reason.
    revised_due DATE,
    slip_reason TEXT NOT NULL DEFAULT '' CHECK (char_length(slip_reason) <= 5000),
    revision BIGINT NOT NULL DEFAULT 1,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (review_id, action_id),
    CHECK (revised_due IS NULL OR slip_reason <> '')
);

-- Each measure of the approved plan: the partnership's forecast for its due date, in the
-- indicator's unit, and commentary. The latest figure is read from the catalogue, not kept.
CREATE TABLE mid_year_measure (
    review_id BIGINT NOT NULL REFERENCES mid_year_review (id),
    measure_id BIGINT NOT NULL,
    forecast DOUBLE PRECISION,
    commentary TEXT NOT NULL DEFAULT '' CHECK (char_length(commentary) <= 5000),
    revision BIGINT NOT NULL DEFAULT 1,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (review_id, measure_id)
);

-- Comments when a review is returned (by the district manager or the Board) or accepted.
CREATE TABLE mid_year_comment (
    id BIGSERIAL PRIMARY KEY,
    review_id BIGINT NOT NULL REFERENCES mid_year_review (id),
    round INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('returned', 'accepted')),
    author_user_id BIGINT REFERENCES user_account (id),
    author_name TEXT NOT NULL,
    body TEXT NOT NULL CHECK (char_length(body) <= 5000),
    at TIMESTAMPTZ NOT NULL
);
CREATE INDEX mid_year_comment_review ON mid_year_comment (review_id, at);

-- An accepted review is frozen, and so is everything in it.
CREATE FUNCTION mid_year_review_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'accepted' THEN
        RAISE EXCEPTION 'an accepted mid-year review is frozen';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER mid_year_review_frozen BEFORE UPDATE OR DELETE ON mid_year_review
    FOR EACH ROW EXECUTE FUNCTION mid_year_review_frozen();

CREATE FUNCTION mid_year_part_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r BIGINT;
BEGIN
    IF TG_OP = 'INSERT' THEN r := NEW.review_id; ELSE r := OLD.review_id; END IF;
    IF EXISTS (SELECT 1 FROM mid_year_review WHERE id = r AND status = 'accepted') THEN
        RAISE EXCEPTION 'an accepted mid-year review is frozen';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER mid_year_action_frozen BEFORE INSERT OR UPDATE OR DELETE ON mid_year_action
    FOR EACH ROW EXECUTE FUNCTION mid_year_part_frozen();
CREATE TRIGGER mid_year_measure_frozen BEFORE INSERT OR UPDATE OR DELETE ON mid_year_measure
    FOR EACH ROW EXECUTE FUNCTION mid_year_part_frozen();

-- Comments are a record: never changed or removed.
CREATE FUNCTION mid_year_comment_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a comment on a mid-year review is a record';
END;
$$;
CREATE TRIGGER mid_year_comment_record BEFORE UPDATE OR DELETE ON mid_year_comment
    FOR EACH ROW EXECUTE FUNCTION mid_year_comment_record();
