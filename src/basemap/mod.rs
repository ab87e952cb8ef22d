//! Basemaps under the vector map: none (the default — nothing leaves the machine), the
//! OpenStreetMap standard tiles, any XYZ URL template, or a local raster PMTiles file.
//!
//! Online tiles go through walkers' [`HttpTiles`] with its HTTP disk cache (which honours the
//! servers' caching headers, as the OSM tile policy asks). Walkers keeps no size limit on that
//! cache and does not report failed downloads (it logs them, and a failed tile stays blank until
//! it falls out of its in-memory LRU), so this module adds what the app needs on top:
//! - [`cache::prune`]: oldest files first until the cache is under its limit, run off the UI
//!   thread at start and periodically;
//! - `health`: notices tiles that do not arrive, asks the server once itself (off the UI
//!   thread) to learn why, shows "basemap offline" with that error, and retries with back-off.

pub mod cache;
mod health;
pub mod pmtiles;
mod source;

use health::Health;
use serde::{Deserialize, Serialize};
pub use source::UrlTemplate;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use walkers::sources::Attribution;
use walkers::{HttpOptions, HttpTiles, MaxParallelDownloads, TileId, TilePiece, Tiles};

/// The OpenStreetMap standard tile layer.
pub const OSM_TILE_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
/// Environment variable that replaces [`OSM_TILE_URL`] (a mirror, or a local server in tests).
pub const OSM_URL_ENV: &str = "NKMAP_OSM_TILE_URL";
/// Default size limit of the tile cache.
pub const DEFAULT_CACHE_LIMIT: u64 = 256 * 1024 * 1024;

/// What the user chose to draw under the vector map. Persisted in the settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum BasemapChoice {
    /// The vector map's own background; no network at all.
    #[default]
    None,
    OpenStreetMap,
    /// An XYZ tile URL template with `{z}`, `{x}` and `{y}`, and the credit its provider asks for.
    Custom {
        url: String,
        attribution: String,
    },
    /// A local raster (PNG/JPEG) PMTiles v3 file.
    PmTiles {
        path: PathBuf,
    },
}

impl BasemapChoice {
    pub fn is_none(&self) -> bool {
        *self == BasemapChoice::None
    }

    /// Short name for menus.
    pub fn label(&self) -> String {
        match self {
            BasemapChoice::None => crate::t!("ui-basemap-none-short"),
            BasemapChoice::OpenStreetMap => "OpenStreetMap".to_owned(),
            BasemapChoice::Custom { .. } => crate::t!("ui-basemap-custom-short"),
            BasemapChoice::PmTiles { path } => format!(
                "PMTiles: {}",
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| path.display().to_string())
            ),
        }
    }

    /// The credit line to show on the map while this basemap is drawn.
    pub fn attribution(&self) -> Option<String> {
        match self {
            BasemapChoice::None => None,
            BasemapChoice::OpenStreetMap => Some("© OpenStreetMap contributors".to_owned()),
            BasemapChoice::Custom { url, attribution } => Some(if attribution.trim().is_empty() {
                // No credit given: at least say where the pictures come from.
                format!("Tiles: {}", UrlTemplate::host_of(url))
            } else {
                attribution.trim().to_owned()
            }),
            BasemapChoice::PmTiles { path } => Some(format!(
                "Basemap: {}",
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            )),
        }
    }
}

/// Where online basemaps come from and how they are cached and watched. [`Self::from_env`] is
/// what the app uses; tests point it at a local server and a temporary cache.
#[derive(Debug, Clone)]
pub struct BasemapConfig {
    /// The template used for [`BasemapChoice::OpenStreetMap`].
    pub osm_url: String,
    /// The HTTP tile cache; `None` keeps tiles in memory only.
    pub cache_dir: Option<PathBuf>,
    /// The cache is pruned (oldest files first) to stay under this many bytes.
    pub cache_limit: u64,
    /// How often the cache is pruned while an online basemap is open.
    pub prune_every: Duration,
    /// Tiles still missing after this long with no download finishing: ask the server why.
    pub stall_after: Duration,
    /// How long the health probe waits for the server.
    pub probe_timeout: Duration,
}

impl BasemapConfig {
    /// The user's cache directory, and the OSM URL from `NKMAP_OSM_TILE_URL` when set.
    pub fn from_env() -> Self {
        BasemapConfig {
            osm_url: std::env::var(OSM_URL_ENV)
                .ok()
                .filter(|u| !u.trim().is_empty())
                .unwrap_or_else(|| OSM_TILE_URL.to_owned()),
            cache_dir: default_cache_dir(),
            cache_limit: DEFAULT_CACHE_LIMIT,
            prune_every: Duration::from_secs(10 * 60),
            stall_after: Duration::from_secs(15),
            probe_timeout: Duration::from_secs(10),
        }
    }
}

/// `…/nkmap/tiles` under the platform's cache directory (`~/.cache` on Linux,
/// `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows).
pub fn default_cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "nkmap").map(|d| d.cache_dir().join("tiles"))
}

/// The User-Agent sent to tile servers: the OSM tile policy asks for one naming the application.
pub fn user_agent() -> String {
    format!(
        "nkmap/{} (desktop map viewer; walkers)",
        env!("CARGO_PKG_VERSION")
    )
}

/// What the basemap is doing, for the map overlay and tests.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BasemapStatus {
    /// The credit line, while a basemap is chosen.
    pub attribution: Option<String>,
    /// Set while tiles cannot be loaded: the last error, in words.
    pub offline: Option<String>,
    /// When the next attempt is due, while offline.
    pub retry_in: Option<Duration>,
    /// Tiles drawn on the last frame, and visible tiles still missing.
    pub drawn: usize,
    pub missing: usize,
    /// Downloads in flight.
    pub loading: usize,
}

/// The open basemap. Lives in the app; [`Basemap::sync`] follows the settings every frame.
pub struct Basemap {
    config: BasemapConfig,
    active: Option<Active>,
    pruner: Option<cache::Pruner>,
    /// Why the basemap just chosen could not be opened, for the messages panel.
    open_failed: Option<String>,
}

struct Active {
    choice: BasemapChoice,
    /// `Err` when the basemap could not be opened (a bad PMTiles file): said in the status.
    tiles: Result<Box<dyn Tiles + Send>, String>,
    /// The online source, to rebuild the tiles on retry and to name a tile to the probe.
    online: Option<(UrlTemplate, Health)>,
    /// Zoom levels the source has; requests beyond are served from the deepest level.
    max_zoom: u8,
    drawn: usize,
    missing: usize,
    first_missing: Option<TileId>,
}

impl Basemap {
    pub fn new(config: BasemapConfig) -> Self {
        Basemap {
            config,
            active: None,
            pruner: None,
            open_failed: None,
        }
    }

    pub fn config(&self) -> &BasemapConfig {
        &self.config
    }

    /// Opens, swaps or closes the basemap to match `choice`. Cheap when nothing changed.
    pub fn sync(&mut self, choice: &BasemapChoice, ctx: &egui::Context) {
        if self.active.as_ref().map(|a| &a.choice) == Some(choice)
            || (self.active.is_none() && choice.is_none())
        {
            return;
        }
        if let Some(old) = self.active.take() {
            drop_off_thread(old.tiles);
        }
        self.active = match choice {
            BasemapChoice::None => None,
            BasemapChoice::OpenStreetMap => Some(self.open_online(
                choice,
                UrlTemplate::new(&self.config.osm_url, 19),
                // The OSM policy asks for few parallel connections; 2 is what browsers' old
                // per-host limit was and keeps us well clear of throttling.
                2,
                ctx,
            )),
            BasemapChoice::Custom { url, .. } => {
                Some(self.open_online(choice, UrlTemplate::new(url, 19), 6, ctx))
            }
            BasemapChoice::PmTiles { path } => Some(open_pmtiles(choice, path, ctx)),
        };
        if let Some(Active { tiles: Err(e), .. }) = &self.active {
            self.open_failed = Some(e.clone());
        }
    }

    /// Why the basemap chosen last could not be opened, once (the app puts it in its
    /// messages; the map's overlay keeps saying it while that basemap stays chosen).
    pub fn take_open_failure(&mut self) -> Option<String> {
        self.open_failed.take()
    }

    fn open_online(
        &mut self,
        choice: &BasemapChoice,
        source: UrlTemplate,
        parallel: usize,
        ctx: &egui::Context,
    ) -> Active {
        if self.pruner.is_none()
            && let Some(dir) = &self.config.cache_dir
        {
            self.pruner = Some(cache::Pruner::spawn(
                dir.clone(),
                self.config.cache_limit,
                self.config.prune_every,
            ));
        }
        let tiles = match source.check() {
            Ok(()) => Ok(self.http_tiles(&source, parallel, ctx)),
            Err(e) => Err(e),
        };
        Active {
            choice: choice.clone(),
            tiles,
            max_zoom: 19,
            online: Some((source, Health::new(parallel))),
            drawn: 0,
            missing: 0,
            first_missing: None,
        }
    }

    fn http_tiles(
        &self,
        source: &UrlTemplate,
        parallel: usize,
        ctx: &egui::Context,
    ) -> Box<dyn Tiles + Send> {
        tls::install_crypto_provider();
        let options = HttpOptions {
            cache: self.config.cache_dir.clone(),
            user_agent: walkers::HeaderValue::from_str(&user_agent()).ok(),
            max_parallel_downloads:
                MaxParallelDownloads::value_manually_confirmed_with_provider_limits(parallel),
            ..HttpOptions::default()
        };
        Box::new(HttpTiles::with_options(
            source.clone(),
            options,
            ctx.clone(),
        ))
    }

    /// The tiles to hand to `walkers::Map` this frame.
    pub fn tiles(&mut self) -> Option<&mut dyn Tiles> {
        let active = self.active.as_mut()?;
        if active.tiles.is_err() {
            return None;
        }
        active.drawn = 0;
        active.missing = 0;
        active.first_missing = None;
        Some(active)
    }

    /// After the map was drawn: watch the online source, probe and retry as needed.
    pub fn end_frame(&mut self, ctx: &egui::Context) {
        let now = Instant::now();
        let Some(active) = self.active.as_mut() else {
            return;
        };
        let Ok(tiles) = &active.tiles else {
            return;
        };
        let loading = tiles.stats().in_progress;
        let Some((source, health)) = &mut active.online else {
            return;
        };
        let probe_url = active.first_missing.map(|t| source.url(t));
        let step = health.update(
            now,
            health::Frame {
                drawn: active.drawn,
                missing: active.missing,
                loading,
            },
            probe_url,
            &self.config,
            ctx,
        );
        if step.rebuild {
            let source = source.clone();
            let parallel = health.parallel();
            let fresh = self.http_tiles(&source, parallel, ctx);
            if let Some(active) = self.active.as_mut()
                && let Ok(old) = std::mem::replace(&mut active.tiles, Ok(fresh))
            {
                drop_off_thread(Ok(old));
            }
        }
        if let Some(after) = step.repaint_after {
            ctx.request_repaint_after(after);
        }
    }

    pub fn status(&self) -> BasemapStatus {
        let Some(active) = &self.active else {
            return BasemapStatus::default();
        };
        let mut status = BasemapStatus {
            attribution: active.choice.attribution(),
            drawn: active.drawn,
            missing: active.missing,
            ..Default::default()
        };
        match &active.tiles {
            Err(e) => status.offline = Some(e.clone()),
            Ok(tiles) => {
                status.loading = tiles.stats().in_progress;
                if let Some((_, health)) = &active.online {
                    status.offline = health.offline().map(str::to_owned);
                    status.retry_in = health.retry_in(Instant::now());
                }
            }
        }
        status
    }

    /// Prunes the disk cache now, on this thread. For tests and tools; the app prunes in the
    /// background.
    pub fn prune_now(&self) -> std::io::Result<Option<cache::Pruned>> {
        match &self.config.cache_dir {
            Some(dir) => cache::prune(dir, self.config.cache_limit).map(Some),
            None => Ok(None),
        }
    }
}

fn open_pmtiles(choice: &BasemapChoice, path: &Path, ctx: &egui::Context) -> Active {
    let (tiles, max_zoom) = match pmtiles::check(path) {
        Ok(info) => (
            Ok(Box::new(walkers::PmTiles::with_style_and_tile_size(
                path,
                // walkers' style is for vector tiles; raster needs none.
                Default::default(),
                256,
                ctx.clone(),
            )) as Box<dyn Tiles + Send>),
            info.max_zoom,
        ),
        Err(e) => (Err(e.to_string()), 0),
    };
    Active {
        choice: choice.clone(),
        tiles,
        online: None,
        max_zoom,
        drawn: 0,
        missing: 0,
        first_missing: None,
    }
}

/// Walkers' tiles own a thread that is joined on drop; joining can wait for a download to be
/// cancelled, so it happens away from the UI thread.
fn drop_off_thread(tiles: Result<Box<dyn Tiles + Send>, String>) {
    if let Ok(tiles) = tiles {
        std::thread::spawn(move || drop(tiles));
    }
}

impl Tiles for Active {
    fn at(&mut self, tile_id: TileId) -> Option<TilePiece> {
        let Ok(tiles) = &mut self.tiles else {
            return None;
        };
        // Past the source's deepest level, show an enlarged part of a tile from that level
        // (walkers would ask for tiles that do not exist and draw nothing).
        let (fetch_id, sub) = if tile_id.zoom > self.max_zoom {
            source::parent_at(tile_id, self.max_zoom)
        } else {
            (
                tile_id,
                egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0)),
            )
        };
        // Walkers panics here when its tile worker died (the worker's own panic is reported
        // by the app's panic hook): close this basemap with the reason instead of the app.
        let piece = match crate::panics::contained(|| tiles.at(fetch_id)) {
            Ok(piece) => piece,
            Err(message) => {
                let broken = std::mem::replace(
                    &mut self.tiles,
                    Err(crate::t!("harden-basemap-failed", message = message)),
                );
                drop_off_thread(broken);
                return None;
            }
        };
        match piece {
            Some(mut piece) => {
                self.drawn += 1;
                let uv = piece.uv;
                piece.uv = egui::Rect::from_min_max(
                    uv.lerp_inside(sub.min.to_vec2()),
                    uv.lerp_inside(sub.max.to_vec2()),
                );
                Some(piece)
            }
            None => {
                self.missing += 1;
                self.first_missing.get_or_insert(fetch_id);
                None
            }
        }
    }

    fn attribution(&self) -> Attribution {
        source::drawn_by_app()
    }

    fn tile_size(&self) -> u32 {
        self.tiles.as_ref().map_or(256, |t| t.tile_size())
    }

    fn stats(&self) -> walkers::Stats {
        self.tiles
            .as_ref()
            .map_or_else(|_| walkers::Stats::default(), |t| t.stats())
    }
}

pub mod tls {
    //! TLS for walkers' HTTP client.

    /// walkers (default features off) builds reqwest with `rustls-no-provider`: building an HTTP
    /// client then panics unless a process-wide rustls crypto provider is installed. Installs
    /// ring's; a provider installed earlier (by anyone) is kept.
    pub fn install_crypto_provider() {
        if rustls::crypto::CryptoProvider::get_default().is_none() {
            // Losing a race with another thread installing one is fine: one is installed.
            let _ = rustls::crypto::ring::default_provider().install_default();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_https_client_builds_with_the_installed_provider() {
        tls::install_crypto_provider();
        // Without a provider this panics inside reqwest ("No rustls crypto provider").
        let client = reqwest::blocking::Client::builder()
            .user_agent(user_agent())
            .build();
        assert!(client.is_ok(), "{:?}", client.err());
        let ctx = egui::Context::default();
        let _tiles = HttpTiles::with_options(
            UrlTemplate::new(OSM_TILE_URL, 19),
            HttpOptions::default(),
            ctx,
        );
    }

    /// Walkers' tiles after their worker thread died: every call panics.
    struct DeadWorker;

    impl Tiles for DeadWorker {
        fn at(&mut self, tile_id: TileId) -> Option<TilePiece> {
            panic!("Failed to send tile request for {tile_id:?}: receiver is gone")
        }
        fn attribution(&self) -> Attribution {
            source::drawn_by_app()
        }
        fn tile_size(&self) -> u32 {
            256
        }
    }

    #[test]
    fn a_panic_in_the_tiles_closes_the_basemap_with_the_reason() {
        let mut active = Active {
            choice: BasemapChoice::PmTiles {
                path: "dead.pmtiles".into(),
            },
            tiles: Ok(Box::new(DeadWorker)),
            online: None,
            max_zoom: 5,
            drawn: 0,
            missing: 0,
            first_missing: None,
        };
        let tile = TileId {
            x: 1,
            y: 1,
            zoom: 3,
        };
        assert!(active.at(tile).is_none());
        let Err(why) = &active.tiles else {
            panic!("the basemap stays open after its reader panicked")
        };
        assert!(why.contains("receiver is gone"), "{why}");
        // Later frames ask again: nothing more happens.
        assert!(active.at(tile).is_none());
    }

    #[test]
    fn the_user_agent_names_nkmap_and_its_version() {
        let ua = user_agent();
        assert!(ua.starts_with(&format!("nkmap/{} ", env!("CARGO_PKG_VERSION"))));
        assert!(walkers::HeaderValue::from_str(&ua).is_ok());
    }

    #[test]
    fn custom_basemaps_credit_their_host_when_no_attribution_is_given() {
        let c = BasemapChoice::Custom {
            url: "https://tiles.example.org/sat/{z}/{y}/{x}.jpg".to_owned(),
            attribution: " ".to_owned(),
        };
        assert_eq!(c.attribution().as_deref(), Some("Tiles: tiles.example.org"));
    }
}
