//! Error masking: the variable parts of a pasted error line (timestamps, addresses, ids,
//! long numbers, generated pod names, log prefixes) become placeholders, so that the same
//! error reads the same whatever the day, node or pod. Meaningful constants (ports such
//! as 6443, 10250 and 53, `x509`) stay.
//!
//! Pure functions, no web or search types; `known_error` matches masked text against the
//! error signatures of the knowledge base.

use std::sync::LazyLock;

use regex::Regex;

struct Rule {
    pattern: Regex,
    replacement: &'static str,
}

/// A klog header: level, date, time, thread and `file:line]`, as in
/// `E1122 09:41:07.123456    1 reflector.go:138]`.
pub const KLOG_HEADER: &str = r"[IWEF]\d{4}\s+\d{2}:\d{2}:\d{2}(?:\.\d+)?\s+\d+\s+[\w.\-]+:\d+\]";
/// A journald or syslog header: time, host and process, as in `Nov 22 09:41:07 node-1 kubelet[2345]:`.
pub const JOURNAL_HEADER: &str = r"[A-Z][a-z]{2}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}\s+\S+\s+[\w.\-/@]+(?:\[\d+\])?:";

fn rule(pattern: &str, replacement: &'static str) -> Rule {
    Rule { pattern: Regex::new(pattern).expect("masking rule"), replacement }
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        rule(&format!(r"(?m)^\s*{KLOG_HEADER}\s*"), ""),
        rule(&format!(r"(?m)^\s*{JOURNAL_HEADER}\s*"), ""),
        // 2026-11-22T09:41:07.123Z, 2026-11-22 09:41:07 +0800 CST, and a lone 09:41:07.123
        rule(
            r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?(?:\s+[+-]\d{4}(?:\s+[A-Z]{2,5})?)?)?",
            "<TIMESTAMP>",
        ),
        rule(r"\b\d{2}:\d{2}:\d{2}(?:\.\d+)?\b", "<TIMESTAMP>"),
        rule(r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b", "<UUID>"),
        // IPv6 in brackets, as in URLs: [::1]:6443 keeps its port.
        rule(r"\[[0-9a-fA-F:]*:[0-9a-fA-F:.]*\]", "<IP>"),
        rule(r"\b(?:\d{1,3}\.){3}\d{1,3}/\d{1,2}\b", "<CIDR>"),
        rule(r"\b(?:\d{1,3}\.){3}\d{1,3}\b", "<IP>"),
        // Bare IPv6 addresses of three or more groups.
        rule(r"\b[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{0,4}){2,7}\b", "<IP>"),
        // Deployment pod names: <name>-<replicaset hash>-<5 chars>.
        rule(r"\b([a-z0-9]+(?:-[a-z0-9]+)*)-[a-z0-9]{8,10}-[a-z0-9]{5}\b", "<NAME>"),
        // Container and image ids, request ids: long hex with at least one digit.
        rule(r"\b(?:sha256:)?[0-9a-f]*\d[0-9a-f]*[a-f][0-9a-f]*\b", "<HEX>"),
        rule(r"\b\d{6,}\b", "<NUMBER>"),
    ]
});

/// Replaces the variable parts of error text with placeholders.
pub fn mask(text: &str) -> String {
    let mut out = text.to_owned();
    for r in RULES.iter() {
        if r.replacement == "<HEX>" {
            // Only long hex runs are ids; `x509` or `0x1f` are not.
            out = r
                .pattern
                .replace_all(&out, |c: &regex::Captures<'_>| {
                    let m = &c[0];
                    if m.trim_start_matches("sha256:").len() >= 12 { "<HEX>".to_owned() } else { m.to_owned() }
                })
                .into_owned();
        } else {
            out = r.pattern.replace_all(&out, r.replacement).into_owned();
        }
    }
    out
}

/// The words of masked text, lowercased; placeholders are dropped, because they stand
/// for what differs between one occurrence of an error and the next.
pub fn words(masked: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut in_placeholder = false;
    for c in masked.chars() {
        match c {
            '<' if current.is_empty() => in_placeholder = true,
            '>' if in_placeholder => in_placeholder = false,
            c if c.is_alphanumeric() && !in_placeholder => current.extend(c.to_lowercase()),
            _ => {
                if !current.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
                if !c.is_uppercase() && c != '_' {
                    in_placeholder = false;
                }
            }
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// An error signature of an entry, ready to match.
#[derive(Debug, Clone)]
pub struct Signature {
    pub entry: String,
    words: Vec<String>,
}

/// Signatures with fewer constant words than this are too vague to decide on their own.
const MIN_WORDS: usize = 4;

impl Signature {
    /// How specific the signature is: the number of its constant words.
    pub fn specificity(&self) -> usize {
        self.words.len()
    }

    pub fn new(entry: &str, signature: &str) -> Option<Signature> {
        let words = words(&mask(signature));
        (words.len() >= MIN_WORDS).then(|| Signature { entry: entry.to_owned(), words })
    }
}

/// The entry whose signature the text matches: every constant word of the signature, in
/// order, within a window not much longer than the signature. The longest match wins.
pub fn known_error<'a>(signatures: &'a [Signature], text: &str) -> Option<&'a Signature> {
    let query = words(&mask(text));
    signatures
        .iter()
        .filter(|s| matches_in_order(&s.words, &query))
        .max_by_key(|s| s.words.len())
}

/// The names under which secrets are given.
const SECRET_KEYS: &str = r"(?:access[_\-]?key[_\-]?secret|accesskeysecret|secret[_\-]?access[_\-]?key|secret[_\-]?key|client[_\-]?secret|secret|password|passwd|pwd|security[_\-]?token|access[_\-]?token|refresh[_\-]?token|auth[_\-]?token|token|api[_\-]?key|private[_\-]?key|client[_\-]?key[_\-]?data)";
/// A secret value: at least four characters, and not a placeholder already.
const SECRET_VALUE: &str = r#"[^\s"',;&<][^\s"',;&]{3,}"#;

/// Secrets people paste along with an error, by the shape they have in ACK work:
/// Alibaba Cloud AccessKey ids and secrets, STS tokens, bearer tokens and JWTs,
/// `Authorization` values, passwords and tokens given as `key=value`, `key: value` or
/// `--flag value`, passwords in URLs, and PEM private keys.
static SECRETS: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        rule(r"(?s)-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)", "<PRIVATE_KEY>"),
        // `Authorization: Bearer abc`, `authorization=Basic abc`: the whole value.
        rule(r#"(?i)\b(authorization["']?\s*[:=]\s*["']?)(?:(?:bearer|basic|digest|token)\s+)?[^\s"',;]+"#, "${1}<SECRET>"),
        rule(r"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=\-]{8,}", "${1}<SECRET>"),
        rule(r"\beyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]*", "<TOKEN>"),
        // STS security tokens start with CAIS.
        rule(r"\bCAIS[A-Za-z0-9+/=_\-]{16,}", "<TOKEN>"),
        rule(r"\bLTAI[A-Za-z0-9]{8,30}\b", "<ACCESS_KEY_ID>"),
        // key=value, key: value, "key": "value", --key=value.
        rule(&format!(r#"(?i)((?:^|[^A-Za-z0-9_\-])-{{0,2}}["']?{SECRET_KEYS}["']?\s*[:=]\s*["']?){SECRET_VALUE}"#), "${1}<SECRET>"),
        // --key value
        rule(&format!(r#"(?i)((?:^|\s)--{SECRET_KEYS}\s+["']?){SECRET_VALUE}"#), "${1}<SECRET>"),
        // scheme://user:password@host
        rule(r"(\b[a-z][a-z0-9+.\-]*://[^\s:/@]+:)[^\s@/]+@", "${1}<SECRET>@"),
        // An AccessKey secret on its own: 30 letters and digits of mixed case.
        rule(r"\b[A-Za-z0-9]{30}\b", "<SECRET30>"),
    ]
});

/// Replaces the secrets in text with placeholders, so that what people paste can be kept
/// (unanswered searches, comments) without keeping their credentials.
pub fn redact_secrets(text: &str) -> String {
    let mut out = text.to_owned();
    for r in SECRETS.iter() {
        if r.replacement == "<SECRET30>" {
            out = r
                .pattern
                .replace_all(&out, |c: &regex::Captures<'_>| {
                    let m = &c[0];
                    let mixed = m.bytes().any(|b| b.is_ascii_uppercase())
                        && m.bytes().any(|b| b.is_ascii_lowercase())
                        && m.bytes().any(|b| b.is_ascii_digit());
                    if mixed { "<SECRET>".to_owned() } else { m.to_owned() }
                })
                .into_owned();
        } else if r.pattern.is_match(&out) {
            out = r.pattern.replace_all(&out, r.replacement).into_owned();
        }
    }
    out
}

fn matches_in_order(signature: &[String], query: &[String]) -> bool {
    let window = signature.len() + (signature.len() / 2).max(4);
    (0..query.len()).any(|start| {
        if query[start] != signature[0] {
            return false;
        }
        let mut next = 0;
        for (i, w) in query[start..].iter().enumerate() {
            if i >= window {
                return false;
            }
            if *w == signature[next] {
                next += 1;
                if next == signature.len() {
                    return true;
                }
            }
        }
        false
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_the_variable_parts_and_keeps_the_constants() {
        let cases = [
            (
                "E1122 09:41:07.123456       1 reflector.go:138] x509: certificate has expired or is not yet valid: current time 2026-11-22T09:41:07Z is after 2026-10-16T09:41:07Z",
                "x509: certificate has expired or is not yet valid: current time <TIMESTAMP> is after <TIMESTAMP>",
            ),
            (
                "Nov 22 09:41:07 node-1 kubelet[2345]: dial tcp 10.0.3.17:10250: i/o timeout",
                "dial tcp <IP>:10250: i/o timeout",
            ),
            ("Get \"https://[::1]:6443/api/v1/namespaces\"", "Get \"https://<IP>:6443/api/v1/namespaces\""),
            ("allow 100.104.0.0/16 and 192.168.0.0/16", "allow <CIDR> and <CIDR>"),
            ("pod nginx-7d4b9c8f6d-x2k9p failed", "pod <NAME> failed"),
            ("pod web-0 failed", "pod web-0 failed"),
            ("container 3f2a9c1b7d4e5f60718293a4b5c6d7e8f9 exited", "container <HEX> exited"),
            ("request 5f0c8a2e-1b2c-4d3e-8f9a-0b1c2d3e4f5a denied", "request <UUID> denied"),
            ("resourceVersion 123456789 too old", "resourceVersion <NUMBER> too old"),
            ("port 53 udp, 6443 tcp, x509 and 0x1f", "port 53 udp, 6443 tcp, x509 and 0x1f"),
            ("2026-11-22 09:41:07 +0800 CST happened", "<TIMESTAMP> happened"),
            ("fe80::1ff:fe23:4567:890a unreachable", "<IP> unreachable"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(mask(input), want, "{input}");
        }
    }

    #[test]
    fn redacts_the_secrets_people_paste() {
        let cases = [
            (
                "aliyun configure --access-key-id LTAI5tQ7xYz2AbCdEfGh9JkL --access-key-secret Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0",
                "aliyun configure --access-key-id <ACCESS_KEY_ID> --access-key-secret <SECRET>",
            ),
            ("ak LTAI4FzZ8k2mNpQrStUv sk Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0 报错", "ak <ACCESS_KEY_ID> sk <SECRET> 报错"),
            ("AccessKeySecret=abc123def456 InvalidAccessKeyId.NotFound", "AccessKeySecret=<SECRET> InvalidAccessKeyId.NotFound"),
            ("curl -H 'Authorization: Bearer abc.def-ghi_jkl' https://x", "curl -H 'Authorization: <SECRET>' https://x"),
            ("Authorization: Basic dXNlcjpwYXNz", "Authorization: <SECRET>"),
            ("token: eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.sig_nature-x", "token: <TOKEN>"),
            ("jwt eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl expired", "jwt <TOKEN> expired"),
            ("mysql password=hunter2!! failed", "mysql password=<SECRET> failed"),
            ("\"password\": \"s3cr3t-pw\"", "\"password\": \"<SECRET>\""),
            ("--password s3cr3tpw and --token=abcdef12345", "--password <SECRET> and --token=<SECRET>"),
            ("postgres://app:pa55w0rd@db.internal:5432/app", "postgres://app:<SECRET>@db.internal:5432/app"),
            ("SecurityToken=CAISzgJ1q6Ft5B2yfSjIr5bmKv7h", "SecurityToken=<TOKEN>"),
            ("the password expired yesterday", "the password expired yesterday"),
            ("sts CAISzgJ1q6Ft5B2yfSjIr5bmKv7h denied", "sts <TOKEN> denied"),
            ("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY----- tail", "<PRIVATE_KEY> tail"),
            // What is not a secret stays: errors, ids, placeholders and ordinary words.
            ("x509: certificate has expired or is not yet valid", "x509: certificate has expired or is not yet valid"),
            ("kubectl create token admin-user", "kubectl create token admin-user"),
            ("the password is wrong", "the password is wrong"),
            ("node cn-hangzhou.192.168.0.12 NotReady 10250", "node cn-hangzhou.192.168.0.12 NotReady 10250"),
            ("ErrImagePull registry-vpc.cn-hangzhou.aliyuncs.com/acs/pause:3.9", "ErrImagePull registry-vpc.cn-hangzhou.aliyuncs.com/acs/pause:3.9"),
            ("证书过期 apiserver 访问控制", "证书过期 apiserver 访问控制"),
        ];
        for (input, want) in cases {
            assert_eq!(redact_secrets(input), want, "{input}");
        }
    }

    #[test]
    fn placeholders_drop_out_of_the_words() {
        assert_eq!(words("dial tcp <IP>:10250: i/o timeout"), ["dial", "tcp", "10250", "i", "o", "timeout"]);
        assert_eq!(words("<TIMESTAMP> is after <TIMESTAMP>"), ["is", "after"]);
        assert_eq!(words("a < b and c > d"), ["a", "b", "and", "c", "d"]);
    }

    #[test]
    fn recognizes_known_errors_with_other_variable_parts() {
        let sigs: Vec<Signature> = [
            ("cert", "x509: certificate has expired or is not yet valid: current time <TIMESTAMP> is after <TIMESTAMP>"),
            ("logs", "Error from server: error dialing backend: dial tcp <IP>:10250: i/o timeout"),
            ("timeout", "Unable to connect to the server: dial tcp <IP>: i/o timeout"),
            ("vague", "i/o timeout"),
        ]
        .iter()
        .filter_map(|(e, s)| Signature::new(e, s))
        .collect();
        assert_eq!(sigs.len(), 3, "a signature of too few words is not used");
        let cases = [
            ("E0101 00:00:00.000001 7 x.go:1] x509: certificate has expired or is not yet valid: current time 2027-01-01T00:00:00Z is after 2026-12-31T00:00:00Z", Some("cert")),
            ("Error from server: error dialing backend: dial tcp 172.16.0.9:10250: i/o timeout", Some("logs")),
            ("Unable to connect to the server: dial tcp 47.96.1.2:6443: i/o timeout", Some("timeout")),
            ("certificate has expired", None),
            ("dial tcp 1.2.3.4:80: i/o timeout", None),
            ("x509 certificate ... many unrelated words in between here and there and everywhere else has expired or is not yet valid current time is after", None),
        ];
        for (text, want) in cases {
            assert_eq!(known_error(&sigs, text).map(|s| s.entry.as_str()), want, "{text}");
        }
    }
}
