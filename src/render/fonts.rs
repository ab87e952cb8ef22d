//! The two faces every exported map is drawn with, and text measuring for label layout.
//!
//! Only bundled fonts are used, never the system's: the same input gives the same pixels on
//! every machine. Latin text uses egui's own face (Ubuntu Light), so exports look like the
//! window; Hangul (and anything Ubuntu lacks) falls back to the bundled Nanum Gothic subset.

use resvg::usvg::fontdb;
use std::sync::{Arc, OnceLock};

/// egui's default proportional face.
pub const LATIN: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;
/// Nanum Gothic, as bundled in assets/fonts (see assets/ATTRIBUTION.md).
pub const HANGUL: &[u8] = include_bytes!("../../assets/fonts/NkmapHangul.ttf");

/// The `font-family` written into SVGs: the bundled faces first, then what a browser or
/// Inkscape opening the file may have.
pub const FONT_FAMILY: &str = "Ubuntu, 'Nkmap Hangul', 'Nanum Gothic', sans-serif";

/// A database holding exactly the bundled faces, for resvg.
pub fn database() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_font_data(LATIN.to_vec());
        db.load_font_data(HANGUL.to_vec());
        // Generic families resolve to the bundled faces, not to whatever the system has.
        db.set_sans_serif_family("Ubuntu");
        Arc::new(db)
    })
    .clone()
}

struct Faces {
    latin: Option<ttf_parser::Face<'static>>,
    hangul: Option<ttf_parser::Face<'static>>,
}

fn faces() -> &'static Faces {
    static FACES: OnceLock<Faces> = OnceLock::new();
    FACES.get_or_init(|| Faces {
        latin: ttf_parser::Face::parse(LATIN, 0).ok(),
        hangul: ttf_parser::Face::parse(HANGUL, 0).ok(),
    })
}

fn advance(face: &ttf_parser::Face<'_>, c: char, size: f32) -> Option<f32> {
    let glyph = face.glyph_index(c)?;
    let adv = face.glyph_hor_advance(glyph)?;
    Some(f32::from(adv) * size / f32::from(face.units_per_em()))
}

/// Width of one line of text at `size` pixels, as resvg will lay it out (to within kerning).
pub fn text_width(text: &str, size: f32) -> f32 {
    let f = faces();
    text.chars()
        .map(|c| {
            f.latin
                .as_ref()
                .and_then(|face| advance(face, c, size))
                .or_else(|| f.hangul.as_ref().and_then(|face| advance(face, c, size)))
                // A character neither face has is drawn as a box about this wide.
                .unwrap_or(size * 0.6)
        })
        .sum()
}

/// Height of one line of text at `size` pixels.
pub fn line_height(size: f32) -> f32 {
    size * 1.2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_faces_load_and_measure() {
        assert!(faces().latin.is_some() && faces().hangul.is_some());
        let en = text_width("North Hamgyong", 14.0);
        assert!(en > 60.0 && en < 140.0, "{en}");
        // Hangul syllables are about one em wide.
        let ko = text_width("함경북도", 14.0);
        assert!(ko > 40.0 && ko < 70.0, "{ko}");
        let families: Vec<String> = database()
            .faces()
            .flat_map(|f| f.families.iter().map(|(n, _)| n.clone()))
            .collect();
        assert!(families.iter().any(|f| f == "Ubuntu"), "{families:?}");
        assert!(families.iter().any(|f| f == "Nkmap Hangul"), "{families:?}");
    }
}
