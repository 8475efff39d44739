-- Every search, masked, with where it came from; kept RETAIN_SEARCHES_DAYS. `day` is days
-- since 1970-01-01 (UTC). Suggestions while typing are recorded with source 'suggest'.
CREATE TABLE search_events (
    id        TEXT    PRIMARY KEY,
    at        BIGINT  NOT NULL,
    day       INTEGER NOT NULL,
    lang      TEXT    NOT NULL,
    source    TEXT    NOT NULL,
    query     TEXT    NOT NULL,
    norm_hash TEXT    NOT NULL,
    results   INTEGER NOT NULL,
    top_entry TEXT
);
CREATE INDEX search_events_by_day ON search_events (day);
CREATE INDEX search_events_by_norm ON search_events (norm_hash);

-- Clicks on results, by the search they came from and the result's position (from 1).
CREATE TABLE click_events (
    search_id TEXT    NOT NULL,
    position  INTEGER NOT NULL,
    target    TEXT    NOT NULL,
    at        BIGINT  NOT NULL,
    PRIMARY KEY (search_id, position)
);

-- Daily rollups, kept up to date by the analytics writer; the dashboard reads only these.
CREATE TABLE search_daily (
    day           INTEGER NOT NULL,
    lang          TEXT    NOT NULL,
    source        TEXT    NOT NULL,
    searches      BIGINT  NOT NULL,
    zero_results  BIGINT  NOT NULL,
    clicked       BIGINT  NOT NULL,
    click_pos_sum BIGINT  NOT NULL,
    PRIMARY KEY (day, lang, source)
);

-- Submitted searches (not suggestions) per normalized form, with one query as typed.
CREATE TABLE query_daily (
    day          INTEGER NOT NULL,
    lang         TEXT    NOT NULL,
    norm_hash    TEXT    NOT NULL,
    norm         TEXT    NOT NULL,
    sample       TEXT    NOT NULL,
    searches     BIGINT  NOT NULL,
    zero_results BIGINT  NOT NULL,
    clicked      BIGINT  NOT NULL,
    PRIMARY KEY (day, lang, norm_hash)
);
CREATE INDEX query_daily_by_norm ON query_daily (norm_hash, day);

CREATE TABLE entry_daily (
    day      INTEGER NOT NULL,
    lang     TEXT    NOT NULL,
    entry_id TEXT    NOT NULL,
    views    BIGINT  NOT NULL,
    clicks   BIGINT  NOT NULL,
    PRIMARY KEY (day, lang, entry_id)
);

-- The unanswered searches are now the zero-result rows of query_daily.
DROP TABLE unanswered_searches;
