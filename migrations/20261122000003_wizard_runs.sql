-- Finished wizard runs, saved for a permalink that a user can send to support. The inputs
-- are kept as typed (a JSON object of field name to text); pages evaluate them again in
-- the reader's locale, so one run reads in all four.
CREATE TABLE wizard_runs (
    id         TEXT   PRIMARY KEY,
    wizard     TEXT   NOT NULL,
    lang       TEXT   NOT NULL,
    inputs     TEXT   NOT NULL,
    client_id  TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);
