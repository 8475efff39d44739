//! Content ids: the stable names of entries and operation rows that URLs and deep links
//! carry. The content loader, the high-risk table and the portal all check them here, so
//! that none of them depends on another for it.

/// An id is 3 to 64 characters of lowercase ASCII letters, digits and inner hyphens.
pub fn check_id(id: &str) -> Result<(), String> {
    let ok_chars = id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !(3..=64).contains(&id.len()) || !ok_chars || id.starts_with('-') || id.ends_with('-') || id.contains("--") {
        return Err(format!("`{id}` is not a valid id: use 3 to 64 lowercase letters, digits and single hyphens"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_id;

    #[test]
    fn ids_are_short_lowercase_words_joined_by_single_hyphens() {
        for (id, ok) in [
            ("kubectl-timeout", true),
            ("abc", true),
            ("a1-b2", true),
            ("ab", false),
            ("Kubectl", false),
            ("-abc", false),
            ("abc-", false),
            ("a--b", false),
            ("a_b_c", false),
            ("条目条目", false),
            (&"a".repeat(64), true),
            (&"a".repeat(65), false),
        ] {
            assert_eq!(check_id(id).is_ok(), ok, "{id}");
        }
    }
}
