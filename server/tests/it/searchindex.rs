//! The search index kept on disk: reused while the knowledge base is unchanged, rebuilt
//! (and its bodies checked) when it changes, and answering as the index built in memory.

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
