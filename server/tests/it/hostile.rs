//! A property test of the query builder: thousands of generated inputs, from query syntax
//! and pasted logs to control characters and mixed scripts. Every one must give a result
//! list, never a panic, with hits that exist.

use app::locale::Locale;
use server::content::ContentStore;
use server::search::SearchIndex;
use crate::support::rng::Rng;

const PIECES: &[&str] = &[
    "\"", ":", "(", ")", "[", "]", "{", "}", "AND", "OR", "NOT", "*", "?", "~", "^", "\\", "+", "-", "!", "/",
    "<script>", "</title>", "&amp;", "\u{0}", "\u{7}", "\u{202E}", "\u{200B}", "\u{FEFF}", "e\u{301}", "🙂", "👩‍👩‍👧",
    "x509", "kubelet", "10250", "6443", "100.104.0.0/16", "[::1]:6443", "证书过期", "叢集", "ノード", "kluster",
    "ｶﾀｶﾅ", "𠀀", "E1122 09:41:07.123456 1 x.go:1]", "Nov 22 09:41:07 node-1 kubelet[1]:", "2026-11-22T09:41:07Z",
    "certificate has expired or is not yet valid", " ", "\n", "\t", "a", "zz", "diagnose_k8s.sh", "net.ipv4.ip_forward",
];

fn generate(rng: &mut Rng) -> String {
    let mut s = String::new();
    let parts = rng.below(40);
    for _ in 0..parts {
        if rng.below(5) == 0 {
            // A random scalar value from anywhere in Unicode.
            let c = char::from_u32(rng.below(0x10FFFF) as u32).unwrap_or('\u{FFFD}');
            s.push(c);
        } else {
            s.push_str(PIECES[rng.below(PIECES.len())]);
        }
    }
    if rng.below(20) == 0 {
        s = s.repeat(200);
    }
    s
}

#[test]
fn any_generated_query_gives_a_result_list() {
    let store = ContentStore::load(&crate::support::content_dir()).unwrap();
    let index = SearchIndex::build(&store).unwrap();
    let seed = std::env::var("ACK_PROPTEST_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5EED_ACC0_u64);
    let mut rng = Rng(seed);
    for case in 0..1500 {
        let text = generate(&mut rng);
        let lang = Locale::ALL[rng.below(4)];
        let page = 1 + rng.below(3);
        let r = index.search(&store, lang, &text, page, 10);
        assert!(r.results.len() <= 10, "case {case} (seed {seed})");
        assert!(r.total >= r.results.len(), "case {case}");
        assert!(r.query.chars().count() <= app::model::MAX_QUERY_CHARS, "case {case}");
        assert!(!r.query.chars().any(char::is_control), "case {case}: control characters left");
        for hit in &r.results {
            let known = match hit.kind {
                app::model::HitKind::Article => store.contains(&hit.id),
                app::model::HitKind::Operation => store.high_risk().get(&hit.id).is_some(),
                app::model::HitKind::Wizard => app::wizard::WizardId::parse(&hit.id).is_some(),
            };
            assert!(known, "case {case}: {}", hit.id);
            assert!(!hit.snippet_html.contains("<script"), "case {case}: unescaped snippet");
        }
        let _ = index.suggest(&store, lang, &text, 8);
        let _ = index.known_error(&text);
    }
}
