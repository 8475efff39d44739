//! Where the search index lives on disk: `<data>/search-index/<key>/`, one folder per
//! version of the knowledge base and of the program.
//!
//! The key is a hash of the knowledge base's fingerprint (every file's bytes), the
//! program's own identity (its size and modification time, so a rebuilt binary with other
//! analysis rules never reads an old index) and [`FORMAT`]. A folder is built under a
//! temporary name and renamed into place when it is complete, so a process that stops
//! half-way, or two processes starting at once, never leave a half index under a key.
//! Folders of other keys are removed once a new one is in place.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Raised when the index's layout or analysis changes in a way the binary's identity
/// would not show (it always does today; this is for clarity).
pub const FORMAT: &str = "ack-search-index-2";

/// The marker of a complete index folder.
const COMPLETE: &str = "complete";

/// The key of the index for a knowledge base with `fingerprint`, built by this program.
pub fn key(fingerprint: &str) -> String {
    let mut h = Sha256::new();
    h.update(FORMAT.as_bytes());
    h.update(fingerprint.as_bytes());
    if let Some(meta) = std::env::current_exe().ok().and_then(|p| std::fs::metadata(p).ok()) {
        h.update(meta.len().to_le_bytes());
        if let Ok(modified) = meta.modified() {
            h.update(format!("{modified:?}").as_bytes());
        }
    }
    h.finalize().iter().take(12).map(|b| format!("{b:02x}")).collect()
}

/// The complete index folder for `key` under `dir`, if there is one.
pub fn find(dir: &Path, key: &str) -> Option<PathBuf> {
    let path = dir.join(key);
    path.join(COMPLETE).is_file().then_some(path)
}

/// Builds the index for `key` with `write` (given a fresh, empty folder), puts it in
/// place and removes the folders of other keys. Returns the folder.
pub fn build<E: std::fmt::Display>(dir: &Path, key: &str, write: impl FnOnce(&Path) -> Result<(), E>) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!("tmp-{}", crate::db::random_token()));
    std::fs::create_dir(&tmp)?;
    let done = write(&tmp).map_err(|e| std::io::Error::other(e.to_string())).and_then(|()| std::fs::write(tmp.join(COMPLETE), key));
    if let Err(e) = done {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    let path = dir.join(key);
    if std::fs::rename(&tmp, &path).is_err() {
        // Another process put the same index in place first.
        let _ = std::fs::remove_dir_all(&tmp);
        if find(dir, key).is_none() {
            return Err(std::io::Error::other(format!("cannot put the search index in place at {}", path.display())));
        }
    }
    // Older versions go; an index still open elsewhere keeps working (its files stay
    // readable until closed).
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            if e.file_name().to_str() != Some(key) && e.path().is_dir() {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_is_found_only_once_complete_and_replaces_older_ones() {
        let dir = tempfile_dir();
        assert!(find(&dir, "k1").is_none());
        let failed = build(&dir, "k1", |_| Err::<(), _>("disk full"));
        assert!(failed.is_err());
        assert!(find(&dir, "k1").is_none(), "a failed build leaves nothing under the key");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "nor a temporary folder");
        let p1 = build(&dir, "k1", |tmp| std::fs::write(tmp.join("data"), "one").map_err(|e| e.to_string())).unwrap();
        assert_eq!(find(&dir, "k1"), Some(p1.clone()));
        assert_eq!(std::fs::read_to_string(p1.join("data")).unwrap(), "one");
        let p2 = build(&dir, "k2", |tmp| std::fs::write(tmp.join("data"), "two").map_err(|e| e.to_string())).unwrap();
        assert!(find(&dir, "k2").is_some() && find(&dir, "k1").is_none(), "the older version was removed");
        assert_eq!(std::fs::read_to_string(p2.join("data")).unwrap(), "two");
        // A second build of the same key (another process was first) keeps the first.
        build(&dir, "k2", |tmp| std::fs::write(tmp.join("data"), "late").map_err(|e| e.to_string())).unwrap();
        assert_eq!(std::fs::read_to_string(p2.join("data")).unwrap(), "two");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_key_follows_the_knowledge_base() {
        assert_eq!(key("abc"), key("abc"));
        assert_ne!(key("abc"), key("abd"));
        assert_eq!(key("abc").len(), 24);
    }

    fn tempfile_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("ack-indexdir-{}", crate::db::random_token()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
