//! Feedback forms that were refused, kept for a short while so that the page shown after
//! the redirect can put back what was typed. Bounded in size and age.

use app::api::FeedbackDraft;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const MAX_DRAFTS: usize = 10_000;
const TTL: Duration = Duration::from_secs(30 * 60);

#[derive(Default)]
pub struct DraftStore {
    drafts: Mutex<HashMap<String, (Instant, FeedbackDraft)>>,
}

impl DraftStore {
    /// Keeps a draft and returns the token that finds it again.
    pub fn put(&self, draft: FeedbackDraft) -> String {
        let token = crate::db::random_token();
        let now = Instant::now();
        let mut map = self.drafts.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, (at, _)| now.duration_since(*at) < TTL);
        if map.len() >= MAX_DRAFTS {
            if let Some(oldest) = map.iter().min_by_key(|(_, (at, _))| *at).map(|(k, _)| k.clone()) {
                map.remove(&oldest);
            }
        }
        map.insert(token.clone(), (now, draft));
        token
    }

    pub fn get(&self, token: &str) -> Option<FeedbackDraft> {
        let map = self.drafts.lock().unwrap_or_else(|e| e.into_inner());
        map.get(token).filter(|(at, _)| at.elapsed() < TTL).map(|(_, d)| d.clone())
    }
}
