//! Imagery in exported maps (`nkmap render … FILE.tif`, *File → Export view*): each image is
//! resampled to the view's pixels (reprojected exactly, as the window draws it) and embedded
//! in the SVG as a PNG, between the province fills and the borders as in the window.

use super::svg::{self, Doc, fmt};
use crate::imagery::{Image, Stretch, resample};
use crate::scene::View;
use base64::Engine as _;
use resvg::tiny_skia;

/// An image drawn for a view, ready to embed.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageOverlay {
    pub name: String,
    /// Where it goes in the output, in pixels.
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    pub opacity: f32,
    pub png: Vec<u8>,
}

/// `image` drawn for `view` in an output of `size` pixels; `None` when it is not in view.
pub fn overlay(
    image: &Image,
    view: &View,
    size: [u32; 2],
    opacity: f32,
    stretch: Stretch,
) -> Result<Option<ImageOverlay>, String> {
    let o = crate::scene::origin();
    let (c, s, sc) = (view.center, view.scale, view.screen_center);
    let world_of = |px: f64, py: f64| {
        [
            (px - f64::from(sc[0])) / s + c[0] + o[0],
            (py - f64::from(sc[1])) / s + c[1] + o[1],
        ]
    };
    let output_of = |w: [f64; 2]| {
        [
            (w[0] - o[0] - c[0]) * s + f64::from(sc[0]),
            (w[1] - o[1] - c[1]) * s + f64::from(sc[1]),
        ]
    };
    let Some(r) = resample::resample(image, size, s, &world_of, &output_of, stretch)? else {
        return Ok(None);
    };
    // tiny-skia keeps premultiplied pixels.
    let mut data = r.rgba;
    for px in data.chunks_exact_mut(4) {
        let a = u16::from(px[3]);
        for c in &mut px[..3] {
            *c = ((u16::from(*c) * a + 127) / 255) as u8;
        }
    }
    let png = tiny_skia::IntSize::from_wh(r.width, r.height)
        .and_then(|sz| tiny_skia::Pixmap::from_vec(data, sz))
        .ok_or_else(|| format!("{} × {}", r.width, r.height))?
        .encode_png()
        .map_err(|e| e.to_string())?;
    Ok(Some(ImageOverlay {
        name: image.name.clone(),
        x: r.x,
        y: r.y,
        width: r.width,
        height: r.height,
        opacity,
        png,
    }))
}

/// The overlays as `<image>` elements in a group of their own.
pub(super) fn write(doc: &mut Doc, overlays: &[ImageOverlay]) {
    if overlays.is_empty() {
        return;
    }
    doc.open("<g id=\"imagery\">");
    for o in overlays {
        doc.line(&format!(
            "<image class=\"imagery\" data-name=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" opacity=\"{}\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" href=\"data:image/png;base64,{}\"/>",
            svg::escape(&o.name),
            o.x,
            o.y,
            o.width,
            o.height,
            fmt(o.opacity),
            base64::engine::general_purpose::STANDARD.encode(&o.png)
        ));
    }
    doc.close("</g>");
}
