//! Whether the database is usable, as the newest finished observation says.
//!
//! Checks overlap: the watcher's ping may begin while the database is away and time out
//! after a later check has already seen it back. Each observation is numbered when it
//! begins, and one that finishes after a newer one is ignored, so a stale "down" cannot
//! undo a fresh "up" (or the other way round).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

#[derive(Default)]
pub(crate) struct Availability {
    up: AtomicBool,
    begun: AtomicU64,
    /// The number of the newest observation recorded.
    recorded: Mutex<u64>,
}

/// An observation begun and not yet recorded.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Observation(u64);

impl Availability {
    pub(crate) fn is_up(&self) -> bool {
        self.up.load(Ordering::Relaxed)
    }

    pub(crate) fn begin(&self) -> Observation {
        Observation(self.begun.fetch_add(1, Ordering::Relaxed) + 1)
    }

    /// Records what an observation found unless a newer one was recorded first. Returns
    /// the new state when this changed it.
    pub(crate) fn record(&self, o: Observation, up: bool) -> Option<bool> {
        let mut recorded = self.recorded.lock().unwrap_or_else(|e| e.into_inner());
        if o.0 < *recorded {
            return None;
        }
        *recorded = o.0;
        let was = self.up.swap(up, Ordering::Relaxed);
        (was != up).then_some(up)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_observation_that_finishes_late_does_not_undo_a_newer_one() {
        // (observations begun, then recorded in this order as (index, found up), expected state)
        let cases: &[(usize, &[(usize, bool)], bool)] = &[
            (1, &[(0, true)], true),
            (2, &[(0, false), (1, true)], true),
            // The watcher's ping began in the outage and times out after a check saw it back.
            (2, &[(1, true), (0, false)], true),
            // A check that saw it back finishes after a newer one saw it go again.
            (2, &[(1, false), (0, true)], false),
            (3, &[(2, true), (0, false), (1, false)], true),
        ];
        for (begun, order, expected) in cases {
            let a = Availability::default();
            let obs: Vec<Observation> = (0..*begun).map(|_| a.begin()).collect();
            for (i, up) in *order {
                a.record(obs[*i], *up);
            }
            assert_eq!(a.is_up(), *expected, "{order:?}");
        }
    }

    #[test]
    fn a_change_is_reported_once() {
        let a = Availability::default();
        assert_eq!(a.record(a.begin(), true), Some(true));
        assert_eq!(a.record(a.begin(), true), None);
        assert_eq!(a.record(a.begin(), false), Some(false));
    }
}
