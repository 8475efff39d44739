//! Prometheus metrics, served as text at `/metrics` on the admin address only.

use prometheus::{Encoder, Histogram, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry};
use std::sync::Arc;

#[derive(Clone)]
pub struct Metrics(Arc<Inner>);

struct Inner {
    registry: Registry,
    requests: IntCounterVec,
    request_seconds: HistogramVec,
    search_seconds: Histogram,
    zero_results: IntCounter,
    analytics_queued: IntGauge,
    analytics_dropped: IntCounter,
    analytics_written: IntCounter,
    db_connections: IntGaugeVec,
    db_up: IntGauge,
    rate_limited: IntCounterVec,
    connections_open: IntGauge,
    connections_refused: IntCounterVec,
    header_timeouts: IntCounter,
    request_timeouts: IntCounter,
    in_flight: IntGauge,
    shed: IntCounter,
    panics: IntCounter,
}

const LATENCY_BUCKETS: &[f64] = &[0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let registry = Registry::new_custom(Some("ack".into()), None).expect("metrics registry");
        let requests = IntCounterVec::new(Opts::new("http_requests_total", "Requests by route and status."), &["route", "status"]).unwrap();
        let request_seconds = HistogramVec::new(
            HistogramOpts::new("http_request_duration_seconds", "Time to the response head, by route.").buckets(LATENCY_BUCKETS.to_vec()),
            &["route"],
        )
        .unwrap();
        let search_seconds = Histogram::with_opts(
            HistogramOpts::new("search_duration_seconds", "Time spent searching the index.").buckets(LATENCY_BUCKETS.to_vec()),
        )
        .unwrap();
        let zero_results = IntCounter::new("search_zero_results_total", "Searches that found nothing.").unwrap();
        let analytics_queued = IntGauge::new("analytics_queue_depth", "Analytics events waiting to be written.").unwrap();
        let analytics_dropped = IntCounter::new("analytics_dropped_total", "Analytics events dropped: queue full or the database down.").unwrap();
        let analytics_written = IntCounter::new("analytics_written_total", "Analytics events written.").unwrap();
        let db_connections = IntGaugeVec::new(Opts::new("db_pool_connections", "Database pool connections by pool and state."), &["pool", "state"]).unwrap();
        let db_up = IntGauge::new("db_up", "1 when the database answers and its schema is current.").unwrap();
        let rate_limited = IntCounterVec::new(Opts::new("rate_limited_total", "Requests refused by a rate limit, by class."), &["class"]).unwrap();
        let connections_open = IntGauge::new("connections_open", "Open client connections.").unwrap();
        let connections_refused = IntCounterVec::new(Opts::new("connections_refused_total", "Connections refused at a cap."), &["reason"]).unwrap();
        let header_timeouts = IntCounter::new("header_timeouts_total", "Connections closed because headers did not arrive in time.").unwrap();
        let request_timeouts = IntCounter::new("request_timeouts_total", "Requests answered 503 because they took too long.").unwrap();
        let in_flight = IntGauge::new("work_in_flight", "Pages, searches and evaluations being worked on.").unwrap();
        let shed = IntCounter::new("work_shed_total", "Requests refused because too many were in flight.").unwrap();
        let panics = IntCounter::new("panics_total", "Requests whose handler panicked.").unwrap();
        let all: Vec<Box<dyn prometheus::core::Collector>> = vec![
            Box::new(requests.clone()),
            Box::new(request_seconds.clone()),
            Box::new(search_seconds.clone()),
            Box::new(zero_results.clone()),
            Box::new(analytics_queued.clone()),
            Box::new(analytics_dropped.clone()),
            Box::new(analytics_written.clone()),
            Box::new(db_connections.clone()),
            Box::new(db_up.clone()),
            Box::new(rate_limited.clone()),
            Box::new(connections_open.clone()),
            Box::new(connections_refused.clone()),
            Box::new(header_timeouts.clone()),
            Box::new(request_timeouts.clone()),
            Box::new(in_flight.clone()),
            Box::new(shed.clone()),
            Box::new(panics.clone()),
        ];
        for c in all {
            registry.register(c).expect("metric names are unique");
        }
        Metrics(Arc::new(Inner {
            registry,
            requests,
            request_seconds,
            search_seconds,
            zero_results,
            analytics_queued,
            analytics_dropped,
            analytics_written,
            db_connections,
            db_up,
            rate_limited,
            connections_open,
            connections_refused,
            header_timeouts,
            request_timeouts,
            in_flight,
            shed,
            panics,
        }))
    }

    pub fn request(&self, route: &str, status: u16, seconds: f64) {
        let mut buf = itoa_buf();
        self.0.requests.with_label_values(&[route, fmt_status(status, &mut buf)]).inc();
        self.0.request_seconds.with_label_values(&[route]).observe(seconds);
    }
    pub fn search(&self, seconds: f64, found: bool) {
        self.0.search_seconds.observe(seconds);
        if !found {
            self.0.zero_results.inc();
        }
    }
    pub fn analytics_depth(&self, depth: usize) {
        self.0.analytics_queued.set(depth as i64);
    }
    pub fn analytics_dropped(&self, n: u64) {
        self.0.analytics_dropped.inc_by(n);
    }
    pub fn analytics_dropped_total(&self) -> u64 {
        self.0.analytics_dropped.get()
    }
    pub fn analytics_written(&self, n: u64) {
        self.0.analytics_written.inc_by(n);
    }
    pub fn db_pool(&self, pool: &str, size: u32, idle: usize) {
        let idle = idle as i64;
        self.0.db_connections.with_label_values(&[pool, "idle"]).set(idle);
        self.0.db_connections.with_label_values(&[pool, "in_use"]).set(i64::from(size) - idle);
    }
    pub fn db_up(&self, up: bool) {
        self.0.db_up.set(i64::from(up));
    }
    pub fn rate_limited(&self, class: &str) {
        self.0.rate_limited.with_label_values(&[class]).inc();
    }
    pub fn connections_open(&self, n: usize) {
        self.0.connections_open.set(n as i64);
    }
    pub fn connection_refused(&self, reason: &str) {
        self.0.connections_refused.with_label_values(&[reason]).inc();
    }
    pub fn header_timeout(&self) {
        self.0.header_timeouts.inc();
    }
    pub fn request_timeout(&self) {
        self.0.request_timeouts.inc();
    }
    pub fn in_flight(&self, delta: i64) {
        self.0.in_flight.add(delta);
    }
    pub fn shed(&self) {
        self.0.shed.inc();
    }
    pub fn panic(&self) {
        self.0.panics.inc();
    }

    /// The Prometheus text format of every metric.
    pub fn render(&self) -> String {
        let mut out = Vec::new();
        let _ = prometheus::TextEncoder::new().encode(&self.0.registry.gather(), &mut out);
        String::from_utf8(out).unwrap_or_default()
    }
}

fn itoa_buf() -> [u8; 3] {
    [b'0'; 3]
}

/// A status code as text without allocating.
fn fmt_status(status: u16, buf: &mut [u8; 3]) -> &str {
    let s = status.clamp(100, 999);
    buf[0] = b'0' + (s / 100) as u8;
    buf[1] = b'0' + (s / 10 % 10) as u8;
    buf[2] = b'0' + (s % 10) as u8;
    std::str::from_utf8(buf).unwrap_or("000")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_prometheus_text_format() {
        let m = Metrics::new();
        m.request("/{lang}/search", 200, 0.002);
        m.request("/{lang}/search", 429, 0.0001);
        m.search(0.001, false);
        m.analytics_dropped(3);
        let text = m.render();
        assert!(text.contains("ack_http_requests_total{route=\"/{lang}/search\",status=\"200\"} 1"), "{text}");
        assert!(text.contains("ack_http_requests_total{route=\"/{lang}/search\",status=\"429\"} 1"));
        assert!(text.contains("ack_search_zero_results_total 1"));
        assert!(text.contains("ack_analytics_dropped_total 3"));
        assert!(text.contains("# TYPE ack_http_request_duration_seconds histogram"));
    }
}
