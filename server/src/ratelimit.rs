//! Per-client rate limits (GCRA, from the governor crate), one limiter per class of
//! request. Clients are keyed by address (IPv6 by /64, see `clientaddr`). Limits live in
//! each process: behind a load balancer of N processes a client gets up to N times the
//! limit, which `docs/OPERATIONS.md` says.

use crate::clientaddr::client_key;
use governor::clock::{Clock, DefaultClock};
use governor::{Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

type Keyed = RateLimiter<IpAddr, governor::state::keyed::DefaultKeyedStateStore<IpAddr>, DefaultClock>;

/// What a request costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    /// A search, a suggestion or a wizard evaluation through the API.
    Search,
    /// Any other page or server function.
    Page,
    /// Something stored: a vote or comment, a saved run, a draft.
    Write,
}

impl Class {
    pub fn label(self) -> &'static str {
        match self {
            Class::Search => "search",
            Class::Page => "page",
            Class::Write => "write",
        }
    }
}

/// A limit: so many per minute, with bursts of so many. Zero per minute means none.
#[derive(Clone, Copy, Debug)]
pub struct Rate {
    pub per_minute: u32,
    pub burst: u32,
}

pub struct Limits {
    search: Option<Keyed>,
    page: Option<Keyed>,
    write: Option<Keyed>,
    clock: DefaultClock,
}

fn limiter(rate: Rate) -> Option<Keyed> {
    let per_minute = NonZeroU32::new(rate.per_minute)?;
    let burst = NonZeroU32::new(rate.burst.max(1)).unwrap_or(NonZeroU32::MIN);
    Some(RateLimiter::hashmap(Quota::per_minute(per_minute).allow_burst(burst)))
}

impl Limits {
    pub fn new(search: Rate, page: Rate, write: Rate) -> Limits {
        Limits { search: limiter(search), page: limiter(page), write: limiter(write), clock: DefaultClock::default() }
    }

    /// Counts a request; `Err` says how long the client should wait.
    pub fn check(&self, class: Class, ip: IpAddr) -> Result<(), Duration> {
        let limiter = match class {
            Class::Search => &self.search,
            Class::Page => &self.page,
            Class::Write => &self.write,
        };
        let Some(limiter) = limiter else { return Ok(()) };
        limiter.check_key(&client_key(ip)).map_err(|not_until| not_until.wait_time_from(self.clock.now()))
    }

    /// Forgets clients whose limits have recovered, so that the tables stay as small as
    /// the set of recently active clients.
    pub fn forget_idle(&self) -> usize {
        let mut live = 0;
        for l in [&self.search, &self.page, &self.write].into_iter().flatten() {
            l.retain_recent();
            l.shrink_to_fit();
            live += l.len();
        }
        live
    }
}

/// Whole seconds to put in `Retry-After`: at least one.
pub fn retry_after_secs(wait: Duration) -> u64 {
    wait.as_secs_f64().ceil().max(1.0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_client_gets_its_burst_then_waits() {
        let limits = Limits::new(Rate { per_minute: 60, burst: 3 }, Rate { per_minute: 0, burst: 0 }, Rate { per_minute: 6, burst: 1 });
        let a: IpAddr = "203.0.113.7".parse().unwrap();
        let b: IpAddr = "203.0.113.8".parse().unwrap();
        for _ in 0..3 {
            assert!(limits.check(Class::Search, a).is_ok());
        }
        let wait = limits.check(Class::Search, a).unwrap_err();
        assert!(wait <= Duration::from_secs(1), "{wait:?}");
        assert!(limits.check(Class::Search, b).is_ok(), "another client is not affected");
        for _ in 0..1000 {
            assert!(limits.check(Class::Page, a).is_ok(), "no page limit configured");
        }
        assert!(limits.check(Class::Write, a).is_ok());
        let wait = limits.check(Class::Write, a).unwrap_err();
        assert!(wait > Duration::from_secs(8) && wait <= Duration::from_secs(10), "{wait:?}");
        assert_eq!(retry_after_secs(wait), 10);
        assert_eq!(retry_after_secs(Duration::from_millis(1)), 1);
    }

    #[test]
    fn one_ipv6_prefix_is_one_client() {
        let limits = Limits::new(Rate { per_minute: 1, burst: 1 }, Rate { per_minute: 0, burst: 0 }, Rate { per_minute: 0, burst: 0 });
        assert!(limits.check(Class::Search, "2001:db8::1".parse().unwrap()).is_ok());
        assert!(limits.check(Class::Search, "2001:db8::2".parse().unwrap()).is_err());
        assert!(limits.check(Class::Search, "2001:db8:0:1::1".parse().unwrap()).is_ok());
    }
}
