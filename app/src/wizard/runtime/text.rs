//! Pasted text handled with care: line endings, whitespace tokens and their columns,
//! values cut down for quoting in a message, names safe to put in a shell command.

/// A name that may go into a shell command as is.
pub(super) fn is_safe_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        && !s.starts_with('-')
}

/// Cuts a value down for quoting in a message: no control characters, at most 80 characters.
pub(super) fn quote(s: &str) -> String {
    let clean: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let clean = clean.trim();
    if clean.chars().count() > 80 {
        let head: String = clean.chars().take(77).collect();
        format!("{head}…")
    } else {
        clean.to_owned()
    }
}

/// The text with every line ending (`\r\n`, `\r`, `\n`) made `\n`.
pub(super) fn normalized(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Whitespace-separated tokens with their starting column (in characters).
pub(super) fn tokens(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None; // (column, byte index)
    for (col, (i, c)) in line.char_indices().enumerate() {
        if c.is_whitespace() {
            if let Some((sc, sb)) = start.take() {
                out.push((sc, &line[sb..i]));
            }
        } else if start.is_none() {
            start = Some((col, i));
        }
    }
    if let Some((sc, sb)) = start {
        out.push((sc, &line[sb..]));
    }
    out
}
