//! A paste made into lines: colour codes, carriage returns and other control characters
//! dropped, tabs kept (they separate `sysctl -a` values), and at most
//! [`app::check::MAX_LINES`] lines of at most [`MAX_LINE_CHARS`] characters.

use std::sync::LazyLock;

use regex::Regex;

/// Longer lines are cut: no terminal line is this long, and matching stays linear.
pub const MAX_LINE_CHARS: usize = 4000;

/// CSI sequences (colours, cursor moves) and OSC sequences (titles, links).
static ANSI: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]").expect("ansi"));

/// The text without terminal colour codes and other escape sequences.
pub fn strip_ansi(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\x1b') { ANSI.replace_all(text, "") } else { text.into() }
}

/// The cleaned lines, and how many were left out.
pub fn clean(paste: &str) -> (Vec<String>, usize) {
    let text = strip_ansi(paste);
    let mut lines = Vec::new();
    let mut cut = 0;
    let body = text.trim_end_matches(['\n', '\r']);
    for raw in body.split('\n').filter(|_| !body.is_empty()) {
        if lines.len() >= app::check::MAX_LINES {
            cut += 1;
            continue;
        }
        let line: String = raw
            .chars()
            .filter(|c| *c == '\t' || !c.is_control())
            .take(MAX_LINE_CHARS)
            .collect();
        lines.push(line.trim_end().to_owned());
    }
    // A paste's final newline is not a line of its own.
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    (lines, cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_codes_carriage_returns_and_trailing_blanks_go() {
        let (lines, cut) = clean("\x1b[1;31mWarning\x1b[0m  FailedMount\r\nnet.ipv4.ip_forward = 0   \r\n\x1b]0;title\x07ok\n\n");
        assert_eq!(lines, ["Warning  FailedMount", "net.ipv4.ip_forward = 0", "ok"]);
        assert_eq!(cut, 0);
    }

    #[test]
    fn tabs_stay_and_long_pastes_are_cut() {
        let (lines, _) = clean("net.ipv4.ip_local_port_range = 32768\t60999");
        assert_eq!(lines, ["net.ipv4.ip_local_port_range = 32768\t60999"]);
        let many = "x\n".repeat(app::check::MAX_LINES + 5);
        let (lines, cut) = clean(&many);
        assert_eq!((lines.len(), cut), (app::check::MAX_LINES, 5));
        let (lines, _) = clean(&"a".repeat(MAX_LINE_CHARS * 2));
        assert_eq!(lines[0].chars().count(), MAX_LINE_CHARS);
    }
}
