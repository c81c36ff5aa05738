-- What a refused plain form post (JavaScript off) carries back to its page: the errors and every
-- character the person typed, kept on the server for a few minutes and read once. The browser
-- holds only a random key in a small cookie (`tb_flash`); the row is keyed by that key's SHA-256,
-- so a read of this table does not give anyone the cookie. Success notices travel the same way.
-- In lockstep with ../sqlite/0010_form_stash.sql.
CREATE TABLE form_stash (
    key_hash TEXT PRIMARY KEY,
    -- JSON: { errors: [...], form: {...} | null, revision: n | null, notice: "..." | null }
    payload TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX form_stash_by_expiry ON form_stash (expires_at);
