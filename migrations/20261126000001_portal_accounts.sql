-- The support portal's people: local accounts (with an argon2id password hash) and
-- accounts that come from single sign-on (no password). Roles: viewer, editor, admin.
CREATE TABLE users (
    id            TEXT    PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL,
    password_hash TEXT,
    source        TEXT    NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    BIGINT  NOT NULL,
    last_login    BIGINT
);

-- Signed-in sessions. The cookie holds a random token; only its SHA-256 is stored, so
-- the table alone signs nobody in. Each session has its own form token.
CREATE TABLE sessions (
    token_hash TEXT   PRIMARY KEY,
    user_id    TEXT   NOT NULL,
    csrf       TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    last_seen  BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Failed sign-ins per account and per address, for the lockout.
CREATE TABLE login_failures (
    key          TEXT   PRIMARY KEY,
    failures     BIGINT NOT NULL,
    window_start BIGINT NOT NULL
);
