//! A minimal SVG writer: indented elements, fixed-precision numbers, escaped text.

/// Rectangles in image pixels: the layout's own type, so boxes pass between the renderer and
/// `scene::cartography` unconverted.
pub use crate::scene::cartography::Rect;

/// A number with at most two decimals and no trailing zeros: short, and the same on every
/// platform (Rust's float formatting is exact, not locale- or libc-dependent).
pub fn fmt(v: f32) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    match s {
        "-0" | "" => "0".to_owned(),
        s => s.to_owned(),
    }
}

/// A path coordinate pair, one decimal (a tenth of a pixel is below what anyone can see).
pub fn point(p: [f32; 2]) -> String {
    let one = |v: f32| {
        let v = if v.is_finite() { v } else { 0.0 };
        let s = format!("{v:.1}");
        let s = s.strip_suffix(".0").unwrap_or(&s).to_owned();
        if s == "-0" { "0".to_owned() } else { s }
    };
    format!("{} {}", one(p[0]), one(p[1]))
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The document being written.
pub struct Doc {
    out: String,
    depth: usize,
}

impl Doc {
    pub fn new(size: [u32; 2], title: &str) -> Self {
        let mut doc = Doc {
            out: String::new(),
            depth: 0,
        };
        doc.out
            .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        doc.open(&format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{}\">",
            escape(super::fonts::FONT_FAMILY),
            w = size[0],
            h = size[1]
        ));
        doc.line(&format!("<title>{}</title>", escape(title)));
        doc
    }

    pub fn line(&mut self, element: &str) {
        for _ in 0..self.depth {
            self.out.push(' ');
        }
        self.out.push_str(element);
        self.out.push('\n');
    }

    pub fn open(&mut self, element: &str) {
        self.line(element);
        self.depth += 1;
    }

    pub fn close(&mut self, element: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.line(element);
    }

    pub fn finish(mut self) -> String {
        while self.depth > 0 {
            self.close("</svg>");
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(fmt(1.0), "1");
        assert_eq!(fmt(0.85), "0.85");
        assert_eq!(fmt(-0.001), "0");
        assert_eq!(fmt(f32::NAN), "0");
        assert_eq!(point([1.04, -0.02]), "1 0");
        assert_eq!(point([12.36, 7.0]), "12.4 7");
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
