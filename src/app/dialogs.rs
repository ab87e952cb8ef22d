//! File dialogs that always open. A [`FileRequest`] from a menu or `Ctrl+O` is answered by the
//! system's dialog (rfd) where it can be shown, else by nkmap's own browser
//! (`ui::files`), with the reason said once in the messages panel and at the top of the first
//! browser. Never nothing: that was the bug this module exists for.
//!
//! On Linux and the BSDs rfd asks the XDG desktop portal over D-Bus, falls back to `zenity`,
//! and when both are missing only logs and returns `None`, which looks exactly like "cancelled"
//! (rfd 0.17, `backend/xdg_desktop_portal.rs`). So before calling it, a worker thread asks the
//! session bus whether the portal's FileChooser answers (or `zenity` is on `PATH`); the UI does
//! not wait on the worker, and gives up on it after [`PROBE_TIMEOUT`]. Once the system dialog
//! has proved unusable, later requests go straight to the browser. On Windows and macOS the
//! native dialog is always there and rfd shows it modally on the UI thread, as before.

use crate::state::{Action, FileRequest};
use crate::ui::files::{BrowserResult, FileBrowser};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long the UI waits for the worker to say whether the system dialog can be shown.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(10);

/// Where dialogs come from, and the environment the portal probe reads (tests point the
/// session bus nowhere instead of changing the process's environment).
#[derive(Debug, Clone)]
pub struct DialogConfig {
    /// Try the system's dialog first; `false` (`NKMAP_FILE_DIALOG=builtin`) always uses
    /// nkmap's own browser.
    pub native: bool,
    /// `DBUS_SESSION_BUS_ADDRESS`, `XDG_RUNTIME_DIR` and `PATH`, as the probe sees them.
    pub env: Vec<(String, OsString)>,
    /// The folder the first dialog opens in (default: the user's home folder).
    pub start_dir: Option<PathBuf>,
}

impl DialogConfig {
    /// From the process's environment.
    pub fn from_env() -> Self {
        let env = ["DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "PATH"]
            .into_iter()
            .filter_map(|k| std::env::var_os(k).map(|v| (k.to_owned(), v)))
            .collect();
        DialogConfig {
            native: std::env::var_os("NKMAP_FILE_DIALOG").is_none_or(|v| v != "builtin"),
            env,
            start_dir: None,
        }
    }

    /// Always nkmap's own browser, starting in `dir`.
    pub fn builtin(dir: PathBuf) -> Self {
        DialogConfig {
            native: false,
            env: Vec::new(),
            start_dir: Some(dir),
        }
    }
}

/// What a running system dialog has to say this frame. (Only the Linux worker ever waits or
/// finds the dialog unavailable; Windows and macOS answer at once.)
#[cfg_attr(
    not(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "dragonfly",
        target_os = "netbsd",
        target_os = "openbsd"
    )),
    allow(dead_code)
)]
enum Poll {
    Waiting,
    /// The user chose these (empty: cancelled).
    Chosen(Vec<PathBuf>),
    /// It cannot be shown: why.
    Unavailable(String),
}

/// The dialog in progress and what was learnt about the system's dialog.
pub struct FileDialogs {
    config: DialogConfig,
    native: Option<(FileRequest, native::Running)>,
    browser: Option<FileBrowser>,
    /// Why the system dialog cannot be used, once that is known.
    unavailable: Option<String>,
    /// The reason was said (in the messages and the first browser).
    told: bool,
    /// The folder of the last file chosen: the next dialog starts there.
    last_dir: Option<PathBuf>,
}

impl FileDialogs {
    pub fn new(config: DialogConfig) -> Self {
        let unavailable = (!config.native).then(|| crate::t!("files-reason-builtin"));
        FileDialogs {
            config,
            native: None,
            browser: None,
            // Chosen by the user: nothing to explain.
            told: unavailable.is_some(),
            unavailable,
            last_dir: None,
        }
    }

    /// nkmap's own browser, while it is open.
    pub fn browser(&self) -> Option<&FileBrowser> {
        self.browser.as_ref()
    }

    /// A dialog is open (system or own); further requests are ignored until it closes.
    pub fn is_open(&self) -> bool {
        self.native.is_some() || self.browser.is_some()
    }

    fn start_dir(&self) -> PathBuf {
        self.last_dir
            .clone()
            .or_else(|| self.config.start_dir.clone())
            .or_else(|| directories::UserDirs::new().map(|d| d.home_dir().to_path_buf()))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// Opens the browser for `request`, with the reason the first time.
    fn open_browser(&mut self, request: FileRequest) {
        let note = if self.told {
            None
        } else {
            self.unavailable
                .as_ref()
                .map(|r| crate::t!("files-native-unavailable", reason = r.as_str()))
        };
        self.browser = Some(FileBrowser::new(request, self.start_dir(), note));
    }

    /// Shows a dialog for `request` (nothing if one is already open).
    pub fn open(&mut self, request: FileRequest, ctx: &egui::Context) {
        if self.is_open() {
            return;
        }
        ctx.request_repaint();
        if self.unavailable.is_some() {
            self.open_browser(request);
        } else {
            let dialog = native_dialog(request, self.last_dir.as_deref());
            let running = native::Running::start(request, dialog, &self.config, ctx);
            self.native = Some((request, running));
        }
    }

    /// Once a frame: what the system dialog or the browser chose, as actions, and the
    /// messages to show (the reason for the browser, once).
    pub fn show(&mut self, ctx: &egui::Context) -> (Vec<Action>, Vec<String>) {
        let mut chosen = None;
        if let Some((request, running)) = self.native.as_mut() {
            let request = *request;
            match running.poll(ctx) {
                Poll::Waiting => {}
                Poll::Chosen(paths) => {
                    self.native = None;
                    chosen = Some((request, paths));
                }
                Poll::Unavailable(reason) => {
                    self.native = None;
                    self.unavailable = Some(reason);
                    self.open_browser(request);
                }
            }
        }
        if let Some(b) = self.browser.as_mut()
            && let Some(result) = crate::ui::files::file_browser(ctx, b)
        {
            let request = b.request();
            self.browser = None;
            if let BrowserResult::Chosen(paths) = result {
                chosen = Some((request, paths));
            }
        }
        let mut notices = Vec::new();
        if let Some(reason) = &self.unavailable
            && !self.told
            && self.browser.is_some()
        {
            self.told = true;
            notices.push(crate::t!(
                "files-native-unavailable",
                reason = reason.as_str()
            ));
        }
        let mut actions = Vec::new();
        if let Some((request, paths)) = chosen {
            if let Some(dir) = paths.first().and_then(|p| p.parent()) {
                self.last_dir = Some(dir.to_path_buf());
            }
            actions.extend(request.action(paths));
        }
        (actions, notices)
    }
}

/// rfd's dialog for `request`, in the current language.
fn native_dialog(request: FileRequest, dir: Option<&Path>) -> rfd::FileDialog {
    let exts = request.extensions();
    // The portal's GTK chooser matches the patterns case-sensitively: offer "*.GEOJSON" too.
    let mut patterns: Vec<String> = exts.iter().map(|e| (*e).to_owned()).collect();
    if cfg!(not(any(target_os = "windows", target_os = "macos"))) {
        patterns.extend(exts.iter().map(|e| e.to_ascii_uppercase()));
    }
    let mut d = rfd::FileDialog::new()
        .set_title(crate::ui::files::title(request))
        .add_filter(crate::ui::files::filter_name(request), &patterns);
    if let Some(name) = request.default_name() {
        d = d.set_file_name(name);
    }
    if let Some(dir) = dir {
        d = d.set_directory(dir);
    }
    d
}

/// Shows `dialog` and waits for the user: the chosen files, empty when cancelled.
fn run_native(request: FileRequest, dialog: rfd::FileDialog) -> Vec<PathBuf> {
    if request.saves() {
        dialog.save_file().into_iter().collect()
    } else if request.multiple() {
        dialog.pick_files().unwrap_or_default()
    } else {
        dialog.pick_file().into_iter().collect()
    }
}

/// Windows and macOS: the system dialog is always there; rfd shows it modally on the UI
/// thread (where macOS wants it), as nkmap always did.
#[cfg(not(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
)))]
mod native {
    use super::{DialogConfig, FileRequest, Poll};
    use std::path::PathBuf;

    pub struct Running(Option<Vec<PathBuf>>);

    impl Running {
        pub fn start(
            request: FileRequest,
            dialog: rfd::FileDialog,
            _config: &DialogConfig,
            _ctx: &egui::Context,
        ) -> Self {
            Running(Some(super::run_native(request, dialog)))
        }

        pub fn poll(&mut self, _ctx: &egui::Context) -> Poll {
            Poll::Chosen(self.0.take().unwrap_or_default())
        }
    }
}

/// Linux and the BSDs: the portal probe, then rfd, on a worker thread.
#[cfg(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
))]
mod native {
    use super::{DialogConfig, FileRequest, PROBE_TIMEOUT, Poll};
    use std::ffi::OsString;
    use std::path::PathBuf;
    use std::sync::mpsc::{Receiver, TryRecvError};
    use std::time::{Duration, Instant};

    /// The D-Bus calls' own timeout (a portal without a working back end can hang for 25 s).
    const DBUS_TIMEOUT: Duration = Duration::from_secs(8);

    enum Event {
        /// The dialog is being shown.
        Shown,
        Unavailable(String),
        Done(Vec<PathBuf>),
    }

    pub struct Running {
        rx: Receiver<Event>,
        since: Instant,
        shown: bool,
    }

    impl Running {
        pub fn start(
            request: FileRequest,
            dialog: rfd::FileDialog,
            config: &DialogConfig,
            ctx: &egui::Context,
        ) -> Self {
            let (tx, rx) = std::sync::mpsc::channel();
            let config = config.clone();
            let ctx = ctx.clone();
            // If the thread panics (in rfd or the probe) the sender drops: the UI sees the
            // disconnection and falls back with a message, so the panic is reported.
            std::thread::spawn(move || {
                let send = |e: Event| {
                    // The receiver is gone only if the UI gave up waiting.
                    let _ = tx.send(e);
                    ctx.request_repaint();
                };
                match probe(&config) {
                    Err(reason) => send(Event::Unavailable(reason)),
                    Ok(()) => {
                        send(Event::Shown);
                        send(Event::Done(super::run_native(request, dialog)));
                    }
                }
            });
            Running {
                rx,
                since: Instant::now(),
                shown: false,
            }
        }

        pub fn poll(&mut self, ctx: &egui::Context) -> Poll {
            loop {
                match self.rx.try_recv() {
                    Ok(Event::Shown) => self.shown = true,
                    Ok(Event::Done(paths)) => return Poll::Chosen(paths),
                    Ok(Event::Unavailable(reason)) => return Poll::Unavailable(reason),
                    Err(TryRecvError::Disconnected) => {
                        return Poll::Unavailable(crate::t!("files-reason-failed"));
                    }
                    Err(TryRecvError::Empty) if self.shown => return Poll::Waiting,
                    Err(TryRecvError::Empty) if self.since.elapsed() > PROBE_TIMEOUT => {
                        return Poll::Unavailable(crate::t!(
                            "files-reason-timeout",
                            seconds = PROBE_TIMEOUT.as_secs()
                        ));
                    }
                    Err(TryRecvError::Empty) => {
                        // Look again for the timeout even if the worker stays silent.
                        ctx.request_repaint_after(Duration::from_millis(250));
                        return Poll::Waiting;
                    }
                }
            }
        }
    }

    fn var<'a>(config: &'a DialogConfig, key: &str) -> Option<&'a OsString> {
        config
            .env
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| !v.is_empty())
    }

    /// `Ok` when rfd can show a dialog: the portal's FileChooser answers on the session bus,
    /// or `zenity` (rfd's fallback) is on `PATH`. Else why not.
    pub fn probe(config: &DialogConfig) -> Result<(), String> {
        match file_chooser(config) {
            Ok(()) => Ok(()),
            Err(_) if zenity_on_path(config) => Ok(()),
            Err(reason) => Err(reason),
        }
    }

    /// The session bus address as libdbus finds it: the variable, else the user's bus socket.
    fn session_address(config: &DialogConfig) -> Option<String> {
        if let Some(a) = var(config, "DBUS_SESSION_BUS_ADDRESS") {
            return Some(a.to_string_lossy().into_owned());
        }
        let socket = std::path::Path::new(var(config, "XDG_RUNTIME_DIR")?).join("bus");
        socket
            .exists()
            .then(|| format!("unix:path={}", socket.display()))
    }

    fn file_chooser(config: &DialogConfig) -> Result<(), String> {
        let address = session_address(config).ok_or_else(|| crate::t!("files-reason-no-bus"))?;
        // zbus's message names the address.
        let bus_error = |e: zbus::Error| crate::t!("files-reason-bus", error = e.to_string());
        pollster::block_on(async {
            let conn = zbus::connection::Builder::address(address.as_str())
                .map_err(bus_error)?
                .method_timeout(DBUS_TIMEOUT)
                .build()
                .await
                .map_err(bus_error)?;
            // The FileChooser interface's version property: answered only when the portal
            // runs (or can be started) and has a file chooser back end.
            conn.call_method(
                Some("org.freedesktop.portal.Desktop"),
                "/org/freedesktop/portal/desktop",
                Some("org.freedesktop.DBus.Properties"),
                "Get",
                &("org.freedesktop.portal.FileChooser", "version"),
            )
            .await
            .map(|_| ())
            .map_err(|e| crate::t!("files-reason-no-portal", error = e.to_string()))
        })
    }

    fn zenity_on_path(config: &DialogConfig) -> bool {
        var(config, "PATH")
            .is_some_and(|path| std::env::split_paths(path).any(|dir| dir.join("zenity").is_file()))
    }
}
