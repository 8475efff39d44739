//! Portal accounts: password hashing (argon2id), session tokens, and the sign-in rules
//! (what a valid email and password look like, when a sign-in is locked out).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sha2::{Digest, Sha256};

/// The shortest password a local account may have.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// How long a session lasts from sign-in.
pub const SESSION_SECS: i64 = 12 * 3600;
/// Failed sign-ins allowed per account, and per address, in one window.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
pub const FAILURE_WINDOW_SECS: i64 = 15 * 60;

/// The argon2id hash of a password, in the PHC string format (salt and parameters in it).
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no random salt: {e}"))?;
    let salt = SaltString::encode_b64(&bytes).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
}

/// Whether `password` matches a stored hash. A malformed hash matches nothing.
pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A hash to compare against when there is no account, so that an unknown email takes as
/// long to refuse as a wrong password.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy password that matches nothing").unwrap_or_default())
}

/// A new session token (256 random bits, hex) and the hash that is stored.
pub fn new_session_token() -> (String, String) {
    let token = format!("{}{}", crate::db::random_token(), crate::db::random_token());
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// An email address as accounts are keyed: trimmed, lowercase, and plausible.
pub fn normalize_email(email: &str) -> Option<String> {
    let e = email.trim().to_lowercase();
    let (local, domain) = e.split_once('@')?;
    let plausible = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && e.len() <= 254
        && !e.chars().any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>' || c == '"')
        && !domain.contains('@');
    plausible.then_some(e)
}

/// The keys failed sign-ins are counted under.
pub fn failure_keys(email: &str, addr: std::net::IpAddr) -> (String, String) {
    (format!("account:{email}"), format!("address:{}", crate::clientaddr::client_key(addr)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let h = hash_password("correct horse battery staple").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password(&h, "correct horse battery staple"));
        assert!(!verify_password(&h, "correct horse battery stapl"));
        assert!(!verify_password("not a hash", "x"));
        assert_ne!(h, hash_password("correct horse battery staple").unwrap(), "salted");
        assert!(!verify_password(decoy_hash(), ""));
    }

    #[test]
    fn session_tokens_are_random_and_only_their_hash_is_kept() {
        let (a, ha) = new_session_token();
        let (b, _) = new_session_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(token_hash(&a), ha);
        assert_ne!(a, ha);
    }

    #[test]
    fn emails_are_normalized_or_refused() {
        let cases = [
            (" Li.Wei@Example.COM ", Some("li.wei@example.com")),
            ("a@b.co", Some("a@b.co")),
            ("no-at.example.com", None),
            ("@example.com", None),
            ("a@localhost", None),
            ("a@b@c.com", None),
            ("a b@c.com", None),
            ("<a@b.com>", None),
        ];
        for (input, want) in cases {
            assert_eq!(normalize_email(input).as_deref(), want, "{input}");
        }
    }
}
