//! A bound on password hashing. Each Argon2 hash takes about 19 MiB and a core for tens of
//! milliseconds on a blocking thread; without a bound, a few hundred sign-ins at once would
//! exhaust memory. At most [`Gate::limit`] hashes run at once (twice the cores); others queue,
//! and when the queue is full the caller is told the server is busy instead of piling up.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock};
use tokio::sync::Semaphore;

/// The server is hashing as many passwords as it may, and as many more are waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

impl std::fmt::Display for Busy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("too many passwords are being checked at once")
    }
}

impl std::error::Error for Busy {}

/// How many requests may wait for a turn, per hash that may run.
const QUEUE_PER_PERMIT: usize = 16;

#[derive(Debug)]
struct Inner {
    permits: Semaphore,
    limit: usize,
    waiting: AtomicUsize,
    running: AtomicUsize,
    peak: AtomicUsize,
}

/// Turns for hashing; clones share them. A server has one (in its context).
#[derive(Debug, Clone)]
pub struct Gate(Arc<Inner>);

impl Gate {
    /// At most `limit` hashes at once, and 16 times as many waiting.
    pub fn new(limit: usize) -> Self {
        let limit = limit.max(1);
        Gate(Arc::new(Inner {
            permits: Semaphore::new(limit),
            limit,
            waiting: AtomicUsize::new(0),
            running: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
        }))
    }

    /// The most hashes that run at once.
    pub fn limit(&self) -> usize {
        self.0.limit
    }

    /// The most hashes that have run at once through this gate.
    pub fn peak(&self) -> usize {
        self.0.peak.load(Ordering::SeqCst)
    }

    /// Runs CPU- and memory-heavy `work` on a blocking thread once a turn is free, or answers
    /// [`Busy`] at once when too many are already waiting. The turn is held until the work
    /// ends, even if the request that asked for it has gone.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Busy> {
        let inner = &self.0;
        let permit = {
            let _waiting = Waiting::enter(inner)?;
            inner.permits.acquire().await.map_err(|_| Busy)?
        };
        // The turn goes with the work to the blocking thread and is given back there (even if
        // the work panics), so that a cancelled request cannot free a turn while its hash runs.
        permit.forget();
        let turn = Turn::start(self.0.clone());
        tokio::task::spawn_blocking(move || {
            let _turn = turn;
            work()
        })
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "password hashing thread failed");
            Busy
        })
    }
}

impl Default for Gate {
    /// Twice the cores.
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Gate::new(2 * cores)
    }
}

/// The gate for hashing outside a server's requests (operator commands, demo data).
pub fn shared() -> &'static Gate {
    static SHARED: LazyLock<Gate> = LazyLock::new(Gate::default);
    &SHARED
}

/// A place in the queue, left when dropped.
struct Waiting<'a>(&'a Inner);

impl<'a> Waiting<'a> {
    fn enter(inner: &'a Inner) -> Result<Self, Busy> {
        let queued = inner.waiting.fetch_add(1, Ordering::SeqCst) + 1;
        let place = Waiting(inner);
        if queued > inner.limit * QUEUE_PER_PERMIT {
            return Err(Busy);
        }
        Ok(place)
    }
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.waiting.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A turn taken from the gate (its permit forgotten), counted as running; given back when
/// dropped.
struct Turn(Arc<Inner>);

impl Turn {
    fn start(inner: Arc<Inner>) -> Self {
        let now = inner.running.fetch_add(1, Ordering::SeqCst) + 1;
        inner.peak.fetch_max(now, Ordering::SeqCst);
        Turn(inner)
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        self.0.running.fetch_sub(1, Ordering::SeqCst);
        self.0.permits.add_permits(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn hashing_is_bounded_and_overflow_is_busy() {
        let gate = Gate::new(2);
        let many = gate.limit() * (QUEUE_PER_PERMIT + 4);
        let tasks: Vec<_> = (0..many)
            .map(|_| {
                let gate = gate.clone();
                tokio::spawn(async move {
                    gate.run(|| std::thread::sleep(std::time::Duration::from_millis(50)))
                        .await
                })
            })
            .collect();
        let mut busy = 0;
        for t in tasks {
            if t.await.unwrap().is_err() {
                busy += 1;
            }
        }
        assert_eq!(gate.peak(), gate.limit(), "bounded, and used");
        assert!(busy > 0, "a full queue answers busy");
        assert!(busy < many, "the queue is served");
        assert_eq!(gate.run(|| 1).await, Ok(1), "free again afterwards");
    }
}
