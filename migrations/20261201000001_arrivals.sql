-- Arrivals through /go links from other products, per day (days since 1970-01-01, UTC),
-- locale, source and target. The source is a product name checked by the server
-- (lowercase letters, digits, hyphens), 'other' for anything else a link carried, or ''
-- when it named none; the target is the entry id or operation key the link led to, or ''
-- when the id led nowhere. No event is kept, only this rollup, purged with the others.
CREATE TABLE arrival_daily (
    day      INTEGER NOT NULL,
    lang     TEXT    NOT NULL,
    source   TEXT    NOT NULL,
    target   TEXT    NOT NULL,
    arrivals BIGINT  NOT NULL,
    PRIMARY KEY (day, lang, source, target)
);
