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

    /// Every `*.toml` of a folder, in name order, as one set.
    pub fn load_dir(dir: &Path) -> anyhow::Result<RelevanceSet> {
        let mut files: Vec<_> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        let mut query = Vec::new();
        for f in files {
            let set = RelevanceSet::load(&f).map_err(|e| anyhow::anyhow!("{}: {e}", f.display()))?;
            query.extend(set.query);
        }
        Ok(RelevanceSet { query })
    }
}

/// Text written as runs of 12 characters, lowercased and without whitespace: two texts
/// that share a run share a phrase (how the hard set is kept from copying the entries).
pub fn runs(text: &str, n: usize) -> std::collections::HashSet<String> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect();
    chars.windows(n).map(|w| w.iter().collect()).collect()
}

/// An entry's prose: title, summary, tags, synonyms, symptoms and the body without code
/// (fenced blocks and inline code), which quotes what programs print.
pub fn prose(e: &crate::content::LocalizedEntry) -> String {
    let mut out = format!("{}\n{}\n{}\n{}\n{}\n", e.title, e.summary, e.tags.join("\n"), e.synonyms.join("\n"), e.symptoms.join("\n"));
    let mut in_fence = false;
    for line in e.body.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        // Inline code: every other backtick-delimited part.
        for (i, part) in line.split('`').enumerate() {
            if i % 2 == 0 {
                out.push_str(part);
            }
        }
        out.push('\n');
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_phrase_is_a_shared_run_whatever_the_case_and_spacing() {
        let entry = runs("Pod 挂载不上云盘：常见原因与排查方法", 12);
        assert!(runs("为什么pod挂载不上云盘：常见原因与排查方法呢", 12).iter().any(|r| entry.contains(r)));
        assert!(!runs("我的 pod 一直挂不上盘，怎么回事", 12).iter().any(|r| entry.contains(r)));
        assert!(runs("short", 12).is_empty());
    }
}
