//! What the portal's editors decide and read: the triage of content gaps, synonym
//! proposals, visits (for "new since your last visit"), and the feedback review.

use super::{int, unix_now, Db, DbError};
use sqlx::Row;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriageRow {
    pub status: String,
    pub entry_id: Option<String>,
    pub decided_by: String,
    pub decided_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalRow {
    pub entry_id: String,
    pub lang: String,
    pub query: String,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteLine {
    pub entry_id: String,
    pub lang: String,
    pub helpful: bool,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentLine {
    pub id: String,
    pub entry_id: String,
    pub lang: String,
    pub helpful: bool,
    pub body: String,
    pub status: String,
    pub created_at: i64,
}

impl Db {
    pub async fn triage(&self) -> Result<HashMap<String, TriageRow>, DbError> {
        let pool = self.ready()?;
        let rows = sqlx::query("SELECT norm_hash, status, entry_id, decided_by, decided_at FROM gap_triage").fetch_all(pool).await.map_err(|e| self.fail(e))?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get("norm_hash")?,
                    TriageRow { status: r.try_get("status")?, entry_id: r.try_get("entry_id")?, decided_by: r.try_get("decided_by")?, decided_at: int(r, "decided_at")? },
                ))
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(|e| self.fail(e))
    }

    /// Records a decision about a group, replacing any earlier one.
    pub async fn set_triage(&self, norm_hash: &str, status: &str, entry_id: Option<&str>, by: &str) -> Result<(), DbError> {
        let pool = self.ready()?;
        sqlx::query(
            "INSERT INTO gap_triage (norm_hash, status, entry_id, decided_by, decided_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (norm_hash) DO UPDATE SET status = excluded.status, entry_id = excluded.entry_id, decided_by = excluded.decided_by, decided_at = excluded.decided_at",
        )
        .bind(norm_hash)
        .bind(status)
        .bind(entry_id)
        .bind(by)
        .bind(unix_now())
        .execute(pool)
        .await
        .map_err(|e| self.fail(e))?;
        Ok(())
    }

    /// Proposes queries (lang, query) as synonyms of an entry; known ones stay as they are.
    pub async fn add_proposals(&self, entry_id: &str, norm_hash: &str, queries: &[(String, String)]) -> Result<(), DbError> {
        let pool = self.ready()?;
        for (lang, query) in queries {
            sqlx::query(
                "INSERT INTO synonym_proposals (entry_id, lang, query, norm_hash, status, created_at) VALUES ($1, $2, $3, $4, 'accepted', $5)
                 ON CONFLICT (entry_id, lang, query) DO NOTHING",
            )
            .bind(entry_id)
            .bind(lang)
            .bind(query)
            .bind(norm_hash)
            .bind(unix_now())
            .execute(pool)
            .await
            .map_err(|e| self.fail(e))?;
        }
        Ok(())
    }

    pub async fn proposals(&self) -> Result<Vec<ProposalRow>, DbError> {
        let pool = self.ready()?;
        let rows = sqlx::query("SELECT entry_id, lang, query, status FROM synonym_proposals ORDER BY entry_id, lang, created_at")
            .fetch_all(pool)
            .await
            .map_err(|e| self.fail(e))?;
        rows.iter()
            .map(|r| Ok(ProposalRow { entry_id: r.try_get("entry_id")?, lang: r.try_get("lang")?, query: r.try_get("query")?, status: r.try_get("status")? }))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(|e| self.fail(e))
    }

    pub async fn set_proposal(&self, entry_id: &str, lang: &str, query: &str, status: &str) -> Result<bool, DbError> {
        let pool = self.ready()?;
        let done = sqlx::query("UPDATE synonym_proposals SET status = $1 WHERE entry_id = $2 AND lang = $3 AND query = $4")
            .bind(status)
            .bind(entry_id)
            .bind(lang)
            .bind(query)
            .execute(pool)
            .await
            .map_err(|e| self.fail(e))?;
        Ok(done.rows_affected() > 0)
    }

    /// When `who` last opened `page` (before now), and notes that they open it now.
    pub async fn visit(&self, who: &str, page: &str) -> Result<Option<i64>, DbError> {
        let pool = self.ready()?;
        let row = sqlx::query("SELECT at FROM portal_visits WHERE user_id = $1 AND page = $2").bind(who).bind(page).fetch_optional(pool).await.map_err(|e| self.fail(e))?;
        let last = row.map(|r| int(&r, "at")).transpose().map_err(|e| self.fail(e))?;
        sqlx::query("INSERT INTO portal_visits (user_id, page, at) VALUES ($1, $2, $3) ON CONFLICT (user_id, page) DO UPDATE SET at = excluded.at")
            .bind(who)
            .bind(page)
            .bind(unix_now())
            .execute(pool)
            .await
            .map_err(|e| self.fail(e))?;
        Ok(last)
    }

    /// Every vote (one per browser and entry), for the review's ratios and timelines.
    pub async fn all_votes(&self) -> Result<Vec<VoteLine>, DbError> {
        let pool = self.ready()?;
        let rows = sqlx::query("SELECT entry_id, lang, helpful, updated_at FROM feedback_votes").fetch_all(pool).await.map_err(|e| self.fail(e))?;
        rows.iter()
            .map(|r| Ok(VoteLine { entry_id: r.try_get("entry_id")?, lang: r.try_get("lang")?, helpful: int(r, "helpful")? != 0, updated_at: int(r, "updated_at")? }))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(|e| self.fail(e))
    }

    /// Comments on an entry (all entries with an empty id), newest first, optionally of one
    /// status and one locale.
    pub async fn comment_lines(&self, entry_id: &str, status: &str, lang: &str, limit: i64) -> Result<Vec<CommentLine>, DbError> {
        let pool = self.ready()?;
        let rows = sqlx::query(
            "SELECT id, entry_id, lang, helpful, body, status, created_at FROM feedback_comments
             WHERE ($1 = '' OR entry_id = $1) AND ($2 = '' OR status = $2) AND ($3 = '' OR lang = $3)
             ORDER BY created_at DESC, id DESC LIMIT $4",
        )
        .bind(entry_id)
        .bind(status)
        .bind(lang)
        .bind(limit)
        .fetch_all(pool)
        .await
        .map_err(|e| self.fail(e))?;
        rows.iter()
            .map(|r| {
                Ok(CommentLine {
                    id: r.try_get("id")?,
                    entry_id: r.try_get("entry_id")?,
                    lang: r.try_get("lang")?,
                    helpful: int(r, "helpful")? != 0,
                    body: r.try_get("body")?,
                    status: r.try_get("status")?,
                    created_at: int(r, "created_at")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(|e| self.fail(e))
    }

    /// Comments per entry and status: (entry, status, count).
    pub async fn comment_counts(&self) -> Result<Vec<(String, String, i64)>, DbError> {
        let pool = self.ready()?;
        let rows = sqlx::query("SELECT entry_id, status, COUNT(*) AS n FROM feedback_comments GROUP BY entry_id, status").fetch_all(pool).await.map_err(|e| self.fail(e))?;
        rows.iter().map(|r| Ok((r.try_get("entry_id")?, r.try_get("status")?, int(r, "n")?))).collect::<Result<_, sqlx::Error>>().map_err(|e| self.fail(e))
    }

    pub async fn set_comment_status(&self, id: &str, status: &str) -> Result<bool, DbError> {
        let pool = self.ready()?;
        let done = sqlx::query("UPDATE feedback_comments SET status = $1 WHERE id = $2").bind(status).bind(id).execute(pool).await.map_err(|e| self.fail(e))?;
        Ok(done.rows_affected() > 0)
    }
}
