-- A second factor for signing in (time-based one-time codes, RFC 6238), recovery codes, and
-- what people see of their own sessions. Kept in lockstep with
-- ../postgres/0017_second_factor.sql.

-- A person's authenticator secret (base32, 160 bits). `enrolled_at` stays empty until the
-- person has confirmed a code from it; until then it is an enrolment in progress and does not
-- count. `last_step` is the 30-second step of the last code accepted: a code of that step or an
-- earlier one is never accepted again. The secret is stored as it is (see the README: the
-- database and its backups must be protected like the passwords' hashes).
CREATE TABLE second_factor (
    user_id INTEGER PRIMARY KEY REFERENCES user_account (id) ON DELETE CASCADE,
    secret TEXT NOT NULL CHECK (length(secret) BETWEEN 26 AND 64),
    created_at TEXT NOT NULL,
    enrolled_at TEXT,
    last_step INTEGER
);

-- Ten single-use recovery codes per enrolment, stored only as their SHA-256; `used_at` is set
-- when one is used (it never works again).
CREATE TABLE recovery_code (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL CHECK (length(code_hash) = 64),
    created_at TEXT NOT NULL,
    used_at TEXT,
    UNIQUE (user_id, code_hash)
);

-- A session is `full` (signed in), or waits for a code (`code`) or for the person to enrol
-- (`enrol`) after a correct password: those see only the page that asks. The address and
-- browser it was started from are kept so that the person can recognise it.
ALTER TABLE user_session ADD COLUMN stage TEXT NOT NULL DEFAULT 'full'
    CHECK (stage IN ('full', 'code', 'enrol'));
ALTER TABLE user_session ADD COLUMN address TEXT;
ALTER TABLE user_session ADD COLUMN user_agent TEXT CHECK (length(user_agent) <= 300);
