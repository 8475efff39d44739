-- Searches that found nothing, for the support portal: what people ask that the
-- knowledge base does not answer yet.
CREATE TABLE unanswered_searches (
    query_hash TEXT    NOT NULL,
    lang       TEXT    NOT NULL,
    query      TEXT    NOT NULL,
    times      BIGINT  NOT NULL,
    first_seen BIGINT  NOT NULL,
    last_seen  BIGINT  NOT NULL,
    PRIMARY KEY (query_hash, lang)
);
