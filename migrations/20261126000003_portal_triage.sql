-- What an editor decided about a group of the content-gaps queue (by normalized form).
-- status: answered (by entry_id), new_entry, ignore.
CREATE TABLE gap_triage (
    norm_hash  TEXT   PRIMARY KEY,
    status     TEXT   NOT NULL,
    entry_id   TEXT,
    decided_by TEXT   NOT NULL,
    decided_at BIGINT NOT NULL
);

-- Queries proposed as synonyms of an entry, from groups answered by it; the patch export
-- lists the accepted ones. status: accepted, rejected.
CREATE TABLE synonym_proposals (
    entry_id   TEXT   NOT NULL,
    lang       TEXT   NOT NULL,
    query      TEXT   NOT NULL,
    norm_hash  TEXT   NOT NULL,
    status     TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (entry_id, lang, query)
);

-- When each person last opened a portal page, for "new since your last visit".
CREATE TABLE portal_visits (
    user_id TEXT   NOT NULL,
    page    TEXT   NOT NULL,
    at      BIGINT NOT NULL,
    PRIMARY KEY (user_id, page)
);

-- Feedback review: every comment has a status (new, read, resolved).
ALTER TABLE feedback_comments ADD COLUMN status TEXT NOT NULL DEFAULT 'new';
