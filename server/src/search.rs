//! The search index: tantivy, in RAM, built from the content store at start-up.
//!
//! Every localized entry is one document. A query is analyzed by the same tokenizer as
//! the text and turned into a query tree here; user input never reaches tantivy's query
//! parser. Results are grouped by entry and shown in the reader's locale.

use crate::content::{ContentStore, LocalizedEntry};
use crate::highrisk::HighRiskTable;
use crate::markdown::escape;
use crate::masking::{known_error, Signature};
use app::locale::Locale;
use app::model::{urls, Category, CategoryCount, HitKind, SearchHit, SearchResults, MAX_QUERY_CHARS};
use std::collections::HashSet;
use std::path::Path;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING};
use tantivy::tokenizer::TokenStream;
use crate::analysis::{self, AckTokenizer};
use crate::queryterms::{most_telling, weighted_terms, MAX_QUERY_TERMS};
use crate::snippet::Highlighter;
use tantivy::{doc, Index, IndexReader, TantivyDocument, Term};

const TOKENIZER: &str = "ack";
/// Splits the pre-analyzed term lists of the extra fields.
const TERMS_TOKENIZER: &str = "terms";
/// How many documents are ranked before grouping by entry.
const MAX_CANDIDATES: usize = 400;

/// The id of a search document for a high-risk operation row.
const OPERATION_PREFIX: &str = "op:";
/// The id of a search document for a wizard.
const WIZARD_PREFIX: &str = "wiz:";

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    lang: Field,
    title: Field,
    keywords: Field,
    errors: Field,
    /// How readers describe what they see (entries' `symptoms`).
    symptoms: Field,
    summary: Field,
    body: Field,
    /// Chinese dictionary words of zh and zh-TW documents, in Simplified script.
    words: Field,
    /// Japanese words of ja documents, as TinySegmenter cuts them.
    ja_words: Field,
    /// Indonesian stems of id documents.
    stems: Field,
    /// Identifiers kept whole, from every document.
    idents: Field,
}

/// How text is analyzed. The console's own analysis is what serves; the baseline exists
/// so that the benchmark can show what it gains over tantivy's defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Analysis {
    /// CJK bigrams, error signatures and typo tolerance.
    Console,
    /// tantivy's default tokenizer over the same fields and the same query shape.
    TantivyDefault,
}

pub struct SearchIndex {
    analysis: Analysis,
    reader: IndexReader,
    fields: Fields,
    /// (field, boost) pairs that a query searches.
    weighted: Vec<(Field, f32)>,
    /// The error signatures of every entry, masked, for recognizing pasted errors.
    signatures: Vec<Signature>,
    /// The id of each document by segment and document number, so that ranking does not
    /// read the document store.
    doc_ids: Vec<Vec<String>>,
    /// Each localized entry's document, for its stored text (snippets).
    addresses: std::collections::HashMap<(String, Locale), tantivy::DocAddress>,
    /// Every Latin word of the index with the number of documents that have it, for
    /// spelling suggestions.
    vocabulary: std::collections::HashMap<String, u32>,
    /// The words of the fields that tolerate typos (title, keywords, errors: bits 0, 1, 2).
    typos: crate::typos::TypoIndex,
    /// How queries are read before analysis: the knowledge base's katakana words (for
    /// hiragana spellings) and informal Indonesian words.
    query_text: crate::querytext::QueryText,
    /// The Chinese two-character words of the index by sound, for homophone typos.
    homophones: crate::homophones::Homophones,
}

impl SearchIndex {
    pub fn build(store: &ContentStore) -> tantivy::Result<SearchIndex> {
        SearchIndex::build_with(store, Analysis::Console)
    }

    pub fn build_with(store: &ContentStore, analysis: Analysis) -> tantivy::Result<SearchIndex> {
        let (schema, fields) = schema(analysis);
        let index = Index::create_in_ram(schema);
        write_documents(&index, &fields, store, analysis)?;
        SearchIndex::open(index, store, analysis, None)
    }

    /// The index in `dir` for this knowledge base, built there first if it is not there
    /// yet: a large knowledge base starts in a fraction of the time it takes to index it.
    /// `check` runs before a build (the content checks that only a new version needs).
    /// Returns the index and whether it was reused.
    pub fn open_or_build<E>(store: &ContentStore, dir: &Path, check: impl FnOnce() -> Result<(), E>) -> Result<(SearchIndex, bool), OpenError<E>> {
        let key = crate::indexdir::key(store.fingerprint());
        if let Some(path) = crate::indexdir::find(dir, &key) {
            let known = std::fs::read(path.join(DOCS_FILE)).ok().and_then(|b| serde_json::from_slice::<SegmentDocs>(&b).ok());
            if let (Ok(index), Some(known)) = (Index::open_in_dir(&path), known) {
                return Ok((SearchIndex::open(index, store, Analysis::Console, Some(&known)).map_err(OpenError::Index)?, true));
            }
        }
        check().map_err(OpenError::Check)?;
        let path = crate::indexdir::build(dir, &key, |tmp| {
            let (schema, fields) = schema(Analysis::Console);
            let index = Index::create_in_dir(tmp, schema)?;
            write_documents(&index, &fields, store, Analysis::Console)?;
            // Which document is which, so that opening it needs no pass over the stored texts.
            let searcher = index.reader()?.searcher();
            let mut known = SegmentDocs::new();
            for segment in searcher.segment_readers() {
                known.insert(segment.segment_id().uuid_string(), segment_docs(segment, &fields)?);
            }
            let json = serde_json::to_vec(&known).map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))?;
            std::fs::write(tmp.join(DOCS_FILE), json).map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))
        })
        .map_err(OpenError::Io)?;
        let index = Index::open_in_dir(&path).map_err(OpenError::Index)?;
        let known = std::fs::read(path.join(DOCS_FILE)).ok().and_then(|b| serde_json::from_slice::<SegmentDocs>(&b).ok());
        Ok((SearchIndex::open(index, store, Analysis::Console, known.as_ref()).map_err(OpenError::Index)?, false))
    }

    /// A search index over `index`, whose documents `write_documents` wrote.
    fn open(index: Index, store: &ContentStore, analysis: Analysis, known: Option<&SegmentDocs>) -> tantivy::Result<SearchIndex> {
        let schema = index.schema();
        let field = |name: &str| schema.get_field(name);
        let fields = Fields {
            id: field("id")?,
            lang: field("lang")?,
            title: field("title")?,
            keywords: field("keywords")?,
            errors: field("errors")?,
            symptoms: field("symptoms")?,
            summary: field("summary")?,
            body: field("body")?,
            words: field("words")?,
            ja_words: field("ja_words")?,
            stems: field("stems")?,
            idents: field("idents")?,
        };
        index.tokenizers().register(TOKENIZER, AckTokenizer);
        index.tokenizers().register(TERMS_TOKENIZER, tantivy::tokenizer::WhitespaceTokenizer::default());
        let reader = index.reader_builder().reload_policy(tantivy::ReloadPolicy::Manual).try_into()?;
        let searcher = reader.searcher();
        let mut doc_ids = Vec::new();
        let mut addresses = std::collections::HashMap::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let docs = match known.and_then(|k| k.get(&segment.segment_id().uuid_string())) {
                Some(docs) => docs.clone(),
                None => segment_docs(segment, &fields)?,
            };
            let mut ids = Vec::with_capacity(docs.len());
            for (doc, (id, lang)) in docs.into_iter().enumerate() {
                if let Some(lang) = Locale::from_code(&lang) {
                    addresses.insert((id.clone(), lang), tantivy::DocAddress::new(ord as u32, doc as u32));
                }
                ids.push(id);
            }
            doc_ids.push(ids);
        }
        let mut vocabulary: std::collections::HashMap<String, u32> = Default::default();
        let mut typos = crate::typos::TypoIndex::default();
        let mut chinese_words: HashSet<String> = HashSet::new();
        if analysis == Analysis::Console {
            for segment in searcher.segment_readers() {
                let inverted = segment.inverted_index(fields.words)?;
                let mut terms = inverted.terms().stream()?;
                while terms.advance() {
                    if let Ok(word) = std::str::from_utf8(terms.key()) {
                        if word.chars().count() == 2 {
                            chinese_words.insert(word.to_owned());
                        }
                    }
                }
                for (bit, field) in [fields.title, fields.keywords, fields.errors].into_iter().enumerate() {
                    let inverted = segment.inverted_index(field)?;
                    let mut terms = inverted.terms().stream()?;
                    while terms.advance() {
                        if let Ok(word) = std::str::from_utf8(terms.key()) {
                            typos.add(bit as u8, word);
                        }
                    }
                }
                for field in [fields.title, fields.keywords, fields.errors, fields.summary, fields.body] {
                    let inverted = segment.inverted_index(field)?;
                    let mut terms = inverted.terms().stream()?;
                    while terms.advance() {
                        let Ok(word) = std::str::from_utf8(terms.key()) else { continue };
                        if word.len() >= 3 && word.bytes().all(|b| b.is_ascii_lowercase()) {
                            *vocabulary.entry(word.to_owned()).or_default() += terms.value().doc_freq;
                        }
                    }
                }
            }
        }
        let weighted = vec![
            (fields.title, 3.0),
            (fields.keywords, 2.5),
            (fields.errors, 2.0),
            (fields.symptoms, SYMPTOM_BOOST),
            (fields.summary, 1.5),
            (fields.body, 1.0),
        ];
        let mut signatures = Vec::new();
        for id in store.ids().filter(|_| analysis == Analysis::Console) {
            let mut seen = HashSet::new();
            for e in Locale::ALL.into_iter().filter_map(|l| store.get(id, l)) {
                for sig in e.errors.iter().filter(|s| seen.insert(s.as_str())) {
                    signatures.extend(Signature::new(id, sig));
                }
            }
        }
        let mut katakana = HashSet::new();
        if analysis == Analysis::Console {
            for e in store.in_locale(Locale::Ja) {
                for text in [&e.title, &e.summary, &e.body].into_iter().chain(e.tags.iter()).chain(e.synonyms.iter()).chain(e.symptoms.iter()) {
                    crate::querytext::katakana_words(text, &mut katakana);
                }
            }
        }
        let query_text = crate::querytext::QueryText::new(katakana, store.informal_words().clone());
        let homophones = crate::homophones::Homophones::new(chinese_words.iter().map(String::as_str));
        Ok(SearchIndex { analysis, reader, fields, weighted, signatures, doc_ids, addresses, vocabulary, typos, query_text, homophones })
    }

    /// The entry whose error signature the text matches, if any.
    pub fn known_error(&self, text: &str) -> Option<&str> {
        let (cleaned, _) = clean_query(text);
        known_error(&self.signatures, &cleaned).map(|s| s.entry.as_str())
    }

    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Searches every locale and returns one result per entry, in `lang`, best first.
    pub fn search(&self, store: &ContentStore, lang: Locale, raw: &str, page: usize, per_page: usize) -> SearchResults {
        self.search_in(store, lang, raw, page, per_page, None)
    }

    /// Like [`SearchIndex::search`], with results limited to one category. The category
    /// counts (facets) are always those of the unfiltered results.
    pub fn search_in(
        &self,
        store: &ContentStore,
        lang: Locale,
        raw: &str,
        page: usize,
        per_page: usize,
        category: Option<Category>,
    ) -> SearchResults {
        self.search_inner(store, lang, raw, page, per_page, false, category)
    }

    /// Completions for text still being typed: the last word may be unfinished.
    pub fn suggest(&self, store: &ContentStore, lang: Locale, raw: &str, limit: usize) -> Vec<SearchHit> {
        self.suggestions(store, lang, raw, limit).results
    }

    /// [`SearchIndex::suggest`]'s completions with the query as searched.
    pub fn suggestions(&self, store: &ContentStore, lang: Locale, raw: &str, limit: usize) -> SearchResults {
        self.search_inner(store, lang, raw, 1, limit, true, None)
    }

    fn search_inner(
        &self,
        store: &ContentStore,
        lang: Locale,
        raw: &str,
        page: usize,
        per_page: usize,
        last_word_is_prefix: bool,
        category: Option<Category>,
    ) -> SearchResults {
        let (query_text, truncated) = clean_query(raw);
        // A paste is read like an engineer reads it: its own words, then its errors, then
        // the rest of its output, without prompts, times, addresses and healthy rows.
        let reading = match self.analysis {
            Analysis::Console => crate::paste::read(raw),
            Analysis::TantivyDefault => crate::paste::Reading::default(),
        };
        let page = page.max(1);
        let per_page = per_page.clamp(1, 50);
        let mut results = SearchResults {
            query: query_text.clone(),
            lang,
            total: 0,
            truncated,
            page,
            per_page,
            results: Vec::new(),
            facets: Vec::new(),
            category: None,
            alternatives: Vec::new(),
            search_id: None,
            output: false,
        };
        let searcher = self.reader.searcher();
        // The reader's last word and other spellings come from the query as typed.
        let typed_text = query_text.clone();
        // What is searched: the query's own terms, and those the glossary and the spelling
        // add.
        let plan = match self.analysis {
            Analysis::Console => self.plan(&searcher, store, lang, &query_text, &reading),
            Analysis::TantivyDefault => {
                let terms = default_terms(&query_text).into_iter().map(|t| (t, 1.0)).collect();
                Plan { text: query_text, terms, fuzzy: false, ..Plan::default() }
            }
        };
        let (query_text, terms) = (&plan.text, &plan.terms);
        // A known error: the most specific signature that the query, or one of its error
        // lines on its own, matches.
        let known = std::iter::once(query_text.as_str())
            .chain(reading.of(crate::paste::PartKind::Error))
            .filter_map(|t| known_error(&self.signatures, t))
            .max_by_key(|s| s.specificity())
            .map(|s| s.entry.clone());
        let prefix = if last_word_is_prefix { unfinished_word(&typed_text) } else { None };
        let (query, strict) = self.build_query(&plan, prefix.as_deref(), true);
        let Ok(mut top) = searcher.search(&query, &TopDocs::with_limit(MAX_CANDIDATES).order_by_score()) else {
            return results;
        };
        // A question whose bigrams no single entry has enough of still gets the entries
        // that have some of them, best first, rather than nothing.
        if top.is_empty() && strict {
            let (query, _) = self.build_query(&plan, prefix.as_deref(), false);
            top = searcher.search(&query, &TopDocs::with_limit(MAX_CANDIDATES).order_by_score()).unwrap_or_default();
        }
        let mut seen = HashSet::new();
        let mut ranked: Vec<(f32, String)> = Vec::new();
        for (score, address) in top {
            let Some(id) = self.doc_ids.get(address.segment_ord as usize).and_then(|s| s.get(address.doc_id as usize)) else {
                continue;
            };
            if seen.insert(id.as_str()) {
                ranked.push((score, id.clone()));
            }
        }
        // A recognized error's entry is the answer: it goes first, whatever the scores say.
        if let Some(id) = &known {
            let score = ranked.first().map_or(1.0, |(s, _)| *s);
            ranked.retain(|(_, r)| r != id);
            ranked.insert(0, (score, id.clone()));
        }
        // A query that is one of a wizard's own phrases (wizards.toml, in any locale), or
        // while typed begins one, names that wizard: it is offered right after the best
        // answer.
        if let Some(name) = named_wizard(store, &query_text, last_word_is_prefix) {
            let id = format!("{WIZARD_PREFIX}{name}");
            if let Some(pos) = ranked.iter().position(|(_, r)| *r == id) {
                if pos > 1 {
                    let hit = ranked.remove(pos);
                    ranked.insert(1, (ranked[0].0.min(ranked[1].0.max(hit.0)), hit.1));
                }
            }
        }
        // A wizard is offered next to the answer, not instead of it: when a wizard ranks
        // first, the best entry or operation goes before it.
        if ranked.first().is_some_and(|(_, id)| id.starts_with(WIZARD_PREFIX)) {
            if let Some(pos) = ranked.iter().position(|(_, id)| !id.starts_with(WIZARD_PREFIX)) {
                let answer = ranked.remove(pos);
                ranked.insert(0, answer);
            }
        }
        let category_of = |id: &str| -> Option<Category> {
            if id.starts_with(OPERATION_PREFIX) {
                Some(Category::Operations)
            } else if let Some(w) = id.strip_prefix(WIZARD_PREFIX) {
                app::wizard::WizardId::parse(w).and_then(|w| store.wizards().get(&w)).map(|i| i.category)
            } else {
                store.get(id, lang).map(|e| e.category)
            }
        };
        let mut counts: std::collections::BTreeMap<Category, usize> = Default::default();
        for (_, id) in &ranked {
            if let Some(c) = category_of(id) {
                *counts.entry(c).or_default() += 1;
            }
        }
        results.facets = Category::ALL
            .into_iter()
            .filter_map(|c| counts.get(&c).map(|n| CategoryCount { category: c, name: c.name(lang).to_owned(), count: *n, url: urls::category(lang, c) }))
            .collect();
        results.category = category;
        if let Some(only) = category {
            ranked.retain(|(_, id)| category_of(id) == Some(only));
        }
        results.total = ranked.len();
        if ranked.is_empty() && !last_word_is_prefix && category.is_none() {
            results.alternatives = self.other_spellings(&typed_text);
        }
        let shown: Vec<(f32, String)> = ranked.into_iter().skip((page - 1) * per_page).take(per_page).collect();
        // Snippets only for the page shown, weighted as tantivy weighs them.
        let highlighter = if shown.is_empty() {
            Highlighter::default()
        } else {
            Highlighter::new(terms.iter().map(|(t, _)| t).filter_map(|t| {
                let df = searcher.doc_freq(&Term::from_field_text(self.fields.body, t)).ok()?;
                (df > 0).then(|| (t.clone(), 1.0 / (1.0 + df as f32)))
            }))
        };
        for (score, id) in shown {
            if let Some(key) = id.strip_prefix(OPERATION_PREFIX) {
                if let Some(hit) = operation_hit(store, lang, key, score) {
                    results.results.push(hit);
                }
                continue;
            }
            if let Some(name) = id.strip_prefix(WIZARD_PREFIX) {
                if let Some(hit) = wizard_hit(store, lang, name, score) {
                    results.results.push(hit);
                }
                continue;
            }
            let Some(entry) = store.get(&id, lang) else { continue };
            let text = self.stored_text(&searcher, &id, lang);
            let (snippet, snippet_html) = text
                .as_deref()
                .and_then(|t| highlighter.snippet(t))
                .unwrap_or_else(|| (entry.summary.clone(), escape(&entry.summary)));
            results.results.push(SearchHit {
                id: entry.id.clone(),
                lang,
                title: entry.title.clone(),
                url: entry.url(),
                snippet,
                snippet_html,
                score,
                kind: HitKind::Article,
                category: entry.category,
                known_error: known.as_deref() == Some(id.as_str()),
            });
        }
        results
    }

    /// The plain text of an entry's body in one locale, as the index keeps it.
    fn stored_text(&self, searcher: &tantivy::Searcher, id: &str, lang: Locale) -> Option<String> {
        let address = self.addresses.get(&(id.to_owned(), lang))?;
        let doc: TantivyDocument = searcher.doc(*address).ok()?;
        doc.get_first(self.fields.body).and_then(|v| v.as_str()).map(str::to_owned)
    }

    /// Other spellings of a query that found nothing: each Latin word the index does not
    /// know is replaced by the closest word it does know (one edit for short words, two for
    /// longer ones; the more common word wins a tie). Only spellings that find something
    /// are offered.
    fn other_spellings(&self, text: &str) -> Vec<String> {
        let mut corrected = String::with_capacity(text.len());
        let mut last = 0;
        let mut changed = false;
        for token in analysis::tokenize(text) {
            let word = token.text.as_str();
            if word.len() < 4 || !word.bytes().all(|b| b.is_ascii_lowercase()) || self.vocabulary.contains_key(word) {
                continue;
            }
            let max = if word.len() <= 5 { 1 } else { 2 };
            // The nearest word; among equally near ones, the one closest in length (a typo
            // rarely drops two letters: "kublte" is kubelet, not kube), then the commonest.
            let best = self
                .vocabulary
                .iter()
                .filter(|(w, _)| w.len().abs_diff(word.len()) <= max)
                .filter_map(|(w, df)| {
                    analysis::edit_distance(word, w, max).map(|d| (d, w.len().abs_diff(word.len()), std::cmp::Reverse(*df), w))
                })
                .min();
            if let Some((_, _, _, replacement)) = best {
                corrected.push_str(&text[last..token.offset_from]);
                corrected.push_str(replacement);
                last = token.offset_to;
                changed = true;
            }
        }
        if !changed {
            return Vec::new();
        }
        corrected.push_str(&text[last..]);
        let terms = weighted_terms([(corrected.as_str(), 1.0)], MAX_QUERY_TERMS);
        let typed = terms.iter().map(|(t, _)| t.clone()).collect();
        let (query, _) = self.build_query(&Plan { text: corrected.clone(), terms, added: Vec::new(), typed, fuzzy: true, japanese: false }, None, true);
        let found = self.reader.searcher().search(&query, &tantivy::collector::Count).unwrap_or(0);
        if found > 0 {
            vec![corrected]
        } else {
            Vec::new()
        }
    }

    /// The terms of a query worth asking this index for ([`most_telling`]).
    fn telling(&self, searcher: &tantivy::Searcher, terms: Vec<(String, f32)>, keep_unknown: impl Fn(&str) -> bool) -> Vec<(String, f32)> {
        most_telling(terms, searcher.num_docs(), |t| self.doc_freq(searcher, t), keep_unknown)
    }

    /// The terms a query asks for and those added for it, with their weights: for reading
    /// why a query ranks as it does (the relevance test's `ACK_SHOW_TOP`).
    pub fn explain(&self, store: &ContentStore, lang: Locale, raw: &str) -> String {
        let (text, _) = clean_query(raw);
        let plan = self.plan(&self.reader.searcher(), store, lang, &text, &crate::paste::read(raw));
        let show = |terms: &[(String, f32)]| terms.iter().map(|(t, w)| format!("{t}:{w:.2}")).collect::<Vec<_>>().join(" ");
        format!("terms {}\nadded {}\njapanese {} fuzzy {}", show(&plan.terms), show(&plan.added), plan.japanese, plan.fuzzy)
    }

    /// What a query asks this index for: the text for the extra analyzers, the query's own
    /// terms, and the terms added for it. The text is in the widths and kana the knowledge
    /// base writes; each part of a paste has its weight (a typed query is one part, the
    /// reader's words); the reader's words are read in standard forms, and the glossary's
    /// terms for the variants in them and the known spellings of misspelt words are added.
    fn plan(&self, searcher: &tantivy::Searcher, store: &ContentStore, lang: Locale, typed: &str, reading: &crate::paste::Reading) -> Plan {
        use crate::paste::PartKind;
        let parts: Vec<(PartKind, &str)> =
            if reading.is_paste() { reading.parts.iter().map(|p| (p.kind, p.text.as_str())).collect() } else { vec![(PartKind::Words, typed)] };
        let parts: Vec<(PartKind, String)> = parts
            .into_iter()
            .map(|(kind, text)| {
                let text = self.query_text.normalize(text);
                // Informal Indonesian only where the reader reads Indonesian: `dr` and `gw`
                // mean other things elsewhere.
                let known = |w: &str| self.doc_freq(searcher, w) > 0;
                (kind, if kind == PartKind::Words && lang == Locale::Id { self.query_text.standard_words(&text, known) } else { text })
            })
            .collect();
        let words: Vec<&str> = parts.iter().filter(|(k, _)| *k == PartKind::Words).map(|(_, t)| t.as_str()).collect();
        let expanded = store.expansions().expand(&words.join("\n")).join("\n");
        let text = parts.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join("\n");
        let all = weighted_terms(parts.iter().map(|(k, t)| (t.as_str(), part_weight(*k))), crate::queryterms::MAX_CANDIDATE_TERMS);
        // Only the reader's own words may be misspelt: pasted output is spelled by software.
        let typed: HashSet<String> = words.iter().flat_map(|w| crate::queryterms::query_tokens(w)).map(|(t, _)| t).collect();
        let unknown: Vec<(String, f32)> =
            all.iter().filter(|(t, _)| typed.contains(t) && misspelling_candidate(t) && self.doc_freq(searcher, t) == 0).cloned().collect();
        // Typos matter in typed queries; a line with many words the knowledge base does not
        // know is output or names, and near spellings of each would only cost time.
        let fuzzy = unknown.iter().filter(|(t, _)| is_typo_candidate(t)).count() <= MAX_TYPO_WORDS;
        // Homophones are guessed in short queries without kana only: a long question has
        // enough right words, its runs across two words (我把, 表吗) sound like others by
        // chance, and Japanese kanji are not read in pinyin.
        let homophones = all.len() <= SHORT_QUERY_TERMS && !words.iter().any(|w| analysis::has_kana(w));
        let terms = self.telling(searcher, all, |t| is_typo_candidate(t) && typed.contains(t));
        let mut added = self.telling(searcher, weighted_terms([(expanded.as_str(), EXPANSION_WEIGHT)], crate::queryterms::MAX_CANDIDATE_TERMS), |_| false);
        added.extend(self.corrections(&unknown, fuzzy, homophones));
        added.retain(|(t, _)| !terms.iter().any(|(q, _)| q == t));
        added.truncate(MAX_QUERY_TERMS);
        let japanese = lang == Locale::Ja || analysis::has_kana(&text);
        Plan { text, terms, added, typed, fuzzy, japanese }
    }

    /// The known spellings of the reader's words that no document has, asked for as if
    /// typed: the words within one edit of a Latin word (`firewal` → `firewall`, `kubeclt`
    /// → `kubectl`) when `latin`, and the Chinese words that sound like a two-character run
    /// (`正书` → `证书`) when `homophones`.
    fn corrections(&self, unknown: &[(String, f32)], latin: bool, homophones: bool) -> Vec<(String, f32)> {
        let mut out: Vec<(String, f32)> = Vec::new();
        let mut add = |word: &str, weight: f32| {
            if !out.iter().any(|(w, _)| w == word) {
                out.push((word.to_owned(), weight * CORRECTION_WEIGHT));
            }
        };
        for (term, weight) in unknown {
            if is_typo_candidate(term) {
                for (near, _) in self.typos.neighbors(term).into_iter().filter(|_| latin) {
                    if near != term {
                        add(near, *weight);
                    }
                }
            } else if homophones && is_han_pair(term) {
                for word in self.homophones.of(term) {
                    add(word, *weight);
                }
            }
        }
        out
    }

    /// The most documents a term is in, over the weighted fields.
    fn doc_freq(&self, searcher: &tantivy::Searcher, term: &str) -> u64 {
        self.weighted.iter().map(|(f, _)| searcher.doc_freq(&Term::from_field_text(*f, term)).unwrap_or(0)).max().unwrap_or(0)
    }

    /// The query tree for `terms`, each with its weight (1 for typed words), and for the
    /// extra analyzers' terms of `text`.
    /// Also says whether a minimum-should-match was applied (never when `strict` is false).
    fn build_query(&self, plan: &Plan, prefix: Option<&str>, strict: bool) -> (BooleanQuery, bool) {
        let (text, terms) = (plan.text.as_str(), plan.terms.as_slice());
        let console = self.analysis == Analysis::Console;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        // CJK bigrams of a short query, of which a share must match (minimum-should-match).
        let mut core: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        // Typo tolerance for the reader's own words, when the plan allows it.
        let typo_candidate = |t: &str| is_typo_candidate(t) && plan.typed.contains(t);
        let typos = console && plan.fuzzy;
        // Only queries written wholly in CJK get a minimum-should-match: next to a Latin
        // word or an identifier, the CJK words are often just "how do I" and "why".
        let all_cjk = terms.iter().all(|(t, _)| t.chars().all(analysis::is_cjk));
        if let Some(p) = prefix {
            for field in [self.fields.title, self.fields.keywords] {
                let q = FuzzyTermQuery::new_prefix(Term::from_field_text(field, p), 0, false);
                clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), 2.0))));
            }
        }
        for (term, weight) in terms {
            let mut unit: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (field, boost) in &self.weighted {
                let q = TermQuery::new(Term::from_field_text(*field, term), IndexRecordOption::WithFreqs);
                unit.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), *boost))));
            }
            // Typo tolerance: Latin words of five or more letters also match at one edit
            // (a transposition counts as one) in the title, the keywords and the errors.
            // The words within one edit come from the typo index and are asked for exactly,
            // scored as a constant per document as a fuzzy term query would be.
            if typos && typo_candidate(term) {
                let near = self.typos.neighbors(term);
                for (bit, field) in [self.fields.title, self.fields.keywords, self.fields.errors].into_iter().enumerate() {
                    let words: Vec<(Occur, Box<dyn Query>)> = near
                        .iter()
                        .filter(|(_, fields)| fields & (1 << bit) != 0)
                        .map(|(w, _)| (Occur::Should, Box::new(TermQuery::new(Term::from_field_text(field, w), IndexRecordOption::Basic)) as Box<dyn Query>))
                        .collect();
                    if !words.is_empty() {
                        let q = ConstScoreQuery::new(Box::new(BooleanQuery::new(words)), 1.0);
                        unit.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), TYPO_BOOST))));
                    }
                }
            }
            let unit: Box<dyn Query> = if *weight == 1.0 {
                Box::new(BooleanQuery::new(unit))
            } else {
                Box::new(BoostQuery::new(Box::new(BooleanQuery::new(unit)), *weight))
            };
            if console && all_cjk && is_content_bigram(term) {
                core.push((Occur::Should, unit));
            } else {
                clauses.push((Occur::Should, unit));
            }
        }
        // The added terms (the glossary's for the query's variants, the known spellings of
        // misspelt words): plain matches at their own weight, outside the typo tolerance
        // and the minimum-should-match of the query's own terms.
        for (term, weight) in &plan.added {
            let unit: Vec<(Occur, Box<dyn Query>)> = self
                .weighted
                .iter()
                .map(|(field, boost)| {
                    let q = TermQuery::new(Term::from_field_text(*field, term), IndexRecordOption::WithFreqs);
                    (Occur::Should, Box::new(BoostQuery::new(Box::new(q), *boost)) as Box<dyn Query>)
                })
                .collect();
            clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(BooleanQuery::new(unit)), *weight))));
        }
        if console {
            let mut seen = HashSet::new();
            let extra = [
                (self.fields.words, analysis::chinese_words(text), WORD_BOOST),
                (self.fields.ja_words, if plan.japanese { analysis::japanese_words(text) } else { Vec::new() }, WORD_BOOST),
                (self.fields.stems, analysis::indonesian_stems(text), STEM_BOOST),
                (self.fields.idents, analysis::identifiers(text), IDENT_BOOST),
            ];
            for (field, found, boost) in extra {
                for t in found.into_iter().take(MAX_QUERY_TERMS) {
                    if seen.insert((field, t.clone())) {
                        let q = TermQuery::new(Term::from_field_text(field, &t), IndexRecordOption::WithFreqs);
                        clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost))));
                    }
                }
            }
        }
        // In a short query, a third of the CJK bigrams must match: characters that merely
        // occur somewhere in a long entry are not an answer. Long pastes stay lenient.
        let applied = core.len() >= 2 && terms.len() <= SHORT_QUERY_TERMS && strict;
        if applied {
            let need = core.len().div_ceil(3);
            clauses.push((Occur::Must, Box::new(BooleanQuery::with_minimum_required_clauses(core, need))));
        } else {
            clauses.extend(core);
        }
        (BooleanQuery::new(clauses), applied)
    }
}

/// What a query asks the index for.
#[derive(Debug, Default)]
struct Plan {
    /// The text the extra analyzers (Chinese words, stems, identifiers) read.
    text: String,
    /// The query's own terms with their weights.
    terms: Vec<(String, f32)>,
    /// The terms added for it: the glossary's terms for its variants, and the known
    /// spellings of misspelt words; at most [`MAX_QUERY_TERMS`].
    added: Vec<(String, f32)>,
    /// The terms of the reader's own words, the only ones that may be misspelt.
    typed: HashSet<String>,
    /// Whether the reader's words get typo tolerance (not when too many are unknown).
    fuzzy: bool,
    /// Whether the query is read as Japanese too (the reader reads Japanese, or it has kana).
    japanese: bool,
}

/// The index's fields: the text fields analyzed by `analysis`, the extra analyzers'
/// term lists, and the stored id, locale and body text (snippets read the body).
fn schema(analysis: Analysis) -> (Schema, Fields) {
    let tokenizer = match analysis {
        Analysis::Console => TOKENIZER,
        Analysis::TantivyDefault => "default",
    };
    let mut schema = Schema::builder();
    // The extra analyzers' fields hold terms made by `analysis`, one per line.
    let terms = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(TERMS_TOKENIZER).set_index_option(IndexRecordOption::WithFreqs),
    );
    let text = TextOptions::default()
        .set_indexing_options(TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(IndexRecordOption::WithFreqsAndPositions));
    let fields = Fields {
        id: schema.add_text_field("id", STRING | STORED),
        lang: schema.add_text_field("lang", STRING | STORED),
        title: schema.add_text_field("title", text.clone()),
        keywords: schema.add_text_field("keywords", text.clone()),
        errors: schema.add_text_field("errors", text.clone()),
        symptoms: schema.add_text_field("symptoms", text.clone()),
        summary: schema.add_text_field("summary", text.clone()),
        body: schema.add_text_field("body", text | STORED),
        words: schema.add_text_field("words", terms.clone()),
        ja_words: schema.add_text_field("ja_words", terms.clone()),
        stems: schema.add_text_field("stems", terms.clone()),
        idents: schema.add_text_field("idents", terms),
    };
    (schema.build(), fields)
}

/// Writes every entry, every operation without an entry, and every wizard, in every
/// locale, and commits.
fn write_documents(index: &Index, fields: &Fields, store: &ContentStore, analysis: Analysis) -> tantivy::Result<()> {
    index.tokenizers().register(TOKENIZER, AckTokenizer);
    index.tokenizers().register(TERMS_TOKENIZER, tantivy::tokenizer::WhitespaceTokenizer::default());
    // One thread, so that documents keep their order and equal scores rank the same way
    // on every build; a large knowledge base is indexed once and then reused.
    let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 96 * 1024 * 1024)?;
    for e in store.all() {
        writer.add_document(document(fields, e, analysis))?;
    }
    // Operations that have no entry of their own are results by themselves, linked to
    // their row of the table.
    for op in store.high_risk().operations.iter().filter(|o| o.entry.is_none()) {
        for (lang, t) in &op.texts {
            let mut doc = doc!(
                fields.id => format!("{OPERATION_PREFIX}{}", op.key),
                fields.lang => lang.code(),
                fields.title => t.operation.as_str(),
                fields.keywords => op.terms.join("\n"),
                fields.summary => op.group.name(*lang),
                // What a row's operation leads to is what its reader sees: its symptom.
                fields.symptoms => t.impact.as_str(),
                fields.body => format!("{}\n{}", t.impact, t.recovery),
            );
            if analysis == Analysis::Console {
                let all = format!("{}\n{}\n{}\n{}", t.operation, op.terms.join("\n"), t.impact, t.recovery);
                add_extra_terms(&mut doc, fields, *lang, &all);
            }
            writer.add_document(doc)?;
        }
    }
    // The wizards are results too: their title, introduction, search words and the
    // words of their steps.
    for (w, info) in store.wizards() {
        for lang in Locale::ALL {
            let keywords = info.keywords.get(&lang).map(|k| k.join("\n")).unwrap_or_default();
            let mut body = String::new();
            for step in w.steps() {
                body.push_str(w.step_title(step.id, lang));
                body.push('\n');
                for f in step.fields {
                    let t = w.field_text(f.name, lang);
                    body.push_str(&format!("{}\n{}\n", t.label, t.hint));
                }
            }
            let mut doc = doc!(
                fields.id => format!("{WIZARD_PREFIX}{}", w.id()),
                fields.lang => lang.code(),
                fields.title => w.title(lang),
                fields.keywords => keywords.as_str(),
                fields.summary => w.intro(lang),
                fields.body => body.as_str(),
            );
            if analysis == Analysis::Console {
                let all = format!("{}\n{}\n{keywords}\n{keywords}\n{}\n{body}", w.title(lang), w.title(lang), w.intro(lang));
                add_extra_terms(&mut doc, fields, lang, &all);
            }
            writer.add_document(doc)?;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()
}

/// The id and locale of every document, by segment: kept next to an index on disk.
type SegmentDocs = std::collections::HashMap<String, Vec<(String, String)>>;
const DOCS_FILE: &str = "docs.json";

/// The id and locale of each document of a segment, from its stored fields.
fn segment_docs(segment: &tantivy::SegmentReader, fields: &Fields) -> tantivy::Result<Vec<(String, String)>> {
    let store_reader = segment.get_store_reader(64)?;
    let mut docs = Vec::with_capacity(segment.max_doc() as usize);
    for doc in 0..segment.max_doc() {
        let stored: TantivyDocument = store_reader.get(doc)?;
        let text = |f| stored.get_first(f).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
        docs.push((text(fields.id), text(fields.lang)));
    }
    Ok(docs)
}

/// Why the index on disk could not be opened or built.
#[derive(Debug, thiserror::Error)]
pub enum OpenError<E> {
    #[error("the knowledge base is not valid")]
    Check(E),
    #[error("the search index: {0}")]
    Index(tantivy::TantivyError),
    #[error("the search index folder: {0}")]
    Io(std::io::Error),
}

/// The weight of a reader's description of what they see: the most of any field. Symptoms
/// are written in the words people type, and a match there is the strongest sign that an
/// entry answers a question that does not use the entry's terms (measured on both relevance
/// sets: 2 → 4 took the hard set from 0.73 to 0.78 at the first result, and the easy set
/// from 0.957 to 0.961).
const SYMPTOM_BOOST: f32 = 4.0;
/// Weights of the extra analyzers' fields, next to the main fields' 1 (body) to 3 (title).
/// Chinese (jieba) and Japanese (TinySegmenter) words weigh the same.
const WORD_BOOST: f32 = 2.0;
const STEM_BOOST: f32 = 1.5;
const IDENT_BOOST: f32 = 3.0;
/// Queries of at most this many terms are "short": their CJK bigrams get a minimum-should-match.
const SHORT_QUERY_TERMS: usize = 24;

/// A CJK bigram that carries meaning: not two hiragana, which in Japanese are mostly
/// particles and verb endings (にし, ない).
fn is_content_bigram(term: &str) -> bool {
    let hiragana = analysis::is_hiragana;
    let mut chars = term.chars();
    matches!((chars.next(), chars.next(), chars.next()),
        (Some(a), Some(b), None) if analysis::is_cjk(a) && analysis::is_cjk(b) && !(hiragana(a) && hiragana(b)))
}

fn document(f: &Fields, e: &LocalizedEntry, analysis: Analysis) -> TantivyDocument {
    let plain_text = e.rendered().plain_text;
    let mut keywords = e.tags.join("\n");
    keywords.push('\n');
    keywords.push_str(&e.synonyms.join("\n"));
    let mut doc = doc!(
        f.id => e.id.as_str(),
        f.lang => e.lang.code(),
        f.title => e.title.as_str(),
        f.keywords => keywords.as_str(),
        f.errors => e.errors.join("\n"),
        f.symptoms => e.symptoms.join("\n"),
        f.summary => e.summary.as_str(),
        f.body => plain_text.as_str(),
    );
    if analysis == Analysis::Console {
        // The title and keywords count twice in the extra fields, as they do in the main ones.
        let heads = format!("{}\n{}\n{}\n{}", e.title, e.title, keywords, keywords);
        let all = format!("{heads}\n{}\n{}\n{}\n{}", e.summary, e.symptoms.join("\n"), plain_text, e.errors.join("\n"));
        add_extra_terms(&mut doc, f, e.lang, &all);
    }
    doc
}

/// Fills the extra analyzers' fields of a document in `lang`.
fn add_extra_terms(doc: &mut TantivyDocument, f: &Fields, lang: Locale, text: &str) {
    if matches!(lang, Locale::Zh | Locale::ZhTw) {
        doc.add_text(f.words, analysis::chinese_words(text).join("\n"));
    }
    if lang == Locale::Ja {
        doc.add_text(f.ja_words, analysis::japanese_words(text).join("\n"));
    }
    if lang == Locale::Id {
        doc.add_text(f.stems, analysis::indonesian_stems(text).join("\n"));
    }
    doc.add_text(f.idents, analysis::identifiers(text).join("\n"));
}

/// The same text for matching a query against a phrase: case, width of Latin letters,
/// Traditional characters and runs of spaces do not count.
fn phrase_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase).map(crate::analysis::fold_char));
    }
    out
}

/// The wizard whose search phrases include the whole query, if any; while the query is
/// still being typed, a phrase it begins is enough (`apiserver 白名` for `apiserver 白名单`).
fn named_wizard(store: &ContentStore, query: &str, typing: bool) -> Option<&'static str> {
    let key = phrase_key(query);
    if key.chars().count() < if typing { MIN_TYPED_PHRASE_CHARS } else { 1 } {
        return None;
    }
    store.wizards().iter().find_map(|(id, w)| {
        w.keywords.values().flatten().any(|p| if typing { phrase_key(p).starts_with(&key) } else { phrase_key(p) == key }).then(|| id.id())
    })
}

/// How much of a wizard's phrase must be typed before the wizard is suggested by it.
const MIN_TYPED_PHRASE_CHARS: usize = 4;

fn operation_hit(store: &ContentStore, lang: Locale, key: &str, score: f32) -> Option<SearchHit> {
    let op = store.high_risk().get(key)?;
    let t = op.texts.get(&lang)?;
    let snippet = format!("{} — {}", t.impact, t.recovery);
    Some(SearchHit {
        id: key.to_owned(),
        lang,
        title: t.operation.clone(),
        url: HighRiskTable::url(lang, key),
        snippet_html: escape(&snippet),
        snippet,
        score,
        kind: HitKind::Operation,
        category: Category::Operations,
        known_error: false,
    })
}

fn wizard_hit(store: &ContentStore, lang: Locale, name: &str, score: f32) -> Option<SearchHit> {
    let w = app::wizard::WizardId::parse(name)?;
    let info = store.wizards().get(&w)?;
    let snippet = w.intro(lang).to_owned();
    Some(SearchHit {
        id: w.id().to_owned(),
        lang,
        title: w.title(lang).to_owned(),
        url: urls::wizard(lang, w.id()),
        snippet_html: escape(&snippet),
        snippet,
        score,
        kind: HitKind::Wizard,
        category: info.category,
        known_error: false,
    })
}

/// What a one-edit match of a query word adds to a document's score: tantivy scores
/// fuzzy matches as a constant, so this is the whole of their weight.
const TYPO_BOOST: f32 = 12.0;
/// Queries with more long Latin words than this (pasted lines) get no typo tolerance.
const MAX_TYPO_WORDS: usize = 4;

/// A term the reader may have misspelt: a Latin word of typo tolerance, or two Han
/// characters (homophones).
fn misspelling_candidate(term: &str) -> bool {
    is_typo_candidate(term) || is_han_pair(term)
}

fn is_han_pair(term: &str) -> bool {
    term.chars().count() == 2 && term.chars().all(analysis::is_han)
}

fn is_typo_candidate(term: &str) -> bool {
    term.len() >= 5 && term.bytes().all(|b| b.is_ascii_alphanumeric()) && !term.bytes().all(|b| b.is_ascii_digit())
}

/// The last word of text being typed, when it is Latin letters or digits and not yet
/// followed by a space: `kubel` in `restart kubel`.
fn unfinished_word(text: &str) -> Option<String> {
    if text.ends_with(char::is_whitespace) {
        return None;
    }
    let word: String = text.chars().rev().take_while(|c| c.is_ascii_alphanumeric()).collect::<Vec<_>>().into_iter().rev().collect();
    (word.len() >= 2).then(|| word.to_ascii_lowercase())
}

/// Drops control characters (NUL included), folds whitespace, and caps the length.
/// Returns the cleaned text and whether it was cut.
pub fn clean_query(raw: &str) -> (String, bool) {
    let mut out = String::new();
    let mut count = 0;
    let mut truncated = false;
    let mut pending_space = false;
    for c in raw.chars() {
        if c.is_whitespace() || c.is_control() {
            pending_space = !out.is_empty();
            continue;
        }
        let needed = if pending_space { 2 } else { 1 };
        if count + needed > MAX_QUERY_CHARS {
            truncated = true;
            break;
        }
        if pending_space {
            out.push(' ');
            count += 1;
            pending_space = false;
        }
        out.push(c);
        count += 1;
    }
    (out, truncated)
}

/// The baseline's terms: tantivy's default analyzer, distinct, at most [`MAX_QUERY_TERMS`].
fn default_terms(text: &str) -> Vec<String> {
    let mut analyzer = tantivy::tokenizer::TextAnalyzer::builder(tantivy::tokenizer::SimpleTokenizer::default())
        .filter(tantivy::tokenizer::RemoveLongFilter::limit(40))
        .filter(tantivy::tokenizer::LowerCaser)
        .build();
    let mut stream = analyzer.token_stream(text);
    let mut seen = HashSet::new();
    let mut terms = Vec::new();
    while stream.advance() && terms.len() < MAX_QUERY_TERMS {
        let t = stream.token().text.clone();
        if seen.insert(t.clone()) {
            terms.push(t);
        }
    }
    terms
}

/// What a term weighs by the part of a paste it comes from: the reader's words and the
/// errors are the question, the rest of the output only context.
fn part_weight(kind: crate::paste::PartKind) -> f32 {
    match kind {
        crate::paste::PartKind::Words | crate::paste::PartKind::Error => 1.0,
        crate::paste::PartKind::Output => OUTPUT_WEIGHT,
    }
}

/// What a glossary term's words weigh when a variant of it is in the query (measured on
/// the hard set: 0.25 to 0.5 gain a few Indonesian and Chinese queries, 0.75 and more lose
/// Japanese ones).
const EXPANSION_WEIGHT: f32 = 0.5;
/// What the known word next to a misspelt one weighs, as a share of the misspelt word's
/// weight (measured: 0.5 → 1 took Indonesian typos from 0.84 to 0.87 at the first result;
/// the constant-score fuzzy match alone weighed a misspelt word far below the word).
const CORRECTION_WEIGHT: f32 = 1.0;

/// What a term of a paste's other output (commands, statuses, settings) weighs: a little
/// less than the question, because commands and paths say what was looked at, not what
/// went wrong (measured on the hard set: 0.25 and 0.5 lose log queries, 0.75 and 1 do not).
const OUTPUT_WEIGHT: f32 = 0.75;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_whatever_the_case_spacing_or_script() {
        for (a, b, same) in [
            ("apiserver 白名单", "api server 白名单", false),
            ("apiserver 白名单", "ApiServer  白名單", true),
            ("SLB ACL", "slb acl", true),
            ("  docker 节点池 ", "docker 節點池", true),
            ("acl 配置", "acl 设置", false),
        ] {
            assert_eq!(phrase_key(a) == phrase_key(b), same, "{a} / {b}");
        }
    }

    #[test]
    fn cleans_queries() {
        assert_eq!(clean_query("  a\u{0}b \n\t c  "), ("a b c".to_owned(), false));
        let spaced = "ab ".repeat(MAX_QUERY_CHARS);
        let (q, cut) = clean_query(&spaced);
        assert!(cut && q.chars().count() <= MAX_QUERY_CHARS, "{}", q.chars().count());
        let long = "x".repeat(MAX_QUERY_CHARS + 5);
        let (q, cut) = clean_query(&long);
        assert!(cut);
        assert_eq!(q.chars().count(), MAX_QUERY_CHARS);
    }
}

