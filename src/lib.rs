//! nkmap: a map of North Korea's regional construction projects and where each fact comes from.
//!
//! Layers, with data flowing one way: files ([`io`]) → [`model`] → prepared [`scene`] → frame
//! (`map`, `ui`, `app`, behind the `gui` feature). The model, gazetteer, io and scene know
//! nothing of egui.
#![deny(clippy::unwrap_used)]

/// With the GUI, every binary built on the library (the app, the tests, the benchmarks)
/// allocates through mimalloc: see the comment on the dependency in `Cargo.toml`.
#[cfg(feature = "gui")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod about;
pub mod bundled;
pub mod cli;
pub mod coords;
pub mod edit;
pub mod filter;
pub mod gazetteer;
pub mod geography;
pub mod i18n;
pub mod imagery;
pub mod io;
pub mod measure;
pub mod model;
pub mod panics;
pub mod progress;
pub mod render;
pub mod scene;
pub mod search;
pub mod synthetic;
pub mod timeline;

#[cfg(feature = "gui")]
pub mod app;
#[cfg(feature = "gui")]
pub mod basemap;
/// Without the GUI, only the PMTiles check (the fuzz targets run it).
#[cfg(not(feature = "gui"))]
pub mod basemap {
    pub mod pmtiles;
}
#[cfg(feature = "gui")]
pub mod map;
#[cfg(feature = "gui")]
pub mod state;
#[cfg(feature = "gui")]
pub mod style;
#[cfg(feature = "gui")]
pub mod ui;
