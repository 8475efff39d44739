//! Anonymous client ids and form tokens, signed with the server's key.
//!
//! A browser's id is 128 random bits. The cookie carries the id and an HMAC-SHA256 of it,
//! so an id the server did not issue is refused. A form carries a token derived from the
//! id the same way: a page on another site can neither read it nor make one.
//!
//! The key comes from `SECRET_KEY`, or is made once and kept in the database so that
//! every process behind a load balancer signs alike. Pure functions over the key.

use hmac::{Mac, KeyInit};
use sha2::Sha256;

type HmacSha256 = hmac::Hmac<Sha256>;

/// Hex digits of the id, and of each signature.
const ID_HEX: usize = 32;
const SIG_HEX: usize = 32;

#[derive(Clone)]
pub struct Signer {
    key: Vec<u8>,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Signer(..)")
    }
}

impl Signer {
    pub fn new(key: &[u8]) -> Signer {
        Signer { key: key.to_vec() }
    }

    fn mac(&self, purpose: &str, id: &str) -> String {
        let mut mac = <HmacSha256 as KeyInit>::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(purpose.as_bytes());
        mac.update(b":");
        mac.update(id.as_bytes());
        hex(&mac.finalize().into_bytes()[..SIG_HEX / 2])
    }

    /// A new id and its cookie value.
    pub fn issue(&self) -> (String, String) {
        let id = crate::db::random_token();
        let cookie = self.cookie_value(&id);
        (id, cookie)
    }

    /// The cookie value of an id: `<id>.<signature>`.
    pub fn cookie_value(&self, id: &str) -> String {
        format!("{id}.{}", self.mac("cid", id))
    }

    /// The id in a cookie value, if this server signed it.
    pub fn verify(&self, cookie: &str) -> Option<String> {
        let (id, sig) = cookie.split_once('.')?;
        if id.len() != ID_HEX || sig.len() != SIG_HEX || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        constant_time_eq(self.mac("cid", id).as_bytes(), sig.as_bytes()).then(|| id.to_owned())
    }

    /// The token the forms of this client carry.
    pub fn form_token(&self, id: &str) -> String {
        self.mac("form", id)
    }

    pub fn check_form_token(&self, id: &str, token: &str) -> bool {
        token.len() == SIG_HEX && constant_time_eq(self.form_token(id).as_bytes(), token.as_bytes())
    }
}

/// The signer of this process: fixed from `SECRET_KEY`, or loaded from the database once
/// it answers (until then no client id is issued and nothing can be written).
pub struct KeyRing {
    signer: std::sync::RwLock<Option<std::sync::Arc<Signer>>>,
}

/// The name of the key in the `settings` table.
const KEY_SETTING: &str = "client_id_key";

impl KeyRing {
    pub fn new(secret: Option<&str>) -> anyhow::Result<KeyRing> {
        let signer = match secret.map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) if s.len() < 32 => anyhow::bail!("SECRET_KEY must be at least 32 characters"),
            Some(s) => Some(std::sync::Arc::new(Signer::new(s.as_bytes()))),
            None => None,
        };
        Ok(KeyRing { signer: std::sync::RwLock::new(signer) })
    }

    pub fn get(&self) -> Option<std::sync::Arc<Signer>> {
        self.signer.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Loads (or makes and stores) the shared key, if there is none yet and the database
    /// answers.
    pub async fn load_if_missing(&self, db: &crate::db::Db) {
        if self.get().is_some() || !db.is_up() {
            return;
        }
        let made = || {
            let mut bytes = [0u8; 32];
            getrandom::fill(&mut bytes).expect("the operating system's random source failed");
            hex(&bytes)
        };
        match db.setting_or_insert(KEY_SETTING, made).await {
            Ok(key) => {
                *self.signer.write().unwrap_or_else(|e| e.into_inner()) = Some(std::sync::Arc::new(Signer::new(key.as_bytes())));
                tracing::info!("client id key loaded from the database");
            }
            Err(e) => tracing::warn!(error = %e, "loading the client id key failed"),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_ids_it_signed() {
        let s = Signer::new(b"0123456789abcdef0123456789abcdef");
        let other = Signer::new(b"another key, another deployment!");
        let (id, cookie) = s.issue();
        assert_eq!(s.verify(&cookie).as_deref(), Some(id.as_str()));
        let forged_id = format!("{}.{}", "a".repeat(32), &cookie[33..]);
        let cases = [
            (cookie.clone(), true),
            (other.cookie_value(&id), false),
            (forged_id, false),
            (id.clone(), false),
            (format!("{id}."), false),
            (format!("{cookie}0"), false),
            (cookie.to_uppercase(), false),
            (String::new(), false),
            ("..".into(), false),
            (format!("{}.{}", "é".repeat(16), "0".repeat(32)), false),
        ];
        for (value, ok) in cases {
            assert_eq!(s.verify(&value).is_some(), ok, "{value}");
        }
    }

    #[test]
    fn form_tokens_belong_to_one_client_and_one_key() {
        let s = Signer::new(b"0123456789abcdef0123456789abcdef");
        let (a, _) = s.issue();
        let (b, _) = s.issue();
        let token = s.form_token(&a);
        assert!(s.check_form_token(&a, &token));
        assert!(!s.check_form_token(&b, &token), "another client's token");
        assert!(!Signer::new(b"x").check_form_token(&a, &token), "another key");
        assert!(!s.check_form_token(&a, ""));
        assert!(!s.check_form_token(&a, &token[..31]));
        assert_ne!(token, s.cookie_value(&a)[33..], "the token is not the cookie's signature");
    }
}
