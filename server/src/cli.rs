//! `server users …`: the portal's local accounts from the command line; `server links`:
//! the registry of published link targets.

use crate::accounts::{hash_password, normalize_email, MIN_PASSWORD_CHARS};
use crate::config::{Config, UsersCommand};
use crate::db::{Db, Quotas};
use app::portal::Role;
use std::io::Read;

/// Runs a `users` command and says what happened on standard output.
pub async fn users(config: &Config, action: &UsersCommand, stdin: &mut dyn Read, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    if config.database_url.is_none() {
        std::fs::create_dir_all(&config.data_dir)?;
    }
    let db = Db::open(&config.database_url(), Quotas::default()).await?;
    anyhow::ensure!(db.is_up(), "the database ({}) is not reachable", db.backend());
    let role = |r: &str| Role::parse(r).ok_or_else(|| anyhow::anyhow!("unknown role `{r}`: use viewer, editor or admin"));
    let email = |e: &str| normalize_email(e).ok_or_else(|| anyhow::anyhow!("`{e}` is not an email address"));
    let result = match action {
        UsersCommand::Add { email: e, role: r, sso } => {
            let (e, r) = (email(e)?, role(r)?);
            let hash = if *sso { None } else { Some(hash_password(&read_password(stdin)?)?) };
            let source = if *sso { "oidc" } else { "local" };
            match db.add_user(&e, r.id(), hash.as_deref(), source).await? {
                Some(_) => writeln!(out, "added {e} ({}, {source})", r.id())?,
                None => anyhow::bail!("{e} already has an account"),
            }
            Ok(())
        }
        UsersCommand::List => {
            for u in db.users().await? {
                let status = if u.disabled { "disabled" } else { "active" };
                let last = u.last_login.map_or_else(|| "never".to_owned(), crate::db::rfc3339);
                writeln!(out, "{}\t{}\t{}\t{}\tlast sign-in {}", u.email, u.role, u.source, status, last)?;
            }
            Ok(())
        }
        UsersCommand::SetRole { email: e, role: r } => {
            let (e, r) = (email(e)?, role(r)?);
            anyhow::ensure!(db.set_role(&e, r.id()).await?, "no account {e}");
            writeln!(out, "{e} is now {}", r.id())?;
            Ok(())
        }
        UsersCommand::Disable { email: e } | UsersCommand::Enable { email: e } => {
            let e = email(e)?;
            let disable = matches!(action, UsersCommand::Disable { .. });
            anyhow::ensure!(db.set_disabled(&e, disable).await?, "no account {e}");
            writeln!(out, "{e} is {}", if disable { "disabled" } else { "enabled" })?;
            Ok(())
        }
        UsersCommand::SetPassword { email: e } => {
            let e = email(e)?;
            let hash = hash_password(&read_password(stdin)?)?;
            anyhow::ensure!(db.set_password(&e, &hash).await?, "no local account {e}");
            writeln!(out, "password of {e} changed")?;
            Ok(())
        }
    };
    db.close().await;
    result
}

/// The password on standard input: everything up to the end, without the final newline.
fn read_password(stdin: &mut dyn Read) -> anyhow::Result<String> {
    let mut text = String::new();
    stdin.read_to_string(&mut text)?;
    let password = text.strip_suffix('\n').map(|t| t.strip_suffix('\r').unwrap_or(t)).unwrap_or(&text).to_owned();
    anyhow::ensure!(
        password.chars().count() >= MIN_PASSWORD_CHARS,
        "the password (read from standard input) must have at least {MIN_PASSWORD_CHARS} characters"
    );
    Ok(password)
}

/// `server links [--write]`: the registry of published link targets with every current
/// target added (nothing is taken out), printed or written to `<content>/links.toml`.
/// Published targets that no longer resolve are named on standard error.
pub fn links(content_dir: &std::path::Path, write: bool, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let store = crate::content::ContentStore::read_checking_links(content_dir, false).map_err(|e| anyhow::anyhow!("{e}"))?;
    let extended = store.links().extended(&store.link_targets());
    for problem in crate::links::check(&extended, &store.link_targets()) {
        eprintln!("warning: {problem}");
    }
    if write {
        let path = content_dir.join(crate::links::FILE);
        std::fs::write(&path, extended.to_toml())?;
        writeln!(out, "wrote {}", path.display())?;
    } else {
        write!(out, "{}", extended.to_toml())?;
    }
    Ok(())
}
