//! The search index kept on disk: reused while the knowledge base is unchanged, rebuilt
//! (and its bodies checked) when it changes, and answering as the index built in memory.

use app::locale::Locale;
use server::content::ContentStore;
use server::search::{OpenError, SearchIndex};


fn firsts(index: &SearchIndex, store: &ContentStore) -> Vec<(String, Vec<String>)> {
    let queries = ["节点 NotReady", "x509: certificate has expired", "ノードが起動しない", "pod gagal mount NAS", "kubelte 重启", "叢集 憑證"];
    queries
        .iter()
        .map(|q| {
            let r = index.search(store, app::locale::Locale::Zh, q, 1, 5);
            (q.to_string(), r.results.iter().map(|h| format!("{} {}", h.id, h.snippet)).collect())
        })
        .collect()
}

#[test]
fn the_index_on_disk_is_reused_until_the_knowledge_base_changes() {
    let content = tempfile::tempdir().unwrap();
    crate::support::copy_dir(&crate::support::content_dir(), content.path());
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("search-index");
    let store = ContentStore::read(content.path()).unwrap();
    let in_memory = SearchIndex::build(&store).unwrap();

    let mut checks = 0;
    let (built, reused) = SearchIndex::open_or_build(&store, &dir, || -> Result<(), ()> {
        checks += 1;
        Ok(())
    })
    .unwrap();
    assert!(!reused && checks == 1, "the first start builds it, after checking the bodies");
    assert_eq!(firsts(&built, &store), firsts(&in_memory, &store), "the same answers and snippets as in memory");
    drop(built);

    let (again, reused) = SearchIndex::open_or_build(&store, &dir, || -> Result<(), ()> { panic!("no check for a known version") }).unwrap();
    assert!(reused, "the next start reuses it");
    assert_eq!(firsts(&again, &store), firsts(&in_memory, &store));
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);

    // A changed entry is a new version: its bodies are checked before it is indexed, and
    // a broken link stops it.
    let file = content.path().join("entries/kubectl-timeout/ja.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}\n[x](entry:no-such-entry)\n")).unwrap();
    let changed = ContentStore::read(content.path()).unwrap();
    assert_ne!(changed.fingerprint(), store.fingerprint());
    let refused = SearchIndex::open_or_build(&changed, &dir, || changed.check_bodies(content.path()));
    let Err(OpenError::Check(errors)) = refused else { panic!("the broken link was not caught") };
    assert!(errors.to_string().contains("no-such-entry"), "{errors}");
    std::fs::write(&file, format!("{text}\n追記。\n")).unwrap();
    let fixed = ContentStore::read(content.path()).unwrap();
    let (_, reused) = SearchIndex::open_or_build(&fixed, &dir, || fixed.check_bodies(content.path())).unwrap();
    assert!(!reused, "rebuilt for the new version");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "the old version was removed");
}

/// A paste is read for its own words and its errors: a long journal paste whose question
/// comes after more than the thousand characters a typed query keeps still finds its answer,
/// and the noise around an error (hosts, PIDs, healthy rows) does not change the answer.
#[test]
fn a_long_paste_is_answered_by_its_words_and_errors_not_cut_at_a_thousand_characters() {
    let store = ContentStore::load(&crate::support::content_dir()).unwrap();
    let index = SearchIndex::build(&store).unwrap();
    let noise: String = (0..40)
        .map(|i| format!("Nov 22 09:41:{:02} iZbp1f0c7t2k8wq4x9m{i:02}Z kubelet[2345]: I1122 09:41:07.1 2345 reconciler.go:{i}] Volume detached for volume \"kube-api-access-{i}\"\n", i % 60))
        .collect();
    assert!(noise.chars().count() > 1000);
    let paste = format!("{noise}Nov 22 09:42:00 iZbp1f0c7t2k8wq4x9m99Z kubelet[2345]: E1122 09:42:00.1 2345 server.go:302] x509: certificate has expired or is not yet valid: current time 2026-11-22T09:42:00Z is after 2026-11-20T00:00:00Z\n");
    let typed = index.search(&store, Locale::Zh, "x509: certificate has expired or is not yet valid", 1, 3);
    let pasted = index.search(&store, Locale::Zh, &paste, 1, 3);
    assert_eq!(pasted.results.first().map(|h| h.id.as_str()), typed.results.first().map(|h| h.id.as_str()), "{:?}", pasted.results);
    // The same paste flattened into one line, as a one-line search box makes it.
    let flat = paste.replace('\n', " ");
    let flattened = index.search(&store, Locale::Zh, &flat, 1, 3);
    assert_eq!(flattened.results.first().map(|h| h.id.as_str()), typed.results.first().map(|h| h.id.as_str()));
    // A question after the noise is still read, and answered as it is when typed alone.
    let words = "sysctl 查了 ip_forward 是 0，节点上的 pod 网络全不通";
    let alone = index.search(&store, Locale::Zh, words, 1, 3);
    assert_eq!(alone.results.first().map(|h| h.id.as_str()), Some("kernel-ip-forward-disabled"));
    let asked = index.search(&store, Locale::Zh, &format!("{noise}{words}\n"), 1, 3);
    assert_eq!(asked.results.first().map(|h| h.id.as_str()), Some("kernel-ip-forward-disabled"), "{:?}", asked.results.iter().map(|h| &h.id).collect::<Vec<_>>());
}

/// What readers type instead of the entries' words finds what those words find: pinyin
/// homophones, informal Indonesian, misspelt Latin words, a glossary variant. Each of
/// these finds something else, or nothing, without its step of the query plan.
#[test]
fn homophones_slang_misspellings_and_variants_find_what_the_right_words_find() {
    let store = ContentStore::load(&crate::support::content_dir()).unwrap();
    let index = SearchIndex::build(&store).unwrap();
    let first = |lang: Locale, q: &str| index.search(&store, lang, q, 1, 3).results.first().map(|h| h.id.clone());
    for (lang, typed, meant) in [
        (Locale::Zh, "正书", "证书"),
        (Locale::Zh, "急群", "集群"),
        (Locale::Zh, "apiserver 正书过期", "apiserver 证书过期"),
        (Locale::Id, "gk bs hps tag2 di SLB", "tidak bisa hapus tag di SLB"),
        (Locale::Zh, "contaienrd 迁移", "containerd 迁移"),
    ] {
        let want = first(lang, meant);
        assert!(want.is_some(), "{meant} finds nothing");
        assert_eq!(first(lang, typed), want, "{typed} vs {meant}");
    }
    // A variant no entry uses finds the entries of its term.
    let allow = index.search(&store, Locale::Zh, "allowlist", 1, 5);
    assert!(allow.results.iter().any(|h| h.id == "apiserver-slb-acl-cidrs"), "{:?}", allow.results.iter().map(|h| &h.id).collect::<Vec<_>>());
}

/// A word still being typed, or a short misspelt one, is not an unknown term to drop: the
/// prefix completes it and the other spellings correct it.
#[test]
fn short_unfinished_or_misspelt_words_still_get_completions_and_other_spellings() {
    let store = ContentStore::load(&crate::support::content_dir()).unwrap();
    let index = SearchIndex::build(&store).unwrap();
    assert!(!index.suggest(&store, Locale::Zh, "kub", 5).is_empty());
    assert!(!index.suggest(&store, Locale::Id, "sertif", 5).is_empty());
    let r = index.search(&store, Locale::Id, "dsik", 1, 5);
    assert!(r.results.is_empty() && r.alternatives == ["disk"], "{:?} {:?}", r.results.iter().map(|h| &h.id).collect::<Vec<_>>(), r.alternatives);
}
