-- Every normalized query over all stored days, per locale and (lang '') for every locale
-- together, kept by the analytics writer next to query_daily and reduced when old days
-- are purged.
--  * The content-gaps queue reads the rows of every locale together directly.
--  * The dashboard's top lists use it as an upper bound: a query's count over any range
--    is at most its total, so the top of a range is found among the top totals without
--    grouping every row of query_daily (see db/rollups.rs).
-- langs: a bit per locale the query was searched in (zh 1, zh-TW 2, id 4, ja 8).
CREATE TABLE query_totals (
    lang         TEXT    NOT NULL,
    norm_hash    TEXT    NOT NULL,
    norm         TEXT    NOT NULL,
    sample       TEXT    NOT NULL,
    searches     BIGINT  NOT NULL,
    zero_results BIGINT  NOT NULL,
    clicked      BIGINT  NOT NULL,
    langs        INTEGER NOT NULL,
    first_day    INTEGER NOT NULL,
    last_day     INTEGER NOT NULL,
    PRIMARY KEY (lang, norm_hash)
);
CREATE INDEX query_totals_by_searches ON query_totals (lang, searches);
CREATE INDEX query_totals_by_zero ON query_totals (lang, zero_results);

INSERT INTO query_totals (lang, norm_hash, norm, sample, searches, zero_results, clicked, langs, first_day, last_day)
SELECT lang, norm_hash, MAX(norm), MAX(sample), CAST(SUM(searches) AS BIGINT), CAST(SUM(zero_results) AS BIGINT), CAST(SUM(clicked) AS BIGINT),
       CAST(MAX(CASE lang WHEN 'zh' THEN 1 WHEN 'zh-TW' THEN 2 WHEN 'id' THEN 4 WHEN 'ja' THEN 8 ELSE 0 END) AS INTEGER),
       MIN(day), MAX(day)
FROM query_daily GROUP BY lang, norm_hash;

INSERT INTO query_totals (lang, norm_hash, norm, sample, searches, zero_results, clicked, langs, first_day, last_day)
SELECT '', norm_hash, MAX(norm), MAX(sample), CAST(SUM(searches) AS BIGINT), CAST(SUM(zero_results) AS BIGINT), CAST(SUM(clicked) AS BIGINT),
       CAST(SUM(DISTINCT CASE lang WHEN 'zh' THEN 1 WHEN 'zh-TW' THEN 2 WHEN 'id' THEN 4 WHEN 'ja' THEN 8 ELSE 0 END) AS INTEGER),
       MIN(day), MAX(day)
FROM query_daily GROUP BY norm_hash;

-- The range sums for a set of queries read this index alone.
DROP INDEX query_daily_by_norm;
CREATE INDEX query_daily_by_norm ON query_daily (norm_hash, lang, day, searches, zero_results, clicked);

-- The queries as typed behind a normalized form, the latest first.
DROP INDEX search_events_by_norm;
CREATE INDEX search_events_by_norm ON search_events (norm_hash, at);
