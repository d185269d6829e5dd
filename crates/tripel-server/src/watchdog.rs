//! Query time limits: one background thread cancels the [`CancellationToken`] of every query that
//! outlives its deadline.
//!
//! Oxigraph checks the token while it evaluates (also inside sorts and joins that do not yield a
//! row for a long time), so a cancelled query stops with `QueryEvaluationError::Cancelled` and its
//! worker thread is free again. A single timer thread for all queries costs nothing per request,
//! unlike a sleeping thread per query.

use oxigraph::sparql::CancellationToken;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

#[derive(Default)]
struct State {
    deadlines: BinaryHeap<Reverse<(Instant, u64)>>,
    armed: HashMap<u64, CancellationToken>,
    next_id: u64,
    stop: bool,
}

struct Shared {
    state: Mutex<State>,
    wake: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // The state stays consistent even if a holder panicked: every update is one statement.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The timer thread; dropping it stops the thread.
pub(crate) struct Watchdog {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

/// A running query's registration: cancel-on-deadline until dropped.
pub(crate) struct Armed {
    shared: Arc<Shared>,
    id: u64,
    token: CancellationToken,
}

impl Armed {
    /// The token to hand to the SPARQL evaluator.
    pub(crate) fn token(&self) -> CancellationToken {
        self.token.clone()
    }

    /// True once the deadline has passed and the query was cancelled.
    pub(crate) fn fired(&self) -> bool {
        self.token.is_cancelled()
    }
}

impl Drop for Armed {
    fn drop(&mut self) {
        self.shared.lock().armed.remove(&self.id);
    }
}

impl Watchdog {
    /// Starts the timer thread.
    pub(crate) fn start() -> std::io::Result<Self> {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            wake: Condvar::new(),
        });
        let thread_shared = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("tripel-watchdog".into())
            .spawn(move || run(&thread_shared))?;
        Ok(Self {
            shared,
            thread: Some(thread),
        })
    }

    /// Registers a query that must finish within `timeout`.
    pub(crate) fn arm(&self, timeout: Duration) -> Armed {
        let token = CancellationToken::new();
        let deadline = Instant::now() + timeout;
        let mut state = self.shared.lock();
        let id = state.next_id;
        state.next_id += 1;
        state.armed.insert(id, token.clone());
        let earliest = state
            .deadlines
            .peek()
            .is_none_or(|Reverse((d, _))| deadline < *d);
        state.deadlines.push(Reverse((deadline, id)));
        drop(state);
        if earliest {
            self.shared.wake.notify_one();
        }
        Armed {
            shared: Arc::clone(&self.shared),
            id,
            token,
        }
    }
}

fn run(shared: &Shared) {
    let mut state = shared.lock();
    loop {
        if state.stop {
            return;
        }
        let now = Instant::now();
        while let Some(Reverse((deadline, id))) = state.deadlines.peek().copied() {
            if deadline > now {
                break;
            }
            state.deadlines.pop();
            if let Some(token) = state.armed.remove(&id) {
                token.cancel();
            }
        }
        // Entries of queries that finished in time are dropped lazily; compact when they pile up.
        if state.deadlines.len() > 1024 && state.deadlines.len() > 4 * state.armed.len() {
            let armed: Vec<u64> = state.armed.keys().copied().collect();
            state
                .deadlines
                .retain(|Reverse((_, id))| armed.contains(id));
        }
        let wait = state
            .deadlines
            .peek()
            .map(|Reverse((deadline, _))| deadline.saturating_duration_since(now))
            .unwrap_or(Duration::from_secs(3600));
        state = shared
            .wake
            .wait_timeout(state, wait)
            .unwrap_or_else(PoisonError::into_inner)
            .0;
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.shared.lock().stop = true;
        self.shared.wake.notify_all();
        if let Some(thread) = self.thread.take() {
            // Err only if the timer thread panicked, which already printed its message.
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancels_after_deadline_only() {
        let watchdog = Watchdog::start().unwrap();
        let slow = watchdog.arm(Duration::from_millis(30));
        let fast = watchdog.arm(Duration::from_secs(60));
        assert!(!slow.fired());
        std::thread::sleep(Duration::from_millis(200));
        assert!(slow.fired());
        assert!(!fast.fired());
        drop(fast);
        drop(slow);
        assert!(watchdog.shared.lock().armed.is_empty());
    }
}
