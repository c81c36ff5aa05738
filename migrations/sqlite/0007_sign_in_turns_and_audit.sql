-- Sign-in throttling by (account, address) pair, and signing in and out in the audit trail
-- (SQLite). In lockstep with ../postgres/0007_sign_in_turns_and_audit.sql.

-- The turn each (email, client address) pair is at. Every attempt reserves its turn here in one
-- transaction before its password is checked, so concurrent guesses cannot all slip through:
-- the first few attempts go at once, later ones wait for their turn (the gap between turns grows),
-- and an attempt whose turn is too far off is refused for now without checking anything. A
-- successful sign-in removes the pair's row; a pair quiet for the window starts over. The email
-- is whatever was typed, whether or not such an account exists.
CREATE TABLE sign_in_throttle (
    email TEXT NOT NULL,
    address TEXT NOT NULL,
    -- Attempts admitted since the pair started over.
    attempts INTEGER NOT NULL,
    -- The earliest time the pair's next attempt may be checked.
    next_at TEXT NOT NULL,
    -- When the last attempt was admitted.
    updated_at TEXT NOT NULL,
    PRIMARY KEY (email, address)
);
CREATE INDEX sign_in_throttle_updated ON sign_in_throttle (updated_at);

-- The audit trail also records sign-ins, failed sign-ins to existing accounts and sign-outs. SQLite
-- cannot change a CHECK constraint in place, so the table is rebuilt with every entry kept (ids
-- included); dropping a table removes its triggers before anything is deleted, so the
-- append-only triggers are not fired, and are created again below.
CREATE TABLE audit_event_new (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_user_id INTEGER REFERENCES user_account (id),
    actor_name TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN (
        'create', 'update', 'delete', 'status_change', 'sign_in', 'sign_in_failed', 'sign_out')),
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    partnership_id INTEGER REFERENCES partnership (id),
    summary TEXT NOT NULL,
    before_value TEXT,
    after_value TEXT
);
INSERT INTO audit_event_new (id, at, actor_user_id, actor_name, action, entity_type, entity_id,
                             partnership_id, summary, before_value, after_value)
SELECT id, at, actor_user_id, actor_name, action, entity_type, entity_id,
       partnership_id, summary, before_value, after_value
FROM audit_event;
DROP TABLE audit_event;
ALTER TABLE audit_event_new RENAME TO audit_event;

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
