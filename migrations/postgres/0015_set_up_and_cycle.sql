-- Setting a county up and running the business cycle: partnerships retired (never deleted),
-- the Board's priorities drafted then published with their outcome and suggested indicators,
-- one-time set-your-password links, what-is-due digests (sent, or kept in the outbox) and each
-- person's calendar feed. Kept in lockstep with ../sqlite/0015_set_up_and_cycle.sql.

-- A retired partnership keeps its plans and history; it is no longer offered for new work.
ALTER TABLE partnership ADD COLUMN retired_at TIMESTAMPTZ;

-- The Board drafts its priorities for a year, then publishes them to every partnership's plan.
-- Priorities set before this migration were already in plans: they count as published.
ALTER TABLE board_priority ADD COLUMN outcome TEXT NOT NULL DEFAULT '' CHECK (char_length(outcome) <= 2000);
ALTER TABLE board_priority ADD COLUMN published_at TIMESTAMPTZ;
UPDATE board_priority SET published_at = now();

-- The indicators the Board suggests a priority is measured by, in order.
CREATE TABLE board_priority_indicator (
    board_priority_id BIGINT NOT NULL REFERENCES board_priority (id) ON DELETE CASCADE,
    indicator_id BIGINT NOT NULL REFERENCES indicator (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (board_priority_id, indicator_id)
);
INSERT INTO board_priority_indicator (board_priority_id, indicator_id, position)
    SELECT id, indicator_id, 1 FROM board_priority WHERE indicator_id IS NOT NULL;

-- A Board priority published after the plan was started is marked as added later.
ALTER TABLE plan_priority ADD COLUMN added_later BOOLEAN NOT NULL DEFAULT FALSE;

-- A one-time link with which a new person chooses their own password (stored as its SHA-256).
CREATE TABLE password_setup (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ
);
CREATE INDEX password_setup_user ON password_setup (user_id);

-- Whether the person wants the daily digest of what is due; their calendar feed's secret
-- (SHA-256 of the token in the address; NULL until they ask for one).
ALTER TABLE user_account ADD COLUMN digests BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE user_account ADD COLUMN calendar_token_hash TEXT;
CREATE UNIQUE INDEX user_account_calendar ON user_account (calendar_token_hash);

-- The daily digests: one per person per day at most. sent_at is set once the mail server took
-- it; without e-mail configured a digest stays here, in the outbox administrators read.
CREATE TABLE digest (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    for_date DATE NOT NULL,
    email TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    items INTEGER NOT NULL CHECK (items > 0),
    created_at TIMESTAMPTZ NOT NULL,
    sent_at TIMESTAMPTZ,
    send_error TEXT,
    UNIQUE (user_id, for_date)
);
CREATE INDEX digest_for_date ON digest (for_date);
