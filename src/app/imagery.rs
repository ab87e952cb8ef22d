//! Opening satellite images off the UI thread: one short-lived thread per file reads its
//! directories and tags (and makes a preview when it has no overviews), then hands the
//! [`Image`](crate::imagery::Image) over a channel. A panic while opening is caught and said.

use crate::imagery::{Image, ImageryError};
use crate::state::AppState;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

type Opened = (PathBuf, Result<Image, ImageryError>);

pub struct ImageryLoader {
    tx: Sender<Opened>,
    rx: Receiver<Opened>,
}

impl Default for ImageryLoader {
    fn default() -> Self {
        let (tx, rx) = channel();
        ImageryLoader { tx, rx }
    }
}

impl ImageryLoader {
    pub fn start(&self, path: PathBuf, ctx: &egui::Context) {
        let tx = self.tx.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string());
            let result =
                std::panic::catch_unwind(|| crate::imagery::open(&path)).unwrap_or_else(|_| {
                    Err(ImageryError {
                        file: name,
                        message: crate::t!("imagery-decoder-panic"),
                    })
                });
            // The receiver goes away only when the app closes.
            let _ = tx.send((path, result));
            ctx.request_repaint();
        });
    }

    /// Hands finished images to the state.
    pub fn receive(&self, state: &mut AppState, loading: &mut Vec<PathBuf>) {
        while let Ok((path, result)) = self.rx.try_recv() {
            loading.retain(|p| p != &path);
            match result {
                Ok(image) => state.add_image(image),
                Err(e) => state.image_failed(&e),
            }
        }
    }
}
