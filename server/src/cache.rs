//! A small bounded cache for answers that only depend on their key, such as search
//! results (the index does not change while the process runs).
//!
//! Two generations: new and found entries go into the young one; when it is full, it
//! becomes the old one and the previous old one is dropped. A hit in the old generation
//! moves the entry back into the young one. So what is asked for again stays, what is not
//! is gone after two turns, every operation is O(1), and the cache never holds more than
//! twice its generation's size.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

pub struct Cache<K, V> {
    generation: usize,
    maps: Mutex<Generations<K, V>>,
    hits: AtomicU64,
    misses: AtomicU64,
}

impl<K: Eq + Hash, V> Cache<K, V> {
    /// A cache that keeps between `generation` and twice as many entries once it is warm.
    pub fn new(generation: usize) -> Cache<K, V> {
        Cache { generation: generation.max(1), maps: Mutex::new((HashMap::new(), HashMap::new())), hits: AtomicU64::new(0), misses: AtomicU64::new(0) }
    }

    /// The cached value of `key`, or `make()`'s, which is kept. `make` runs outside the
    /// lock, so two callers may make the same value at once; the first one kept wins.
    pub fn get_or_insert_with(&self, key: K, make: impl FnOnce() -> V) -> Arc<V> {
        if let Some(v) = self.get(&key) {
            return v;
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let made = Arc::new(make());
        let mut maps = self.lock();
        let old = turn(&mut maps, self.generation);
        let kept = maps.0.entry(key).or_insert(made).clone();
        drop(maps);
        // The dropped generation is freed after the lock is let go: thousands of answers
        // take milliseconds to free, and nobody should wait for that.
        drop(old);
        kept
    }

    /// The cached value of `key`, if there is one.
    pub fn get<Q>(&self, key: &Q) -> Option<Arc<V>>
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let mut maps = self.lock();
        if let Some(v) = maps.0.get(key) {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return Some(v.clone());
        }
        let (k, v) = maps.1.remove_entry(key)?;
        self.hits.fetch_add(1, Ordering::Relaxed);
        let old = turn(&mut maps, self.generation);
        maps.0.insert(k, v.clone());
        drop(maps);
        drop(old);
        Some(v)
    }

    /// (hits, misses) since the start.
    pub fn counts(&self) -> (u64, u64) {
        (self.hits.load(Ordering::Relaxed), self.misses.load(Ordering::Relaxed))
    }

    pub fn len(&self) -> usize {
        let maps = self.lock();
        maps.0.len() + maps.1.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Generations<K, V>> {
        // A panic while holding the lock cannot leave the maps half-changed in a way that
        // matters: every state of them is a valid cache.
        self.maps.lock().unwrap_or_else(|e| e.into_inner())
    }
}

type Generations<K, V> = (HashMap<K, Arc<V>>, HashMap<K, Arc<V>>);

/// When the young generation is full: it becomes the old one, and the old one is returned
/// to be dropped.
fn turn<K, V>(maps: &mut Generations<K, V>, generation: usize) -> Option<HashMap<K, Arc<V>>> {
    if maps.0.len() < generation {
        return None;
    }
    let young = std::mem::take(&mut maps.0);
    Some(std::mem::replace(&mut maps.1, young))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_is_asked_for_again_and_stays_bounded() {
        let cache: Cache<u32, u32> = Cache::new(4);
        let made = std::cell::Cell::new(0);
        let get = |k: u32| {
            *cache.get_or_insert_with(k, || {
                made.set(made.get() + 1);
                k * 10
            })
        };
        assert_eq!(get(1), 10);
        assert_eq!(get(1), 10);
        assert_eq!(made.get(), 1, "the second ask is a hit");
        for k in 2..=20 {
            get(k);
            get(1); // 1 stays hot
            assert!(cache.len() <= 8, "at most two generations: {}", cache.len());
        }
        let before = made.get();
        get(1);
        assert_eq!(made.get(), before, "the hot key survived every turn");
        get(2);
        assert_eq!(made.get(), before + 1, "a cold key was dropped and made again");
        assert_eq!(cache.counts(), (21, made.get() as u64));
    }
}
