//! The glossary's rejected variants stay out of the knowledge base.
//!
//! The rules are the header comment of `content/glossary.toml`: a term's `avoid-<locale>`
//! variants do not appear in that locale's titles, summaries, tags, synonyms or body prose,
//! nor in its words in `wizards.toml`; its `typed-<locale>` variants may stay in synonyms
//! and wizard words; zh, zh-TW and ja match as substrings, id as whole words with case;
//! the chosen word and the `keep-<locale>` phrases are blanked out before matching. Code
//! blocks, inline code and `errors` are not prose.

use app::locale::Locale;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use server::content::ContentStore;
use std::collections::BTreeMap;
use std::path::Path;

/// Where a piece of text sits: it decides whether typed variants may stay in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Title,
    Summary,
    Tag,
    Synonym,
    Symptom,
    Body,
    WizardWord,
}

impl Field {
    fn keeps_typed_variants(self) -> bool {
        matches!(self, Field::Synonym | Field::Symptom | Field::WizardWord)
    }

    fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Summary => "summary",
            Field::Tag => "tags",
            Field::Synonym => "synonyms",
            Field::Symptom => "symptoms",
            Field::Body => "body",
            Field::WizardWord => "words",
        }
    }
}

/// One glossary term in one locale: the chosen word and its variants.
#[derive(Debug)]
struct Rule {
    lang: Locale,
    chosen: String,
    avoid: Vec<String>,
    typed: Vec<String>,
    keep: Vec<String>,
}

/// A glossary list value: "a | b | c", one space each side of `|`.
fn list(term: &BTreeMap<String, String>, key: &str, problems: &mut Vec<String>) -> Vec<String> {
    let Some(value) = term.get(key) else { return Vec::new() };
    let items: Vec<String> = value.split(" | ").map(str::to_owned).collect();
    if items.iter().any(|i| i.is_empty() || i.contains('|') || i.trim() != i) {
        let en = term.get("en").map_or("?", String::as_str);
        problems.push(format!("glossary term `{en}`: `{key}` is not written \"a | b | c\": {value:?}"));
    }
    items
}

/// The rules of `glossary.toml`, or what is wrong with its optional keys.
fn rules(glossary: &str) -> Result<Vec<Rule>, Vec<String>> {
    #[derive(serde::Deserialize)]
    struct Glossary {
        term: Vec<BTreeMap<String, String>>,
    }
    let glossary: Glossary = toml::from_str(glossary).map_err(|e| vec![format!("glossary.toml: {e}")])?;
    let mut problems = Vec::new();
    let mut rules = Vec::new();
    // A variant leads to one term, and is not another term's own word: query expansion
    // (server/src/glossary.rs) would otherwise send it two ways.
    // Both are compared as the search matches them (server::glossary::fold), and a term's
    // own words are each locale's word and the parts of it in brackets or around a slash
    // (`访问控制列表 (ACL)` is also `ACL`).
    let fold = server::glossary::fold;
    let mut variant_of: BTreeMap<String, &str> = BTreeMap::new();
    let mut own_words: BTreeMap<String, &str> = BTreeMap::new();
    for t in &glossary.term {
        let en = t.get("en").map_or("?", String::as_str);
        for word in ["en"].into_iter().chain(Locale::ALL.map(|l| l.code())).filter_map(|k| t.get(k)) {
            for part in std::iter::once(word.as_str()).chain(word.split(['(', ')', '/'])) {
                let part = fold(part.trim());
                if !part.is_empty() {
                    own_words.entry(part).or_insert(en);
                }
            }
        }
    }
    for term in &glossary.term {
        let en = term.get("en").map_or("?", String::as_str);
        for v in list(term, "variants", &mut problems) {
            let key = fold(&v);
            if let Some(other) = variant_of.insert(key.clone(), en).filter(|o| *o != en) {
                problems.push(format!("glossary variant `{v}` leads to both `{other}` and `{en}`"));
            }
            if let Some(other) = own_words.get(&key).filter(|o| **o != en) {
                problems.push(format!("glossary term `{en}`: variant `{v}` is the word of `{other}`"));
            }
        }
        for key in term.keys() {
            let known = ["en", "note", "variants"].contains(&key.as_str())
                || ["", "avoid-", "typed-", "keep-"]
                    .iter()
                    .any(|prefix| key.strip_prefix(prefix).and_then(Locale::from_code).is_some_and(|l| key.ends_with(l.code())));
            if !known {
                problems.push(format!("glossary term `{en}`: unknown key `{key}`"));
            }
        }
        for lang in Locale::ALL {
            let code = lang.code();
            let Some(chosen) = term.get(code) else { continue };
            let rule = Rule {
                lang,
                chosen: chosen.clone(),
                avoid: list(term, &format!("avoid-{code}"), &mut problems),
                typed: list(term, &format!("typed-{code}"), &mut problems),
                keep: list(term, &format!("keep-{code}"), &mut problems),
            };
            for t in rule.typed.iter().filter(|t| !rule.avoid.contains(t)) {
                problems.push(format!("glossary term `{en}`: typed-{code} `{t}` is not one of its avoid-{code} variants"));
            }
            if rule.avoid.is_empty() && !(rule.typed.is_empty() && rule.keep.is_empty()) {
                problems.push(format!("glossary term `{en}`: typed-{code} or keep-{code} without avoid-{code}"));
            }
            if !rule.avoid.is_empty() {
                rules.push(rule);
            }
        }
    }
    if problems.is_empty() {
        Ok(rules)
    } else {
        Err(problems)
    }
}

/// Text to search, with the bytes no variant may match: inline code in a body.
#[derive(Debug, Default)]
struct Prose {
    text: String,
    hidden: Vec<bool>,
}

impl Prose {
    fn plain(text: &str) -> Prose {
        let mut p = Prose::default();
        p.push(text, false);
        p
    }

    fn push(&mut self, text: &str, hidden: bool) {
        self.text.push_str(text);
        self.hidden.resize(self.text.len(), hidden);
    }

    /// The prose of a Markdown body: text, headings, link text and table cells; code
    /// blocks are left out and inline code is hidden. Blocks are separated by a line break.
    fn of_markdown(markdown: &str) -> Prose {
        let mut options = Options::empty();
        options.insert(Options::ENABLE_TABLES);
        options.insert(Options::ENABLE_STRIKETHROUGH);
        let mut p = Prose::default();
        let mut in_code_block = false;
        for event in Parser::new_ext(markdown, options) {
            match event {
                Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
                Event::End(TagEnd::CodeBlock) => {
                    in_code_block = false;
                    p.push("\n", false);
                }
                _ if in_code_block => {}
                Event::Text(t) => p.push(&t, false),
                // Raw HTML is escaped when rendered, so a reader sees it as text.
                Event::Html(t) | Event::InlineHtml(t) => p.push(&t, false),
                Event::Code(c) => p.push(&c, true),
                Event::SoftBreak => p.push(" ", false),
                Event::HardBreak => p.push("\n", false),
                Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. })
                | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image) => {}
                Event::Start(_) | Event::End(_) => p.push("\n", false),
                _ => {}
            }
        }
        p
    }
}

/// One rejected variant found: which, and the text around it with the variant in [ ].
#[derive(Debug)]
struct Hit {
    variant: String,
    context: String,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The rejected variants of `rule` in `prose`, each occurrence once.
fn hits(rule: &Rule, prose: &Prose, field: Field) -> Vec<Hit> {
    let text = prose.text.as_str();
    let mut hidden = prose.hidden.clone();
    for phrase in rule.keep.iter().chain([&rule.chosen]) {
        for (at, _) in text.match_indices(phrase.as_str()) {
            hidden[at..at + phrase.len()].fill(true);
        }
    }
    // A hidden neighbour is not part of a word: blanked text and inline code separate words.
    let word_char_at = |at: usize, c: char| is_word_char(c) && !hidden[at];
    let mut found = Vec::new();
    for variant in &rule.avoid {
        if field.keeps_typed_variants() && rule.typed.contains(variant) {
            continue;
        }
        for (at, _) in text.char_indices().filter(|(at, _)| text[*at..].starts_with(variant.as_str())) {
            let end = at + variant.len();
            if hidden[at..end].iter().any(|h| *h) {
                continue;
            }
            if rule.lang == Locale::Id {
                let joined_before = text[..at].char_indices().next_back().is_some_and(|(i, c)| word_char_at(i, c));
                let joined_after = text[end..].chars().next().is_some_and(|c| word_char_at(end, c));
                if joined_before || joined_after {
                    continue;
                }
            }
            found.push(Hit { variant: variant.clone(), context: context(text, at, end) });
        }
    }
    found
}

/// Up to 12 characters either side of `text[at..end]`, on one line, the match in [ ].
fn context(text: &str, at: usize, end: usize) -> String {
    let before: String = text[..at].chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
    let after: String = text[end..].chars().take(12).collect();
    format!("…{before}[{}]{after}…", &text[at..end]).replace(['\n', '\t'], " ")
}

/// Every rejected variant in the knowledge base at `root`, one line each.
fn offences(root: &Path) -> Vec<String> {
    let rules = match rules(&std::fs::read_to_string(root.join("glossary.toml")).expect("glossary.toml")) {
        Ok(rules) => rules,
        Err(problems) => return problems,
    };
    let store = ContentStore::load(root).unwrap_or_else(|e| panic!("{e}"));
    let mut out = Vec::new();
    let mut report = |place: &str, field: Field, rule: &Rule, text: &Prose| {
        for hit in hits(rule, text, field) {
            out.push(format!("{place} {}: `{}` in {:?} (use {})", field.name(), hit.variant, hit.context, rule.chosen));
        }
    };
    for e in store.all() {
        let place = format!("entries/{}/{}.md", e.id, e.lang.code());
        let mut fields = vec![(Field::Title, Prose::plain(&e.title)), (Field::Summary, Prose::plain(&e.summary))];
        fields.extend(e.tags.iter().map(|t| (Field::Tag, Prose::plain(t))));
        fields.extend(e.synonyms.iter().map(|s| (Field::Synonym, Prose::plain(s))));
        fields.extend(e.symptoms.iter().map(|s| (Field::Symptom, Prose::plain(s))));
        fields.push((Field::Body, Prose::of_markdown(&e.body)));
        for (field, text) in &fields {
            for rule in rules.iter().filter(|r| r.lang == e.lang) {
                report(&place, *field, rule, text);
            }
        }
    }
    for (wizard, search) in store.wizards() {
        for (lang, words) in &search.keywords {
            let place = format!("wizards.toml [{}] {}", wizard.id(), lang.code());
            for word in words {
                for rule in rules.iter().filter(|r| r.lang == *lang) {
                    report(&place, Field::WizardWord, rule, &Prose::plain(word));
                }
            }
        }
    }
    out
}

#[test]
fn entries_use_the_chosen_term_not_its_rejected_variants() {
    let found = offences(&crate::support::content_dir());
    assert!(
        found.is_empty(),
        "{} rejected glossary variant(s) in content/ (see the header of content/glossary.toml):\n{}",
        found.len(),
        found.join("\n")
    );
}

fn rule(lang: Locale, chosen: &str, avoid: &[&str], typed: &[&str], keep: &[&str]) -> Rule {
    let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
    Rule { lang, chosen: chosen.into(), avoid: owned(avoid), typed: owned(typed), keep: owned(keep) }
}

#[test]
fn the_variant_matcher_follows_the_glossary_rules() {
    let pod = || rule(Locale::Id, "Pod", &["pod"], &["pod"], &[]);
    let berkas = || rule(Locale::Id, "file", &["berkas", "berkasnya"], &["berkas"], &[]);
    let ha = || rule(Locale::ZhTw, "高可用性", &["高可用"], &["高可用"], &["叢集高可用架構推薦配置"]);
    let console = || rule(Locale::ZhTw, "主控台", &["控制台", "控制臺"], &["控制台"], &["Container Service控制台權限依賴"]);
    let user = || rule(Locale::Ja, "ユーザー", &["お客様", "利用者"], &[], &[]);
    let cases: Vec<(&str, Rule, Field, &str, &[&str])> = vec![
        ("id: a whole lowercase word", pod(), Field::Body, "Hapus pod lalu buat ulang pod itu.", &["pod", "pod"]),
        ("id: case-sensitive", pod(), Field::Body, "Hapus Pod lalu buat ulang Pod itu.", &[]),
        ("id: inside a longer word", pod(), Field::Body, "podman, pods, kubepod dan pod_name", &[]),
        ("id: a hyphen ends the word", pod(), Field::Body, "pod-nya dan pod-pod lain", &["pod", "pod", "pod"]),
        ("id: at the ends of the text", pod(), Field::Title, "pod", &["pod"]),
        ("id: a suffix is another word", berkas(), Field::Body, "Buka berkasnya, lalu berkas log.", &["berkas", "berkasnya"]),
        ("id: typed variant in synonyms", berkas(), Field::Synonym, "berkas log", &[]),
        ("id: typed variant in wizard words", pod(), Field::WizardWord, "pod pending", &[]),
        ("id: typed variant not in tags", pod(), Field::Tag, "pod pending", &["pod"]),
        ("id: untyped variant not in synonyms", berkas(), Field::Synonym, "berkasnya hilang", &["berkasnya"]),
        ("zh-TW: substring", ha(), Field::Body, "建議使用多可用區高可用部署", &["高可用"]),
        ("zh-TW: the chosen word is blanked", ha(), Field::Body, "高可用性建議設定", &[]),
        ("zh-TW: keep phrases are blanked", ha(), Field::Body, "參閱《叢集高可用架構推薦配置》。", &[]),
        ("zh-TW: the rest still counts", ha(), Field::Summary, "叢集高可用架構推薦配置與高可用", &["高可用"]),
        ("zh-TW: typed variant in synonyms", ha(), Field::Synonym, "master 高可用", &[]),
        ("zh-TW: typed variant not in titles", ha(), Field::Title, "master 高可用", &["高可用"]),
        ("zh-TW: keep phrase for a product title", console(), Field::Body, "見 Container Service控制台權限依賴。", &[]),
        ("zh-TW: every variant", console(), Field::Body, "ECS 控制台與 RAM 控制臺", &["控制台", "控制臺"]),
        ("zh-TW: untyped variant not in synonyms", console(), Field::Synonym, "RAM 控制臺", &["控制臺"]),
        ("ja: substring with no word boundaries", user(), Field::Body, "利用者のECSとお客様側", &["お客様", "利用者"]),
    ];
    let mut failures = Vec::new();
    for (name, rule, field, text, want) in &cases {
        let got: Vec<String> = hits(rule, &Prose::plain(text), *field).into_iter().map(|h| h.variant).collect();
        let mut got_sorted = got.clone();
        got_sorted.sort();
        let mut want_sorted: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        want_sorted.sort();
        if got_sorted != want_sorted {
            failures.push(format!("{name}: {text:?} as {}: expected {want:?}, got {got:?}", field.name()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn only_body_prose_is_searched_not_code() {
    let pod = rule(Locale::Id, "Pod", &["pod"], &["pod"], &[]);
    let ha = rule(Locale::ZhTw, "高可用性", &["高可用"], &["高可用"], &[]);
    let cases: &[(&Rule, &str, &[&str])] = &[
        (&pod, "Jalankan:\n\n```bash\nkubectl delete pod x\n```\n\nSelesai.", &[]),
        (&pod, "Perintah `kubectl get pod` menampilkan Pod.", &[]),
        (&pod, "Lihat [Jaringan pod tidak terhubung](entry:x).", &["pod"]),
        (&pod, "## Memeriksa pod\n\n| kolom | isi |\n| --- | --- |\n| nama | pod ini |\n", &["pod", "pod"]),
        (&pod, "Pod **pod** _pod_", &["pod", "pod"]),
        (&pod, "`x`pod`y`", &["pod"]),
        (&ha, "部署`高可`用", &[]),
        (&ha, "## 高可\n\n用", &[]),
        (&ha, "- 一**高可用**二", &["高可用"]),
    ];
    for (rule, markdown, want) in cases {
        let got: Vec<String> = hits(rule, &Prose::of_markdown(markdown), Field::Body).into_iter().map(|h| h.variant).collect();
        assert_eq!(&got, want, "{markdown:?}");
    }
}

/// The whole check over a small knowledge base: every offence is listed, with its file,
/// field, variant and context, and code and `errors` are left alone.
#[test]
fn every_rejected_variant_is_reported_with_file_field_and_context() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "glossary.toml",
        "[[term]]\nen = \"Pod\"\nzh = \"Pod\"\nzh-TW = \"Pod\"\nid = \"Pod\"\nja = \"Pod\"\navoid-id = \"pod\"\ntyped-id = \"pod\"\n\n\
         [[term]]\nen = \"so that\"\nzh = \"以便\"\nzh-TW = \"以便\"\nid = \"agar\"\nja = \"ように\"\navoid-id = \"supaya\"\n",
    );
    let entry = |title: &str, extra: &str, body: &str| {
        format!("+++\nid = \"good-one\"\ntitle = \"{title}\"\nsummary = \"S\"\ncategory = \"network\"\nupdated = 2026-01-08\nsources = [\"x\"]\n{extra}+++\n{body}\n")
    };
    for lang in ["zh", "zh-TW", "ja"] {
        write(&format!("entries/good-one/{lang}.md"), &entry("pod supaya", "", "pod supaya"));
    }
    write(
        "entries/good-one/id.md",
        &entry(
            "Pod pending",
            "tags = [\"pod pending\"]\nsynonyms = [\"pod pending\", \"supaya jalan\"]\nerrors = [\"pod <NAME> not found\"]\n",
            "Pod pertama.\n\n```bash\nkubectl get pod\n```\n\nLalu pod kedua dan `pod` ketiga, lalu pod keempat.",
        ),
    );
    let words = |lang: &str, w: &str| format!("{lang} = [{w}]\n");
    let wizards: String = app::wizard::WizardId::IDS
        .iter()
        .map(|id| {
            let id_words = if *id == "acl" { r#""pod pending", "supaya cepat""# } else { r#""pod""# };
            format!("[{id}]\ncategory = \"network\"\n{}{}{}{}", words("zh", "\"x\""), words("zh-TW", "\"x\""), words("id", id_words), words("ja", "\"x\""))
        })
        .collect();
    write("wizards.toml", &wizards);
    let found = offences(root);
    let expected = [
        ("entries/good-one/id.md tags: `pod`", "[pod] pending"),
        ("entries/good-one/id.md synonyms: `supaya`", "[supaya] jalan"),
        ("entries/good-one/id.md body: `pod`", "Lalu [pod] kedua"),
        ("entries/good-one/id.md body: `pod`", "lalu [pod] keempat"),
        ("wizards.toml [acl] id words: `supaya`", "[supaya] cepat"),
    ];
    let matches = |line: &String, (place, context): &(&str, &str)| line.starts_with(place) && line.contains(context);
    assert!(
        found.len() == expected.len() && found.iter().zip(&expected).all(|(line, want)| matches(line, want)),
        "expected {expected:?}, got:\n{}",
        found.join("\n")
    );
}

#[test]
fn misspelt_glossary_keys_and_lists_are_errors() {
    let term = |extra: &str| format!("[[term]]\nen = \"x\"\nzh = \"x\"\nzh-TW = \"x\"\nid = \"x\"\nja = \"x\"\n{extra}");
    let cases = [
        ("avoid-zh-tw = \"y\"\n", "unknown key `avoid-zh-tw`"),
        ("avoid-en = \"y\"\n", "unknown key `avoid-en`"),
        ("avoid-id = \"a|b\"\n", "is not written \"a | b | c\""),
        ("avoid-id = \"a | \"\n", "is not written \"a | b | c\""),
        ("avoid-id = \"a\"\ntyped-id = \"b\"\n", "typed-id `b` is not one of its avoid-id variants"),
        ("keep-ja = \"y\"\n", "typed-ja or keep-ja without avoid-ja"),
        ("variants = \"a|b\"\n", "is not written \"a | b | c\""),
    ];
    for (extra, want) in cases {
        let err = rules(&term(extra)).map(|_| ()).unwrap_err().join("\n");
        assert!(err.contains(want), "{extra:?}: expected `{want}` in\n{err}");
    }
    assert_eq!(rules(&term("avoid-id = \"a | b\"\ntyped-id = \"b\"\nkeep-id = \"a c\"\nnote = \"n\"\n")).unwrap().len(), 1);
    // A variant leads to one term only, and is never another term's own word.
    let two = |a: &str, b: &str| format!("{}{}", term(a), term(b).replace("\"x\"", "\"z\""));
    let err = rules(&two("variants = \"lb\"\n", "variants = \"LB\"\n")).unwrap_err().join("\n");
    assert!(err.contains("glossary variant `LB` leads to both `x` and `z`"), "{err}");
    let err = rules(&two("variants = \"Z\"\n", "")).unwrap_err().join("\n");
    assert!(err.contains("variant `Z` is the word of `z`"), "{err}");
    assert!(rules(&two("variants = \"x1 | X2\"\n", "variants = \"z1\"\n")).is_ok());
    // As the search folds them: scripts, widths and bracketed parts of a term's word.
    let err = rules(&two("variants = \"白名單\"\n", "variants = \"白名单\"\n")).unwrap_err().join("\n");
    assert!(err.contains("leads to both"), "{err}");
    let acl = format!("{}{}", term("variants = \"ＡＣＬ\"\n"), term("").replace("zh = \"x\"", "zh = \"访问控制列表 (ACL)\"").replace("en = \"x\"", "en = \"z\""));
    let err = rules(&acl).unwrap_err().join("\n");
    assert!(err.contains("variant `ＡＣＬ` is the word of `z`"), "{err}");
}
