//! Reading the `pools` field: typed `<pool> <runtime>` lines, with their errors capped.

use super::groups::{kind_of, Kind};
use super::node_paste::looks_like_header;
use super::text::{normalized, quote, tokens};
use crate::catalog::tr;
use crate::locale::Locale;
use crate::wizard::{message, FieldMessage, Severity};
use std::collections::BTreeMap;

/// At most this many errors are listed per field; the rest are summed up.
const MAX_LINE_ERRORS: usize = 5;

pub(super) struct PoolLine {
    pub(super) name: String,
    pub(super) kind: Kind,
    pub(super) runtime: Option<String>,
    line: usize,
}

const POOL_SEPARATORS: &[char] = &[' ', '\t', ',', ':', '=', ';', '|', '，', '：', '；', '\u{3000}'];

fn looks_like_runtime_version(s: &str) -> bool {
    let s = s.strip_prefix(['v', 'V']).unwrap_or(s);
    s.chars().next().is_some_and(|c| c.is_ascii_digit())
        && s.len() <= 64
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+' | '_' | '~'))
}

pub(super) fn parse_pools(text: &str, l: Locale, msgs: &mut Vec<FieldMessage>) -> Vec<PoolLine> {
    let mut out = Vec::new();
    let mut errors: Vec<FieldMessage> = Vec::new();
    let text = normalized(text);
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let toks = tokens(raw);
        if looks_like_header(&toks) {
            msgs.push(message(
                "pools",
                Severity::Error,
                tr!(l, "runtime.pools-looks-like-nodes").to_owned(),
            ));
            return Vec::new();
        }
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let spaced = line.replace("://", " ");
        let words: Vec<&str> = spaced.split(POOL_SEPARATORS).filter(|w| !w.is_empty()).collect();
        let q = quote(line);
        let bad_line = || {
            message(
                "pools",
                Severity::Error,
                tr!(l, "runtime.pools-line-unreadable", n, q),
            )
        };
        // name runtime [version], or (two words only) runtime name.
        let (name, word, version) = match words.as_slice() {
            [name, word] if kind_of(word).is_none() && kind_of(name).is_some() => (*word, *name, None),
            [name, word] => (*name, *word, None),
            [name, word, version] => (*name, *word, Some(*version)),
            _ => {
                errors.push(bad_line());
                continue;
            }
        };
        let Some(kind) = kind_of(word) else {
            let w = quote(word);
            errors.push(message(
                "pools",
                Severity::Error,
                tr!(l, "runtime.pools-unknown-runtime", n, w),
            ));
            continue;
        };
        if version.is_some_and(|v| !looks_like_runtime_version(v)) || name.chars().count() > 128 {
            errors.push(bad_line());
            continue;
        }
        let runtime = version.map(|v| format!("{}://{}", word.to_lowercase(), v));
        out.push(PoolLine { name: name.to_owned(), kind, runtime, line: n });
    }
    push_capped(msgs, errors, "pools", l);

    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &out {
        if let Some(first) = seen.insert(p.name.as_str(), p.line) {
            let (name, line) = (quote(&p.name), p.line);
            msgs.push(message(
                "pools",
                Severity::Warning,
                tr!(l, "runtime.pools-duplicate", name, first, line),
            ));
        }
    }
    if !out.is_empty() {
        let count = out.len();
        msgs.push(message(
            "pools",
            Severity::Info,
            tr!(l, "runtime.pools-read", count),
        ));
    }
    out
}

/// Keeps the first errors of a field and sums up the rest in one more error.
fn push_capped(msgs: &mut Vec<FieldMessage>, mut errors: Vec<FieldMessage>, field: &str, l: Locale) {
    if errors.len() > MAX_LINE_ERRORS {
        let more = errors.len() - MAX_LINE_ERRORS;
        errors.truncate(MAX_LINE_ERRORS);
        errors.push(message(
            field,
            Severity::Error,
            tr!(l, "runtime.pools-more-errors", more),
        ));
    }
    msgs.extend(errors);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::runtime::testutil::*;

    #[test]
    fn pool_lines_accept_every_separator() {
        let text = "np-a docker\nnp-b\tcontainerd\nnp-c,docker://19.3.15\nnp-d:containerd\nnp-e=sandboxed\nnp-f: docker 18.9.2\n\
                    np-g = runv\n| np-h | containerd |\nnp-i，docker\ndocker np-j\n# a comment\n\n";
        let r = report(&[("current_version", "1.20"), ("pools", text)]);
        assert!(r.complete, "{:#?}", r.messages);
        let rows = table(&r);
        let names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(names, ["np-a", "np-b", "np-c", "np-d", "np-e", "np-f", "np-g", "np-h", "np-i", "np-j"]);
        assert_eq!(rows[2][1], "docker://19.3.15");
        assert_eq!(rows[5][1], "docker://18.9.2");
        assert_eq!(rows[4][1], "安全沙箱");
        assert!(rows.iter().all(|r| r[2] == "—"));
        assert!(infos(&r, "pools").iter().any(|m| m.contains("10")));
    }

    #[test]
    fn pool_errors_quote_the_line_and_are_capped() {
        let r = report(&[("current_version", "1.22"), ("pools", "np-a podman")]);
        let m = r.for_field("pools").find(|m| m.severity == Severity::Error).expect("error");
        assert!(m.message.contains("podman") && m.message.contains('1'), "{}", m.message);

        let many = (0..40).map(|i| format!("bad{i}")).collect::<Vec<_>>().join("\n");
        let r = report(&[("current_version", "1.22"), ("pools", &many)]);
        let errors = r.for_field("pools").filter(|m| m.severity == Severity::Error).count();
        assert_eq!(errors, MAX_LINE_ERRORS + 1);
    }

    #[test]
    fn duplicate_pool_is_a_warning() {
        let r = report(&[("current_version", "1.22"), ("pools", "np-a docker\nnp-a containerd")]);
        assert!(r.complete);
        assert!(r.for_field("pools").any(|m| m.severity == Severity::Warning));
    }
}
