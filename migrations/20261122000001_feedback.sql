-- "Was this helpful?" votes. One vote per entry and browser: voting again replaces it.
-- The SQL is shared by SQLite and PostgreSQL, so it sticks to types both understand.
CREATE TABLE feedback_votes (
    entry_id   TEXT    NOT NULL,
    client_id  TEXT    NOT NULL,
    lang       TEXT    NOT NULL,
    helpful    INTEGER NOT NULL,
    created_at BIGINT  NOT NULL,
    updated_at BIGINT  NOT NULL,
    PRIMARY KEY (entry_id, client_id)
);

-- Comments are kept, never overwritten. The same comment sent twice by one browser is
-- stored once (body_hash: FNV-1a of the text, since PostgreSQL cannot index long text).
CREATE TABLE feedback_comments (
    id         TEXT    PRIMARY KEY,
    entry_id   TEXT    NOT NULL,
    client_id  TEXT    NOT NULL,
    lang       TEXT    NOT NULL,
    helpful    INTEGER NOT NULL,
    body       TEXT    NOT NULL,
    body_hash  TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    UNIQUE (entry_id, client_id, body_hash)
);

CREATE INDEX feedback_comments_by_entry ON feedback_comments (entry_id);
