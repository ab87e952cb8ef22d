//! nkmap's own file browser, for when the system's file dialog cannot be shown (a Linux desktop
//! without the XDG file-chooser portal, a minimal install, WSLg) or is switched off
//! (`NKMAP_FILE_DIALOG=builtin`). The app shell decides when to use it (`app::dialogs`); this
//! draws it and keeps its own widget state (the folder, its listing, the selection), as the
//! editor form does. It lists a folder only when the folder changes, never per frame.
//!
//! Written here rather than taken from `egui-file-dialog`: its release for this egui (0.15)
//! is built on egui 0.36, and nkmap needs only folders, a filter, a name and a confirm.

use crate::state::{ExportKind, FileRequest};
use egui::{Key, RichText};
use std::path::{Path, PathBuf};

/// The dialog's title for `request` (also the system dialog's).
pub fn title(request: FileRequest) -> String {
    match request {
        FileRequest::OpenData => crate::t!("files-open-data-title"),
        FileRequest::OpenBasemap => crate::t!("files-open-basemap-title"),
        FileRequest::SaveRecordsAs => crate::t!("files-save-records-title"),
        FileRequest::Export(_) => crate::t!("files-export-title"),
    }
}

/// The name of the file types `request` offers (also the system dialog's filter name).
pub fn filter_name(request: FileRequest) -> String {
    match request {
        FileRequest::OpenData => crate::t!("files-filter-data"),
        FileRequest::OpenBasemap => crate::t!("files-filter-basemap"),
        FileRequest::SaveRecordsAs | FileRequest::Export(ExportKind::RecordsGeojson) => {
            crate::t!("files-filter-geojson")
        }
        FileRequest::Export(ExportKind::ViewPng) => crate::t!("files-filter-png"),
        FileRequest::Export(ExportKind::ViewSvg) => crate::t!("files-filter-svg"),
        FileRequest::Export(ExportKind::RecordsCsv) => crate::t!("files-filter-csv"),
        FileRequest::Export(ExportKind::RecordsKml) => crate::t!("files-filter-kml"),
        FileRequest::Export(ExportKind::RecordsKmz) => crate::t!("files-filter-kmz"),
    }
}

/// One entry of the listed folder.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    is_dir: bool,
}

/// The browser while it is open.
#[derive(Debug, Clone)]
pub struct FileBrowser {
    request: FileRequest,
    dir: PathBuf,
    /// The folder field, as typed.
    dir_text: String,
    /// The folder's entries, or why it could not be read.
    listing: Result<Vec<Entry>, String>,
    /// Chosen file names in `dir`.
    selected: Vec<String>,
    /// The file name field of a save dialog.
    name: String,
    show_all: bool,
    /// Why the system dialog is not used, shown at the top (the first time only).
    note: Option<String>,
    /// A save over an existing file, waiting for the user's yes.
    confirm_replace: Option<PathBuf>,
}

/// How the browser closed.
#[derive(Debug, Clone, PartialEq)]
pub enum BrowserResult {
    Chosen(Vec<PathBuf>),
    Cancelled,
}

impl FileBrowser {
    /// A browser for `request` showing `dir`, with `note` (why it is used) at the top.
    pub fn new(request: FileRequest, dir: PathBuf, note: Option<String>) -> Self {
        let mut b = FileBrowser {
            request,
            dir: PathBuf::new(),
            dir_text: String::new(),
            listing: Ok(Vec::new()),
            selected: Vec::new(),
            name: request.default_name().unwrap_or_default().to_owned(),
            show_all: false,
            note,
            confirm_replace: None,
        };
        b.go(dir);
        b
    }

    pub fn request(&self) -> FileRequest {
        self.request
    }

    /// The folder shown.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Shows `dir` (or says why it cannot be read, keeping the folder field as typed).
    fn go(&mut self, dir: PathBuf) {
        self.listing = list(&dir, self.request, self.show_all);
        self.dir_text = dir.display().to_string();
        self.dir = dir;
        self.selected.clear();
    }

    /// The files the user has chosen so far: the selection, or for a save the typed name
    /// (with the filter's extension added when it has none of them).
    fn chosen(&self) -> Vec<PathBuf> {
        if self.request.saves() {
            let name = self.name.trim();
            if name.is_empty() {
                return Vec::new();
            }
            let mut path = self.dir.join(name);
            if !self.request.accepts(&path)
                && let Some(ext) = self.request.extensions().first()
            {
                path = self.dir.join(format!("{name}.{ext}"));
            }
            vec![path]
        } else {
            self.selected.iter().map(|n| self.dir.join(n)).collect()
        }
    }
}

/// Lists `dir`: folders first, then the files `request` accepts (all files with `show_all`),
/// each group by name regardless of case; hidden (dot) files only with `show_all`.
fn list(dir: &Path, request: FileRequest, show_all: bool) -> Result<Vec<Entry>, String> {
    let read = std::fs::read_dir(dir).map_err(|e| {
        crate::t!(
            "files-cannot-read-folder",
            folder = dir.display().to_string(),
            error = e.to_string()
        )
    })?;
    let mut entries: Vec<Entry> = read
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && !show_all {
                return None;
            }
            // Follows links, so a link to a folder is a folder.
            let is_dir = std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir());
            (is_dir || show_all || request.accepts(Path::new(&name)))
                .then_some(Entry { name, is_dir })
        })
        .collect();
    entries.sort_by_cached_key(|e| (!e.is_dir, e.name.to_lowercase()));
    Ok(entries)
}

/// Draws the browser; returns how it closed, once it has.
pub fn file_browser(ctx: &egui::Context, b: &mut FileBrowser) -> Option<BrowserResult> {
    let mut result = None;
    let mut go_to: Option<PathBuf> = None;
    let mut choose = false;
    let modal = egui::Modal::new(egui::Id::unique("nkmap-file-browser")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading(title(b.request));
        if let Some(note) = &b.note {
            ui.colored_label(ui.visuals().warn_fg_color, note);
        }
        ui.add_space(crate::style::SPACE / 2.0);
        ui.horizontal(|ui| {
            let parent = b.dir.parent().map(Path::to_path_buf);
            if ui
                .add_enabled(parent.is_some(), egui::Button::new(crate::t!("files-up")))
                .clicked()
            {
                go_to = parent;
            }
            if let Some(home) = directories::UserDirs::new().map(|d| d.home_dir().to_path_buf())
                && ui.button(crate::t!("files-home")).clicked()
            {
                go_to = Some(home);
            }
            let l = ui.label(crate::t!("files-folder"));
            let field = ui
                .add(egui::TextEdit::singleline(&mut b.dir_text).desired_width(f32::INFINITY))
                .labelled_by(l.id);
            if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                go_to = Some(PathBuf::from(b.dir_text.trim()));
            }
        });
        ui.separator();
        let multiple = b.request.multiple();
        let command = ui.input(|i| i.modifiers.command);
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .auto_shrink([false, false])
            .show(ui, |ui| match &b.listing {
                Err(e) => {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                Ok(entries) if entries.is_empty() => {
                    ui.weak(crate::t!("files-empty-folder"));
                }
                Ok(entries) => {
                    for e in entries {
                        if e.is_dir {
                            let label = crate::t!("files-folder-entry", name = e.name.as_str());
                            if ui
                                .selectable_label(false, RichText::new(label).strong())
                                .clicked()
                            {
                                go_to = Some(b.dir.join(&e.name));
                            }
                            continue;
                        }
                        let on = b.selected.contains(&e.name);
                        let r = ui.selectable_label(on, e.name.as_str());
                        if r.clicked() {
                            if multiple && command {
                                if on {
                                    b.selected.retain(|n| n != &e.name);
                                } else {
                                    b.selected.push(e.name.clone());
                                }
                            } else {
                                b.selected = vec![e.name.clone()];
                            }
                            if b.request.saves() {
                                b.name = e.name.clone();
                            }
                        }
                        if r.double_clicked() {
                            b.selected = vec![e.name.clone()];
                            b.name = e.name.clone();
                            choose = true;
                        }
                    }
                }
            });
        ui.separator();
        if b.request.saves() {
            ui.horizontal(|ui| {
                let l = ui.label(crate::t!("files-name"));
                let field = ui
                    .add(egui::TextEdit::singleline(&mut b.name).desired_width(f32::INFINITY))
                    .labelled_by(l.id);
                if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                    choose = true;
                }
            });
        }
        ui.horizontal(|ui| {
            if ui
                .checkbox(&mut b.show_all, crate::t!("files-show-all"))
                .changed()
            {
                go_to = Some(b.dir.clone());
            }
            ui.weak(format!(
                "{} (*.{})",
                filter_name(b.request),
                b.request.extensions().join(", *.")
            ));
            if multiple && b.selected.len() > 1 {
                ui.weak(crate::t!("files-selected", n = b.selected.len()));
            }
        });
        if let Some(path) = b.confirm_replace.clone() {
            let name = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            ui.colored_label(
                ui.visuals().warn_fg_color,
                crate::t!("files-replace-question", name = name),
            );
            ui.horizontal(|ui| {
                if ui.button(crate::t!("files-replace")).clicked() {
                    result = Some(BrowserResult::Chosen(vec![path]));
                }
                if ui.button(crate::t!("files-cancel")).clicked() {
                    b.confirm_replace = None;
                }
            });
            return;
        }
        ui.horizontal(|ui| {
            let ok = if b.request.saves() {
                crate::t!("files-save")
            } else {
                crate::t!("files-open")
            };
            if ui
                .add_enabled(!b.chosen().is_empty(), egui::Button::new(ok))
                .clicked()
            {
                choose = true;
            }
            if ui.button(crate::t!("files-cancel")).clicked() {
                result = Some(BrowserResult::Cancelled);
            }
        });
    });
    if result.is_none() && modal.should_close() {
        result = Some(BrowserResult::Cancelled);
    }
    if let Some(dir) = go_to {
        b.go(dir);
    }
    if choose && result.is_none() {
        let chosen = b.chosen();
        match chosen.first() {
            None => {}
            Some(p) if b.request.saves() && p.exists() => b.confirm_replace = Some(p.clone()),
            Some(_) => result = Some(BrowserResult::Chosen(chosen)),
        }
    }
    result
}
