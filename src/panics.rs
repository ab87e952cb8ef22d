//! Panics on any thread, reported in the messages panel instead of lost on stderr.
//!
//! A bug or a hostile input can panic a thread nkmap does not own (walkers' tile workers) or
//! one it does (the loader); Rust then prints to stderr, which a desktop user never sees, and
//! the thread is gone. A process-wide panic hook notes every panic (thread, message, place)
//! in a queue the app empties into its messages each frame; the previous hook still runs, so
//! stderr keeps the usual report. The threads themselves are contained where they are
//! started or called: [`contained`] for the loader and for the calls into walkers' tiles.
//!
//! Panics on a thread that runs an app's interface are not queued: such a panic ends that
//! window anyway, and in a test binary, where every test runs its own app on its own thread,
//! one test's failed assertion would otherwise show up in the messages panel of another.

use std::sync::{Mutex, Once};
use std::thread::ThreadId;

/// One panic, as the messages panel words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanicReport {
    pub thread: String,
    pub message: String,
}

static REPORTS: Mutex<Vec<PanicReport>> = Mutex::new(Vec::new());
/// Threads that run an app's interface (see the module comment).
static UI_THREADS: Mutex<Vec<ThreadId>> = Mutex::new(Vec::new());

/// Installs the hook once per process and marks the calling thread as an interface thread,
/// whose own panics are left to unwind as usual rather than queued.
pub fn install() {
    let me = std::thread::current().id();
    let mut ui = UI_THREADS.lock().unwrap_or_else(|p| p.into_inner());
    if !ui.contains(&me) {
        // Bounded: a test binary starts a few hundred apps at most; beyond that, forget the
        // oldest (their threads have finished).
        if ui.len() >= 1024 {
            ui.remove(0);
        }
        ui.push(me);
    }
    drop(ui);
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let current = std::thread::current();
            let on_ui = UI_THREADS
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .contains(&current.id());
            if on_ui {
                previous(info);
                return;
            }
            let thread = current.name().unwrap_or("unnamed").to_owned();
            let mut message = payload_text(info.payload());
            if let Some(at) = info.location() {
                message = format!("{message} ({}:{})", at.file(), at.line());
            }
            // A poisoned queue still takes reports: the data is a plain list.
            let mut q = REPORTS.lock().unwrap_or_else(|p| p.into_inner());
            // Bounded, so a thread panicking in a loop cannot fill memory.
            if q.len() < 100 {
                q.push(PanicReport { thread, message });
            }
            drop(q);
            previous(info);
        }));
    });
}

/// The panics noted since the last call.
pub fn take() -> Vec<PanicReport> {
    std::mem::take(&mut *REPORTS.lock().unwrap_or_else(|p| p.into_inner()))
}

/// The text a panic carried (`panic!("…")` gives a `&str` or a `String`).
pub fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

/// Runs `f`; a panic inside it becomes `Err` with its message instead of unwinding further.
pub fn contained<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    // The closures given here own their data or only read shared data: nothing is left
    // half-changed for the caller to see after a panic.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|p| payload_text(&*p))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The queue is one per process: these tests take turns with it.
    static QUEUE: Mutex<()> = Mutex::new(());

    #[test]
    fn a_panicking_thread_is_reported_and_contained() {
        let _turn = QUEUE.lock().unwrap_or_else(|p| p.into_inner());
        install();
        let handle = std::thread::Builder::new()
            .name("tile-test".into())
            .spawn(|| panic!("split_to out of bounds"));
        let joined = handle.map(|h| h.join().is_err());
        assert_eq!(joined.ok(), Some(true));
        let reports = take();
        assert!(
            reports
                .iter()
                .any(|r| r.thread == "tile-test" && r.message.contains("split_to out of bounds")),
            "{reports:?}"
        );
        let r: Result<u8, String> = contained(|| panic!("loader bug"));
        assert_eq!(r, Err("loader bug".to_owned()));
        assert_eq!(contained(|| 7), Ok(7));
    }

    #[test]
    fn a_panic_on_an_interface_thread_is_not_queued_for_another_app() {
        let _turn = QUEUE.lock().unwrap_or_else(|p| p.into_inner());
        // A test thread that runs an app (it called `install`) fails an assertion...
        let handle = std::thread::Builder::new()
            .name("some-test-with-an-app".into())
            .spawn(|| {
                install();
                panic!("assertion failed in one test");
            });
        let joined = handle.map(|h| h.join().is_err());
        assert_eq!(joined.ok(), Some(true));
        // ...while a worker of some app panics too.
        let handle = std::thread::Builder::new()
            .name("loader-of-some-app".into())
            .spawn(|| panic!("a worker's bug"));
        let joined = handle.map(|h| h.join().is_err());
        assert_eq!(joined.ok(), Some(true));
        let reports = take();
        assert!(
            !reports
                .iter()
                .any(|r| r.message.contains("assertion failed in one test")),
            "the interface thread's panic was queued: {reports:?}"
        );
        assert!(
            reports.iter().any(|r| r.message.contains("a worker's bug")),
            "the worker's panic was not queued: {reports:?}"
        );
    }
}
