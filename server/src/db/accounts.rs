//! The portal's accounts, sessions and failed sign-ins.

use super::{int, random_token, unix_now, Db, DbError};
use sqlx::Row;

#[derive(Debug, Clone, PartialEq)]
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub role: String,
    pub password_hash: Option<String>,
    /// `local` or `oidc`.
    pub source: String,
    pub disabled: bool,
    pub created_at: i64,
    pub last_login: Option<i64>,
}

/// A live session with its user.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionRow {
    pub user: UserRow,
    pub csrf: String,
    pub expires_at: i64,
    pub last_seen: i64,
}

/// The columns `user_row` reads (a macro, so that queries stay literal strings).
macro_rules! user_columns {
    () => {
        "u.id, u.email, u.role, u.password_hash, u.source, u.disabled, u.created_at, u.last_login"
    };
}

fn user_row(r: &sqlx::any::AnyRow) -> Result<UserRow, sqlx::Error> {
    Ok(UserRow {
        id: r.try_get("id")?,
        email: r.try_get("email")?,
        role: r.try_get("role")?,
        password_hash: r.try_get("password_hash")?,
        source: r.try_get("source")?,
        disabled: int(r, "disabled")? != 0,
        created_at: int(r, "created_at")?,
        last_login: int(r, "last_login").ok(),
    })
}

impl Db {
    /// Adds an account; `Ok(None)` when the email is taken.
    pub async fn add_user(&self, email: &str, role: &str, password_hash: Option<&str>, source: &str) -> Result<Option<UserRow>, DbError> {
        let pool = self.ready()?;
        if self.user_by_email(email).await?.is_some() {
            return Ok(None);
        }
        let id: String = random_token().chars().take(16).collect();
        sqlx::query("INSERT INTO users (id, email, role, password_hash, source, disabled, created_at) VALUES ($1, $2, $3, $4, $5, 0, $6)")
            .bind(&id)
            .bind(email)
            .bind(role)
            .bind(password_hash)
            .bind(source)
            .bind(unix_now())
            .execute(pool)
            .await
            .map_err(|e| self.fail(e))?;
        self.user_by_email(email).await
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<UserRow>, DbError> {
        let pool = self.ready()?;
        let sql = concat!("SELECT ", user_columns!(), " FROM users u WHERE u.email = $1");
        let row = sqlx::query(sql).bind(email).fetch_optional(pool).await.map_err(|e| self.fail(e))?;
        row.map(|r| user_row(&r)).transpose().map_err(|e| self.fail(e))
    }

    pub async fn users(&self) -> Result<Vec<UserRow>, DbError> {
        let pool = self.ready()?;
        let sql = concat!("SELECT ", user_columns!(), " FROM users u ORDER BY u.email");
        let rows = sqlx::query(sql).fetch_all(pool).await.map_err(|e| self.fail(e))?;
        rows.iter().map(user_row).collect::<Result<_, _>>().map_err(|e| self.fail(e))
    }

    /// Changes an account's role; false when there is no such account.
    pub async fn set_role(&self, email: &str, role: &str) -> Result<bool, DbError> {
        let pool = self.ready()?;
        let done = sqlx::query("UPDATE users SET role = $1 WHERE email = $2").bind(role).bind(email).execute(pool).await.map_err(|e| self.fail(e))?;
        Ok(done.rows_affected() > 0)
    }

    /// Disables (or enables) an account; disabling ends its sessions.
    pub async fn set_disabled(&self, email: &str, disabled: bool) -> Result<bool, DbError> {
        let pool = self.ready()?;
        let done = sqlx::query("UPDATE users SET disabled = $1 WHERE email = $2")
            .bind(i32::from(disabled))
            .bind(email)
            .execute(pool)
            .await
            .map_err(|e| self.fail(e))?;
        if disabled {
            sqlx::query("DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE email = $1)")
                .bind(email)
                .execute(pool)
                .await
                .map_err(|e| self.fail(e))?;
        }
        Ok(done.rows_affected() > 0)
    }

    pub async fn set_password(&self, email: &str, password_hash: &str) -> Result<bool, DbError> {
        let pool = self.ready()?;
        let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE email = $2 AND source = 'local'")
            .bind(password_hash)
            .bind(email)
            .execute(pool)
            .await
            .map_err(|e| self.fail(e))?;
        Ok(done.rows_affected() > 0)
    }

    /// Starts a session for a user: stores the hash of `token_hash`'s token and returns the
    /// session's form token.
    pub async fn create_session(&self, user_id: &str, token_hash: &str, lifetime_secs: i64) -> Result<String, DbError> {
        let pool = self.ready()?;
        let now = unix_now();
        let csrf = random_token();
        sqlx::query("INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at, last_seen) VALUES ($1, $2, $3, $4, $5, $4)")
            .bind(token_hash)
            .bind(user_id)
            .bind(&csrf)
            .bind(now)
            .bind(now + lifetime_secs)
            .execute(pool)
            .await
            .map_err(|e| self.fail(e))?;
        sqlx::query("UPDATE users SET last_login = $1 WHERE id = $2").bind(now).bind(user_id).execute(pool).await.map_err(|e| self.fail(e))?;
        Ok(csrf)
    }

    /// The session of a token hash, if it is live and its user is enabled.
    pub async fn session(&self, token_hash: &str) -> Result<Option<SessionRow>, DbError> {
        let pool = self.ready()?;
        let sql = concat!(
            "SELECT ",
            user_columns!(),
            ", s.csrf, s.expires_at, s.last_seen FROM sessions s JOIN users u ON u.id = s.user_id ",
            "WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = 0"
        );
        let row = sqlx::query(sql).bind(token_hash).bind(unix_now()).fetch_optional(pool).await.map_err(|e| self.fail(e))?;
        row.map(|r| {
            Ok(SessionRow { user: user_row(&r)?, csrf: r.try_get("csrf")?, expires_at: int(&r, "expires_at")?, last_seen: int(&r, "last_seen")? })
        })
        .transpose()
        .map_err(|e| self.fail(e))
    }

    /// Notes that a session was used, at most every few minutes.
    pub async fn touch_session(&self, token_hash: &str) -> Result<(), DbError> {
        let pool = self.ready()?;
        sqlx::query("UPDATE sessions SET last_seen = $1 WHERE token_hash = $2").bind(unix_now()).bind(token_hash).execute(pool).await.map_err(|e| self.fail(e))?;
        Ok(())
    }

    pub async fn end_session(&self, token_hash: &str) -> Result<(), DbError> {
        let pool = self.ready()?;
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(pool).await.map_err(|e| self.fail(e))?;
        Ok(())
    }

    /// Failed sign-ins for `key` in the window that started at most `window` seconds ago.
    pub async fn login_failures(&self, key: &str, window: i64) -> Result<i64, DbError> {
        let pool = self.ready()?;
        let row = sqlx::query("SELECT failures, window_start FROM login_failures WHERE key = $1").bind(key).fetch_optional(pool).await.map_err(|e| self.fail(e))?;
        let Some(row) = row else { return Ok(0) };
        let start = int(&row, "window_start").map_err(|e| self.fail(e))?;
        if start + window < unix_now() {
            return Ok(0);
        }
        int(&row, "failures").map_err(|e| self.fail(e))
    }

    /// Counts one failed sign-in for `key`, starting a new window when the last is over.
    pub async fn add_login_failure(&self, key: &str, window: i64) -> Result<(), DbError> {
        let pool = self.ready()?;
        let now = unix_now();
        sqlx::query(
            "INSERT INTO login_failures (key, failures, window_start) VALUES ($1, 1, $2)
             ON CONFLICT (key) DO UPDATE SET
               failures = CASE WHEN login_failures.window_start + $3 < $2 THEN 1 ELSE login_failures.failures + 1 END,
               window_start = CASE WHEN login_failures.window_start + $3 < $2 THEN $2 ELSE login_failures.window_start END",
        )
        .bind(key)
        .bind(now)
        .bind(window)
        .execute(pool)
        .await
        .map_err(|e| self.fail(e))?;
        Ok(())
    }

    pub async fn clear_login_failures(&self, key: &str) -> Result<(), DbError> {
        let pool = self.ready()?;
        sqlx::query("DELETE FROM login_failures WHERE key = $1").bind(key).execute(pool).await.map_err(|e| self.fail(e))?;
        Ok(())
    }

    /// Keeps a sign-in in progress for ten minutes.
    pub async fn save_oidc_flow(&self, state: &str, verifier: &str, nonce: &str, next: &str, lang: &str) -> Result<(), DbError> {
        let pool = self.ready()?;
        sqlx::query("INSERT INTO oidc_flows (state, verifier, nonce, next, lang, expires_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(state)
            .bind(verifier)
            .bind(nonce)
            .bind(next)
            .bind(lang)
            .bind(unix_now() + 600)
            .execute(pool)
            .await
            .map_err(|e| self.fail(e))?;
        Ok(())
    }

    /// The sign-in in progress under `state`, once: it is deleted as it is read.
    /// (verifier, nonce, next, lang)
    pub async fn take_oidc_flow(&self, state: &str) -> Result<Option<(String, String, String, String)>, DbError> {
        let pool = self.ready()?;
        let row = sqlx::query("SELECT verifier, nonce, next, lang FROM oidc_flows WHERE state = $1 AND expires_at > $2")
            .bind(state)
            .bind(unix_now())
            .fetch_optional(pool)
            .await
            .map_err(|e| self.fail(e))?;
        let deleted = sqlx::query("DELETE FROM oidc_flows WHERE state = $1").bind(state).execute(pool).await.map_err(|e| self.fail(e))?;
        if deleted.rows_affected() == 0 {
            return Ok(None);
        }
        row.map(|r| Ok((r.try_get("verifier")?, r.try_get("nonce")?, r.try_get("next")?, r.try_get("lang")?)))
            .transpose()
            .map_err(|e: sqlx::Error| self.fail(e))
    }

    /// Deletes expired sessions and old failure windows.
    pub async fn purge_sessions(&self, now: i64) -> Result<u64, DbError> {
        let pool = self.ready()?;
        let s = sqlx::query("DELETE FROM sessions WHERE expires_at < $1").bind(now).execute(pool).await.map_err(|e| self.fail(e))?;
        sqlx::query("DELETE FROM login_failures WHERE window_start < $1").bind(now - 86_400).execute(pool).await.map_err(|e| self.fail(e))?;
        sqlx::query("DELETE FROM oidc_flows WHERE expires_at < $1").bind(now).execute(pool).await.map_err(|e| self.fail(e))?;
        Ok(s.rows_affected())
    }
}
