-- Sign-in, roles, sessions, sign-in throttling and the audit trail (SQLite). In lockstep with
-- ../postgres/0002_accounts_sessions_audit.sql.

-- A person who can sign in. Passwords are Argon2id PHC strings, never plain text.
CREATE TABLE user_account (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    person_id INTEGER REFERENCES person (id),
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    -- Demo accounts are refused when demo mode is off.
    is_demo BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Roles and their scope: a partnership for chairs and members, a district for district
-- managers, nothing for Trust-wide roles.
CREATE TABLE role_assignment (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN (
        'administrator', 'board_member', 'district_manager', 'partnership_chair',
        'partnership_member', 'viewer')),
    partnership_id INTEGER REFERENCES partnership (id),
    district_area_id INTEGER REFERENCES area (id),
    CHECK (
        (role IN ('partnership_chair', 'partnership_member') AND partnership_id IS NOT NULL AND district_area_id IS NULL)
        OR (role = 'district_manager' AND district_area_id IS NOT NULL AND partnership_id IS NULL)
        OR (role IN ('administrator', 'board_member', 'viewer') AND partnership_id IS NULL AND district_area_id IS NULL)
    )
);
CREATE UNIQUE INDEX role_assignment_unique
    ON role_assignment (user_id, role, COALESCE(partnership_id, 0), COALESCE(district_area_id, 0));

-- Server-side sessions. The cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE user_session (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    -- The absolute end of the session, whatever the activity.
    expires_at TEXT NOT NULL
);
CREATE INDEX user_session_by_user ON user_session (user_id);

-- Every sign-in attempt, for throttling by account and by address.
CREATE TABLE sign_in_attempt (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    address TEXT NOT NULL,
    succeeded BOOLEAN NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX sign_in_attempt_email ON sign_in_attempt (email, at);
CREATE INDEX sign_in_attempt_address ON sign_in_attempt (address, at);

-- The audit trail: who changed what, when (UTC), with the values before and after (JSON).
-- Append-only: the triggers below refuse any update or delete.
CREATE TABLE audit_event (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_user_id INTEGER REFERENCES user_account (id),
    actor_name TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'status_change')),
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    partnership_id INTEGER REFERENCES partnership (id),
    summary TEXT NOT NULL,
    before_value TEXT,
    after_value TEXT
);
CREATE INDEX audit_event_at ON audit_event (at);
CREATE INDEX audit_event_entity ON audit_event (entity_type, entity_id);
CREATE INDEX audit_event_partnership ON audit_event (partnership_id, at);

CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
