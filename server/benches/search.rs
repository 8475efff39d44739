//! Search benchmark: relevance and latency of the console's analysis against a baseline
//! (tantivy's default tokenizer over the same fields), side by side on the same content.
//!
//!     cargo bench -p server --bench search
//!
//! Prints, per language of the relevance set and of the hard set (and per kind of the hard
//! set), recall@1, recall@3 and MRR for both; the in-process search latency (p50, p99)
//! after a warm-up; and the paste reader's own cost next to the whole search of the same
//! pastes. Figures, not assertions.

use server::content::ContentStore;
use server::relevance::{evaluate, RelevanceSet, Tally};
use server::search::{Analysis, SearchIndex};
use std::path::Path;
use std::time::Instant;

const ROUNDS: usize = 30;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// One row of relevance figures: the console's, the baseline's, and their ratio.
fn print_row(name: &str, o: &Tally, b: &Tally) {
    let ratio = if b.recall_at_1() > 0.0 { format!("{:.2}x", o.recall_at_1() / b.recall_at_1()) } else { "n/a".into() };
    println!(
        "{name:<8} {:>5} | {:>6.3} {:>6.3} {:>6.3} | {:>6.3} {:>6.3} {:>6.3} | {ratio:>15}",
        o.n,
        o.recall_at_1(),
        o.recall_at_3(),
        o.mrr(),
        b.recall_at_1(),
        b.recall_at_3(),
        b.mrr()
    );
}

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("run by cargo");
    let root = Path::new(&manifest);
    let store = ContentStore::load(&root.join("../content")).expect("content");
    let set = RelevanceSet::load(&root.join("tests/relevance.toml")).expect("relevance set");
    let started = Instant::now();
    let console = SearchIndex::build_with(&store, Analysis::Console).unwrap();
    let build_ms = started.elapsed().as_secs_f64() * 1e3;
    let baseline = SearchIndex::build_with(&store, Analysis::TantivyDefault).unwrap();

    println!("content: {} entries, {} documents; index built in {build_ms:.1} ms", store.len(), console.num_docs());
    println!("relevance set: {} queries\n", set.query.len());
    let ours = evaluate(&set, &store, &console);
    let base = evaluate(&set, &store, &baseline);
    println!("{:<8} {:>5} | {:>22} | {:>22} | {:>15}", "lang", "n", "console R@1 R@3 MRR", "baseline R@1 R@3 MRR", "R@1 ratio");
    let rows = ours.by_lang.iter().map(|(k, t)| (k.clone(), *t, base.by_lang[k])).chain(std::iter::once(("all".to_owned(), ours.all, base.all)));
    for (lang, o, b) in rows {
        print_row(&lang, &o, &b);
    }

    let hard = RelevanceSet::load_dir(&root.join("tests/relevance-hard")).expect("hard set");
    println!("\nhard set: {} queries", hard.query.len());
    let ours_hard = evaluate(&hard, &store, &console);
    let base_hard = evaluate(&hard, &store, &baseline);
    let rows = ours_hard
        .by_lang
        .iter()
        .chain(ours_hard.by_kind.iter())
        .map(|(k, t)| (k.clone(), *t, base_hard.by_lang.get(k).or_else(|| base_hard.by_kind.get(k)).copied().unwrap_or_default()))
        .chain(std::iter::once(("all".to_owned(), ours_hard.all, base_hard.all)));
    for (name, o, b) in rows {
        print_row(&name, &o, &b);
    }

    // The paste reader alone, next to the whole search, on the hard set's multi-line pastes
    // and on a 400-line journal paste (the most the reader reads).
    let pastes: Vec<&str> = hard.query.iter().filter(|q| q.text.contains('\n')).map(|q| q.text.as_str()).collect();
    let journal: String = (0..400)
        .map(|i| format!("Nov 22 09:41:{:02} iZbp1f0c7t2k8wq4x9m{:02}Z kubelet[2345]: E1122 09:41:07.{i} 2345 pod_workers.go:1298] \"Error syncing pod, skipping\" err=\"failed to \\\"StartContainer\\\" for app-{i}\" pod=\"shop/web-{i}\"\n", i % 60, i % 97))
        .collect();
    println!("\npaste reader, in process, warm ({ROUNDS} rounds): p50 / p99 ms");
    println!("{:<26} | {:>17} | {:>17}", "pastes", "reader alone", "whole search");
    for (name, texts) in [(format!("hard set, {} pastes", pastes.len()), pastes.clone()), ("400-line journal".to_owned(), vec![journal.as_str()])] {
        let mut reader = Vec::new();
        let mut whole = Vec::new();
        for _ in 0..ROUNDS {
            for t in &texts {
                let started = Instant::now();
                std::hint::black_box(server::paste::read(t));
                reader.push(started.elapsed().as_secs_f64() * 1e3);
                let started = Instant::now();
                std::hint::black_box(console.search(&store, app::locale::Locale::Zh, t, 1, 10));
                whole.push(started.elapsed().as_secs_f64() * 1e3);
            }
        }
        reader.sort_by(f64::total_cmp);
        whole.sort_by(f64::total_cmp);
        println!(
            "{name:<26} | {:>7.3} / {:>7.3} | {:>7.3} / {:>7.3}",
            percentile(&reader, 0.5),
            percentile(&reader, 0.99),
            percentile(&whole, 0.5),
            percentile(&whole, 0.99)
        );
    }

    println!("\nlatency, in process, warm ({ROUNDS} rounds of every query):");
    println!("{:<8} | {:>21} | {:>21}", "lang", "console p50 / p99 ms", "baseline p50 / p99 ms");
    let mut langs: Vec<String> = set.query.iter().map(|q| q.lang.clone()).collect();
    langs.sort();
    langs.dedup();
    langs.push("all".into());
    for lang in langs {
        let queries: Vec<_> = set.query.iter().filter(|q| lang == "all" || q.lang == lang).collect();
        let mut figures = Vec::new();
        for index in [&console, &baseline] {
            for q in &queries {
                index.search(&store, q.locale(), &q.text, 1, 10);
            }
            let mut times = Vec::with_capacity(queries.len() * ROUNDS);
            for _ in 0..ROUNDS {
                for q in &queries {
                    let t = Instant::now();
                    std::hint::black_box(index.search(&store, q.locale(), &q.text, 1, 10));
                    times.push(t.elapsed().as_secs_f64() * 1e3);
                }
            }
            times.sort_by(f64::total_cmp);
            figures.push((percentile(&times, 0.50), percentile(&times, 0.99)));
        }
        println!("{lang:<8} | {:>9.3} / {:>9.3} | {:>9.3} / {:>9.3}", figures[0].0, figures[0].1, figures[1].0, figures[1].1);
    }
}
