-- What every console process must share: the key that signs client ids and form tokens.
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Wizard inputs too long for a URL, kept for a day under a short id that the URL carries.
CREATE TABLE wizard_drafts (
    id         TEXT   PRIMARY KEY,
    wizard     TEXT   NOT NULL,
    inputs     TEXT   NOT NULL,
    client_id  TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX wizard_drafts_by_expiry ON wizard_drafts (expires_at);

-- Quotas count a client's rows of the last day; retention deletes by age.
CREATE INDEX wizard_runs_by_client ON wizard_runs (client_id, created_at);
CREATE INDEX wizard_runs_by_age ON wizard_runs (created_at);
CREATE INDEX feedback_comments_by_client ON feedback_comments (client_id, created_at);
CREATE INDEX unanswered_searches_by_age ON unanswered_searches (last_seen);
