//! The one error type of the HTTP layer. Each kind has a status, a JSON shape for the API
//! and a localized page for browsers (`http::problem`). Internal errors are logged and
//! never show their text to the client.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{message}")]
    BadRequest { code: &'static str, message: String },
    #[error("not found")]
    NotFound,
    /// A write sent from another site.
    #[error("cross-site request refused")]
    CrossSite,
    #[error("request body too large")]
    TooLarge { limit_kb: usize },
    #[error("rate limited")]
    RateLimited { retry_after: u64 },
    /// Too much work in flight.
    #[error("busy")]
    Busy,
    #[error("timed out")]
    Timeout,
    /// Stored state cannot be reached right now.
    #[error("unavailable")]
    Unavailable,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

pub fn bad_request(code: &'static str, message: impl Into<String>) -> AppError {
    AppError::BadRequest { code, message: message.into() }
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::CrossSite => StatusCode::FORBIDDEN,
            AppError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Busy | AppError::Timeout | AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::BadRequest { code, .. } => code,
            AppError::NotFound => "not_found",
            AppError::CrossSite => "cross_site",
            AppError::TooLarge { .. } => "too_large",
            AppError::RateLimited { .. } => "rate_limited",
            AppError::Busy => "busy",
            AppError::Timeout => "timeout",
            AppError::Unavailable => "unavailable",
            AppError::Internal(_) => "internal",
        }
    }

    /// The seconds to put in `Retry-After`, for the kinds that have one.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            AppError::RateLimited { retry_after } => Some(*retry_after),
            AppError::Busy | AppError::Unavailable => Some(2),
            AppError::Timeout => Some(5),
            _ => None,
        }
    }

    /// The API's message: English, for developers.
    fn message(&self) -> String {
        match self {
            AppError::BadRequest { message, .. } => message.clone(),
            AppError::NotFound => "no such resource".into(),
            AppError::CrossSite => "a request that changes state must come from the console's own pages".into(),
            AppError::TooLarge { limit_kb } => format!("the request body is over {limit_kb} KB"),
            AppError::RateLimited { retry_after } => format!("too many requests; retry in {retry_after} s"),
            AppError::Busy => "the server is at capacity; retry shortly".into(),
            AppError::Timeout => "the request took too long".into(),
            AppError::Unavailable => "stored data is unavailable right now; retry shortly".into(),
            AppError::Internal(e) => {
                tracing::error!(error = %e, "internal error");
                "the server could not complete the request".into()
            }
        }
    }

    /// Adds `Retry-After` where it applies.
    pub fn decorate(&self, res: &mut Response) {
        if let Some(secs) = self.retry_after() {
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let body = json!({ "error": { "code": self.code(), "message": self.message() } });
        let mut res = (self.status(), Json(body)).into_response();
        self.decorate(&mut res);
        res
    }
}
