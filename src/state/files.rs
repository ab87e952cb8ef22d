//! What a file dialog is asked for and what happens with the file chosen: a menu item returns
//! [`Action::ChooseFile`], the app shows the system dialog or its own browser
//! (`app::dialogs`), and the chosen paths become the request's [`Action`]. Kept
//! apart from the dialogs so the menus, the shortcut and the tests name requests without
//! knowing which dialog will answer.

use super::{Action, ExportKind};
use std::path::{Path, PathBuf};

/// A file (or files) to ask the user for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRequest {
    /// File → Open data… (`Ctrl+O` / `Cmd+O`): data files to load as layers.
    OpenData,
    /// File → Open basemap…: a raster PMTiles file.
    OpenBasemap,
    /// File → Save my records as….
    SaveRecordsAs,
    /// File → Export …: where to write the view or the records.
    Export(ExportKind),
}

/// Extensions File → Open data may offer; those the reader accepts (`io::is_data_file`) are
/// offered, so a format the reader learns shows up in the dialog without a change here.
const DATA_CANDIDATES: [&str; 8] = ["geojson", "json", "csv", "kml", "kmz", "gpx", "tif", "tiff"];

impl FileRequest {
    /// A save dialog (one new or replaced file) rather than an open dialog.
    pub fn saves(self) -> bool {
        matches!(self, FileRequest::SaveRecordsAs | FileRequest::Export(_))
    }

    /// Several files may be chosen at once.
    pub fn multiple(self) -> bool {
        self == FileRequest::OpenData
    }

    /// The file extensions offered (lower case, without the dot).
    pub fn extensions(self) -> Vec<&'static str> {
        match self {
            FileRequest::OpenData => DATA_CANDIDATES
                .into_iter()
                .filter(|e| crate::io::is_data_file(Path::new(&format!("file.{e}"))))
                .collect(),
            FileRequest::OpenBasemap => vec!["pmtiles"],
            FileRequest::SaveRecordsAs | FileRequest::Export(ExportKind::RecordsGeojson) => {
                vec!["geojson"]
            }
            FileRequest::Export(ExportKind::ViewPng) => vec!["png"],
            FileRequest::Export(ExportKind::ViewSvg) => vec!["svg"],
            FileRequest::Export(ExportKind::RecordsCsv) => vec!["csv"],
            FileRequest::Export(ExportKind::RecordsKml) => vec!["kml"],
            FileRequest::Export(ExportKind::RecordsKmz) => vec!["kmz"],
        }
    }

    /// Whether `path` has one of the offered extensions (any letter case).
    pub fn accepts(self, path: &Path) -> bool {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        ext.is_some_and(|e| self.extensions().contains(&e.as_str()))
    }

    /// The file name a save dialog proposes.
    pub fn default_name(self) -> Option<&'static str> {
        match self {
            FileRequest::OpenData | FileRequest::OpenBasemap => None,
            FileRequest::SaveRecordsAs => Some("my-records.geojson"),
            FileRequest::Export(ExportKind::ViewPng) => Some("nkmap-view.png"),
            FileRequest::Export(ExportKind::ViewSvg) => Some("nkmap-view.svg"),
            FileRequest::Export(ExportKind::RecordsCsv) => Some("nkmap-records.csv"),
            FileRequest::Export(ExportKind::RecordsGeojson) => Some("nkmap-records.geojson"),
            FileRequest::Export(ExportKind::RecordsKml) => Some("nkmap-records.kml"),
            FileRequest::Export(ExportKind::RecordsKmz) => Some("nkmap-records.kmz"),
        }
    }

    /// What to do with the chosen files; `None` when nothing was chosen.
    pub fn action(self, mut paths: Vec<PathBuf>) -> Option<Action> {
        if paths.is_empty() {
            return None;
        }
        Some(match self {
            FileRequest::OpenData => Action::OpenFiles(paths),
            FileRequest::OpenBasemap => {
                Action::SetBasemap(crate::basemap::BasemapChoice::PmTiles {
                    path: paths.swap_remove(0),
                })
            }
            FileRequest::SaveRecordsAs => Action::SaveUserData(Some(paths.swap_remove(0))),
            FileRequest::Export(kind) => Action::Export(kind, paths.swap_remove(0)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_data_offers_what_the_reader_reads_in_any_case() {
        let exts = FileRequest::OpenData.extensions();
        assert!(
            exts.contains(&"geojson") && exts.contains(&"csv"),
            "{exts:?}"
        );
        assert!(FileRequest::OpenData.accepts(Path::new("SITES.GeoJSON")));
        assert!(!FileRequest::OpenData.accepts(Path::new("notes.txt")));
        assert!(FileRequest::OpenBasemap.accepts(Path::new("korea.PMTILES")));
    }

    #[test]
    fn a_choice_becomes_the_requests_action() {
        let p = PathBuf::from("out.svg");
        assert_eq!(
            FileRequest::Export(ExportKind::ViewSvg).action(vec![p.clone()]),
            Some(Action::Export(ExportKind::ViewSvg, p))
        );
        assert_eq!(FileRequest::OpenData.action(Vec::new()), None);
    }
}
