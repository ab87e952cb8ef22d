//! File → Export: the current view as SVG or PNG, the visible records as CSV or GeoJSON.
//!
//! Both view formats go through the headless renderer (`crate::render`) with the map's current
//! view rather than a window screenshot: the file is the same whatever the UI scale, hover or
//! open tooltip, it carries the legend, scale bar, date and credit line, it is vector for SVG,
//! and it matches what `nkmap render` gives for the same area. A screenshot would also need a
//! round trip through the windowing backend, which headless tests do not have.

use crate::model::Dataset;
use crate::render::placemarks::kml_look;
use crate::render::{self, LabelLanguage, MapData, Opacities, RenderOptions};
use crate::scene::View;
use crate::state::settings::{Language, Layer, Settings, Theme};
use crate::state::{AppState, ExportKind, Message};
use std::path::Path;

/// Writes one export; the outcome goes to the messages panel.
pub fn run(
    state: &mut AppState,
    kind: ExportKind,
    path: &Path,
    view: Option<View>,
    pixels_per_point: f32,
) {
    let file = path.display().to_string();
    let result = match kind {
        ExportKind::ViewSvg | ExportKind::ViewPng => match view {
            Some(view) => view_bytes(state, kind, view, pixels_per_point),
            None => Err("the map has not been drawn yet".to_owned()),
        },
        ExportKind::RecordsCsv => Ok(crate::io::write_csv(&visible_records(state)).into_bytes()),
        ExportKind::RecordsGeojson => {
            Ok(crate::io::write_geojson(&visible_records(state)).into_bytes())
        }
        ExportKind::RecordsKml => {
            Ok(
                crate::io::kml::write_kml(&visible_records(state), &state.geography, &kml_look())
                    .into_bytes(),
            )
        }
        ExportKind::RecordsKmz => {
            crate::io::kml::write_kmz(&visible_records(state), &state.geography, &kml_look())
        }
    };
    let outcome = result.and_then(|bytes| {
        crate::io::atomic_write(path, &bytes)
            .map(|()| bytes.len())
            .map_err(|e| format!("cannot write the file: {e}"))
    });
    state.messages.push(match outcome {
        Ok(n) => Message {
            file: file.clone(),
            text: format!("{file}: exported ({n} bytes)"),
            is_error: false,
        },
        Err(e) => Message {
            file: file.clone(),
            text: format!("{file}: export failed: {e}"),
            is_error: true,
        },
    });
}

fn view_bytes(
    state: &AppState,
    kind: ExportKind,
    view: View,
    pixels_per_point: f32,
) -> Result<Vec<u8>, String> {
    let size = [
        (view.half_size[0] * 2.0).round().max(16.0) as u32,
        (view.half_size[1] * 2.0).round().max(16.0) as u32,
    ];
    // The map's view, moved so that its rectangle starts at the image's corner.
    let view = View {
        screen_center: view.half_size,
        ..view
    };
    // The export's title and legend in the interface's language.
    let mut opts = RenderOptions::new(size, state.date).with_text_language(crate::i18n::language());
    opts.language = match state.settings.language {
        Language::English => LabelLanguage::En,
        Language::Korean => LabelLanguage::Ko,
        Language::Both => LabelLanguage::Both,
    };
    opts.dark = state.settings.theme == Theme::Dark;
    opts.layers = opacities(&state.settings);
    // The places the window names first (selection, search) are named first here too.
    opts.named = crate::map::named_places(state);
    // The images the window shows (both sides of a swipe, each whole).
    for (i, _) in state.shown_imagery() {
        if let Some(l) = state.imagery.layers.get(i)
            && let Some(o) = render::imagery::overlay(&l.image, &view, size, l.opacity, l.stretch)
                .map_err(|e| l.image.error(e).to_string())?
        {
            opts.imagery.push(o);
        }
    }
    let map = MapData {
        geography: &state.geography,
        scene: &state.scene,
        datasets: state
            .layers
            .iter()
            .map(|l| l.visible.then_some(&l.data))
            .collect(),
        areas: state
            .layers
            .iter()
            .filter(|l| l.visible)
            .filter_map(|l| l.areas.as_deref())
            .collect(),
        placemarks: state
            .layers
            .iter()
            .filter(|l| l.visible)
            .filter_map(|l| {
                Some(render::placemarks::PlacemarkLayer {
                    data: &l.data.placemarks,
                    prepared: l.placemarks.as_deref()?,
                    shown: l.shown.as_deref()?,
                })
            })
            .collect(),
    };
    let svg = render::render_svg(&map, &view, &opts);
    match kind {
        // At the screen's pixel density, so the PNG is as sharp as the window.
        ExportKind::ViewPng => {
            render::svg_to_png(&svg, pixels_per_point.clamp(1.0, 4.0)).map_err(|e| e.to_string())
        }
        _ => Ok(svg.into_bytes()),
    }
}

fn opacities(s: &Settings) -> Opacities {
    let o = |l: Layer| {
        let st = s.layer(l);
        if st.visible { st.opacity } else { 0.0 }
    };
    Opacities {
        provinces: o(Layer::Provinces),
        counties: o(Layer::Counties),
        labels: o(Layer::Labels),
        sites: o(Layer::Sites),
        flows: o(Layer::Flows),
        events: o(Layer::Events),
    }
}

/// The records shown on the map: those of visible data layers whose map layer (sites, flows,
/// events) is on, with every source they cite so the file stands alone.
pub fn visible_records(state: &AppState) -> Dataset {
    let mut out = Dataset::default();
    let s = &state.settings;
    for (li, layer) in state.layers.iter().enumerate().filter(|(_, l)| l.visible) {
        // What the map shows: the filter and the date narrow the export as they narrow the map.
        if s.shows(Layer::Sites) {
            let shown = |(i, _): &(usize, _)| state.site_shown(li, *i);
            out.sites.extend(
                layer
                    .data
                    .sites
                    .iter()
                    .enumerate()
                    .filter(shown)
                    .map(|(_, x)| x.clone()),
            );
        }
        if s.shows(Layer::Flows) {
            let shown = |(i, _): &(usize, _)| state.flow_shown(li, *i);
            out.flows.extend(
                layer
                    .data
                    .flows
                    .iter()
                    .enumerate()
                    .filter(shown)
                    .map(|(_, x)| x.clone()),
            );
        }
        if s.shows(Layer::Events) {
            let shown = |(i, _): &(usize, _)| state.event_shown(li, *i);
            out.events.extend(
                layer
                    .data
                    .events
                    .iter()
                    .enumerate()
                    .filter(shown)
                    .map(|(_, x)| x.clone()),
            );
        }
        out.areas.extend(layer.data.areas.iter().cloned());
        // A KML layer's placemarks go along as they were read (KML exports write them back).
        out.placemarks.extend(layer.data.placemarks.clone());
    }
    let cited: Vec<String> = out
        .sites
        .iter()
        .flat_map(|x| x.source_ids())
        .chain(out.flows.iter().flat_map(|x| x.source_ids()))
        .chain(out.events.iter().flat_map(|x| x.source_ids()))
        .map(str::to_owned)
        .collect();
    for id in cited {
        if out.source(&id).is_some() {
            continue;
        }
        let found = state
            .layers
            .iter()
            .find_map(|l| l.data.source(&id))
            .or_else(|| crate::bundled::seed_sources().iter().find(|x| x.id == id));
        if let Some(src) = found {
            out.sources.push(src.clone());
        }
    }
    out
}
