//! The knowledge base as shipped, and how the loader treats broken entries.

use app::locale::Locale;
use server::content::ContentStore;
use std::path::Path;

mod terminology;

#[test]
fn the_shipped_knowledge_base_loads_in_all_four_locales() {
    let store = ContentStore::load(&crate::support::content_dir()).unwrap_or_else(|e| panic!("{e}"));
    for id in ["apiserver-slb-acl-cidrs", "collect-node-diagnostics", "apiserver-loopback-cert-expired"] {
        for lang in Locale::ALL {
            assert!(store.get(id, lang).is_some(), "{id} in {lang}");
        }
    }
    for id in store.ids() {
        assert_eq!(store.locales_of(id), Locale::ALL.to_vec(), "{id}");
    }
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn entry(id: &str, extra: &str, body: &str) -> String {
    format!(
        "+++\nid = \"{id}\"\ntitle = \"T\"\nsummary = \"S\"\ncategory = \"network\"\nupdated = 2026-01-08\nsources = [\"x\"]\n{extra}+++\n{body}\n"
    )
}

fn all_locales(root: &Path, id: &str, extra: &str, body: &str) {
    for lang in ["zh", "zh-TW", "id", "ja"] {
        write(root, &format!("entries/{id}/{lang}.md"), &entry(id, extra, body));
    }
}

fn load_error(setup: impl FnOnce(&Path)) -> String {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    ContentStore::load(dir.path()).map(|_| ()).unwrap_err().to_string()
}

#[test]
fn broken_entries_are_reported_with_file_and_reason() {
    type Setup = fn(&Path);
    let cases: &[(&str, Setup, &[&str])] = &[
        ("missing locale", |r| {
            all_locales(r, "good-one", "", "body");
            std::fs::remove_file(r.join("entries/good-one/ja.md")).unwrap();
        }, &["good-one/ja.md", "missing"]),
        ("bad toml", |r| {
            all_locales(r, "good-one", "", "body");
            write(r, "entries/good-one/zh.md", "+++\nid = \"good-one\"\ntitle = \n+++\nbody\n");
        }, &["good-one/zh.md", "front matter, line 3"]),
        ("unknown field", |r| all_locales(r, "good-one", "colour = \"red\"\n", "body"), &["unknown field `colour`"]),
        ("id differs from folder", |r| {
            all_locales(r, "good-one", "", "body");
            write(r, "entries/good-one/id.md", &entry("other-id", "", "body"));
        }, &["good-one/id.md", "differs from the folder name"]),
        ("related id missing", |r| all_locales(r, "good-one", "related = [\"ghost\"]\n", "body"), &["related id `ghost` does not exist"]),
        ("broken internal link", |r| all_locales(r, "good-one", "", "[x](entry:ghost)"), &["link to entry `ghost`"]),
        ("bad error signature", |r| all_locales(r, "good-one", "errors = [\"dial <HOST>\"]\n", "body"), &["unknown placeholder <HOST>"]),
        ("unknown wizard", |r| all_locales(r, "good-one", "wizard = \"magic\"\n", "body"), &["unknown wizard `magic`"]),
        ("script link", |r| all_locales(r, "good-one", "", "[x](javascript:alert(1))"), &["javascript:alert(1)"]),
        ("no front matter", |r| {
            all_locales(r, "good-one", "", "body");
            write(r, "entries/good-one/zh-TW.md", "just text");
        }, &["good-one/zh-TW.md", "must start with a `+++` line"]),
        ("bad locale file", |r| {
            all_locales(r, "good-one", "", "body");
            write(r, "entries/good-one/en.md", &entry("good-one", "", "body"));
        }, &["good-one/en.md", "unknown locale `en`"]),
        ("empty", |_r| {}, &["cannot read the entries folder"]),
        ("glossary without a locale", |r| {
            all_locales(r, "good-one", "", "body");
            write(r, "glossary.toml", "[[term]]\nen = \"a\"\nzh = \"b\"\nvariants = \"c\"\n");
        }, &["glossary.toml", "missing field"]),
        ("informal word in capitals", |r| {
            all_locales(r, "good-one", "", "body");
            write(r, "informal-id.toml", "[words]\nGK = \"tidak\"\n");
        }, &["informal-id.toml", "`GK`"]),
    ];
    for (name, setup, wants) in cases {
        let err = load_error(*setup);
        for want in *wants {
            assert!(err.contains(want), "{name}: expected `{want}` in\n{err}");
        }
    }
}

fn two(r: &Path, extra: &str) {
    all_locales(r, "good-one", extra, "body");
    all_locales(r, "other-one", "", "body");
}

#[test]
fn aliases_must_be_the_same_everywhere_and_lead_to_one_entry_only() {
    type Setup = fn(&Path);
    let cases: &[(&str, Setup, &[&str])] = &[
        ("differs in one locale", |r| {
            all_locales(r, "good-one", "aliases = [\"old-one\"]\n", "body");
            write(r, "entries/good-one/ja.md", &entry("good-one", "aliases = [\"older-one\"]\n", "body"));
        }, &["good-one/ja.md", "aliases differ from zh.md's"]),
        ("not an id", |r| all_locales(r, "good-one", "aliases = [\"Old_One\"]\n", "body"), &["good-one/zh.md", "aliases: `Old_One` is not a valid id"]),
        ("its own id", |r| all_locales(r, "good-one", "aliases = [\"good-one\"]\n", "body"), &["cannot be its own alias"]),
        ("another entry's id", |r| two(r, "aliases = [\"other-one\"]\n"), &["alias `other-one` is the id of an entry"]),
        ("another entry's alias", |r| {
            all_locales(r, "good-one", "aliases = [\"old-one\"]\n", "body");
            all_locales(r, "other-one", "aliases = [\"old-one\"]\n", "body");
        }, &["alias `old-one` is also an alias of `good-one`"]),
        ("an operation's key", |r| {
            all_locales(r, "good-one", "aliases = [\"drop-it\"]\n", "body");
            let texts: String = ["zh", "zh-TW", "id", "ja"]
                .iter()
                .map(|l| format!("[operation.{l}]\noperation = \"o\"\nimpact = \"i\"\nrecovery = \"r\"\n"))
                .collect();
            write(r, "high-risk-operations.toml", &format!("[[operation]]\nkey = \"drop-it\"\ngroup = \"cluster\"\n{texts}"));
        }, &["alias `drop-it` is the key of a high-risk operation"]),
        ("a published target gone", |r| {
            two(r, "");
            write(r, "links.toml", "entries = [\"good-one\", \"gone-away\"]\n");
        }, &["links.toml", "published entry `gone-away`", "add `gone-away` to the `aliases`"]),
    ];
    for (name, setup, wants) in cases {
        let err = load_error(*setup);
        for want in *wants {
            assert!(err.contains(want), "{name}: expected `{want}` in\n{err}");
        }
    }
}

#[test]
fn a_former_id_keeps_related_entries_links_and_published_targets_working() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    all_locales(r, "good-one", "aliases = [\"gone-away\"]\n", "body");
    all_locales(r, "other-one", "related = [\"gone-away\"]\n", "[a](entry:gone-away) [b](/go/gone-away?from=x)");
    write(r, "links.toml", "entries = [\"gone-away\", \"other-one\"]\n");
    let store = ContentStore::load(r).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(store.resolve("gone-away"), Some("good-one"));
    assert_eq!(store.alias_target("good-one"), None, "a current id is no alias");
    let view = store.article_view("other-one", Locale::Ja).unwrap();
    assert_eq!(view.related.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["good-one"], "a related former id shows the current entry");
    let err = load_error(|r| all_locales(r, "other-one", "", "[b](/go/gone-away)"));
    assert!(err.contains("link to `/go/gone-away`, which is no entry, alias or operation"), "{err}");
}

#[test]
fn an_unknown_category_is_an_error() {
    let err = load_error(|r| {
        for lang in ["zh", "zh-TW", "id", "ja"] {
            write(r, &format!("entries/good-one/{lang}.md"), &entry("good-one", "", "body").replace("\"network\"", "\"weather\""));
        }
    });
    assert!(err.contains("unknown category `weather`"), "{err}");
}

#[test]
fn raw_html_in_content_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    all_locales(dir.path(), "good-one", "", "<img src=x onerror=alert(1)>\n\nText <b>bold</b>");
    let store = ContentStore::load(dir.path()).unwrap();
    let html = &store.get("good-one", Locale::Zh).unwrap().rendered().html;
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
}

#[derive(serde::Deserialize)]
struct Glossary {
    term: Vec<std::collections::BTreeMap<String, String>>,
}

/// Simplified-only glossary forms stay out of zh-TW prose, and Traditional-only forms out
/// of zh prose. A form that is spelled the same in both scripts is not checked.
#[test]
fn entries_follow_the_glossary() {
    let root = crate::support::content_dir();
    let glossary: Glossary = toml::from_str(&std::fs::read_to_string(root.join("glossary.toml")).unwrap()).unwrap();
    let store = ContentStore::load(&root).unwrap();
    let mut problems = Vec::new();
    for term in &glossary.term {
        for key in ["en", "zh", "zh-TW", "id", "ja"] {
            assert!(term.get(key).is_some_and(|v| !v.trim().is_empty()), "glossary term {term:?} lacks {key}");
        }
        let (zh, tw) = (&term["zh"], &term["zh-TW"]);
        if zh == tw || tw.contains(zh.as_str()) || zh.contains(tw.as_str()) {
            continue;
        }
        for (lang, wrong) in [(Locale::ZhTw, zh), (Locale::Zh, tw)] {
            // Only forms that cannot be written in the other script are errors there.
            let distinct: Vec<&str> = wrong.split(['（', '(', '/', '、']).map(str::trim).filter(|w| w.chars().count() >= 2).collect();
            for e in store.in_locale(lang) {
                let prose = format!("{}\n{}\n{}", e.title, e.summary, e.rendered().plain_text);
                for w in &distinct {
                    if prose.contains(w) && !term.values().any(|v| v != wrong && v.contains(w)) {
                        problems.push(format!("{} ({lang}): `{w}` (glossary: {zh} / {tw})", e.id));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "glossary not followed:\n{}", problems.join("\n"));
}

/// Rendering snapshots of real entries: commands, expected output, a table, and the
/// high-risk operations table.
mod rendering {
    use super::*;

    fn store() -> ContentStore {
        ContentStore::load(&crate::support::content_dir()).unwrap()
    }

    #[test]
    fn diagnostics_entry_renders_commands_and_output() {
        let store = store();
        insta::assert_snapshot!("collect_node_diagnostics_zh", store.get("collect-node-diagnostics", Locale::Zh).unwrap().rendered().html);
    }

    #[test]
    fn acl_entry_renders_its_table() {
        let store = store();
        insta::assert_snapshot!("apiserver_slb_acl_cidrs_ja", store.get("apiserver-slb-acl-cidrs", Locale::Ja).unwrap().rendered().html);
    }

    #[test]
    fn high_risk_operations_table_in_indonesian() {
        let store = store();
        insta::assert_json_snapshot!("high_risk_operations_id", store.high_risk().view(Locale::Id));
    }
}

/// Symptoms are how readers describe what they see: every entry has some in every locale,
/// written fresh rather than lifted from the entry (no 12-character run shared with any
/// entry's prose, the same rule that keeps the hard relevance set honest).
#[test]
fn every_entry_tells_its_symptoms_in_every_locale_in_words_of_its_own() {
    let store = ContentStore::load(&crate::support::content_dir()).unwrap();
    let mut prose_runs: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for e in store.all() {
        let mut prose = server::relevance::prose(e);
        // The entry's prose without the symptoms themselves.
        for s in &e.symptoms {
            prose = prose.replace(s.as_str(), "\n");
        }
        for run in server::relevance::runs(&prose, 12) {
            prose_runs.entry(run).or_insert_with(|| format!("{} ({})", e.id, e.lang.code()));
        }
    }
    let mut problems = Vec::new();
    for e in store.all() {
        if e.symptoms.len() < 3 {
            problems.push(format!("{} ({}): {} symptoms, fewer than 3", e.id, e.lang.code(), e.symptoms.len()));
        }
        for s in &e.symptoms {
            if let Some(from) = server::relevance::runs(s, 12).iter().find_map(|r| prose_runs.get(r)) {
                problems.push(format!("{} ({}): symptom {s:?} copies a phrase of {from}", e.id, e.lang.code()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// An informal word is one the entries do not use themselves: read as its standard form,
/// it would no longer find the entries (symptoms included) that use it.
#[test]
fn informal_indonesian_words_are_not_words_of_the_entries() {
    let root = crate::support::content_dir();
    let informal = server::querytext::parse_informal(&std::fs::read_to_string(root.join("informal-id.toml")).unwrap()).unwrap();
    assert!(informal.words.len() >= 40, "{} informal words", informal.words.len());
    let store = ContentStore::load(&root).unwrap();
    let mut used = std::collections::BTreeMap::new();
    for e in store.in_locale(Locale::Id) {
        let texts = [&e.title, &e.summary, &e.body].into_iter().chain(&e.tags).chain(&e.synonyms).chain(&e.symptoms);
        for text in texts {
            for word in text.split(|c: char| !c.is_ascii_alphanumeric()).map(str::to_ascii_lowercase) {
                used.entry(word).or_insert_with(|| e.id.clone());
            }
        }
    }
    let clashes: Vec<String> = informal.words.keys().filter_map(|w| used.get(w).map(|id| format!("`{w}` ({id})"))).collect();
    assert!(clashes.is_empty(), "informal words the entries use: {}", clashes.join(", "));
}
