-- Sign-in throttling by (account, address) pair, and signing in and out in the audit trail
-- (PostgreSQL). In lockstep with ../sqlite/0007_sign_in_turns_and_audit.sql.

-- The turn each (email, client address) pair is at. Every attempt reserves its turn here in one
-- transaction before its password is checked (the upsert locks the pair's row until it commits),
-- so concurrent guesses cannot all slip through: the first few attempts go at once, later ones
-- wait for their turn (the gap between turns grows), and an attempt whose turn is too far off is
-- refused for now without checking anything. A successful sign-in removes the pair's row; a pair
-- quiet for the window starts over. The email is whatever was typed, whether or not such an
-- account exists.
CREATE TABLE sign_in_throttle (
    email TEXT NOT NULL,
    address TEXT NOT NULL,
    -- Attempts admitted since the pair started over.
    attempts BIGINT NOT NULL,
    -- The earliest time the pair's next attempt may be checked.
    next_at TIMESTAMPTZ NOT NULL,
    -- When the last attempt was admitted.
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (email, address)
);
CREATE INDEX sign_in_throttle_updated ON sign_in_throttle (updated_at);

-- The audit trail also records sign-ins, failed sign-ins to existing accounts and sign-outs.
-- (Changing a constraint fires no row trigger: the entries themselves are untouched.)
ALTER TABLE audit_event DROP CONSTRAINT audit_event_action_check;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_action_check CHECK (action IN (
    'create', 'update', 'delete', 'status_change', 'sign_in', 'sign_in_failed', 'sign_out'));
