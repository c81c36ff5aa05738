-- Stakeholder events and data days: partners, parents, children and young people join on a
-- phone with a short code, vote on priorities and comment; the facilitator shows the results
-- live on a projector and adds them to a plan.
--
-- Participants have no account and give no personal data: a participant is a random token in a
-- cookie (stored here only as its SHA-256 hash) and, if they choose to say it, that they are a
-- young person and their age band. Votes and comments hang off that.

CREATE TABLE stakeholder_event (
    id INTEGER PRIMARY KEY,
    -- The join code: six characters without look-alikes (see domain::events::JoinCode).
    code TEXT NOT NULL UNIQUE CHECK (length(code) = 6),
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    held_on DATE NOT NULL,
    -- The plan year (first calendar year) whose plans the results may be added to.
    plan_year INTEGER NOT NULL,
    ballot_source TEXT NOT NULL CHECK (ballot_source IN ('plan', 'board', 'custom')),
    votes_each INTEGER NOT NULL CHECK (votes_each BETWEEN 1 AND 10),
    several_on_one BOOLEAN NOT NULL,
    comments_after_review BOOLEAN NOT NULL,
    indicator_id INTEGER REFERENCES indicator (id),
    -- 'scheduled': open from opens_at (none: not until opened by hand) until closes_at.
    -- 'open' / 'closed': set by the facilitator's hand ('open' still closes at closes_at).
    voting TEXT NOT NULL CHECK (voting IN ('scheduled', 'open', 'closed')),
    opens_at TEXT,
    closes_at TEXT,
    -- Goes up with every ballot, comment and decision: names each live update.
    changes INTEGER NOT NULL DEFAULT 0,
    revision INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_by_user INTEGER REFERENCES user_account (id)
);
CREATE INDEX stakeholder_event_by_date ON stakeholder_event (held_on);

CREATE TABLE stakeholder_event_partnership (
    event_id INTEGER NOT NULL REFERENCES stakeholder_event (id),
    partnership_id INTEGER NOT NULL REFERENCES partnership (id),
    PRIMARY KEY (event_id, partnership_id)
);
CREATE INDEX stakeholder_event_partnership_by_partnership
    ON stakeholder_event_partnership (partnership_id);

-- The ballot, copied when the event is created so that it never changes under anyone.
CREATE TABLE event_option (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES stakeholder_event (id),
    position INTEGER NOT NULL,
    label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
    UNIQUE (event_id, position)
);

CREATE TABLE event_participant (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES stakeholder_event (id),
    token_hash TEXT NOT NULL UNIQUE,
    young_person BOOLEAN NOT NULL DEFAULT FALSE,
    age_band TEXT CHECK (age_band IN ('under_11', '11_15', '16_18', '19_25')),
    joined_at TEXT NOT NULL,
    voted_at TEXT
);
CREATE INDEX event_participant_by_event ON event_participant (event_id);

-- A participant's ballot: the votes they gave each priority (replaced whole when changed).
CREATE TABLE event_vote (
    participant_id INTEGER NOT NULL REFERENCES event_participant (id),
    option_id INTEGER NOT NULL REFERENCES event_option (id),
    votes INTEGER NOT NULL CHECK (votes BETWEEN 1 AND 10),
    PRIMARY KEY (participant_id, option_id)
);
CREATE INDEX event_vote_by_option ON event_vote (option_id);

CREATE TABLE event_comment (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES stakeholder_event (id),
    participant_id INTEGER NOT NULL REFERENCES event_participant (id),
    body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 1000),
    young_person BOOLEAN NOT NULL,
    age_band TEXT CHECK (age_band IN ('under_11', '11_15', '16_18', '19_25')),
    created_at TEXT NOT NULL,
    -- 'waiting' until the facilitator has seen it (when comments are shown only then).
    state TEXT NOT NULL CHECK (state IN ('waiting', 'shown', 'hidden')),
    decided_at TEXT,
    decided_by TEXT
);
CREATE INDEX event_comment_by_event ON event_comment (event_id, state, id);

-- Results added to a plan: once per plan.
CREATE TABLE event_plan_result (
    event_id INTEGER NOT NULL REFERENCES stakeholder_event (id),
    plan_id INTEGER NOT NULL REFERENCES plan (id),
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL,
    PRIMARY KEY (event_id, plan_id)
);

-- Wrong join codes from one address, counted in a window, so that codes cannot be guessed.
CREATE TABLE join_code_throttle (
    address TEXT PRIMARY KEY,
    window_start TEXT NOT NULL,
    failures INTEGER NOT NULL
);

-- No ballot changes once voting has been closed by hand (the server refuses them first).
CREATE TRIGGER event_vote_closed_insert BEFORE INSERT ON event_vote
WHEN (SELECT e.voting FROM stakeholder_event e JOIN event_participant p ON p.event_id = e.id
      WHERE p.id = NEW.participant_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'voting at this event has closed'); END;
CREATE TRIGGER event_vote_closed_delete BEFORE DELETE ON event_vote
WHEN (SELECT e.voting FROM stakeholder_event e JOIN event_participant p ON p.event_id = e.id
      WHERE p.id = OLD.participant_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'voting at this event has closed'); END;
