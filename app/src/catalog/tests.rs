//! The catalogs checked against each other and against the code that uses them.
//!
//! Each check is a function over plain data, so that a small broken example proves it fails;
//! the `every_…` tests run them on the files under `app/locales` and the sources under
//! `app/src`, read at test time.

use super::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One catalog in every locale: locale code → key → text.
type Catalog = BTreeMap<String, BTreeMap<String, String>>;

fn codes() -> Vec<&'static str> {
    Locale::ALL.iter().map(|l| l.code()).collect()
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every catalog file on disk, parsed: catalog → locale → table. Parse errors are returned.
fn read_catalogs() -> (BTreeMap<String, Catalog>, Vec<String>) {
    let mut out: BTreeMap<String, Catalog> = BTreeMap::new();
    let mut errors = Vec::new();
    let root = manifest_dir().join("locales");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root).expect("app/locales").map(|e| e.unwrap().path()).collect();
    dirs.sort();
    for dir in dirs {
        let locale = dir.file_name().unwrap().to_string_lossy().into_owned();
        if !codes().contains(&locale.as_str()) {
            errors.push(format!("app/locales/{locale}: not a locale of the console"));
            continue;
        }
        for file in std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()) {
            let Some(catalog) = file.file_name().unwrap().to_string_lossy().strip_suffix(".toml").map(str::to_owned) else {
                errors.push(format!("{}: not a .toml file", file.display()));
                continue;
            };
            match parse(&std::fs::read_to_string(&file).unwrap()) {
                Ok(table) => {
                    out.entry(catalog).or_default().insert(locale.clone(), table);
                }
                Err(e) => errors.push(format!("app/locales/{locale}/{catalog}.toml: {e}")),
            }
        }
    }
    (out, errors)
}

/// Keys that some locale of the catalog has and another lacks, and locales without the file.
fn missing_keys(name: &str, catalog: &Catalog, locales: &[&str]) -> Vec<String> {
    let all: BTreeSet<&String> = catalog.values().flat_map(|t| t.keys()).collect();
    let mut out = Vec::new();
    for locale in locales {
        match catalog.get(*locale) {
            None => out.push(format!("{locale}: no file {name}.toml")),
            Some(table) => {
                for key in all.iter().filter(|k| !table.contains_key(k.as_str())) {
                    out.push(format!("{locale}: {name}.{key} is missing"));
                }
            }
        }
    }
    out
}

/// Keys whose `{placeholders}` differ from one locale to another (compared with the first).
fn placeholder_mismatches(name: &str, catalog: &Catalog) -> Vec<String> {
    let mut out = Vec::new();
    let Some((first, table)) = catalog.iter().next() else { return out };
    for (key, text) in table {
        let want = placeholders(text);
        for (locale, other) in catalog.iter().skip(1) {
            if let Some(o) = other.get(key) {
                let got = placeholders(o);
                if got != want {
                    out.push(format!("{name}.{key}: {first} has {want:?}, {locale} has {got:?}"));
                }
            }
        }
    }
    out
}

/// A token of Rust source: comments and whitespace dropped.
#[derive(Debug, PartialEq)]
enum Token {
    Ident(String),
    Str(String),
    Punct(char),
}

/// Splits Rust source into tokens with their line numbers. Just enough of Rust for finding
/// macro calls: strings (plain, raw, byte), chars and lifetimes, comments.
fn tokens(src: &str) -> Vec<(usize, Token)> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        let start_line = line;
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && at(i + 1) == '/') {
                line += usize::from(chars[i] == '\n');
                i += 1;
            }
            i += 2;
        } else if c == '"' || ((c == 'r' || c == 'b') && matches!((at(i + 1), at(i + 2)), ('"', _) | ('#', _) | ('r', '"') | ('r', '#'))) {
            // Plain, byte or raw string.
            let mut j = i;
            while chars[j] != '"' && chars[j] != '#' {
                j += 1;
            }
            let raw = chars[i..j].contains(&'r');
            let hashes = chars[j..].iter().take_while(|c| **c == '#').count();
            j += hashes + 1;
            let mut text = String::new();
            loop {
                let d = at(j);
                if d == '\0' {
                    break;
                }
                if d == '\\' && !raw {
                    text.push(d);
                    text.push(at(j + 1));
                    line += usize::from(at(j + 1) == '\n');
                    j += 2;
                    continue;
                }
                if d == '"' && chars[j + 1..].iter().take(hashes).filter(|c| **c == '#').count() == hashes {
                    j += 1 + hashes;
                    break;
                }
                line += usize::from(d == '\n');
                text.push(d);
                j += 1;
            }
            out.push((start_line, Token::Str(text)));
            i = j;
        } else if c == '\'' {
            // A char literal, or a lifetime.
            if at(i + 1) == '\\' {
                let mut j = i + 2;
                while at(j) != '\'' && at(j) != '\0' {
                    j += 1;
                }
                i = j + 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                i += 1;
                while at(i).is_alphanumeric() || at(i) == '_' {
                    i += 1;
                }
            }
        } else if c.is_alphanumeric() || c == '_' {
            let mut j = i;
            while at(j).is_alphanumeric() || at(j) == '_' {
                j += 1;
            }
            out.push((start_line, Token::Ident(chars[i..j].iter().collect())));
            i = j;
        } else {
            out.push((start_line, Token::Punct(c)));
            i += 1;
        }
    }
    out
}

/// A message named in the code.
#[derive(Debug, PartialEq)]
struct Use {
    line: usize,
    key: String,
    /// The named arguments of a `tr!` call; `None` for a call of `text`.
    args: Option<BTreeSet<String>>,
}

/// The arguments of a call whose `(` is at `open`: each a slice of tokens, split at the
/// top-level commas. Also returns the index after the closing bracket.
fn call_args(toks: &[(usize, Token)], open: usize) -> (Vec<&[(usize, Token)]>, usize) {
    let mut args = Vec::new();
    let mut depth = 0;
    let mut start = open + 1;
    let mut i = open;
    while i < toks.len() {
        match &toks[i].1 {
            Token::Punct('(' | '[' | '{') => depth += 1,
            Token::Punct(')' | ']' | '}') => {
                depth -= 1;
                if depth == 0 {
                    if start < i {
                        args.push(&toks[start..i]);
                    }
                    return (args, i + 1);
                }
            }
            Token::Punct(',') if depth == 1 => {
                args.push(&toks[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    (args, i)
}

fn is_key(s: &str) -> bool {
    s.split_once('.').is_some_and(|(catalog, key)| {
        !catalog.is_empty()
            && catalog.chars().all(|c| c.is_ascii_lowercase())
            && !key.is_empty()
            && key.split('-').all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
    })
}

/// The messages a source file names: `tr!(l, "<key>", name = value, other)` and
/// `text(l, "<key>")`, with a literal key.
fn uses(src: &str) -> Vec<Use> {
    let toks = tokens(src);
    let mut out = Vec::new();
    for i in 0..toks.len() {
        let open = match (&toks[i].1, toks.get(i + 1).map(|t| &t.1), toks.get(i + 2).map(|t| &t.1)) {
            (Token::Ident(name), Some(Token::Punct('!')), Some(Token::Punct('('))) if name == "tr" => i + 2,
            (Token::Ident(name), Some(Token::Punct('(')), _) if name == "text" => i + 1,
            _ => continue,
        };
        let (args, _) = call_args(&toks, open);
        let Some([(_, Token::Str(key))]) = args.get(1).copied() else { continue };
        if !is_key(key) {
            continue;
        }
        let named = (open == i + 2).then(|| {
            args[2..]
                .iter()
                .filter_map(|a| match a.first() {
                    Some((_, Token::Ident(name))) => Some(name.clone()),
                    _ => None,
                })
                .collect()
        });
        out.push(Use { line: toks[i].0, key: key.clone(), args: named });
    }
    out
}

/// The tables a source file declares with `string_table!`: catalog → field names.
fn tables(src: &str) -> Vec<(String, Vec<String>)> {
    let toks = tokens(src);
    let mut out = Vec::new();
    for i in 0..toks.len() {
        if !matches!((&toks[i].1, toks.get(i + 1).map(|t| &t.1), toks.get(i + 2).map(|t| &t.1)),
            (Token::Ident(n), Some(Token::Punct('!')), Some(Token::Punct('{'))) if n == "string_table")
        {
            continue;
        }
        let Some(at) = (i..toks.len()).find(|&j| toks[j].1 == Token::Ident("in".into())) else { continue };
        let Some((_, Token::Str(catalog))) = toks.get(at + 1) else { continue };
        let (fields, _) = call_args(&toks, at + 2);
        let names = fields
            .iter()
            .filter_map(|f| match f.last() {
                Some((_, Token::Ident(name))) => Some(name.clone()),
                _ => None,
            })
            .collect();
        out.push((catalog.clone(), names));
    }
    out
}

/// What is wrong between the catalogs' keys (full key → placeholders) and the code: keys
/// named but missing, keys never named, `tr!` arguments that are not the placeholders.
fn usage_problems(keys: &BTreeMap<String, BTreeSet<String>>, sources: &[(String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    let mut used: BTreeSet<String> = BTreeSet::new();
    for (file, src) in sources {
        for u in uses(src) {
            match keys.get(&u.key) {
                None => out.push(format!("{file}:{}: no message {}", u.line, u.key)),
                Some(want) => {
                    if let Some(args) = &u.args {
                        if args != want {
                            out.push(format!("{file}:{}: {} takes {want:?}, given {args:?}", u.line, u.key));
                        }
                    }
                }
            }
            used.insert(u.key);
        }
        for (catalog, fields) in tables(src) {
            for field in fields {
                let key = format!("{catalog}.{}", field.replace('_', "-"));
                if !keys.contains_key(&key) {
                    out.push(format!("{file}: field {field} has no message {key}"));
                }
                used.insert(key);
            }
        }
    }
    for key in keys.keys().filter(|k| !used.contains(*k)) {
        out.push(format!("{key} is never used"));
    }
    out
}

/// Every `.rs` file under `app/src`: (path from `app`, text).
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let root = manifest_dir();
    let mut files = Vec::new();
    walk(&root.join("src"), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| (p.strip_prefix(&root).unwrap().display().to_string(), std::fs::read_to_string(&p).unwrap()))
        .collect()
}

/// The keys of the catalogs on disk with their placeholders (those of the first locale).
fn all_keys(catalogs: &BTreeMap<String, Catalog>) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for (name, catalog) in catalogs {
        for table in catalog.values() {
            for (key, text) in table {
                out.entry(format!("{name}.{key}"))
                    .or_insert_with(|| placeholders(text).into_iter().map(str::to_owned).collect());
            }
        }
    }
    out
}

fn catalog_of(src: &[(&str, &str)]) -> Catalog {
    src.iter().map(|(locale, toml)| (locale.to_string(), parse(toml).unwrap())).collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[test]
fn every_catalog_file_parses_and_exists_in_every_locale() {
    let (catalogs, errors) = read_catalogs();
    assert!(errors.is_empty(), "{errors:#?}");
    let names: Vec<&str> = catalogs.keys().map(String::as_str).collect();
    let mut want = CATALOGS.to_vec();
    want.sort();
    assert_eq!(names, want, "the files under app/locales are the catalogs of CATALOGS");
    let missing: Vec<String> = catalogs.iter().flat_map(|(n, c)| missing_keys(n, c, &codes())).collect();
    assert!(missing.is_empty(), "keys missing by locale:\n{}", missing.join("\n"));
}

#[test]
fn every_message_has_the_same_placeholders_in_every_locale() {
    let (catalogs, _) = read_catalogs();
    let wrong: Vec<String> = catalogs.iter().flat_map(|(n, c)| placeholder_mismatches(n, c)).collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_message_named_in_the_code_exists_and_every_message_is_named() {
    let (catalogs, _) = read_catalogs();
    let problems = usage_problems(&all_keys(&catalogs), &sources());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_embedded_catalogs_are_the_files() {
    let (catalogs, _) = read_catalogs();
    let embedded: Vec<&str> = SOURCES.iter().chain(SERVER_SOURCES).map(|(_, c, _)| *c).collect();
    for (name, catalog) in &catalogs {
        if !embedded.contains(&name.as_str()) {
            assert!(name == "portal" && !cfg!(feature = "ssr"), "{name} is not embedded");
            continue;
        }
        for l in Locale::ALL {
            for (key, text) in &catalog[l.code()] {
                assert_eq!(lookup(l, &format!("{name}.{key}")), Some(text.as_str()), "{l} {name}.{key}");
            }
        }
    }
}

#[test]
fn a_key_missing_in_one_locale_is_reported_by_locale() {
    let catalog = catalog_of(&[("zh", "a = \"一\"\nb = \"二\""), ("ja", "a = \"いち\"")]);
    assert_eq!(missing_keys("x", &catalog, &["zh", "ja", "id"]), ["ja: x.b is missing", "id: no file x.toml"]);
    let complete = catalog_of(&[("zh", "a = \"一\""), ("ja", "a = \"いち\"")]);
    assert!(missing_keys("x", &complete, &["zh", "ja"]).is_empty());
}

#[test]
fn a_placeholder_that_differs_between_locales_is_reported() {
    let catalog = catalog_of(&[
        ("ja", "same = \"{n} 件\"\nrenamed = \"{n} 件\"\ndropped = \"{who} {n}\""),
        ("zh", "same = \"{n} 条\"\nrenamed = \"{count} 条\"\ndropped = \"{who}\""),
    ]);
    let wrong = placeholder_mismatches("x", &catalog);
    assert_eq!(wrong.len(), 2, "{wrong:#?}");
    assert!(wrong[0].starts_with("x.dropped") && wrong[1].starts_with("x.renamed"), "{wrong:#?}");
}

#[test]
fn a_catalog_that_is_not_a_flat_table_of_strings_does_not_parse() {
    for bad in ["a = 1", "a = \"x", "[t]\na = \"x\"", "a = \"x\"\na = \"y\""] {
        assert!(parse(bad).is_err(), "{bad}");
    }
    assert_eq!(parse("a-b = \"line\\n\\\"q\\\" \\\\ {n}\"").unwrap()["a-b"], "line\n\"q\" \\ {n}");
}

#[test]
fn finds_keys_and_named_arguments_in_code_but_not_in_comments_or_strings() {
    let src = r##"
        // tr!(l, "x.in-a-comment")
        /* text(l, "x.in-a-block-comment") */
        let a = tr!(l, "x.plain");
        let b = tr!(
            self.l,
            "x.two-args", // a comment
            n = v.len(),
            who,
        );
        let c = text(l, "x.raw-text");
        let d = "tr!(l, \"x.in-a-string\")";
        let e = r#"tr!(l, "x.in-a-raw-string")"#;
        let f: &'static str = tr!(l, "x.after-a-lifetime", c = '(');
        let g = text(key, other); fn text(l: Locale, key: &'static str) {}
        string_table! { pub struct S in "x" { /// doc
            field_one,
            field_two,
        } }
    "##;
    let found: Vec<(usize, String, Option<BTreeSet<String>>)> =
        uses(src).into_iter().map(|u| (u.line, u.key, u.args)).collect();
    assert_eq!(
        found,
        [
            (4, "x.plain".to_string(), Some(set(&[]))),
            (5, "x.two-args".to_string(), Some(set(&["n", "who"]))),
            (11, "x.raw-text".to_string(), None),
            (14, "x.after-a-lifetime".to_string(), Some(set(&["c"]))),
        ]
    );
    assert_eq!(tables(src), [("x".to_string(), vec!["field_one".to_string(), "field_two".to_string()])]);
}

#[test]
fn reports_unknown_keys_unused_keys_wrong_arguments_and_fields_without_a_message() {
    let keys: BTreeMap<String, BTreeSet<String>> = [
        ("x.plain", set(&[])),
        ("x.count", set(&["n"])),
        ("x.unused", set(&[])),
        ("x.field-one", set(&[])),
        ("x.no-field", set(&[])),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let src = r#"
        tr!(l, "x.plain");
        tr!(l, "x.count", m = 1);
        tr!(l, "x.count");
        text(l, "x.count");
        tr!(l, "x.gone");
        string_table! { pub struct S in "x" { field_one, field_two, } }
    "#;
    let problems = usage_problems(&keys, &[("a.rs".to_string(), src.to_string())]);
    assert_eq!(
        problems,
        [
            "a.rs:3: x.count takes {\"n\"}, given {\"m\"}",
            "a.rs:4: x.count takes {\"n\"}, given {}",
            "a.rs:6: no message x.gone",
            "a.rs: field field_two has no message x.field-two",
            "x.no-field is never used",
            "x.unused is never used",
        ]
    );
    let fine = "tr!(l, \"x.plain\"); tr!(l, \"x.count\", n); text(l, \"x.unused\"); text(l, \"x.no-field\");\n\
                string_table! { pub struct S in \"x\" { field_one, } }";
    assert!(usage_problems(&keys, &[("b.rs".to_string(), fine.to_string())]).is_empty());
}

#[test]
fn tr_fills_named_arguments_once_and_text_is_the_template() {
    let l = Locale::Id;
    assert_eq!(tr!(l, "wizard.field-required"), "Kolom ini wajib diisi.");
    let by = "{by}";
    assert_eq!(tr!(l, "acl.audit-allowed-by", by), "Diizinkan ({by})");
    assert_eq!(tr!(Locale::Ja, "acl.audit-allowed-by", by = 3), "許可済み (3)");
    assert_eq!(text(l, "acl.audit-allowed-by"), "Diizinkan ({by})");
    assert_eq!(lookup(l, "acl.no-such-message"), None);
}

#[test]
fn placeholders_are_names_in_braces() {
    let cases: &[(&str, &[&str])] = &[
        ("{n} of {m}, {n} again", &["m", "n"]),
        ("{ not one} {a-b} {} {x_1}", &["x_1"]),
        ("no braces", &[]),
        ("{open", &[]),
    ];
    for (text, want) in cases {
        assert_eq!(placeholders(text).into_iter().collect::<Vec<_>>(), *want, "{text}");
    }
}

#[test]
fn the_interface_tables_have_every_message_in_every_locale() {
    for l in Locale::ALL {
        let s = crate::i18n::Strings::get(l);
        assert!(!s.site_name.is_empty() && !s.try_again.is_empty());
        for field in crate::i18n::Strings::FIELDS {
            assert!(lookup(l, &format!("ui.{}", field.replace('_', "-"))).is_some(), "{l} {field}");
        }
    }
}
