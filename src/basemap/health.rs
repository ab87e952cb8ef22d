//! Is the online basemap working? Walkers only logs failed downloads (and leaves the tile blank
//! until it drops out of its memory cache), so health is judged from what the map sees: visible
//! tiles that stay missing while no download is in flight (the server refused or failed them),
//! or while downloads make no progress for a long time (the server does not answer). Then one
//! request of our own, off the UI thread, learns the reason; on success the tiles are rebuilt
//! so the failed ones are asked for again. Attempts back off exponentially while tiles stay
//! missing and reset once every visible tile is there.

use super::{BasemapConfig, UrlTemplate};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

/// Missing tiles with nothing in flight for this long: the downloads have failed.
const SETTLE: Duration = Duration::from_secs(1);
const MAX_BACKOFF: Duration = Duration::from_secs(5 * 60);

/// What the map saw on one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    pub drawn: usize,
    pub missing: usize,
    pub loading: usize,
}

#[derive(Debug, Default)]
pub struct Step {
    /// Throw the tiles away and make new ones: walkers retries nothing by itself.
    pub rebuild: bool,
    /// Come back then, even if nothing else asks for a frame.
    pub repaint_after: Option<Duration>,
}

pub struct Health {
    parallel: usize,
    last: Option<Frame>,
    last_change: Instant,
    probe: Option<Receiver<Result<(), String>>>,
    offline: Option<String>,
    attempts: u32,
    next_probe: Instant,
}

impl Health {
    pub fn new(parallel: usize) -> Self {
        let now = Instant::now();
        Health {
            parallel,
            last: None,
            last_change: now,
            probe: None,
            offline: None,
            attempts: 0,
            next_probe: now,
        }
    }

    pub fn parallel(&self) -> usize {
        self.parallel
    }

    /// The last error, while tiles cannot be loaded.
    pub fn offline(&self) -> Option<&str> {
        self.offline.as_deref()
    }

    pub fn retry_in(&self, now: Instant) -> Option<Duration> {
        self.offline.as_ref()?;
        Some(self.next_probe.saturating_duration_since(now))
    }

    pub fn update(
        &mut self,
        now: Instant,
        frame: Frame,
        probe_url: Option<String>,
        config: &BasemapConfig,
        ctx: &egui::Context,
    ) -> Step {
        let mut step = Step::default();
        if let Some(rx) = &self.probe {
            match rx.try_recv() {
                Err(TryRecvError::Empty) => {
                    step.repaint_after = Some(Duration::from_millis(200));
                    return step;
                }
                Ok(Ok(())) => {
                    // The server answers: ask again for everything that failed.
                    self.offline = None;
                    step.rebuild = true;
                    self.last = None;
                }
                Ok(Err(e)) => self.offline = Some(e),
                Err(TryRecvError::Disconnected) => {
                    self.offline = Some("the tile server check stopped unexpectedly".to_owned())
                }
            }
            self.probe = None;
        }
        if self.last != Some(frame) {
            self.last = Some(frame);
            self.last_change = now;
        }
        if frame.missing == 0 {
            if frame.drawn > 0 {
                self.attempts = 0;
                self.offline = None;
            }
            return step;
        }
        let quiet = now.saturating_duration_since(self.last_change);
        let wait = if frame.loading == 0 {
            SETTLE
        } else {
            config.stall_after
        };
        if quiet < wait {
            step.repaint_after = Some(wait - quiet);
            return step;
        }
        if now < self.next_probe {
            step.repaint_after = Some(self.next_probe - now);
            return step;
        }
        if let Some(url) = probe_url {
            let (tx, rx) = channel();
            let timeout = config.probe_timeout;
            let ctx = ctx.clone();
            std::thread::spawn(move || {
                // The receiver is gone only when the basemap was closed meanwhile.
                let _ = tx.send(probe(&url, timeout));
                ctx.request_repaint();
            });
            self.probe = Some(rx);
            self.next_probe = now + backoff(self.attempts);
            self.attempts += 1;
            step.repaint_after = Some(Duration::from_millis(200));
        }
        step
    }
}

/// 2 s, 4 s, 8 s … up to five minutes.
fn backoff(attempts: u32) -> Duration {
    Duration::from_secs(2u64.saturating_pow(attempts.saturating_add(1))).min(MAX_BACKOFF)
}

/// One request for a tile, to learn whether and why the server fails.
fn probe(url: &str, timeout: Duration) -> Result<(), String> {
    super::tls::install_crypto_provider();
    let host = UrlTemplate::host_of(url);
    let client = reqwest::blocking::Client::builder()
        .user_agent(super::user_agent())
        .timeout(timeout)
        .build()
        .map_err(|e| format!("cannot set up HTTP: {}", chain(&e)))?;
    let response = client.get(url).send().map_err(|e| {
        if e.is_timeout() {
            format!("{host} did not answer within {} s", timeout.as_secs_f32())
        } else if e.is_connect() {
            format!("cannot connect to {host}: {}", root_cause(&e))
        } else {
            format!("request to {host} failed: {}", chain(&e))
        }
    })?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("{host} answered {status}"));
    }
    let body = response.bytes().map_err(|e| {
        if e.is_timeout() {
            format!(
                "{host} did not send a whole tile within {} s",
                timeout.as_secs_f32()
            )
        } else {
            format!("reading a tile from {host} failed: {}", chain(&e))
        }
    })?;
    match image::guess_format(&body) {
        Ok(image::ImageFormat::Png | image::ImageFormat::Jpeg) => tile_size_ok(&body, host),
        _ => Err(format!(
            "{host} answered with something other than a PNG or JPEG tile; check the tile URL"
        )),
    }
}

/// Largest tile, in pixels, a server may send: walkers decodes every tile it gets (up to
/// `image`'s default 512 MiB per picture), so a server claiming 100,000 × 100,000 pixels only
/// ever gets blank tiles; this names the reason.
const MAX_TILE_PIXELS: u64 = 4096 * 4096;

/// The tile's size from its header alone (nothing is decoded), refused when too large.
fn tile_size_ok(body: &[u8], host: &str) -> Result<(), String> {
    let dims = image::ImageReader::new(std::io::Cursor::new(body))
        .with_guessed_format()
        .map_err(|e| e.to_string())
        .and_then(|r| r.into_dimensions().map_err(|e| e.to_string()));
    match dims {
        Ok((w, h)) if u64::from(w) * u64::from(h) > MAX_TILE_PIXELS => Err(crate::t!(
            "harden-tile-too-large",
            host = host,
            width = crate::i18n::format_count(u64::from(w)),
            height = crate::i18n::format_count(u64::from(h))
        )),
        Ok(_) => Ok(()),
        Err(e) => Err(crate::t!("harden-tile-unreadable", host = host, error = e)),
    }
}

fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

fn root_cause(e: &dyn std::error::Error) -> String {
    let mut cur = e;
    while let Some(c) = cur.source() {
        cur = c;
    }
    cur.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_five_minutes() {
        assert_eq!(backoff(0), Duration::from_secs(2));
        assert_eq!(backoff(1), Duration::from_secs(4));
        assert_eq!(backoff(7), Duration::from_secs(256));
        assert_eq!(backoff(8), MAX_BACKOFF);
        assert_eq!(backoff(u32::MAX), MAX_BACKOFF);
    }

    #[test]
    fn a_refused_connection_is_named() {
        // Bind and drop a listener: the port is then very likely closed.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap_or_else(|e| panic!("{e}"));
        let e = probe(
            &format!("http://127.0.0.1:{port}/0/0/0.png"),
            Duration::from_secs(5),
        )
        .err()
        .unwrap_or_default();
        assert!(e.starts_with("cannot connect to 127.0.0.1"), "{e}");
    }
}
