//! At most one run of an async job per key at a time; concurrent callers share its result.
//!
//! "Test token" must never ask Zoom twice for one click: a new token can invalidate the one a
//! deployed service holds. Once the run completes, the next call starts a fresh one.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;

/// Shares in-flight jobs by key.
pub(crate) struct SingleFlight<K, V> {
    inflight: Mutex<HashMap<K, Arc<OnceCell<V>>>>,
}

impl<K: Eq + Hash + Clone, V: Clone> SingleFlight<K, V> {
    pub(crate) fn new() -> Self {
        Self {
            inflight: Mutex::new(HashMap::new()),
        }
    }

    /// Runs `job` unless a run for `key` is under way, in which case waits for that run's result.
    pub(crate) async fn run<F, Fut>(&self, key: K, job: F) -> V
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = V>,
    {
        let cell = {
            let mut map = self.inflight.lock().unwrap_or_else(|p| p.into_inner());
            map.entry(key.clone())
                .or_insert_with(|| Arc::new(OnceCell::new()))
                .clone()
        };
        // Whoever gets here first runs `job`; the others wait on the same cell. If the leader is
        // cancelled, a waiter's own `job` runs instead, so a result always arrives.
        cell.get_or_init(job).await;
        {
            let mut map = self.inflight.lock().unwrap_or_else(|p| p.into_inner());
            if map.get(&key).is_some_and(|c| Arc::ptr_eq(c, &cell)) {
                map.remove(&key);
            }
        }
        // The last holder takes the value without a copy; earlier ones clone it.
        match Arc::try_unwrap(cell) {
            Ok(cell) => cell.into_inner(),
            Err(shared) => shared.get().cloned(),
        }
        .unwrap_or_else(|| unreachable!("get_or_init completed, so the cell holds a value"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn concurrent_callers_share_one_run_and_later_calls_start_anew() {
        let flights = Arc::new(SingleFlight::<&str, usize>::new());
        let runs = Arc::new(AtomicUsize::new(0));
        let gate = Arc::new(tokio::sync::Notify::new());
        let mut handles = Vec::new();
        for _ in 0..20 {
            let (flights, runs, gate) = (flights.clone(), runs.clone(), gate.clone());
            handles.push(tokio::spawn(async move {
                flights
                    .run("app", || async move {
                        gate.notified().await;
                        runs.fetch_add(1, Ordering::SeqCst) + 1
                    })
                    .await
            }));
        }
        tokio::task::yield_now().await;
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        gate.notify_one();
        for h in handles {
            assert_eq!(h.await.expect("task"), 1);
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        let again = flights.run("app", || async { 99 }).await;
        assert_eq!(again, 99, "a finished run is not cached");
    }
}
