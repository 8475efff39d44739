//! The work pool: a runtime of its own for the CPU-bound part of serving (rendering pages,
//! searching, evaluating wizards), so that the runtime that accepts connections and
//! answers probes and static files is never queued behind it. A bounded number of
//! requests are worked on at once; more are refused at once with a 503 rather than
//! queued without end.

use std::future::Future;
use std::sync::Arc;
use tokio::runtime::{Handle, Runtime};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

pub struct WorkPool {
    handle: Handle,
    permits: Arc<Semaphore>,
    /// Requests waiting for a place, and how many may wait.
    waiting: Arc<std::sync::atomic::AtomicUsize>,
    max_waiting: usize,
    runtime: Option<Runtime>,
}

/// How long a request waits for a place before it is refused.
const MAX_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Why work was not done.
#[derive(Debug, PartialEq, Eq)]
pub enum WorkError {
    /// Too much is in flight already.
    Busy,
    /// The work panicked; the panic was logged.
    Panicked,
    /// The pool is shutting down.
    Stopped,
}

impl WorkPool {
    /// A pool of `threads` threads (0: one per core), working on at most `max_in_flight`
    /// requests at once while as many again wait (up to five seconds) for a place.
    pub fn new(threads: usize, max_in_flight: usize) -> std::io::Result<WorkPool> {
        let threads = if threads == 0 { std::thread::available_parallelism().map_or(2, |n| n.get()) } else { threads };
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(threads)
            .thread_name("ack-work")
            .enable_all()
            .build()?;
        let max_in_flight = max_in_flight.max(1);
        Ok(WorkPool {
            handle: runtime.handle().clone(),
            permits: Arc::new(Semaphore::new(max_in_flight)),
            waiting: Arc::default(),
            max_waiting: max_in_flight,
            runtime: Some(runtime),
        })
    }

    /// A place for one more piece of work, if there is one now.
    pub fn admit(&self) -> Result<OwnedSemaphorePermit, WorkError> {
        self.permits.clone().try_acquire_owned().map_err(|_| WorkError::Busy)
    }

    /// A place for one more piece of work: at once, or after a short wait in a bounded
    /// line; `Busy` when the line is full or the wait too long.
    pub async fn admit_or_wait(&self) -> Result<OwnedSemaphorePermit, WorkError> {
        use std::sync::atomic::Ordering;
        if let Ok(p) = self.admit() {
            return Ok(p);
        }
        if self.waiting.fetch_add(1, Ordering::AcqRel) >= self.max_waiting {
            self.waiting.fetch_sub(1, Ordering::AcqRel);
            return Err(WorkError::Busy);
        }
        let permit = tokio::time::timeout(MAX_WAIT, self.permits.clone().acquire_owned()).await;
        self.waiting.fetch_sub(1, Ordering::AcqRel);
        match permit {
            Ok(Ok(p)) => Ok(p),
            _ => Err(WorkError::Busy),
        }
    }

    /// Runs `work` on the pool and waits for its result.
    pub async fn run<T: Send + 'static>(&self, permit: OwnedSemaphorePermit, work: impl Future<Output = T> + Send + 'static) -> Result<T, WorkError> {
        let task = self.handle.spawn(async move {
            let out = work.await;
            drop(permit);
            out
        });
        match task.await {
            Ok(out) => Ok(out),
            Err(e) if e.is_panic() => {
                let payload = e.into_panic();
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                tracing::error!(panic = %message, "a request panicked");
                Err(WorkError::Panicked)
            }
            Err(_) => Err(WorkError::Stopped),
        }
    }
}

impl Drop for WorkPool {
    fn drop(&mut self) {
        // Dropping a runtime blocks, which is not allowed inside another runtime.
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn runs_work_elsewhere_refuses_beyond_its_bound_and_survives_panics() {
        let pool = Arc::new(WorkPool::new(1, 1).unwrap());
        let here = std::thread::current().id();
        let a = pool.admit().unwrap();
        let there = pool.run(a, async { std::thread::current().id() }).await.unwrap();
        assert_ne!(here, there, "the work ran on the pool's thread");
        let held = pool.admit().unwrap();
        assert_eq!(pool.admit().err(), Some(WorkError::Busy));
        // One more may wait in line for a place; the next one is refused at once.
        let waiter = tokio::spawn({
            let pool = pool.clone();
            async move { pool.admit_or_wait().await.map(drop) }
        });
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let started = std::time::Instant::now();
        assert_eq!(pool.admit_or_wait().await.err(), Some(WorkError::Busy), "the line is full");
        assert!(started.elapsed() < std::time::Duration::from_secs(1), "refused at once");
        drop(held);
        assert_eq!(waiter.await.unwrap(), Ok(()), "the waiter got the freed place");
        let p = pool.admit().unwrap();
        assert_eq!(pool.run(p, async { panic!("boom") }).await, Err::<(), _>(WorkError::Panicked));
        assert!(pool.admit().is_ok(), "the panicked work gave its place back");
    }
}
