//! Loads the knowledge base from `content/`.
//!
//! Layout: `content/entries/<id>/<locale>.md`, each file TOML front matter between `+++`
//! lines, then Markdown. [`ContentPath`] knows what each part of a path means; everything
//! that is wrong with an entry is reported with its file, and stops start-up.

use crate::highrisk::{self, HighRiskTable, HIGH_RISK_ENTRY};
use crate::ids::check_id;
use crate::markdown::{self, MarkdownOptions, Rendered};
use app::locale::Locale;
use app::model::{urls, ArticleSummary, ArticleView, Category};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The wizards that can be linked to: every wizard there is. (Markdown rendering keeps a
/// link to a wizard missing from this list as text, for wizards named before they exist.)

/// Where the wizards' search words live, under the content folder.
pub const WIZARDS_FILE: &str = "wizards.toml";

/// A wizard's place in search: its category and the words people type for it.
#[derive(Debug, Clone)]
pub struct WizardSearch {
    pub category: Category,
    pub keywords: BTreeMap<Locale, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WizardSearchFile {
    category: String,
    zh: Vec<String>,
    #[serde(rename = "zh-TW")]
    zh_tw: Vec<String>,
    id: Vec<String>,
    ja: Vec<String>,
}

/// The placeholders that may stand for the variable parts of an error signature.
pub const ERROR_PLACEHOLDERS: [&str; 10] =
    ["TIMESTAMP", "IP", "CIDR", "PORT", "NUMBER", "UUID", "HEX", "NAME", "PATH", "ID"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: String,
    title: String,
    summary: String,
    category: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    synonyms: Vec<String>,
    /// What a reader sees, told in a reader's words (searched as its own field, not shown).
    #[serde(default)]
    symptoms: Vec<String>,
    #[serde(default)]
    errors: Vec<String>,
    #[serde(default)]
    related: Vec<String>,
    #[serde(default)]
    wizard: Option<String>,
    /// Former ids (after a rename, split or merge) that still lead here.
    #[serde(default)]
    aliases: Vec<String>,
    updated: toml::value::Datetime,
    sources: Vec<String>,
}

/// One entry in one locale, ready to serve.
#[derive(Clone, Debug)]
pub struct LocalizedEntry {
    pub id: String,
    pub lang: Locale,
    pub title: String,
    pub summary: String,
    pub category: Category,
    pub tags: Vec<String>,
    pub synonyms: Vec<String>,
    /// How readers describe what they see, in their own words: searched, not shown.
    pub symptoms: Vec<String>,
    pub errors: Vec<String>,
    pub related: Vec<String>,
    pub wizard: Option<String>,
    /// Former ids that still lead to this entry (the same in every locale).
    pub aliases: Vec<String>,
    /// `YYYY-MM-DD`.
    pub updated: String,
    pub sources: Vec<String>,
    /// The Markdown after the front matter. It is rendered when it is shown, not kept
    /// rendered: pages are kept whole by the page cache, and a large knowledge base would
    /// otherwise hold every entry three times over.
    pub body: String,
}

impl LocalizedEntry {
    /// The body as HTML, plain text, headings and links.
    pub fn rendered(&self) -> Rendered {
        markdown::render(&self.body, self.lang, &MarkdownOptions::for_locale(self.lang))
    }

    pub fn url(&self) -> String {
        urls::entry(self.lang, &self.id)
    }

    pub fn summary_view(&self) -> ArticleSummary {
        ArticleSummary {
            id: self.id.clone(),
            lang: self.lang,
            title: self.title.clone(),
            summary: self.summary.clone(),
            category: self.category,
            url: self.url(),
            updated: self.updated.clone(),
        }
    }
}

/// Every entry, each in all four locales.
#[derive(Debug, Default)]
pub struct ContentStore {
    entries: BTreeMap<String, BTreeMap<Locale, LocalizedEntry>>,
    /// A SHA-256 over every file of the knowledge base, names included.
    fingerprint: String,
    high_risk: HighRiskTable,
    wizards: BTreeMap<app::wizard::WizardId, WizardSearch>,
    check_rules: crate::check::rules::Rules,
    /// Every alias and the id of the entry it leads to.
    aliases: BTreeMap<String, String>,
    /// The published link targets (`links.toml`), empty when the content has none.
    links: crate::links::Registry,
    /// The glossary's variants, for query expansion (`glossary.toml`).
    expansions: crate::glossary::Expansions,
    /// Informal Indonesian words and their standard forms (`informal-id.toml`).
    informal: crate::querytext::Informal,
}

impl ContentStore {
    pub fn get(&self, id: &str, lang: Locale) -> Option<&LocalizedEntry> {
        self.entries.get(id)?.get(&lang)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.entries.contains_key(id)
    }

    /// The current id for an entry's id or one of its aliases.
    pub fn resolve<'a>(&'a self, id: &'a str) -> Option<&'a str> {
        if let Some((current, _)) = self.entries.get_key_value(id) {
            return Some(current);
        }
        self.aliases.get(id).map(String::as_str)
    }

    /// The entry an alias leads to (None for a current id or an unknown one).
    pub fn alias_target(&self, alias: &str) -> Option<&str> {
        self.aliases.get(alias).map(String::as_str)
    }

    /// An entry's aliases.
    pub fn aliases_of(&self, id: &str) -> &[String] {
        self.get(id, Locale::DEFAULT).map_or(&[], |e| e.aliases.as_slice())
    }

    /// The published link targets (`links.toml`).
    pub fn links(&self) -> &crate::links::Registry {
        &self.links
    }

    /// The glossary's variants and the terms they expand to (none without `glossary.toml`).
    pub fn expansions(&self) -> &crate::glossary::Expansions {
        &self.expansions
    }

    /// Informal Indonesian words and their standard forms (none without `informal-id.toml`).
    pub fn informal_words(&self) -> &crate::querytext::Informal {
        &self.informal
    }

    /// The published link targets with their addresses and titles in `lang`, or in every
    /// locale. An entry published under a former id is listed under its current id.
    pub fn published_links(&self, lang: Option<Locale>) -> crate::links::LinksView {
        use crate::links::{EntryLink, LinksView, OperationLink, WizardFieldLink, WizardLink};
        use app::wizard::{flow, WizardId};
        let langs: Vec<Locale> = lang.map_or_else(|| Locale::ALL.to_vec(), |l| vec![l]);
        let per_locale = |f: &dyn Fn(Locale) -> Option<String>| -> BTreeMap<String, String> {
            langs.iter().filter_map(|l| Some((l.code().to_owned(), f(*l)?))).collect()
        };
        let mut ids: Vec<&str> = self.links.entries.iter().filter_map(|id| self.resolve(id)).collect();
        ids.sort_unstable();
        ids.dedup();
        let entries = ids
            .into_iter()
            .map(|id| EntryLink {
                id: id.to_owned(),
                aliases: self.aliases_of(id).to_vec(),
                go: urls::go(id),
                urls: per_locale(&|l| Some(urls::entry(l, id))),
                titles: per_locale(&|l| self.get(id, l).map(|e| e.title.clone())),
            })
            .collect();
        let operations = self
            .high_risk
            .operations
            .iter()
            .filter(|o| self.links.operations.contains(&o.key))
            .map(|o| OperationLink {
                key: o.key.clone(),
                go: urls::go(&o.key),
                urls: per_locale(&|l| Some(HighRiskTable::url(l, &o.key))),
                titles: per_locale(&|l| o.texts.get(&l).map(|t| t.operation.clone())),
            })
            .collect();
        let wizards = WizardId::ALL
            .into_iter()
            .filter_map(|w| Some((w, self.links.wizards.get(w.id())?)))
            .map(|(w, published)| {
                let fields: Vec<&'static str> = w.field_names().filter(|f| published.fields.contains(*f)).collect();
                let example: app::wizard::Inputs = w
                    .steps()
                    .first()
                    .and_then(|s| s.fields.iter().find_map(|f| match f.kind {
                        app::wizard::FieldKind::Choice(options) => Some((f.name.to_owned(), options.first()?.to_string())),
                        _ => None,
                    }))
                    .into_iter()
                    .collect();
                WizardLink {
                    name: w.id().to_owned(),
                    urls: per_locale(&|l| Some(urls::wizard(l, w.id()))),
                    titles: per_locale(&|l| Some(w.title(l).to_owned())),
                    steps: flow::form_steps(w).map(|s| s.id).chain([flow::RESULT]).filter(|s| published.steps.contains(*s)).map(str::to_owned).collect(),
                    fields: fields
                        .into_iter()
                        .map(|f| WizardFieldLink { name: f.to_owned(), labels: per_locale(&|l| Some(w.field_text(f, l).label.to_owned())) })
                        .collect(),
                    examples: per_locale(&|l| Some(flow::page_url(w, l, flow::Position::Step(0), false, &example))),
                }
            })
            .collect();
        let kinds: Vec<crate::links::CheckKindLink> = app::check::OutputKind::ALL
            .into_iter()
            .filter(|k| self.links.checks.contains(k.id()))
            .map(|k| crate::links::CheckKindLink { kind: k.id().to_owned(), names: per_locale(&|l| Some(app::check::kind_name(k, l).to_owned())) })
            .collect();
        let check = crate::links::CheckLink {
            urls: per_locale(&|l| Some(urls::check(l))),
            example: per_locale(&|l| Some(format!("{}&kind=sysctl", urls::check_with(l, "net.ipv4.ip_forward = 0")))),
            kinds,
        };
        LinksView { lang, entries, operations, wizards, check }
    }

    /// What links can reach now: entries, aliases, operation rows, wizards and their fields.
    pub fn link_targets(&self) -> crate::links::Targets {
        crate::links::Targets {
            entries: self.entries.keys().cloned().collect(),
            aliases: self.aliases.clone(),
            operations: self.high_risk.operations.iter().map(|o| o.key.clone()).collect(),
            wizards: crate::links::Targets::wizards_now(),
            checks: crate::links::Targets::checks_now(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    pub fn locales_of(&self, id: &str) -> Vec<Locale> {
        self.entries.get(id).map(|m| m.keys().copied().collect()).unwrap_or_default()
    }

    /// Every entry of one locale, in id order.
    pub fn in_locale(&self, lang: Locale) -> impl Iterator<Item = &LocalizedEntry> {
        self.entries.values().filter_map(move |m| m.get(&lang))
    }

    /// Every localized entry.
    pub fn all(&self) -> impl Iterator<Item = &LocalizedEntry> {
        self.entries.values().flat_map(|m| m.values())
    }

    pub fn article_view(&self, id: &str, lang: Locale) -> Option<ArticleView> {
        let e = self.get(id, lang)?;
        let rendered = e.rendered();
        Some(ArticleView {
            id: e.id.clone(),
            lang,
            title: e.title.clone(),
            summary: e.summary.clone(),
            category: e.category,
            tags: e.tags.clone(),
            updated: e.updated.clone(),
            url: e.url(),
            body_html: rendered.html,
            plain_text: rendered.plain_text,
            headings: rendered.headings,
            locales: self.locales_of(id),
            related: e
                .related
                .iter()
                .filter_map(|r| self.get(self.resolve(r)?, lang).map(LocalizedEntry::summary_view))
                .collect(),
            high_risk: if id == HIGH_RISK_ENTRY { self.high_risk.view(lang) } else { Vec::new() },
            wizard: e.wizard.clone(),
            steps: rendered.steps,
            errors: e.errors.clone(),
        })
    }

    pub fn high_risk(&self) -> &HighRiskTable {
        &self.high_risk
    }

    /// The wizards' search words (empty when the content has no `wizards.toml`).
    pub fn wizards(&self) -> &BTreeMap<app::wizard::WizardId, WizardSearch> {
        &self.wizards
    }

    /// Reads and checks `<root>/entries`. Every problem found is reported, not just the first.
    pub fn load(root: &Path) -> Result<ContentStore, ContentErrors> {
        let store = ContentStore::read(root)?;
        store.check_bodies(root)?;
        Ok(store)
    }

    /// Reads `<root>` and checks everything but the entries' bodies (their Markdown and
    /// the links in it), which [`ContentStore::check_bodies`] renders and checks. Files
    /// are read on every core at once.
    pub fn read(root: &Path) -> Result<ContentStore, ContentErrors> {
        ContentStore::read_checking_links(root, true)
    }

    /// [`ContentStore::read`], with or without checking that every published link
    /// target still resolves (`server links` reads the content to extend the registry,
    /// so it must read content whose registry is behind).
    pub fn read_checking_links(root: &Path, check_links: bool) -> Result<ContentStore, ContentErrors> {
        let mut errors = ContentErrors::default();
        let mut store = ContentStore::default();
        let entries_dir = root.join("entries");
        let dirs = match read_dir_sorted(&entries_dir) {
            Ok(d) => d,
            Err(e) => {
                errors.push(&entries_dir, format!("cannot read the entries folder: {e}"));
                return Err(errors);
            }
        };
        let mut files = Vec::new();
        for dir in dirs {
            if !dir.is_dir() {
                errors.push(&dir, "only entry folders belong in content/entries".into());
                continue;
            }
            match read_dir_sorted(&dir) {
                Ok(f) => files.extend(f),
                Err(e) => errors.push(&dir, format!("cannot read the folder: {e}")),
            }
        }
        let mut fingerprint = Sha256::new();
        for (file, read) in files.iter().zip(read_all(&entries_dir, &files)) {
            match read {
                Err(reason) => errors.push(file, reason),
                Ok((path, entry, digest)) => {
                    fingerprint.update(file.strip_prefix(root).unwrap_or(file).to_string_lossy().as_bytes());
                    fingerprint.update(digest);
                    store.entries.entry(path.id.clone()).or_default().insert(path.lang, entry);
                }
            }
        }
        for name in [highrisk::FILE, WIZARDS_FILE, crate::check::rules::FILE, crate::links::FILE, crate::glossary::FILE, crate::querytext::INFORMAL_FILE] {
            fingerprint.update(name.as_bytes());
            fingerprint.update(std::fs::read(root.join(name)).unwrap_or_default());
        }
        store.fingerprint = fingerprint.finalize().iter().map(|b| format!("{b:02x}")).collect();
        store.load_high_risk(root, &mut errors);
        store.check_aliases(&entries_dir, &mut errors);
        store.check_related(&entries_dir, &mut errors);
        store.load_wizards(root, &mut errors);
        store.load_check_rules(root, &mut errors);
        store.load_links(root, check_links, &mut errors);
        store.load_search_words(root, &mut errors);
        if store.is_empty() && errors.is_empty() {
            errors.push(&entries_dir, "the knowledge base has no entries".into());
        }
        if errors.is_empty() {
            Ok(store)
        } else {
            Err(errors)
        }
    }

    /// Renders every body and checks its links: allowed targets, known wizards, existing
    /// entries. Needed once per version of the knowledge base (see [`ContentStore::fingerprint`]).
    pub fn check_bodies(&self, root: &Path) -> Result<(), ContentErrors> {
        let entries_dir = root.join("entries");
        let all: Vec<&LocalizedEntry> = self.all().collect();
        let problems = on_every_core(&all, |e| check_body(e, |id| self.resolve(id).is_some(), |id| self.resolve(id).is_some() || self.high_risk.get(id).is_some()));
        let mut errors = ContentErrors::default();
        for (e, found) in all.iter().zip(problems) {
            let file = entries_dir.join(&e.id).join(format!("{}.md", e.lang.code()));
            for reason in found {
                errors.push(&file, reason);
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// What identifies this version of the knowledge base: a SHA-256 over all its files.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The high-risk operations table is required once its entry exists.
    fn load_high_risk(&mut self, root: &Path, errors: &mut ContentErrors) {
        let path = root.join(highrisk::FILE);
        if !path.exists() && !self.contains(HIGH_RISK_ENTRY) {
            return;
        }
        match HighRiskTable::load(&path, |id| self.contains(id)) {
            Err(reason) => errors.push(&path, reason),
            Ok(table) => self.high_risk = table,
        }
    }

    /// The glossary's variants and the informal Indonesian words; both files are optional.
    fn load_search_words(&mut self, root: &Path, errors: &mut ContentErrors) {
        let read = |name: &str| -> Option<(std::path::PathBuf, Result<String, String>)> {
            let path = root.join(name);
            path.exists().then(|| {
                let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read: {e}"));
                (path, text)
            })
        };
        if let Some((path, text)) = read(crate::glossary::FILE) {
            match text.and_then(|t| crate::glossary::Expansions::parse(&t)) {
                Ok(x) => self.expansions = x,
                Err(reason) => errors.push(&path, reason),
            }
        }
        if let Some((path, text)) = read(crate::querytext::INFORMAL_FILE) {
            match text.and_then(|t| crate::querytext::parse_informal(&t)) {
                Ok(words) => self.informal = words,
                Err(reason) => errors.push(&path, reason),
            }
        }
    }

    fn load_check_rules(&mut self, root: &Path, errors: &mut ContentErrors) {
        let rules = crate::check::rules::Rules::load(root, |id| self.contains(id), |key| self.high_risk.get(key).is_some());
        match rules {
            Ok(rules) => self.check_rules = rules,
            Err(problems) => {
                let path = root.join(crate::check::rules::FILE);
                for p in problems {
                    errors.push(&path, p);
                }
            }
        }
    }

    /// The output check over this knowledge base: its rules and every entry's error
    /// signatures.
    pub fn checker(&self) -> crate::check::Checker {
        let signatures = self
            .entries
            .iter()
            .flat_map(|(id, locales)| locales.values().flat_map(move |e| e.errors.iter().map(move |s| (id.as_str(), s.as_str()))));
        crate::check::Checker::new(self.check_rules.clone(), signatures)
    }

    fn load_wizards(&mut self, root: &Path, errors: &mut ContentErrors) {
        use app::wizard::WizardId;
        let path = root.join(WIZARDS_FILE);
        if !path.exists() {
            return;
        }
        let parsed: Result<BTreeMap<String, WizardSearchFile>, String> = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|text| toml::from_str(&text).map_err(|e| e.to_string()));
        let raw = match parsed {
            Ok(raw) => raw,
            Err(reason) => return errors.push(&path, reason),
        };
        for (id, w) in raw {
            let Some(wizard) = WizardId::parse(&id) else {
                errors.push(&path, format!("unknown wizard `{id}`"));
                continue;
            };
            let Some(category) = Category::from_id(&w.category) else {
                errors.push(&path, format!("`{id}`: unknown category `{}`", w.category));
                continue;
            };
            let keywords: BTreeMap<Locale, Vec<String>> =
                [(Locale::Zh, w.zh), (Locale::ZhTw, w.zh_tw), (Locale::Id, w.id), (Locale::Ja, w.ja)].into();
            if let Some((lang, _)) = keywords.iter().find(|(_, k)| k.is_empty()) {
                errors.push(&path, format!("`{id}`: no keywords in {}", lang.code()));
            }
            self.wizards.insert(wizard, WizardSearch { category, keywords });
        }
        for w in WizardId::ALL.into_iter().filter(|w| !self.wizards.contains_key(w)) {
            errors.push(&path, format!("wizard `{}` has no search words", w.id()));
        }
    }

    /// An entry's aliases are the same in all four files, and each leads to one entry
    /// only: no alias is an entry's id, an operation row's key or another entry's alias.
    fn check_aliases(&mut self, entries_dir: &Path, errors: &mut ContentErrors) {
        let mut aliases: BTreeMap<String, String> = BTreeMap::new();
        for (id, locales) in &self.entries {
            let Some(first) = locales.get(&Locale::DEFAULT).or_else(|| locales.values().next()) else { continue };
            let file = |lang: Locale| entries_dir.join(id).join(format!("{}.md", lang.code()));
            let sorted = |e: &LocalizedEntry| {
                let mut a = e.aliases.clone();
                a.sort();
                a
            };
            for (lang, e) in locales {
                if sorted(e) != sorted(first) {
                    errors.push(
                        &file(*lang),
                        format!("aliases differ from {}.md's: an entry's aliases are the same in all four files", first.lang.code()),
                    );
                }
            }
            for alias in &first.aliases {
                let reason = if alias == id {
                    Some("an entry cannot be its own alias".to_owned())
                } else if self.entries.contains_key(alias) {
                    Some(format!("alias `{alias}` is the id of an entry"))
                } else if self.high_risk.get(alias).is_some() {
                    Some(format!("alias `{alias}` is the key of a high-risk operation"))
                } else if let Some(other) = aliases.get(alias) {
                    Some(format!("alias `{alias}` is also an alias of `{other}`"))
                } else {
                    None
                };
                match reason {
                    Some(reason) => errors.push(&file(first.lang), reason),
                    None => {
                        aliases.insert(alias.clone(), id.clone());
                    }
                }
            }
        }
        self.aliases = aliases;
    }

    /// The published link targets, each of which must still lead somewhere.
    fn load_links(&mut self, root: &Path, check: bool, errors: &mut ContentErrors) {
        let path = root.join(crate::links::FILE);
        if !path.exists() {
            return;
        }
        let registry = match std::fs::read_to_string(&path).map_err(|e| format!("cannot read: {e}")).and_then(|t| crate::links::Registry::parse(&t)) {
            Ok(r) => r,
            Err(reason) => return errors.push(&path, reason),
        };
        if check {
            for problem in crate::links::check(&registry, &self.link_targets()) {
                errors.push(&path, problem);
            }
        }
        self.links = registry;
    }

    fn check_related(&self, entries_dir: &Path, errors: &mut ContentErrors) {
        for (id, locales) in &self.entries {
            for lang in Locale::ALL {
                if !locales.contains_key(&lang) {
                    errors.push(&entries_dir.join(id).join(format!("{}.md", lang.code())), "missing: every entry exists in zh, zh-TW, id and ja".into());
                }
            }
            for (lang, e) in locales {
                let file = entries_dir.join(id).join(format!("{}.md", lang.code()));
                for r in &e.related {
                    if self.resolve(r).is_none() {
                        errors.push(&file, format!("related id `{r}` does not exist"));
                    }
                    if self.resolve(r) == Some(id.as_str()) {
                        errors.push(&file, "an entry cannot be related to itself".into());
                    }
                }
            }
        }
    }
}

/// The problems of one entry's body. `exists`: an entry id or alias; `goes`: what
/// `/go/<id>` leads to (that, or an operation row's key).
fn check_body(e: &LocalizedEntry, exists: impl Fn(&str) -> bool, goes: impl Fn(&str) -> bool) -> Vec<String> {
    let rendered = e.rendered();
    let mut found = Vec::new();
    if let Some(bad) = rendered.bad_links.first() {
        found.push(format!("link target `{bad}` is not allowed (use https://, entry:<id> or wizard:<name>)"));
    }
    if let Some(w) = rendered.wizard_links.iter().find(|w| app::wizard::WizardId::parse(w).is_none()) {
        found.push(format!("link to unknown wizard `{w}`"));
    }
    for link in rendered.entry_links.iter().filter(|l| !exists(l)) {
        found.push(format!("link to entry `{link}`, which does not exist"));
    }
    for link in rendered.go_links.iter().filter(|l| !goes(l)) {
        found.push(format!("link to `/go/{link}`, which is no entry, alias or operation"));
    }
    found
}

/// `work` applied to every item, on as many threads as there are cores, in order.
fn on_every_core<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let chunk = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items.chunks(chunk).map(|part| scope.spawn(|| part.iter().map(&work).collect::<Vec<R>>())).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

/// Each file read and parsed, with the SHA-256 of its bytes.
fn read_all(entries_dir: &Path, files: &[PathBuf]) -> Vec<Result<(ContentPath, LocalizedEntry, [u8; 32]), String>> {
    on_every_core(files, |file| {
        let path = ContentPath::parse(entries_dir, file)?;
        let text = std::fs::read_to_string(&path.file).map_err(|e| format!("cannot read: {e}"))?;
        let digest: [u8; 32] = Sha256::digest(text.as_bytes()).into();
        let entry = parse_file(&path, &text)?;
        Ok((path, entry, digest))
    })
}

/// What the parts of `content/entries/<id>/<locale>.md` mean.
#[derive(Debug, Clone, PartialEq)]
pub struct ContentPath {
    pub file: PathBuf,
    pub id: String,
    pub lang: Locale,
}

impl ContentPath {
    pub fn parse(entries_dir: &Path, file: &Path) -> Result<ContentPath, String> {
        let rel = file.strip_prefix(entries_dir).map_err(|_| "outside content/entries".to_owned())?;
        let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
        let [id, name] = parts.as_slice() else {
            return Err("expected content/entries/<id>/<locale>.md".into());
        };
        check_id(id)?;
        let Some(code) = name.strip_suffix(".md") else {
            return Err("only .md files belong in an entry folder".into());
        };
        let lang = Locale::from_code(code)
            .filter(|l| l.code() == code)
            .ok_or_else(|| format!("unknown locale `{code}` in the file name; expected zh, zh-TW, id or ja"))?;
        Ok(ContentPath { file: file.to_owned(), id: (*id).to_owned(), lang })
    }
}

/// Splits `+++\n<toml>\n+++\n<markdown>`. Returns the TOML, the Markdown and the line the
/// Markdown starts on.
pub fn split_front_matter(text: &str) -> Result<(&str, &str), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
        .ok_or("the file must start with a `+++` line that opens the front matter")?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let toml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok((toml, body));
        }
        offset += line.len();
    }
    Err("the front matter is not closed by a `+++` line".into())
}

fn parse_file(path: &ContentPath, text: &str) -> Result<LocalizedEntry, String> {
    let (toml_text, body) = split_front_matter(text)?;
    let fm: FrontMatter = toml::from_str(toml_text).map_err(|e| {
        // toml counts lines from the start of the front matter; the file has one more.
        let line = e.span().map(|s| toml_text[..s.start].lines().count().max(1) + 1);
        match line {
            Some(l) => format!("front matter, line {l}: {}", e.message()),
            None => format!("front matter: {}", e.message()),
        }
    })?;
    if fm.id != path.id {
        return Err(format!("front matter id `{}` differs from the folder name `{}`", fm.id, path.id));
    }
    let category = Category::from_id(&fm.category).ok_or_else(|| {
        let known: Vec<&str> = Category::ALL.iter().map(|c| c.id()).collect();
        format!("unknown category `{}`; known: {}", fm.category, known.join(", "))
    })?;
    if fm.title.trim().is_empty() {
        return Err("title is empty".into());
    }
    if fm.summary.trim().is_empty() || fm.summary.contains('\n') {
        return Err("summary must be one non-empty line".into());
    }
    for alias in &fm.aliases {
        check_id(alias).map_err(|e| format!("aliases: {e}"))?;
    }
    if let Some(w) = &fm.wizard {
        if app::wizard::WizardId::parse(w).is_none() {
            return Err(format!("unknown wizard `{w}`; known: {}", app::wizard::WizardId::IDS.join(", ")));
        }
    }
    let updated = match (fm.updated.date, fm.updated.time) {
        (Some(d), None) => format!("{:04}-{:02}-{:02}", d.year, d.month, d.day),
        _ => return Err("updated must be a date such as 2026-01-08".into()),
    };
    if fm.sources.is_empty() {
        return Err("sources must name at least one source document".into());
    }
    for signature in &fm.errors {
        check_error_signature(signature)?;
    }
    if body.trim().is_empty() {
        return Err("the entry has no body".into());
    }
    Ok(LocalizedEntry {
        id: fm.id,
        lang: path.lang,
        title: fm.title.trim().to_owned(),
        summary: fm.summary.trim().to_owned(),
        category,
        tags: fm.tags,
        synonyms: fm.synonyms,
        symptoms: fm.symptoms,
        errors: fm.errors,
        related: fm.related,
        wizard: fm.wizard,
        aliases: fm.aliases,
        updated,
        sources: fm.sources,
        body: body.to_owned(),
    })
}

/// An error signature is literal text with placeholders such as `<TIMESTAMP>`.
pub fn check_error_signature(signature: &str) -> Result<(), String> {
    if signature.trim().is_empty() {
        return Err("an error signature is empty".into());
    }
    let mut rest = signature;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('>') else { break };
        let name = &after[..end];
        let looks_like_placeholder = !name.is_empty() && name.bytes().all(|b| b.is_ascii_uppercase() || b == b'_');
        if looks_like_placeholder && !ERROR_PLACEHOLDERS.contains(&name) {
            return Err(format!(
                "error signature `{signature}` uses the unknown placeholder <{name}>; known: {}",
                ERROR_PLACEHOLDERS.map(|p| format!("<{p}>")).join(" ")
            ));
        }
        rest = &after[end + 1..];
    }
    Ok(())
}

fn read_dir_sorted(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    paths.retain(|p| !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')));
    paths.sort();
    Ok(paths)
}

/// Everything wrong with the content, one line per problem, each naming its file.
#[derive(Debug, Default)]
pub struct ContentErrors(pub Vec<(PathBuf, String)>);

impl ContentErrors {
    fn push(&mut self, file: &Path, reason: String) {
        self.0.push((file.to_owned(), reason));
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "the knowledge base has {} problem(s):", self.0.len())?;
        for (file, reason) in &self.0 {
            writeln!(f, "  {}: {}", file.display(), reason)?;
        }
        Ok(())
    }
}

impl std::error::Error for ContentErrors {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn understands_content_paths() {
        let root = Path::new("/c/entries");
        let ok = ContentPath::parse(root, Path::new("/c/entries/apiserver-x/zh-TW.md")).unwrap();
        assert_eq!((ok.id.as_str(), ok.lang), ("apiserver-x", Locale::ZhTw));
        let cases = [
            ("/c/entries/apiserver-x/en.md", "unknown locale `en`"),
            ("/c/entries/apiserver-x/zh-tw.md", "unknown locale `zh-tw`"),
            ("/c/entries/Bad_Id/zh.md", "not a valid id"),
            ("/c/entries/ok-id/zh.txt", "only .md files"),
            ("/c/entries/zh.md", "expected content/entries/<id>/<locale>.md"),
        ];
        for (path, want) in cases {
            let err = ContentPath::parse(root, Path::new(path)).unwrap_err();
            assert!(err.contains(want), "{path}: {err}");
        }
    }

    #[test]
    fn splits_front_matter_from_the_body() {
        assert_eq!(split_front_matter("+++\na = 1\n+++\nbody\n"), Ok(("a = 1\n", "body\n")));
        assert!(split_front_matter("a = 1\n+++\nbody").unwrap_err().contains("must start"));
        assert!(split_front_matter("+++\na = 1\nbody").unwrap_err().contains("not closed"));
    }

    #[test]
    fn checks_error_signature_placeholders() {
        let cases = [
            ("x509: certificate has expired or is not yet valid: current time <TIMESTAMP> is after <TIMESTAMP>", true),
            ("dial tcp <IP>:6443: i/o timeout", true),
            ("Error from server (Forbidden): pods is forbidden: User \"<NAME>\" cannot list", true),
            ("cannot compare a < b > c", true),
            ("dial tcp <ADDRESS>: timeout", false),
            ("   ", false),
        ];
        for (sig, ok) in cases {
            assert_eq!(check_error_signature(sig).is_ok(), ok, "{sig}");
        }
    }
}
