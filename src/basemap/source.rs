//! XYZ tile URL templates as a walkers tile source.

use egui::{Rect, pos2};
use walkers::TileId;
use walkers::sources::{Attribution, TileSource};

/// A tile URL with `{z}`, `{x}` and `{y}` placeholders, e.g.
/// `https://tile.openstreetmap.org/{z}/{x}/{y}.png`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlTemplate {
    template: String,
    max_zoom: u8,
}

impl UrlTemplate {
    pub fn new(template: &str, max_zoom: u8) -> Self {
        UrlTemplate {
            template: template.trim().to_owned(),
            max_zoom,
        }
    }

    /// Why this template cannot work, in words a user can act on.
    pub fn check(&self) -> Result<(), String> {
        let t = &self.template;
        if !(t.starts_with("http://") || t.starts_with("https://")) {
            return Err(format!(
                "the tile URL '{t}' must start with http:// or https://"
            ));
        }
        let missing: Vec<&str> = ["{z}", "{x}", "{y}"]
            .into_iter()
            .filter(|p| !t.contains(p))
            .collect();
        if !missing.is_empty() {
            return Err(format!(
                "the tile URL '{t}' lacks {}; write it like https://example.org/{{z}}/{{x}}/{{y}}.png",
                missing.join(", ")
            ));
        }
        Ok(())
    }

    pub fn url(&self, tile: TileId) -> String {
        self.template
            .replace("{z}", &tile.zoom.to_string())
            .replace("{x}", &tile.x.to_string())
            .replace("{y}", &tile.y.to_string())
    }

    /// The host part of a URL template, for a credit line when the user gave none.
    pub fn host_of(url: &str) -> &str {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        rest.split(['/', '?']).next().unwrap_or(rest)
    }
}

impl TileSource for UrlTemplate {
    fn tile_url(&self, tile_id: TileId) -> String {
        self.url(tile_id)
    }

    fn attribution(&self) -> Attribution {
        drawn_by_app()
    }

    fn max_zoom(&self) -> u8 {
        self.max_zoom
    }
}

/// The tile at `zoom` (≤ `tile.zoom`) covering `tile`, and which part of it (in 0..1 texture
/// coordinates) `tile` is.
pub fn parent_at(tile: TileId, zoom: u8) -> (TileId, Rect) {
    let dz = u32::from(tile.zoom.saturating_sub(zoom)).min(31);
    let n = 1u32 << dz;
    let parent = TileId {
        x: tile.x >> dz,
        y: tile.y >> dz,
        zoom: tile.zoom - dz as u8,
    };
    let size = 1.0 / n as f32;
    let (ox, oy) = ((tile.x % n) as f32 * size, (tile.y % n) as f32 * size);
    (
        parent,
        Rect::from_min_max(pos2(ox, oy), pos2(ox + size, oy + size)),
    )
}

/// The app draws the basemap credit itself, from the user's choice (walkers' attribution
/// text is a `&'static str`, and a user's credit line is not).
pub(crate) fn drawn_by_app() -> Attribution {
    Attribution {
        text: "",
        url: "",
        logo_light: None,
        logo_dark: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_the_placeholders() {
        let t = UrlTemplate::new("https://a.example/{z}/{x}/{y}.png?key=k", 19);
        assert_eq!(
            t.url(TileId {
                x: 3,
                y: 5,
                zoom: 4
            }),
            "https://a.example/4/3/5.png?key=k"
        );
        assert!(t.check().is_ok());
        assert_eq!(UrlTemplate::host_of("https://a.example/{z}"), "a.example");
    }

    #[test]
    fn bad_templates_say_what_is_missing() {
        let e = UrlTemplate::new("https://a.example/{z}/{x}.png", 19)
            .check()
            .err()
            .unwrap_or_default();
        assert!(e.contains("{y}"), "{e}");
        let e = UrlTemplate::new("tile.example/{z}/{x}/{y}", 19)
            .check()
            .err()
            .unwrap_or_default();
        assert!(e.contains("http://"), "{e}");
    }

    #[test]
    fn parent_tiles_and_their_quarter() {
        let (p, uv) = parent_at(
            TileId {
                x: 5,
                y: 2,
                zoom: 3,
            },
            2,
        );
        assert_eq!(
            p,
            TileId {
                x: 2,
                y: 1,
                zoom: 2
            }
        );
        assert_eq!(uv, Rect::from_min_max(pos2(0.5, 0.0), pos2(1.0, 0.5)));
    }
}
