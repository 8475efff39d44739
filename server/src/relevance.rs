//! The relevance set and how a search index is scored on it: recall@1, recall@3 and MRR,
//! per language and per kind of query. Used by the relevance test and the benchmark.

use crate::content::ContentStore;
use crate::search::SearchIndex;
use app::locale::Locale;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Deserialize)]
pub struct RelevanceSet {
    pub query: Vec<RelevanceQuery>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RelevanceQuery {
    /// The language the text is written in: zh, zh-TW, id, ja, or en.
    pub lang: String,
    pub kind: String,
    pub text: String,
    pub expect: String,
}

impl RelevanceQuery {
    /// Results are shown in the query's locale; English queries in zh.
    pub fn locale(&self) -> Locale {
        Locale::from_code(&self.lang).unwrap_or(Locale::DEFAULT)
    }
}

impl RelevanceSet {
    pub fn load(path: &Path) -> anyhow::Result<RelevanceSet> {
        Ok(toml::from_str(&std::fs::read_to_string(path)?)?)
    }
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub n: usize,
    pub at1: usize,
    pub at3: usize,
    pub reciprocal_ranks: f64,
}

impl Tally {
    pub fn add(&mut self, rank: Option<usize>) {
        self.n += 1;
        if let Some(r) = rank {
            self.at1 += usize::from(r == 1);
            self.at3 += usize::from(r <= 3);
            self.reciprocal_ranks += 1.0 / r as f64;
        }
    }
    pub fn recall_at_1(&self) -> f64 {
        self.at1 as f64 / self.n.max(1) as f64
    }
    pub fn recall_at_3(&self) -> f64 {
        self.at3 as f64 / self.n.max(1) as f64
    }
    pub fn mrr(&self) -> f64 {
        self.reciprocal_ranks / self.n.max(1) as f64
    }
}

#[derive(Debug, Default)]
pub struct Report {
    pub all: Tally,
    pub by_lang: BTreeMap<String, Tally>,
    pub by_kind: BTreeMap<String, Tally>,
    /// Queries whose expected entry did not come first: (query, rank, first id).
    pub misses: Vec<(RelevanceQuery, Option<usize>, String)>,
}

/// Runs every query and records where the expected entry ranked (within the top 10).
/// Wizards offered among the results are not counted: the set is about entries, and a
/// wizard shown next to its entry does not push the entry down.
pub fn evaluate(set: &RelevanceSet, store: &ContentStore, index: &SearchIndex) -> Report {
    let mut report = Report::default();
    for q in &set.query {
        let results = index.search(store, q.locale(), &q.text, 1, 13);
        let hits: Vec<_> = results.results.iter().filter(|h| h.kind != app::model::HitKind::Wizard).take(10).collect();
        let rank = hits.iter().position(|h| h.id == q.expect).map(|p| p + 1);
        if rank != Some(1) {
            let first = hits.first().map(|h| h.id.clone()).unwrap_or_default();
            report.misses.push((q.clone(), rank, first));
        }
        report.all.add(rank);
        report.by_lang.entry(q.lang.clone()).or_default().add(rank);
        report.by_kind.entry(q.kind.clone()).or_default().add(rank);
    }
    report
}
