//! The patch that teaches the knowledge base what people search for: accepted synonym
//! proposals become `synonyms = [...]` lines in the entries' front matter, as a unified
//! diff that `git apply` takes. Pure, tested against `git apply` itself.

/// Context lines around each change, as `diff -u` writes them.
const CONTEXT: usize = 3;

/// A TOML basic string.
pub fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The synonyms of a `synonyms = [...]` line, if it is one.
fn read_synonyms(line: &str) -> Option<Vec<String>> {
    if !line.trim_start().starts_with("synonyms") {
        return None;
    }
    #[derive(serde::Deserialize)]
    struct Line {
        synonyms: Vec<String>,
    }
    toml::from_str::<Line>(line).ok().map(|l| l.synonyms)
}

/// The diff of one entry file (`path`, as in the repository) that adds `new` synonyms,
/// or None when they are all there already (in the synonyms, tags or title).
pub fn patch(path: &str, text: &str, new: &[String]) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    // The front matter is between the first two `+++` lines.
    let end = lines.iter().skip(1).position(|l| l.trim() == "+++")? + 1;
    let front = &lines[1..end];
    let known: Vec<String> = front
        .iter()
        .filter(|l| l.starts_with("synonyms") || l.starts_with("tags") || l.starts_with("title"))
        .map(|l| l.to_lowercase())
        .collect();
    let mut fresh: Vec<&String> = Vec::new();
    for n in new {
        let lower = toml_string(&n.to_lowercase());
        if !n.trim().is_empty() && !known.iter().any(|k| k.contains(&lower)) && !fresh.iter().any(|f| f.eq_ignore_ascii_case(n)) {
            fresh.push(n);
        }
    }
    if fresh.is_empty() {
        return None;
    }
    let existing = front.iter().position(|l| read_synonyms(l).is_some()).map(|i| i + 1);
    let (at, old, mut values) = match existing {
        Some(i) => (i, Some(lines[i]), read_synonyms(lines[i]).unwrap_or_default()),
        None => {
            // After the tags (or the summary, or the title) when there is no synonyms line.
            let after = ["tags", "summary", "title"].iter().find_map(|k| front.iter().position(|l| l.starts_with(k))).map_or(0, |i| i + 1);
            (after + 1, None, Vec::new())
        }
    };
    values.extend(fresh.into_iter().cloned());
    let new_line = format!("synonyms = [{}]", values.iter().map(|v| toml_string(v)).collect::<Vec<_>>().join(", "));
    // The hunk: context, the change, context.
    let before_start = at.saturating_sub(CONTEXT);
    let after_from = if old.is_some() { at + 1 } else { at };
    let after_end = (after_from + CONTEXT).min(lines.len().saturating_sub(usize::from(text.ends_with('\n'))));
    let mut hunk = Vec::new();
    for l in &lines[before_start..at] {
        hunk.push(format!(" {l}"));
    }
    if let Some(o) = old {
        hunk.push(format!("-{o}"));
    }
    hunk.push(format!("+{new_line}"));
    for l in &lines[after_from..after_end] {
        hunk.push(format!(" {l}"));
    }
    let old_count = (at - before_start) + usize::from(old.is_some()) + (after_end - after_from);
    let new_count = (at - before_start) + 1 + (after_end - after_from);
    Some(format!(
        "--- a/{path}\n+++ b/{path}\n@@ -{},{old_count} +{},{new_count} @@\n{}\n",
        before_start + 1,
        before_start + 1,
        hunk.join("\n")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENTRY: &str = "+++\nid = \"x\"\ntitle = \"kubectl がタイムアウトする\"\ntags = [\"timeout\"]\nsynonyms = [\"kubectl hang\"]\nupdated = 2026-11-22\n+++\n\nBody.\n";

    #[test]
    fn adds_new_synonyms_to_the_existing_line() {
        let p = patch("content/entries/x/ja.md", ENTRY, &["kubectl が固まる".into(), "KUBECTL HANG".into(), "timeout".into()]).unwrap();
        assert_eq!(
            p,
            "--- a/content/entries/x/ja.md\n+++ b/content/entries/x/ja.md\n@@ -2,7 +2,7 @@\n id = \"x\"\n title = \"kubectl がタイムアウトする\"\n tags = [\"timeout\"]\n-synonyms = [\"kubectl hang\"]\n+synonyms = [\"kubectl hang\", \"kubectl が固まる\"]\n updated = 2026-11-22\n +++\n \n"
        );
    }

    #[test]
    fn adds_a_synonyms_line_after_the_tags_when_there_is_none() {
        let text = ENTRY.replace("synonyms = [\"kubectl hang\"]\n", "");
        let p = patch("e.md", &text, &["say \"hi\"".into()]).unwrap();
        assert!(p.contains("@@ -2,6 +2,7 @@\n id = \"x\"\n title = \"kubectl がタイムアウトする\"\n tags = [\"timeout\"]\n+synonyms = [\"say \\\"hi\\\"\"]\n updated"), "{p}");
    }

    #[test]
    fn nothing_new_is_no_patch() {
        assert_eq!(patch("e.md", ENTRY, &["kubectl hang".into(), "".into()]), None);
        assert_eq!(patch("e.md", "no front matter", &["a".into()]), None);
    }
}
