//! What the user chose and expects back next time: layers, language, theme, view.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Layer {
    Provinces,
    Counties,
    Labels,
    Sites,
    Flows,
    Events,
}

impl Layer {
    pub const ALL: [Layer; 6] = [
        Layer::Provinces,
        Layer::Counties,
        Layer::Labels,
        Layer::Sites,
        Layer::Flows,
        Layer::Events,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Layer::Provinces => "Provinces",
            Layer::Counties => "Counties",
            Layer::Labels => "Labels",
            Layer::Sites => "Sites",
            Layer::Flows => "Flows",
            Layer::Events => "Reports & events",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LayerStyle {
    pub visible: bool,
    pub opacity: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Language {
    English,
    Korean,
    Both,
}

impl Language {
    pub fn label(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Korean => "한국어",
            Language::Both => "Both",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    Light,
    Dark,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub layers: Vec<(Layer, LayerStyle)>,
    pub language: Language,
    pub theme: Theme,
    /// Map centre (lon, lat) and zoom.
    pub center: (f64, f64),
    pub zoom: f64,
    pub ui_scale: f32,
    /// Under the vector map; None (no network) unless the user picks one.
    pub basemap: crate::basemap::BasemapChoice,
    /// How the status bar and *Copy coordinates* write positions.
    pub coord_format: crate::coords::CoordFormat,
    /// The interface's language (menus, panels, messages); `None` follows the system locale.
    /// Map labels keep their own switch, `language`.
    pub ui_language: Option<crate::i18n::Lang>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            layers: Layer::ALL
                .iter()
                .map(|&l| {
                    let opacity = if l == Layer::Provinces { 0.85 } else { 1.0 };
                    (
                        l,
                        LayerStyle {
                            visible: true,
                            opacity,
                        },
                    )
                })
                .collect(),
            language: Language::English,
            theme: Theme::Light,
            center: (127.4, 40.15),
            zoom: 7.0,
            ui_scale: 1.0,
            basemap: crate::basemap::BasemapChoice::None,
            coord_format: crate::coords::CoordFormat::default(),
            ui_language: None,
        }
    }
}

impl Settings {
    /// The interface language these settings ask for: the chosen one, else the system's.
    pub fn ui_lang(&self) -> crate::i18n::Lang {
        self.ui_language
            .unwrap_or_else(crate::i18n::system_language)
    }

    pub fn layer(&self, layer: Layer) -> LayerStyle {
        self.layers
            .iter()
            .find(|(l, _)| *l == layer)
            .map(|(_, s)| *s)
            .unwrap_or(LayerStyle {
                visible: true,
                opacity: 1.0,
            })
    }

    pub fn shows(&self, layer: Layer) -> bool {
        let s = self.layer(layer);
        s.visible && s.opacity > 0.0
    }

    pub fn set_layer(&mut self, layer: Layer, style: LayerStyle) {
        match self.layers.iter_mut().find(|(l, _)| *l == layer) {
            Some(entry) => entry.1 = style,
            None => self.layers.push((layer, style)),
        }
    }
}
