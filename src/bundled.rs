//! The data built into the binary, so nkmap works offline and from any directory.

pub use crate::geography::Geography;
use crate::io::regions::{RegionError, read_geography};
use crate::io::{Diagnostic, read_files};
use crate::model::{Dataset, PartialDate, Source};
use std::sync::OnceLock;

pub const PROVINCES_GEOJSON: &str = include_str!("../assets/boundaries/provinces.geojson");
pub const COUNTIES_GEOJSON: &str = include_str!("../assets/boundaries/counties.geojson");

/// The seed files, with the names their diagnostics use.
pub const SEED_FILES: [(&str, &str); 4] = [
    (
        "seeds/sources.geojson",
        include_str!("../seeds/sources.geojson"),
    ),
    (
        "seeds/sites.geojson",
        include_str!("../seeds/sites.geojson"),
    ),
    (
        "seeds/flows.geojson",
        include_str!("../seeds/flows.geojson"),
    ),
    (
        "seeds/events.geojson",
        include_str!("../seeds/events.geojson"),
    ),
];

/// What the boundary and name data require us to show (assets/ATTRIBUTION.md).
pub fn credit_line() -> &'static str {
    "Boundaries © geoBoundaries (WFP / OCHA ROAP), CC BY 3.0 IGO · Natural Earth (public domain) · \
     Names: GeoNames, CC BY 4.0 · Font: Nanum Gothic, SIL OFL 1.1"
}

/// Provinces, counties and the gazetteer, from the bundled boundaries.
pub fn geography() -> Result<Geography, RegionError> {
    read_geography(
        PROVINCES_GEOJSON,
        "assets/boundaries/provinces.geojson",
        COUNTIES_GEOJSON,
        "assets/boundaries/counties.geojson",
    )
}

/// The bundled seed records, checked like any user file.
pub fn seeds(geo: &Geography) -> (Dataset, Vec<Diagnostic>) {
    let files: Vec<(String, Vec<u8>)> = SEED_FILES
        .iter()
        .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()))
        .collect();
    read_files(&files, geo, &[])
}

/// The bundled sources, which user files may cite without copying them.
pub fn seed_sources() -> &'static [Source] {
    static SOURCES: OnceLock<Vec<Source>> = OnceLock::new();
    SOURCES.get_or_init(|| {
        // Sources need no geography.
        let (name, text) = SEED_FILES[0];
        let (data, _) = read_files(
            &[(name.to_string(), text.as_bytes().to_vec())],
            &Geography::default(),
            &[],
        );
        data.sources
    })
}

/// How fresh the bundled data is: the newest publication date among its sources. Shown as
/// "data as of" in the side panel, the Progress window, `nkmap render`'s title block, exports
/// and `nkmap --version`, so a reader knows what the map can know.
pub fn data_as_of() -> Option<PartialDate> {
    newest_source_date(seed_sources())
}

/// The newest date among `sources` (the "as of" date of any dataset).
pub fn newest_source_date(sources: &[Source]) -> Option<PartialDate> {
    sources.iter().filter_map(|s| s.date).max()
}
