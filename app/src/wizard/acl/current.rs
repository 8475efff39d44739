//! The pasted current ACL read: one entry per line (other columns are its comment), or the
//! JSON that the aliyun CLI prints or takes, read with serde_json at any depth.

use super::address::{bad_token, entry_warnings, is_separator, parse_net, trim_token, TokenError};
use super::messages::{clip, Log};
use super::MAX_PER_ACL;
use crate::catalog::tr;
use crate::locale::Locale;
use crate::wizard::Severity;
use ipnet::IpNet;

/// An entry of the pasted ACL.
#[derive(Clone, Debug)]
pub(super) struct Current {
    /// As pasted (what the remove command must name).
    pub(super) raw: String,
    pub(super) net: IpNet,
    pub(super) comment: String,
}

/// Where a pasted JSON document stops making sense: serde_json's line and column (both
/// from 1), counted in the whole paste.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct JsonError {
    line: usize,
    column: usize,
}

/// Keys that hold an ACL entry's address, and its comment, as the SLB API and the console
/// name them (compared without case).
const ENTRY_KEYS: [&str; 5] = ["entry", "aclentryip", "ip", "cidr", "cidrblock"];
const COMMENT_KEYS: [&str; 4] = ["comment", "aclentrycomment", "description", "entrydescription"];

/// The `(entry, comment)` pairs of a pasted JSON document: objects with an `entry` /
/// `AclEntryIP` key (the `AclEntrys` parameter, or `DescribeAccessControlListAttribute`
/// output), or bare strings in an array, at any depth. serde_json reads the first JSON
/// value of the text (what follows it, such as the next shell prompt, is ignored) and
/// refuses nesting deeper than 128 levels instead of overflowing the stack.
fn json_entries(text: &str) -> Result<Vec<(String, String)>, JsonError> {
    use serde_json::Value;
    let error = |e: serde_json::Error| JsonError { line: e.line().max(1), column: e.column().max(1) };
    let value = match serde_json::Deserializer::from_str(text).into_iter::<Value>().next() {
        Some(Ok(v)) => v,
        Some(Err(e)) => return Err(error(e)),
        None => return Err(JsonError { line: text.lines().count().max(1), column: 1 }),
    };
    if !(value.is_array() || value.is_object()) {
        return Err(JsonError { line: 1, column: 1 });
    }
    let text_of = |o: &serde_json::Map<String, Value>, keys: &[&str]| {
        o.iter()
            .find(|(k, v)| v.is_string() && keys.contains(&k.to_ascii_lowercase().as_str()))
            .and_then(|(_, v)| v.as_str().map(str::to_owned))
    };
    let mut out = Vec::new();
    let mut stack = vec![&value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(o) => {
                if let Some(entry) = text_of(o, &ENTRY_KEYS) {
                    out.push((entry, text_of(o, &COMMENT_KEYS).unwrap_or_default()));
                }
                stack.extend(o.values().rev().filter(|c| c.is_array() || c.is_object()));
            }
            Value::Array(items) => {
                // Bare strings in an array are entries; numbers and the like are skipped.
                stack.extend(items.iter().rev().filter(|i| i.is_string() || i.is_array() || i.is_object()));
            }
            Value::String(s) => out.push((s.clone(), String::new())),
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }
    Ok(out)
}

fn line_prefix(l: Locale, line: usize) -> String {
    tr!(l, "acl.current-line-prefix", n = line)
}

/// Reads the pasted ACL. `None` when it cannot be used (the errors are in the log).
pub(super) fn read_current(text: &str, l: Locale, log: &mut Log) -> Option<Vec<Current>> {
    const F: &str = "current";
    let mut raw: Vec<(String, String, Option<usize>)> = Vec::new(); // entry, comment, line
                                                                    // JSON when it starts like JSON, or when it holds the keys of the SLB API after a line
                                                                    // or two of something else (a shell prompt, the command).
    let trimmed = text.trim_start();
    let lower = text.to_ascii_lowercase();
    let json = trimmed.starts_with('[')
        || trimmed.starts_with('{')
        || ((lower.contains("\"aclentryip\"") || lower.contains("\"entry\"")) && text.contains(['{', '[']));
    let json_text = match text.find(['{', '[']) {
        Some(i) if json => &text[i..],
        _ => text,
    };
    let mut ok = true;
    if json {
        match json_entries(json_text) {
            Ok(pairs) => {
                for (entry, comment) in pairs {
                    for part in entry.split(is_separator).map(trim_token).filter(|s| !s.is_empty()) {
                        raw.push((part.to_owned(), comment.trim().to_owned(), None));
                    }
                }
            }
            Err(at) => {
                // Positions count in the whole paste, not just from where the JSON starts.
                let before = &text[..text.len() - json_text.len()];
                let line = at.line + before.matches('\n').count();
                let column = if at.line == 1 {
                    at.column + before.rsplit('\n').next().map_or(0, |s| s.chars().count())
                } else {
                    at.column
                };
                log.push(
                    F,
                    Severity::Error,
                    tr!(l, "acl.current-json-unreadable", line, column),
                );
                return None;
            }
        }
    } else {
        for (n, line) in text.lines().enumerate() {
            let line_no = n + 1;
            let content = line.trim();
            if content.is_empty() || content.starts_with('#') || content.starts_with("//") {
                continue;
            }
            let tokens: Vec<&str> = content.split(is_separator).map(trim_token).filter(|s| !s.is_empty()).collect();
            // A line of addresses only is a list; otherwise its first address is the entry and
            // the other columns are its comment.
            if tokens.len() > 1 && tokens.iter().all(|tok| parse_net(tok).is_ok()) {
                raw.extend(tokens.iter().map(|tok| ((*tok).to_owned(), String::new(), Some(line_no))));
                continue;
            }
            match tokens.iter().position(|tok| parse_net(tok).is_ok()) {
                Some(i) => {
                    let comment = tokens
                        .iter()
                        .enumerate()
                        .filter(|(j, _)| *j != i)
                        .map(|(_, s)| *s)
                        .collect::<Vec<_>>()
                        .join(" ");
                    raw.push((tokens[i].to_owned(), comment, Some(line_no)));
                }
                None if !content.chars().any(|c| c.is_ascii_digit()) => {
                    log.push(
                        F,
                        Severity::Info,
                        tr!(l, "acl.current-line-skipped", n = line_no, text = clip(content)),
                    );
                }
                None => {
                    // Quote the token that looks like an attempt at an address.
                    let tok = tokens.iter().find(|s| s.chars().any(|c| c.is_ascii_digit())).copied().unwrap_or(content);
                    let err = parse_net(tok).err().unwrap_or(TokenError::Syntax);
                    log.push(F, Severity::Error, format!("{}{}", line_prefix(l, line_no), bad_token(l, tok, err)));
                    ok = false;
                }
            }
        }
    }

    let mut out: Vec<Current> = Vec::new();
    for (entry, comment, line) in raw {
        match parse_net(&entry) {
            Ok(p) => {
                let prefix = line.map(|n| line_prefix(l, n)).unwrap_or_default();
                for w in entry_warnings(l, &entry, &p) {
                    log.push(F, Severity::Warning, format!("{prefix}{w}"));
                }
                if !out.iter().any(|c| c.net == p.net) {
                    out.push(Current { raw: entry, net: p.net, comment });
                }
            }
            Err(e) => {
                let prefix = line.map(|n| line_prefix(l, n)).unwrap_or_default();
                log.push(F, Severity::Error, format!("{prefix}{}", bad_token(l, &entry, e)));
                ok = false;
            }
        }
    }
    if !ok {
        return None;
    }
    if out.is_empty() {
        log.push(
            F,
            Severity::Error,
            tr!(l, "acl.current-nothing-read")
            .to_owned(),
        );
        return None;
    }
    let format = if json { "JSON" } else { tr!(l, "acl.current-format-lines") };
    log.push(
        F,
        Severity::Info,
        tr!(l, "acl.current-read-count", n = out.len(), fmt = format),
    );
    if out.len() > MAX_PER_ACL {
        log.push(
            F,
            Severity::Warning,
            tr!(l, "acl.current-over-limit", n = out.len()),
        );
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_json_is_read_with_serde_json_at_any_depth() {
        let ok: &[(&str, &[&str])] = &[
            (r#"[{"entry":"10.0.0.0/8","comment":"a"}]"#, &["10.0.0.0/8"]),
            (r#"["10.0.0.0/8", "192.168.0.1"]"#, &["10.0.0.0/8", "192.168.0.1"]),
            (
                r#"{"AclEntrys":{"AclEntry":[{"AclEntryIP":"1.2.3.4/32","AclEntryComment":"x \"q\" \u00e9"}]},"Total":1,"Ok":true,"N":null}"#,
                &["1.2.3.4/32"],
            ),
            (r#"[{"comment":"no entry"},{"Entry":"::1"}]"#, &["::1"]),
            (
                r#"[{"entry":"10.0.0.1","n":[1,2,{"ip":"10.0.0.2"}]}, 7, true, "10.0.0.3"]"#,
                &["10.0.0.1", "10.0.0.2", "10.0.0.3"],
            ),
            ("[]", &[]),
            // What follows the document (the next shell prompt) is not part of it.
            ("[\"10.0.0.0/8\"]\n$ ", &["10.0.0.0/8"]),
        ];
        for (text, want) in ok {
            let got: Vec<String> = json_entries(text).expect(text).into_iter().map(|p| p.0).collect();
            assert_eq!(got, want.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{text}");
        }
        let comment = json_entries(r#"{"AclEntryIP":"1.2.3.4/32","AclEntryComment":"x \"q\" \u00e9"}"#).unwrap();
        assert_eq!(comment[0].1, "x \"q\" é");
        // Where reading fails, as serde_json counts it: line, then column.
        let bad: &[(&str, (usize, usize))] = &[
            (r#"[{"entry":"x""#, (1, 13)),
            ("[", (1, 1)),
            ("]", (1, 1)),
            ("{\"a\" \"b\"}", (1, 6)),
            ("{:}", (1, 2)),
            ("[\n  {\"entry\": \"10.0.0.1\",\n  {]", (3, 3)),
            ("\"x\"", (1, 1)),
            ("", (1, 1)),
        ];
        for (text, (line, column)) in bad {
            assert_eq!(json_entries(text), Err(JsonError { line: *line, column: *column }), "{text:?}");
        }
        // Nesting far past serde_json's limit is an error, not a stack overflow.
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(json_entries(&deep).is_err());
    }

    #[test]
    fn a_json_error_names_its_line_and_column_in_the_whole_paste() {
        let cases: &[(&str, &str)] = &[
            ("[{\"entry\": \"10.0.0.1\" \"x\"}]", "第 1 行第 23 列"),
            // After a shell prompt line, the JSON starts on line 2 of the paste.
            ("$ aliyun slb DescribeAccessControlListAttribute\n{\"AclEntrys\": {\"AclEntry\": [{\"AclEntryIP\": \"1.2.3.4\"}}}", "第 2 行第 54 列"),
            ("  [\"10.0.0.1\",", "第 1 行第 14 列"),
        ];
        for (text, want) in cases {
            let mut log = Log::new();
            assert!(read_current(text, Locale::Zh, &mut log).is_none(), "{text}");
            let said = log.finish(Locale::Zh);
            assert!(said.iter().any(|m| m.message.contains(want)), "{text:?}: {said:?}");
        }
    }
}
