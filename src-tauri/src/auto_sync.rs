//! Syncing on its own while the vault is open: once right after an unlock (in the background,
//! so the journal shows at once), every [`EVERY`] while it stays unlocked, and once just
//! before it locks ([`crate::state::AppState::lock`]).
//!
//! Each unlock starts one timer thread ([`start`]). It waits on a condition variable, not on
//! the session: the session's lock is taken only for the exchange itself, so a command never
//! waits on an idle timer. A lock (or another vault being opened) bumps the generation and
//! wakes the thread, which then ends.
//!
//! Nothing here shows a dialog: an exchange that fails keeps its message as the "last problem"
//! that Settings shows, until one succeeds. A failure before a lock never stops the lock. After
//! a background exchange that brought changes, [`SYNCED_EVENT`] tells the page to load the
//! list and the open entry again.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

use attune::sync::SyncReport;
use attune::{Session, SessionError};
use tauri::{AppHandle, Emitter, Manager};

use crate::error::IpcError;
use crate::state::AppState;

/// How often an unlocked, linked vault exchanges changes on its own.
pub const EVERY: Duration = Duration::from_secs(5 * 60);

/// How long after an unlock the first exchange waits: the journal's first page is read first,
/// and arrives without waiting on a merge.
pub const AFTER_UNLOCK: Duration = Duration::from_millis(1500);

/// Emitted (with the [`SyncReport`]) after a background exchange that received changes.
pub const SYNCED_EVENT: &str = "attune://synced";

/// The timers' generation and the last problem; one per app, in [`AppState`].
#[derive(Debug, Default)]
pub struct AutoSync {
    /// Bumped at every unlock and every lock: a timer started for an older generation ends.
    generation: Mutex<u64>,
    wake: Condvar,
    /// Why the last exchange failed, until one succeeds.
    problem: Mutex<Option<String>>,
}

impl AutoSync {
    /// Ends the running timer, if any, and returns the new generation.
    pub fn stop(&self) -> u64 {
        let mut generation = self.generation.lock().unwrap_or_else(|e| e.into_inner());
        *generation += 1;
        self.wake.notify_all();
        *generation
    }

    /// Ends the running timer and forgets the last problem: another vault is opening.
    pub fn reset(&self) -> u64 {
        self.record_problem(None);
        self.stop()
    }

    /// Why the last exchange failed, when it did and none has succeeded since.
    pub fn problem(&self) -> Option<String> {
        self.problem.lock().ok().and_then(|p| p.clone())
    }

    /// Keeps how an exchange went for Settings: its message when it failed, nothing when it
    /// worked.
    pub fn record<T>(&self, result: &Result<T, IpcError>) {
        self.record_problem(result.as_ref().err().map(|e| e.message.clone()));
    }

    fn record_problem(&self, problem: Option<String>) {
        if let Ok(mut slot) = self.problem.lock() {
            *slot = problem;
        }
    }

    /// Exchanges changes when `session` is linked to a sync folder, keeping a failure as the
    /// last problem. `None` when it is not linked (nothing was done).
    pub fn exchange_if_linked(&self, session: &mut Session) -> Option<Result<SyncReport, IpcError>> {
        let result = match session.sync() {
            Err(SessionError::Sync(attune::sync::SyncError::NotLinked)) => return None,
            other => other.map_err(IpcError::from),
        };
        if let Err(e) = &result {
            log::warn!("sync: the exchange did not complete: {}", e.message);
        }
        self.record(&result);
        Some(result)
    }

    /// Waits `time`, or less if `generation` stops meanwhile; whether it is still current.
    /// Holds nothing but the generation's own lock, released while waiting.
    pub fn wait(&self, generation: u64, time: Duration) -> bool {
        let current = self.generation.lock().unwrap_or_else(|e| e.into_inner());
        let (current, _) =
            self.wake.wait_timeout_while(current, time, |g| *g == generation).unwrap_or_else(|e| e.into_inner());
        *current == generation
    }

    /// Calls `tick` every `every` for as long as `generation` is current; returns as soon as
    /// it is not (a lock, or another vault opened).
    pub fn run_timer(&self, generation: u64, every: Duration, mut tick: impl FnMut()) {
        while self.wait(generation, every) {
            tick();
        }
    }

    fn current(&self) -> u64 {
        *self.generation.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Starts syncing on its own for the session just opened: [`AFTER_UNLOCK`] after an unlock
/// when `now` (a vault just joined has just exchanged), then every [`EVERY`] until the vault
/// locks. Call after [`AppState::set_session`].
pub fn start(app: &AppHandle, now: bool) {
    let state = crate::commands::state(app);
    let generation = state.auto_sync.current();
    let app = app.clone();
    let spawned = std::thread::Builder::new().name("attune-sync".into()).spawn(move || {
        let Some(state) = app.try_state::<AppState>() else { return };
        if now && state.auto_sync.wait(generation, AFTER_UNLOCK) {
            exchange_in_background(&app, &state, generation);
        }
        state.auto_sync.run_timer(generation, EVERY, || exchange_in_background(&app, &state, generation));
    });
    if let Err(e) = spawned {
        log::warn!("sync: the background exchanges could not start: {e}");
    }
}

/// One background exchange, if the vault is still the one the timer was started for and is
/// linked; tells the page when changes arrived.
fn exchange_in_background(app: &AppHandle, state: &AppState, generation: u64) {
    let report = {
        let Ok(mut session) = state.session() else { return };
        if state.auto_sync.current() != generation {
            return;
        }
        let Some(session) = session.as_mut() else { return };
        state.auto_sync.exchange_if_linked(session)
    };
    if let Some(Ok(report)) = report
        && report.received.changes > 0
    {
        log::info!("sync: received {} changes", report.received.changes);
        let _ = app.emit(SYNCED_EVENT, &report);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;

    #[test]
    fn the_timer_ticks_until_its_generation_is_stopped() {
        let auto = Arc::new(AutoSync::default());
        let generation = auto.current();
        let ticks = Arc::new(AtomicU32::new(0));
        let (a, t) = (auto.clone(), ticks.clone());
        let timer = std::thread::spawn(move || {
            a.run_timer(generation, Duration::from_millis(5), || {
                if t.fetch_add(1, Ordering::SeqCst) + 1 == 3 {
                    a.stop();
                }
            });
        });
        timer.join().unwrap();
        assert_eq!(ticks.load(Ordering::SeqCst), 3, "the timer ticks until a lock stops it, then never again");
    }

    #[test]
    fn a_lock_ends_a_waiting_timer_at_once_without_a_tick() {
        let auto = Arc::new(AutoSync::default());
        let generation = auto.current();
        let ticks = Arc::new(AtomicU32::new(0));
        let (a, t) = (auto.clone(), ticks.clone());
        let (done_tx, done_rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            a.run_timer(generation, Duration::from_secs(3600), || {
                t.fetch_add(1, Ordering::SeqCst);
            });
            done_tx.send(()).unwrap();
        });
        // The timer waits an hour; the lock must wake it rather than leave it waiting.
        std::thread::sleep(Duration::from_millis(20));
        auto.stop();
        done_rx.recv_timeout(Duration::from_secs(30)).expect("a stopped timer should end, not wait out its hour");
        assert_eq!(ticks.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn a_timer_of_an_older_generation_never_ticks() {
        let auto = AutoSync::default();
        let old = auto.current();
        auto.stop();
        let mut ticked = false;
        auto.run_timer(old, Duration::from_secs(3600), || ticked = true);
        assert!(!ticked, "a timer started before a lock must not exchange after it");
    }

    #[test]
    fn the_last_problem_is_kept_until_an_exchange_works() {
        let auto = AutoSync::default();
        auto.record::<()>(&Err(IpcError::invalid("the sync folder /media/usb cannot be reached")));
        assert_eq!(auto.problem().as_deref(), Some("the sync folder /media/usb cannot be reached"));
        auto.record(&Ok(()));
        assert_eq!(auto.problem(), None);
        auto.record::<()>(&Err(IpcError::invalid("x")));
        auto.reset();
        assert_eq!(auto.problem(), None, "another vault starts with no problem of the last one's");
    }
}
