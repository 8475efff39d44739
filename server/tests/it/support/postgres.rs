//! A throwaway PostgreSQL server for tests, started from Debian's binaries on a loopback
//! port in a temporary folder, and stopped when dropped.
//!
//! `TEST_DATABASE_URL` points the tests at an existing server instead. When neither works,
//! the PostgreSQL tests are skipped, unless `ACK_REQUIRE_POSTGRES=1` (as in the README's
//! test command), which turns that into a failure.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;

pub struct Postgres {
    pub url: String,
    server: Option<(PathBuf, PathBuf, tempfile::TempDir)>,
    options: String,
}

impl Drop for Postgres {
    fn drop(&mut self) {
        if let Some((bin, data, _dir)) = &self.server {
            let _ = as_postgres(Command::new(bin.join("pg_ctl")).arg("-D").arg(data).args(["-m", "immediate", "stop"]))
                .output();
        }
    }
}

fn required() -> bool {
    std::env::var("ACK_REQUIRE_POSTGRES").is_ok_and(|v| v == "1")
}

/// Starts a server, or says why not. Panics if PostgreSQL is required and can't start.
pub fn start() -> Option<Postgres> {
    if let Ok(url) = std::env::var("TEST_DATABASE_URL") {
        return Some(Postgres { url, server: None, options: String::new() });
    }
    match try_start() {
        Ok(pg) => Some(pg),
        Err(why) if required() => panic!("PostgreSQL is required for this run but could not start: {why}"),
        Err(why) => {
            eprintln!("skipping the PostgreSQL tests: {why}");
            None
        }
    }
}

fn bin_dir() -> Option<PathBuf> {
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output() {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if dir.join("initdb").exists() {
            return Some(dir);
        }
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql").ok()?.filter_map(|e| e.ok().map(|e| e.path().join("bin"))).collect();
    versions.sort();
    versions.into_iter().rev().find(|d| d.join("initdb").exists())
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// PostgreSQL refuses to run as root; run its commands as the `postgres` user then.
fn as_postgres(cmd: &mut Command) -> &mut Command {
    if is_root() {
        let program = cmd.get_program().to_owned();
        let args: Vec<_> = cmd.get_args().map(|a| a.to_owned()).collect();
        let mut wrapped = Command::new("runuser");
        wrapped.args(["-u", "postgres", "--"]).arg(program).args(args);
        *cmd = wrapped;
    }
    cmd
}

fn try_start() -> Result<Postgres, String> {
    let bin = bin_dir().ok_or("no initdb found (install Debian's postgresql package)")?;
    let dir = tempfile::Builder::new().prefix("ack-pg-").tempdir().map_err(|e| e.to_string())?;
    let data = dir.path().join("data");
    if is_root() {
        let status = Command::new("chown").args(["-R", "postgres:postgres"]).arg(dir.path()).status().map_err(|e| e.to_string())?;
        if !status.success() {
            return Err("chown to the postgres user failed".into());
        }
    }
    run(as_postgres(Command::new(bin.join("initdb")).arg("-D").arg(&data).args(["-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"])))?;
    let port = free_port()?;
    let options = format!("-p {port} -c listen_addresses=127.0.0.1 -k {} -c fsync=off", dir.path().display());
    run(as_postgres(
        Command::new(bin.join("pg_ctl")).arg("-D").arg(&data).arg("-o").arg(&options).arg("-l").arg(dir.path().join("log")).args(["-w", "start"]),
    ))
    .map_err(|e| format!("{e}\n{}", std::fs::read_to_string(dir.path().join("log")).unwrap_or_default()))?;
    Ok(Postgres { url: format!("postgres://postgres@127.0.0.1:{port}/postgres"), server: Some((bin, data, dir)), options })
}

impl Postgres {
    /// Stops the server (fast shutdown: open connections are cut), as in an outage.
    /// Returns false when this server is not ours to stop.
    pub fn stop(&self) -> bool {
        let Some((bin, data, _)) = &self.server else { return false };
        run(as_postgres(Command::new(bin.join("pg_ctl")).arg("-D").arg(data).args(["-m", "fast", "-w", "stop"]))).expect("stopping PostgreSQL");
        true
    }

    /// Starts it again on the same port, with the same data.
    pub fn start(&self) {
        let Some((bin, data, dir)) = &self.server else { return };
        run(as_postgres(
            Command::new(bin.join("pg_ctl")).arg("-D").arg(data).arg("-o").arg(&self.options).arg("-l").arg(dir.path().join("log")).args(["-w", "start"]),
        ))
        .expect("starting PostgreSQL again");
    }
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let out = cmd.output().map_err(|e| format!("{:?}: {e}", cmd.get_program()))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("{:?} failed: {}{}", cmd.get_program(), String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
    }
}

fn free_port() -> Result<u16, String> {
    let l = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(l.local_addr().map_err(|e| e.to_string())?.port())
}

