//! The one error type of the HTTP layer. Client errors carry a code and a message;
//! internal errors are logged and never show their text to the client.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{message}")]
    BadRequest { code: &'static str, message: String },
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

pub fn bad_request(code: &'static str, message: impl Into<String>) -> AppError {
    AppError::BadRequest { code, message: message.into() }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code, message) = match &self {
            AppError::BadRequest { code, message } => (StatusCode::BAD_REQUEST, *code, message.clone()),
            AppError::NotFound => (StatusCode::NOT_FOUND, "not_found", "no such resource".to_owned()),
            AppError::Internal(e) => {
                tracing::error!(error = %e, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal", "the server could not complete the request".to_owned())
            }
        };
        (status, Json(json!({ "error": { "code": code, "message": message } }))).into_response()
    }
}
