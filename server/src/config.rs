//! Flags and environment variables, each with a default that works from the repository.
//! Every limit the service enforces is set here; `README.md` lists them all.

use clap::Parser;
use ipnet::IpNet;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The defaults, shared by the flags and by [`Config::default`].
pub mod defaults {
    pub const SITE_ADDR: &str = "127.0.0.1:3000";
    pub const ADMIN_ADDR: &str = "127.0.0.1:9300";
    pub const HEADER_TIMEOUT_SECS: u64 = 10;
    pub const REQUEST_TIMEOUT_SECS: u64 = 30;
    pub const SHUTDOWN_GRACE_SECS: u64 = 10;
    pub const MAX_CONNECTIONS: usize = 2048;
    pub const MAX_CONNECTIONS_PER_CLIENT: usize = 64;
    pub const MAX_IN_FLIGHT: usize = 256;
    pub const SEARCH_PER_MINUTE: u32 = 600;
    pub const SEARCH_BURST: u32 = 120;
    pub const PAGE_PER_MINUTE: u32 = 600;
    pub const PAGE_BURST: u32 = 120;
    pub const WRITE_PER_MINUTE: u32 = 20;
    pub const WRITE_BURST: u32 = 10;
    pub const RETAIN_SEARCHES_DAYS: u32 = 90;
    pub const RETAIN_RUNS_DAYS: u32 = 365;
    pub const RUNS_PER_CLIENT_PER_DAY: u32 = 50;
    pub const COMMENTS_PER_CLIENT_PER_DAY: u32 = 30;
    pub const ANALYTICS_QUEUE: usize = 10_000;
}

#[derive(Debug, Clone, Parser)]
#[command(name = "server", about = "The ACK help console server", args_conflicts_with_subcommands = true)]
pub struct Config {
    /// Without a command: serve the console.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Address to listen on.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = defaults::SITE_ADDR)]
    pub site_addr: SocketAddr,
    /// The built site (the WebAssembly, JavaScript and CSS under pkg/).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,
    /// `postgres://...` for PostgreSQL; unset for SQLite in the data folder.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,
    /// Where the SQLite database lives.
    #[arg(long, env = "DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,
    /// The knowledge base.
    #[arg(long, env = "CONTENT_DIR", default_value = "content")]
    pub content_dir: PathBuf,
    /// `text` or `json`.
    #[arg(long, env = "LOG_FORMAT", default_value = "text")]
    pub log_format: String,
    /// The address readers reach the console at (`https://help.example.com`). Absolute
    /// links, the allowed `Origin` of writes and `Secure` cookies follow it. Unset: the
    /// listening address over http.
    #[arg(long, env = "PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Where `/metrics` is served, apart from the public address; `off` for nowhere.
    #[arg(long, env = "ADMIN_ADDR", default_value = defaults::ADMIN_ADDR)]
    pub admin_addr: String,
    /// Reverse proxies whose `X-Forwarded-For` is believed (comma-separated addresses or
    /// CIDRs). Empty: the connection's address is the client.
    #[arg(long, env = "TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<IpNet>,
    /// The key that signs client ids and form tokens (at least 32 characters). Unset: one
    /// is made once and kept in the database, shared by every process.
    #[arg(long, env = "SECRET_KEY", hide_env_values = true)]
    pub secret_key: Option<String>,
    /// Seconds a client has to send a request's headers.
    #[arg(long, env = "HEADER_TIMEOUT_SECS", default_value_t = defaults::HEADER_TIMEOUT_SECS)]
    pub header_timeout_secs: u64,
    /// Seconds a request may take from its headers to the response.
    #[arg(long, env = "REQUEST_TIMEOUT_SECS", default_value_t = defaults::REQUEST_TIMEOUT_SECS)]
    pub request_timeout_secs: u64,
    /// Seconds open requests get to finish after SIGTERM.
    #[arg(long, env = "SHUTDOWN_GRACE_SECS", default_value_t = defaults::SHUTDOWN_GRACE_SECS)]
    pub shutdown_grace_secs: u64,
    /// Open connections in all.
    #[arg(long, env = "MAX_CONNECTIONS", default_value_t = defaults::MAX_CONNECTIONS)]
    pub max_connections: usize,
    /// Open connections per client address (IPv6 by /64); trusted proxies are exempt.
    #[arg(long, env = "MAX_CONNECTIONS_PER_CLIENT", default_value_t = defaults::MAX_CONNECTIONS_PER_CLIENT)]
    pub max_connections_per_client: usize,
    /// Pages, searches and wizard evaluations being worked on at once; more get a 503.
    #[arg(long, env = "MAX_IN_FLIGHT", default_value_t = defaults::MAX_IN_FLIGHT)]
    pub max_in_flight: usize,
    /// Threads for rendering, search and wizard evaluation (0: one per core).
    #[arg(long, env = "WORK_THREADS", default_value_t = 0)]
    pub work_threads: usize,
    /// Searches (pages, API, suggestions) per client and minute; 0 for no limit.
    #[arg(long, env = "RATE_SEARCH_PER_MINUTE", default_value_t = defaults::SEARCH_PER_MINUTE)]
    pub rate_search_per_minute: u32,
    #[arg(long, env = "RATE_SEARCH_BURST", default_value_t = defaults::SEARCH_BURST)]
    pub rate_search_burst: u32,
    /// Other pages and server functions per client and minute; 0 for no limit.
    #[arg(long, env = "RATE_PAGE_PER_MINUTE", default_value_t = defaults::PAGE_PER_MINUTE)]
    pub rate_page_per_minute: u32,
    #[arg(long, env = "RATE_PAGE_BURST", default_value_t = defaults::PAGE_BURST)]
    pub rate_page_burst: u32,
    /// Writes (votes, comments, saved runs, drafts) per client and minute; 0 for no limit.
    #[arg(long, env = "RATE_WRITE_PER_MINUTE", default_value_t = defaults::WRITE_PER_MINUTE)]
    pub rate_write_per_minute: u32,
    #[arg(long, env = "RATE_WRITE_BURST", default_value_t = defaults::WRITE_BURST)]
    pub rate_write_burst: u32,
    /// Days search analytics (events and their daily rollups) are kept.
    #[arg(long, env = "RETAIN_SEARCHES_DAYS", default_value_t = defaults::RETAIN_SEARCHES_DAYS)]
    pub retain_searches_days: u32,
    /// Days saved wizard runs are kept.
    #[arg(long, env = "RETAIN_RUNS_DAYS", default_value_t = defaults::RETAIN_RUNS_DAYS)]
    pub retain_runs_days: u32,
    /// Saved wizard runs one browser may make in 24 hours.
    #[arg(long, env = "RUNS_PER_CLIENT_PER_DAY", default_value_t = defaults::RUNS_PER_CLIENT_PER_DAY)]
    pub runs_per_client_per_day: u32,
    /// Feedback comments one browser may leave in 24 hours.
    #[arg(long, env = "COMMENTS_PER_CLIENT_PER_DAY", default_value_t = defaults::COMMENTS_PER_CLIENT_PER_DAY)]
    pub comments_per_client_per_day: u32,
    /// Analytics events waiting to be written; beyond this they are dropped and counted.
    #[arg(long, env = "ANALYTICS_QUEUE", default_value_t = defaults::ANALYTICS_QUEUE)]
    pub analytics_queue: usize,
    /// The OpenID provider's issuer URL, for the portal's single sign-on; unset: none.
    #[arg(long, env = "OIDC_ISSUER")]
    pub oidc_issuer: Option<String>,
    #[arg(long, env = "OIDC_CLIENT_ID")]
    pub oidc_client_id: Option<String>,
    #[arg(long, env = "OIDC_CLIENT_SECRET", hide_env_values = true)]
    pub oidc_client_secret: Option<String>,
    /// Scopes asked for besides `openid` (comma-separated).
    #[arg(long, env = "OIDC_SCOPES", value_delimiter = ',', default_value = "email,groups")]
    pub oidc_scopes: Vec<String>,
    /// The ID token claim with the person's groups or roles.
    #[arg(long, env = "OIDC_ROLE_CLAIM", default_value = "groups")]
    pub oidc_role_claim: String,
    /// Claim values that make an admin, an editor, a viewer (comma-separated each).
    #[arg(long, env = "OIDC_ADMIN_GROUPS", value_delimiter = ',')]
    pub oidc_admin_groups: Vec<String>,
    #[arg(long, env = "OIDC_EDITOR_GROUPS", value_delimiter = ',')]
    pub oidc_editor_groups: Vec<String>,
    #[arg(long, env = "OIDC_VIEWER_GROUPS", value_delimiter = ',')]
    pub oidc_viewer_groups: Vec<String>,
}

/// What the binary does besides serving.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Command {
    /// Manages the support portal's local accounts (in the configured database).
    Users {
        #[command(subcommand)]
        action: UsersCommand,
    },
    /// Prints the registry of published link targets (`content/links.toml`) extended with
    /// every current entry, operation row, wizard step and field; `--write` saves it.
    Links {
        /// Write the file instead of printing it.
        #[arg(long)]
        write: bool,
    },
}

#[derive(Debug, Clone, clap::Subcommand)]
pub enum UsersCommand {
    /// Adds an account. The password is read from standard input (at least 12 characters).
    Add {
        email: String,
        /// viewer, editor or admin.
        #[arg(long)]
        role: String,
        /// An account that signs in through single sign-on only: no password is read.
        #[arg(long)]
        sso: bool,
    },
    /// Lists the accounts.
    List,
    /// Changes an account's role.
    SetRole { email: String, role: String },
    /// Disables an account and ends its sessions.
    Disable { email: String },
    /// Enables a disabled account.
    Enable { email: String },
    /// Sets a local account's password, read from standard input.
    SetPassword { email: String },
}

impl Default for Config {
    fn default() -> Self {
        Config {
            command: None,
            site_addr: defaults::SITE_ADDR.parse().expect("default address"),
            site_root: "target/site".into(),
            database_url: None,
            data_dir: "data".into(),
            content_dir: "content".into(),
            log_format: "text".into(),
            public_url: None,
            admin_addr: defaults::ADMIN_ADDR.into(),
            trusted_proxies: Vec::new(),
            secret_key: None,
            header_timeout_secs: defaults::HEADER_TIMEOUT_SECS,
            request_timeout_secs: defaults::REQUEST_TIMEOUT_SECS,
            shutdown_grace_secs: defaults::SHUTDOWN_GRACE_SECS,
            max_connections: defaults::MAX_CONNECTIONS,
            max_connections_per_client: defaults::MAX_CONNECTIONS_PER_CLIENT,
            max_in_flight: defaults::MAX_IN_FLIGHT,
            work_threads: 0,
            rate_search_per_minute: defaults::SEARCH_PER_MINUTE,
            rate_search_burst: defaults::SEARCH_BURST,
            rate_page_per_minute: defaults::PAGE_PER_MINUTE,
            rate_page_burst: defaults::PAGE_BURST,
            rate_write_per_minute: defaults::WRITE_PER_MINUTE,
            rate_write_burst: defaults::WRITE_BURST,
            retain_searches_days: defaults::RETAIN_SEARCHES_DAYS,
            retain_runs_days: defaults::RETAIN_RUNS_DAYS,
            runs_per_client_per_day: defaults::RUNS_PER_CLIENT_PER_DAY,
            comments_per_client_per_day: defaults::COMMENTS_PER_CLIENT_PER_DAY,
            analytics_queue: defaults::ANALYTICS_QUEUE,
            oidc_issuer: None,
            oidc_client_id: None,
            oidc_client_secret: None,
            oidc_scopes: vec!["email".into(), "groups".into()],
            oidc_role_claim: "groups".into(),
            oidc_admin_groups: Vec::new(),
            oidc_editor_groups: Vec::new(),
            oidc_viewer_groups: Vec::new(),
        }
    }
}

impl Config {
    /// The database address: `DATABASE_URL`, or SQLite in the data folder.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.trim().is_empty() => url.clone(),
            _ => sqlite_url(&self.data_dir),
        }
    }

    /// The public origin (`scheme://host[:port]`, no path), from `PUBLIC_URL` or the
    /// listening address.
    pub fn public_origin(&self) -> anyhow::Result<PublicOrigin> {
        match self.public_url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            Some(url) => PublicOrigin::parse(url),
            None => Ok(PublicOrigin { origin: format!("http://{}", self.site_addr), https: false, configured: false }),
        }
    }

    /// The admin address, or None when it is `off`.
    pub fn admin_addr(&self) -> anyhow::Result<Option<SocketAddr>> {
        match self.admin_addr.trim() {
            "" | "off" | "none" => Ok(None),
            a => Ok(Some(a.parse().map_err(|e| anyhow::anyhow!("ADMIN_ADDR `{a}`: {e}"))?)),
        }
    }

    /// Single sign-on, when an issuer and a client id are configured.
    pub fn oidc(&self) -> anyhow::Result<Option<crate::oidc::OidcSettings>> {
        let (Some(issuer), Some(client_id)) = (self.oidc_issuer.as_deref().filter(|s| !s.trim().is_empty()), self.oidc_client_id.as_deref()) else {
            return Ok(None);
        };
        let clean = |v: &[String]| v.iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect::<Vec<_>>();
        Ok(Some(crate::oidc::OidcSettings {
            issuer: issuer.trim().to_owned(),
            client_id: client_id.trim().to_owned(),
            client_secret: self.oidc_client_secret.clone().filter(|s| !s.is_empty()),
            scopes: clean(&self.oidc_scopes),
            role_claim: self.oidc_role_claim.trim().to_owned(),
            admin: clean(&self.oidc_admin_groups),
            editor: clean(&self.oidc_editor_groups),
            viewer: clean(&self.oidc_viewer_groups),
            redirect: format!("{}/support/oidc/callback", self.public_origin()?.origin),
        }))
    }

    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_secs.max(1))
    }
}

/// Where the console is reached from outside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicOrigin {
    /// `https://help.example.com`, without a trailing slash.
    pub origin: String,
    pub https: bool,
    /// Set by `PUBLIC_URL` (rather than taken from the listening address).
    pub configured: bool,
}

impl PublicOrigin {
    pub fn parse(url: &str) -> anyhow::Result<PublicOrigin> {
        let url = url.trim().trim_end_matches('/');
        let (scheme, rest) = url
            .split_once("://")
            .ok_or_else(|| anyhow::anyhow!("PUBLIC_URL `{url}` needs a scheme, such as https://"))?;
        let https = match scheme.to_ascii_lowercase().as_str() {
            "https" => true,
            "http" => false,
            other => anyhow::bail!("PUBLIC_URL `{url}`: the scheme must be http or https, not {other}"),
        };
        if rest.is_empty() || rest.contains('/') || rest.contains('?') || rest.contains('#') || rest.contains('@') {
            anyhow::bail!("PUBLIC_URL `{url}` must be a scheme and host (and port) only, without a path");
        }
        if !rest.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)) {
            anyhow::bail!("PUBLIC_URL `{url}` has characters a host cannot have");
        }
        Ok(PublicOrigin { origin: format!("{}://{}", scheme.to_ascii_lowercase(), rest.to_ascii_lowercase()), https, configured: true })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_public_urls() {
        let ok = [
            ("https://help.example.com", "https://help.example.com", true),
            ("https://Help.Example.com/", "https://help.example.com", true),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080", false),
            ("http://[::1]:8080", "http://[::1]:8080", false),
        ];
        for (input, origin, https) in ok {
            let p = PublicOrigin::parse(input).unwrap();
            assert_eq!((p.origin.as_str(), p.https), (origin, https), "{input}");
        }
        for bad in ["help.example.com", "ftp://x", "https://x/help", "https://", "https://a b", "https://u@x"] {
            assert!(PublicOrigin::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_flags_and_the_default_agree() {
        let parsed = Config::try_parse_from(["server"]).unwrap();
        let default = Config::default();
        assert_eq!(format!("{:?}", parsed.max_connections), format!("{:?}", default.max_connections));
        assert_eq!(parsed.rate_write_burst, default.rate_write_burst);
        assert_eq!(parsed.admin_addr, default.admin_addr);
        assert_eq!(default.admin_addr().unwrap(), Some("127.0.0.1:9300".parse().unwrap()));
        let off = Config { admin_addr: "off".into(), ..Config::default() };
        assert_eq!(off.admin_addr().unwrap(), None);
    }
}

/// The SQLite address for a data folder.
pub fn sqlite_url(data_dir: &Path) -> String {
    format!("sqlite://{}?mode=rwc", data_dir.join("console.db").display())
}
