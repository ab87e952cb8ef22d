//! Zoom in steps a user can control: half a zoom level per wheel notch, one per `+`/`-`,
//! pinch as the fingers move, each eased over a few frames and keeping the point under the
//! pointer where it is.
//!
//! walkers 0.65 zooms by `smooth_scroll_delta × frame time × zoom_speed`, which depends on the
//! frame rate (a notch took the map 1.3 levels on a slow frame). So the map's own zoom gesture
//! is switched off (`Map::zoom_gesture(false)`) and the wheel and pinch input is read here,
//! from egui's raw events, before the map widget runs; the result goes into walkers'
//! [`MapMemory`] like any other view change.

use crate::scene::View;
use egui::{Event, MouseWheelUnit, Pos2, Rect, Ui};
use walkers::{MapMemory, lon_lat};

/// Zoom levels per wheel notch (a "line" of scrolling).
pub const PER_NOTCH: f64 = 0.5;
/// Points of smooth scrolling (touchpads) per zoom level.
pub const POINTS_PER_LEVEL: f64 = 200.0;
/// The zoom range the map allows.
pub const RANGE: (f64, f64) = (3.0, 18.0);
/// How fast the zoom closes in on its target: the remaining distance shrinks by e every
/// 1/RATE seconds (about 0.15 s to settle).
const RATE: f64 = 20.0;

/// The zoom the map is easing towards, and the point that stays put meanwhile.
#[derive(Debug, Clone, Default)]
pub struct SmoothZoom {
    target: Option<f64>,
    /// Screen position and the local (Web Mercator) point under it when the zoom started.
    anchor: Option<(Pos2, [f64; 2])>,
}

/// The current view of the map memory in a rectangle.
fn view_of(memory: &MapMemory, center: (f64, f64), rect: Rect) -> View {
    let c = memory.detached().map_or(center, |p| (p.x(), p.y()));
    View::new(
        c,
        memory.zoom(),
        [rect.center().x, rect.center().y],
        [rect.width() / 2.0, rect.height() / 2.0],
    )
}

impl SmoothZoom {
    /// Where the zoom is going (the current zoom when still).
    pub fn target(&self, memory: &MapMemory) -> f64 {
        self.target.unwrap_or(memory.zoom())
    }

    /// Reads the wheel and pinch input over `rect` (where the map will be) and takes it away
    /// from the widgets that would act on it too.
    pub fn read_input(&mut self, ui: &mut Ui, rect: Rect, memory: &MapMemory, center: (f64, f64)) {
        if !ui.rect_contains_pointer(rect) {
            return;
        }
        let (levels, pointer) = ui.input(|i| {
            let mut levels = 0.0;
            for e in &i.raw.events {
                if let Event::MouseWheel { unit, delta, .. } = e {
                    levels += wheel_levels(*unit, f64::from(delta.y));
                }
            }
            // Pinch: fingers on a touch screen, or the touchpad's magnify gesture (not the
            // ctrl+wheel egui also reports as zoom, which the wheel events above count).
            let pinch = i.multi_touch().map_or_else(
                || {
                    i.raw.events.iter().fold(1.0, |z, e| match e {
                        Event::Zoom(f) => z * f64::from(*f),
                        _ => z,
                    })
                },
                |t| f64::from(t.zoom_delta),
            );
            if pinch.is_finite() && pinch > 0.0 {
                levels += pinch.log2().clamp(-PER_NOTCH, PER_NOTCH);
            }
            (levels, i.pointer.hover_pos())
        });
        ui.input_mut(|i| {
            i.smooth_scroll_delta = egui::Vec2::ZERO;
        });
        if levels != 0.0 {
            let view = view_of(memory, center, rect);
            let anchor = pointer.map(|p| (p, local_f64(&view, p)));
            self.zoom_by(levels, memory, anchor);
        }
    }

    /// Zooms by `levels`, keeping `anchor` (a screen point and what is under it) in place, or
    /// the centre when `None`.
    pub fn zoom_by(&mut self, levels: f64, memory: &MapMemory, anchor: Option<(Pos2, [f64; 2])>) {
        let target = (self.target(memory) + levels).clamp(RANGE.0, RANGE.1);
        self.target = Some(target);
        self.anchor = anchor;
    }

    /// Forgets a zoom under way (the view was set by other means: fit, fly to).
    pub fn cancel(&mut self) {
        self.target = None;
        self.anchor = None;
    }

    /// Moves the zoom one frame (`dt` seconds) towards its target; true while moving.
    pub fn step(
        &mut self,
        dt: f64,
        memory: &mut MapMemory,
        center: (f64, f64),
        rect: Rect,
    ) -> bool {
        let Some(target) = self.target else {
            return false;
        };
        let z = memory.zoom();
        let k = 1.0 - (-dt.clamp(0.0, 0.1) * RATE).exp();
        let mut next = z + (target - z) * k;
        let done = (target - next).abs() < 0.002;
        if done {
            next = target;
        }
        // An anchored zoom: the local point under the pointer stays under it.
        let anchor_center = self.anchor.map(|(screen, local)| {
            let scale = 2f64.powf(next);
            [
                local[0] - f64::from(screen.x - rect.center().x) / scale,
                local[1] - f64::from(screen.y - rect.center().y) / scale,
            ]
        });
        if memory.set_zoom(next).is_err() {
            self.cancel();
            return false;
        }
        if let Some(c) = anchor_center {
            let (lon, lat) = crate::scene::to_lon_lat(c);
            memory.center_at(lon_lat(lon, lat));
        } else if memory.detached().is_none() {
            memory.center_at(lon_lat(center.0, center.1));
        }
        if done {
            self.cancel();
        }
        !done
    }
}

/// Zoom levels for one wheel event: half a level per notch at most, whatever the device
/// reports per notch.
pub fn wheel_levels(unit: MouseWheelUnit, dy: f64) -> f64 {
    match unit {
        MouseWheelUnit::Line => dy.clamp(-1.0, 1.0) * PER_NOTCH,
        MouseWheelUnit::Page => dy.clamp(-1.0, 1.0) * 2.0 * PER_NOTCH,
        MouseWheelUnit::Point => (dy / POINTS_PER_LEVEL).clamp(-PER_NOTCH, PER_NOTCH),
    }
}

fn local_f64(view: &View, p: Pos2) -> [f64; 2] {
    [
        f64::from(p.x - view.screen_center[0]) / view.scale + view.center[0],
        f64::from(p.y - view.screen_center[1]) / view.scale + view.center[1],
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notch_is_at_most_half_a_level() {
        assert_eq!(wheel_levels(MouseWheelUnit::Line, 1.0), 0.5);
        assert_eq!(wheel_levels(MouseWheelUnit::Line, -3.0), -0.5);
        assert_eq!(wheel_levels(MouseWheelUnit::Point, 50.0), 0.25);
        assert_eq!(wheel_levels(MouseWheelUnit::Point, 5000.0), 0.5);
    }

    #[test]
    fn eases_to_the_target_and_keeps_the_anchor_in_place() {
        let mut memory = MapMemory::default();
        let _ = memory.set_zoom(9.0);
        memory.center_at(lon_lat(129.6, 41.4));
        let rect = Rect::from_min_size(egui::pos2(0.0, 0.0), egui::vec2(1000.0, 800.0));
        let view = view_of(&memory, (129.6, 41.4), rect);
        let p = egui::pos2(700.0, 300.0);
        let under = local_f64(&view, p);
        let mut z = SmoothZoom::default();
        z.zoom_by(3.0 * PER_NOTCH, &memory, Some((p, under)));
        assert!(z.step(1.0 / 60.0, &mut memory, (129.6, 41.4), rect));
        let first = memory.zoom();
        assert!(first > 9.0 && first < 10.5, "eased, not jumped: {first}");
        let mut frames = 0;
        while z.step(1.0 / 60.0, &mut memory, (129.6, 41.4), rect) {
            frames += 1;
            assert!(frames < 200);
        }
        assert!((memory.zoom() - 10.5).abs() < 1e-9, "{}", memory.zoom());
        let after = view_of(&memory, (129.6, 41.4), rect);
        let still = local_f64(&after, p);
        let px = ((still[0] - under[0]).abs() + (still[1] - under[1]).abs()) * after.scale;
        assert!(px < 0.5, "the point under the pointer moved {px} px");
    }
}
