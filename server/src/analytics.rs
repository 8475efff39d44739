//! Analytics writes (every search, every click on a result, every entry view, every
//! arrival through a `/go` link) go through
//! one bounded queue to one writer, which inserts them with their daily rollups in
//! batches on the database's analytics pool.
//! Recording never waits: when the queue is full, or the database is down, events are
//! dropped and counted (`ack_analytics_dropped_total`), and serving goes on.

use crate::db::{ArrivalRow, ClickRow, Db, DbError, SearchRow, ViewRow};
use crate::metrics::Metrics;
use std::time::Duration;
use tokio::sync::mpsc;

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A search; the query is already cleaned and masked.
    Search(SearchRow),
    /// A click on a result of a recorded search.
    Click(ClickRow),
    /// An entry was read.
    View(ViewRow),
    /// A `/go` link was followed.
    Arrival(ArrivalRow),
}

/// The most events one transaction writes.
const BATCH: usize = 500;
/// How long the writer waits for more events before writing a batch.
const LINGER: Duration = Duration::from_millis(200);

#[derive(Clone)]
pub struct Analytics {
    tx: mpsc::Sender<Event>,
    metrics: Metrics,
}

/// Stops the writer after it has written what is queued.
pub struct Flusher {
    stop: tokio::sync::oneshot::Sender<()>,
    writer: tokio::task::JoinHandle<()>,
}

impl Flusher {
    /// Writes what is queued (waiting at most `deadline`) and stops the writer.
    pub async fn flush(self, deadline: Duration) {
        let _ = self.stop.send(());
        let _ = tokio::time::timeout(deadline, self.writer).await;
    }
}

impl Analytics {
    /// Starts the writer.
    pub fn start(db: Db, capacity: usize, metrics: Metrics) -> (Analytics, Flusher) {
        let (tx, rx) = mpsc::channel(capacity.max(1));
        let (stop, stopped) = tokio::sync::oneshot::channel();
        let writer = tokio::spawn(write_batches(rx, stopped, db, metrics.clone()));
        (Analytics { tx, metrics }, Flusher { stop, writer })
    }

    /// Queues an event, or drops and counts it when the queue is full.
    pub fn record(&self, event: Event) {
        if self.tx.try_send(event).is_err() {
            self.metrics.analytics_dropped(1);
        }
        self.metrics.analytics_depth(self.depth());
    }

    /// Events waiting to be written.
    pub fn depth(&self) -> usize {
        self.tx.max_capacity() - self.tx.capacity()
    }
}

async fn write_batches(mut rx: mpsc::Receiver<Event>, mut stopped: tokio::sync::oneshot::Receiver<()>, db: Db, metrics: Metrics) {
    let mut batch = Vec::with_capacity(BATCH);
    loop {
        let first = tokio::select! {
            e = rx.recv() => e,
            _ = &mut stopped => None,
        };
        let Some(first) = first else {
            // Stopping: write what is left, then end.
            while let Ok(e) = rx.try_recv() {
                batch.push(e);
                if batch.len() == BATCH {
                    write(&db, &metrics, &mut batch).await;
                }
            }
            write(&db, &metrics, &mut batch).await;
            return;
        };
        batch.push(first);
        // Let the events of the next moment gather. Sleeping, not waiting on the queue:
        // a writer waiting on it is woken by every event, a thread switch per search or
        // page view, which under load cost more than writing them.
        tokio::time::sleep(LINGER).await;
        loop {
            while batch.len() < BATCH {
                match rx.try_recv() {
                    Ok(e) => batch.push(e),
                    Err(_) => break,
                }
            }
            let full = batch.len() == BATCH;
            metrics.analytics_depth(rx.len());
            write(&db, &metrics, &mut batch).await;
            if !full {
                break;
            }
        }
    }
}

async fn write(db: &Db, metrics: &Metrics, batch: &mut Vec<Event>) {
    if batch.is_empty() {
        return;
    }
    let n = batch.len() as u64;
    let (mut searches, mut clicks, mut views, mut arrivals) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for e in batch.drain(..) {
        match e {
            Event::Search(s) => searches.push(s),
            Event::Click(c) => clicks.push(c),
            Event::View(v) => views.push(v),
            Event::Arrival(a) => arrivals.push(a),
        }
    }
    let written = match db.record_events(&searches, &clicks, &views).await {
        Ok(()) => db.record_arrivals(&arrivals).await,
        Err(e) => Err(e),
    };
    match written {
        Ok(()) => metrics.analytics_written(n),
        Err(e) => {
            metrics.analytics_dropped(n);
            match e {
                DbError::Unavailable => tracing::debug!(events = n, "the database is down; analytics events dropped"),
                e => tracing::warn!(error = %e, events = n, "writing analytics events failed; dropped"),
            }
        }
    }
}
