//! Single sign-on for the portal: OpenID Connect, authorization code flow with PKCE, by
//! the openidconnect crate. The provider is discovered on first use (the console starts
//! without it); the ID token's signature, issuer, audience, expiry and nonce are checked
//! by the crate, and the configured claim (`groups` by default) maps to a portal role.

use app::portal::Role;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl, Nonce, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use std::sync::Arc;
use std::time::Duration;

type Client = CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// The provider, the client registered there, and how claims map to roles.
#[derive(Debug, Clone)]
pub struct OidcSettings {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    /// Scopes besides `openid`.
    pub scopes: Vec<String>,
    /// The claim that holds groups or roles (a string or a list of strings).
    pub role_claim: String,
    pub admin: Vec<String>,
    pub editor: Vec<String>,
    pub viewer: Vec<String>,
    /// `<PUBLIC_URL>/support/oidc/callback`, as registered with the provider.
    pub redirect: String,
}

pub struct Oidc {
    settings: OidcSettings,
    http: openidconnect::reqwest::Client,
    client: tokio::sync::RwLock<Option<Arc<Client>>>,
    /// The origin of the provider's authorization endpoint, once discovered.
    auth_origin: std::sync::RwLock<Option<String>>,
    /// The provider's userinfo endpoint, once discovered.
    userinfo: std::sync::RwLock<Option<String>>,
}

/// What starting a sign-in leaves to check when the provider sends the person back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub state: String,
    pub verifier: String,
    pub nonce: String,
}

/// Who the provider says signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub email: String,
    /// The role the claims give, if any.
    pub role: Option<Role>,
}

impl Oidc {
    pub fn new(settings: OidcSettings) -> anyhow::Result<Oidc> {
        // Never follow redirects from the provider's endpoints (as the crate advises).
        let http = openidconnect::reqwest::ClientBuilder::new()
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()?;
        Ok(Oidc {
            settings,
            http,
            client: tokio::sync::RwLock::new(None),
            auth_origin: std::sync::RwLock::new(None),
            userinfo: std::sync::RwLock::new(None),
        })
    }

    /// The provider's origins (its issuer's and its authorization endpoint's), for the
    /// pages' `form-action`.
    pub fn origin(&self) -> String {
        let issuer = origin_of(&self.settings.issuer);
        match self.auth_origin.read().unwrap_or_else(|e| e.into_inner()).clone() {
            Some(auth) if auth != issuer => format!("{issuer} {auth}"),
            _ => issuer,
        }
    }

    async fn client(&self) -> anyhow::Result<Arc<Client>> {
        if let Some(c) = self.client.read().await.clone() {
            return Ok(c);
        }
        let s = &self.settings;
        let metadata = CoreProviderMetadata::discover_async(IssuerUrl::new(s.issuer.clone())?, &self.http)
            .await
            .map_err(|e| anyhow::anyhow!("discovering the OpenID provider {}: {e}", s.issuer))?;
        *self.auth_origin.write().unwrap_or_else(|e| e.into_inner()) = Some(origin_of(metadata.authorization_endpoint().as_str()));
        *self.userinfo.write().unwrap_or_else(|e| e.into_inner()) = metadata.userinfo_endpoint().map(|u| u.url().to_string());
        let client = CoreClient::from_provider_metadata(metadata, ClientId::new(s.client_id.clone()), s.client_secret.clone().map(ClientSecret::new))
            .set_redirect_uri(RedirectUrl::new(s.redirect.clone())?);
        let client = Arc::new(client);
        *self.client.write().await = Some(client.clone());
        Ok(client)
    }

    /// The provider's address to send the person to, and what to keep until they return.
    pub async fn start(&self) -> anyhow::Result<(String, Pending)> {
        let client = self.client().await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client.authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random);
        for scope in &self.settings.scopes {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.set_pkce_challenge(challenge).url();
        Ok((url.to_string(), Pending { state: state.secret().clone(), verifier: verifier.secret().clone(), nonce: nonce.secret().clone() }))
    }

    /// Exchanges the code for tokens and reads the verified ID token.
    pub async fn finish(&self, code: &str, pending: &Pending) -> anyhow::Result<Identity> {
        let client = self.client().await?;
        let token = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|e| anyhow::anyhow!("exchanging the code: {e}"))?;
        let id_token = token.id_token().ok_or_else(|| anyhow::anyhow!("the provider sent no ID token"))?;
        let claims = id_token.claims(&client.id_token_verifier(), &Nonce::new(pending.nonce.clone()))?;
        let subject = claims.subject().as_str().to_owned();
        // The token is verified; its payload is read once more for the configured claim,
        // whatever its name.
        let mut payload: serde_json::Value = id_token
            .to_string()
            .split('.')
            .nth(1)
            .and_then(base64url)
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or(serde_json::Value::Null);
        let s = &self.settings;
        // Providers that keep the ID token small give the email and groups at userinfo.
        if payload.get("email").is_none() || payload.get(&s.role_claim).is_none() {
            if let Some(info) = self.userinfo(openidconnect::OAuth2TokenResponse::access_token(&token).secret(), &subject).await? {
                merge(&mut payload, info);
            }
        }
        let email = payload
            .get("email")
            .and_then(|e| e.as_str())
            .map(str::to_owned)
            .ok_or_else(|| anyhow::anyhow!("the provider gives no email (ask for the `email` scope)"))?;
        let role = role_from_claims(&payload, &s.role_claim, &s.admin, &s.editor, &s.viewer);
        Ok(Identity { email, role })
    }

    /// The userinfo claims, checked to be about the same subject as the ID token.
    async fn userinfo(&self, access_token: &str, subject: &str) -> anyhow::Result<Option<serde_json::Value>> {
        let Some(url) = self.userinfo.read().unwrap_or_else(|e| e.into_inner()).clone() else { return Ok(None) };
        let body = self.http.get(url).bearer_auth(access_token).send().await?.error_for_status()?.bytes().await?;
        let info: serde_json::Value = serde_json::from_slice(&body)?;
        anyhow::ensure!(info.get("sub").and_then(|v| v.as_str()) == Some(subject), "userinfo is about another subject");
        Ok(Some(info))
    }
}

/// Adds the claims of `more` that `into` lacks.
fn merge(into: &mut serde_json::Value, more: serde_json::Value) {
    if !into.is_object() {
        *into = serde_json::Value::Object(Default::default());
    }
    if let (Some(into), serde_json::Value::Object(more)) = (into.as_object_mut(), more) {
        for (k, v) in more {
            into.entry(k).or_insert(v);
        }
    }
}

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> String {
    match url.find("://") {
        Some(i) => {
            let rest = &url[i + 3..];
            format!("{}{}", &url[..i + 3], rest.split(['/', '?', '#']).next().unwrap_or(rest))
        }
        None => url.to_owned(),
    }
}

/// The highest role any of the claim's values grants.
pub fn role_from_claims(claims: &serde_json::Value, claim: &str, admin: &[String], editor: &[String], viewer: &[String]) -> Option<Role> {
    let values: Vec<&str> = match claims.get(claim)? {
        serde_json::Value::String(s) => vec![s.as_str()],
        serde_json::Value::Array(items) => items.iter().filter_map(|v| v.as_str()).collect(),
        _ => return None,
    };
    let has = |list: &[String]| values.iter().any(|v| list.iter().any(|g| g == v));
    if has(admin) {
        Some(Role::Admin)
    } else if has(editor) {
        Some(Role::Editor)
    } else if has(viewer) {
        Some(Role::Viewer)
    } else {
        None
    }
}

fn base64url(s: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(s.trim_end_matches('=')).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_highest_role_of_the_claims_wins() {
        let (a, e, v) = (vec!["ops-admins".to_owned()], vec!["writers".to_owned()], vec!["support".to_owned(), "everyone".to_owned()]);
        let cases = [
            (json!({"groups": ["support", "writers"]}), Some(Role::Editor)),
            (json!({"groups": ["ops-admins", "support"]}), Some(Role::Admin)),
            (json!({"groups": "everyone"}), Some(Role::Viewer)),
            (json!({"groups": ["marketing"]}), None),
            (json!({"groups": 7}), None),
            (json!({"roles": ["ops-admins"]}), None),
            (json!({}), None),
        ];
        for (claims, want) in cases {
            assert_eq!(role_from_claims(&claims, "groups", &a, &e, &v), want, "{claims}");
        }
    }

    #[test]
    fn origins_drop_paths() {
        assert_eq!(origin_of("https://id.example.com/realms/ack/"), "https://id.example.com");
        assert_eq!(origin_of("http://127.0.0.1:4000"), "http://127.0.0.1:4000");
        assert_eq!(origin_of("http://127.0.0.1:4000/auth?x=1"), "http://127.0.0.1:4000");
    }

    #[test]
    fn decodes_base64url() {
        assert_eq!(base64url("eyJhIjoxfQ").unwrap(), b"{\"a\":1}");
        assert_eq!(base64url("_-8").unwrap(), vec![0xff, 0xef]);
        assert!(base64url("a+b").is_none());
    }
}
