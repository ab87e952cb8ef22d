//! When an image was taken: from its tags (GDAL's acquisition metadata, TIFF `DateTime`), a
//! guess from its file name to offer, and the dates the user gave for files that have none,
//! remembered in a small JSON file in the user's data folder.

use crate::model::PartialDate;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where an image's date came from, shown beside it so a wrong one can be recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateFrom {
    /// A GDAL metadata item (tag 42112), by name.
    Metadata(String),
    /// TIFF tag 306 `DateTime` (often when the file was made, not when the scene was taken).
    TiffDateTime,
    /// Given by the user and remembered.
    User,
}

/// GDAL metadata items that name the acquisition, in order of preference.
const ACQUISITION_KEYS: [&str; 8] = [
    "ACQUISITIONDATETIME",
    "ACQUISITION_DATETIME",
    "ACQUISITION_DATE",
    "DATATAKE_1_DATATAKE_SENSING_START",
    "PRODUCT_START_TIME",
    "SENSING_TIME",
    "DATE_ACQUIRED",
    "TIFFTAG_DATETIME",
];

/// The acquisition date the file's tags give, if any.
pub fn from_tags(
    date_time: Option<&str>,
    gdal_metadata: Option<&str>,
) -> Option<(PartialDate, DateFrom)> {
    if let Some(xml) = gdal_metadata {
        for key in ACQUISITION_KEYS {
            if let Some(d) = metadata_item(xml, key).and_then(|v| parse_date(&v)) {
                return Some((d, DateFrom::Metadata(key.to_owned())));
            }
        }
    }
    date_time
        .and_then(parse_date)
        .map(|d| (d, DateFrom::TiffDateTime))
}

/// The text of `<Item name="KEY" …>text</Item>` in GDAL's metadata XML.
fn metadata_item(xml: &str, key: &str) -> Option<String> {
    let needle = format!("name=\"{key}\"");
    let at = xml.find(&needle)?;
    let rest = &xml[at + needle.len()..];
    let start = rest.find('>')? + 1;
    let end = rest[start..].find("</Item>")?;
    Some(rest[start..start + end].trim().to_owned())
}

/// "2024:05:02 10:20:30" (TIFF), "2024-05-02T02:01:59.024Z", "2024-05-02", "20240502".
pub fn parse_date(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    let digits: String = s.chars().take(10).filter(|c| c.is_ascii_digit()).collect();
    let head = s.get(..10);
    let separated = head.is_some_and(|h| {
        let b = h.as_bytes();
        (b[4] == b':' || b[4] == b'-') && b[7] == b[4]
    });
    let ymd = if separated && digits.len() == 8 {
        digits
    } else if s.len() >= 8 && s.as_bytes()[..8].iter().all(u8::is_ascii_digit) {
        s[..8].to_owned()
    } else {
        return None;
    };
    let y: i32 = ymd[..4].parse().ok()?;
    let m: u8 = ymd[4..6].parse().ok()?;
    let d: u8 = ymd[6..8].parse().ok()?;
    valid(y, m, d).then(|| PartialDate::ymd(y, m, d))
}

fn valid(y: i32, m: u8, d: u8) -> bool {
    (1960..=2100).contains(&y)
        && (1..=12).contains(&m)
        && d >= 1
        && d <= crate::model::days_in_month(y, m)
}

/// A date in a file name (`S2A_MSIL2A_20240315T021551_…`, `orang_2024-05-02.tif`), to offer
/// when the file itself has none.
pub fn guess_from_name(name: &str) -> Option<PartialDate> {
    let b = name.as_bytes();
    for i in 0..b.len() {
        // A date starts where a run of digits starts.
        if i > 0 && b[i - 1].is_ascii_digit() {
            continue;
        }
        if let Some(t) = name.get(i..i + 10) {
            let tb = t.as_bytes();
            if (tb[4] == b'-' || tb[4] == b'_')
                && tb[7] == tb[4]
                && let Some(d) = parse_date(&t.replace('_', "-"))
            {
                return Some(d);
            }
        }
        if let Some(t) = name.get(i..i + 8)
            && t.bytes().all(|c| c.is_ascii_digit())
            && b.get(i + 8).is_none_or(|c| !c.is_ascii_digit())
            && let Some(d) = parse_date(t)
        {
            return Some(d);
        }
    }
    None
}

/// The dates the user gave, by file: `{"/abs/path.tif": {"date": "2024-05-02", "size": 123}}`.
/// The size is kept so that a different file put in the same place is asked about again.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DateBook {
    #[serde(default)]
    pub files: BTreeMap<String, Remembered>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Remembered {
    pub date: String,
    pub size: u64,
}

fn key(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

impl DateBook {
    /// Reads the book; a missing or unreadable file is an empty book (the dates are asked
    /// again, nothing is lost that was not already lost).
    pub fn load(book: &Path) -> DateBook {
        std::fs::read_to_string(book)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    pub fn date_of(&self, image: &Path) -> Option<PartialDate> {
        let size = std::fs::metadata(image).ok()?.len();
        self.files
            .get(&key(image))
            .filter(|r| r.size == size)
            .and_then(|r| PartialDate::parse(&r.date).ok())
    }

    /// Remembers `date` for `image` and writes the book (atomically).
    pub fn remember(
        &mut self,
        book: &Path,
        image: &Path,
        date: PartialDate,
    ) -> std::io::Result<()> {
        let size = std::fs::metadata(image)?.len();
        self.files.insert(
            key(image),
            Remembered {
                date: date.to_string(),
                size,
            },
        );
        if let Some(dir) = book.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        crate::io::atomic_write(book, text.as_bytes())
    }
}

/// The book's usual place: `imagery-dates.json` in the user's data folder.
pub fn default_book() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "nkmap").map(|d| d.data_dir().join("imagery-dates.json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_tags_prefer_the_acquisition_metadata() {
        let xml = r#"<GDALMetadata>
  <Item name="TIFFTAG_DATETIME">2024:06:01 00:00:00</Item>
  <Item name="ACQUISITIONDATETIME" domain="IMAGERY">2024-05-02T02:01:59.024Z</Item>
</GDALMetadata>"#;
        assert_eq!(
            from_tags(Some("2025:01:01 10:00:00"), Some(xml)),
            Some((
                PartialDate::ymd(2024, 5, 2),
                DateFrom::Metadata("ACQUISITIONDATETIME".into())
            ))
        );
        assert_eq!(
            from_tags(Some("2025:01:31 10:00:00"), None),
            Some((PartialDate::ymd(2025, 1, 31), DateFrom::TiffDateTime))
        );
        assert_eq!(from_tags(Some("    :  :     :  :  "), None), None);
        assert_eq!(from_tags(Some("2025:13:31 10:00:00"), None), None);
    }

    #[test]
    fn file_names_give_a_guess() {
        assert_eq!(
            guess_from_name("S2A_MSIL2A_20240315T021551_N0510_R060_T52TDL.tif"),
            Some(PartialDate::ymd(2024, 3, 15))
        );
        assert_eq!(
            guess_from_name("orang_2024-05-02_rgb.tif"),
            Some(PartialDate::ymd(2024, 5, 2))
        );
        assert_eq!(
            guess_from_name("orang_2024_05_02.tif"),
            Some(PartialDate::ymd(2024, 5, 2))
        );
        assert_eq!(guess_from_name("scene-123456789.tif"), None);
    }

    #[test]
    fn the_book_remembers_a_date_per_file_and_forgets_it_when_the_file_changes() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let image = dir.path().join("a.tif");
        std::fs::write(&image, b"1234").unwrap_or_else(|e| panic!("{e}"));
        let book = dir.path().join("nkmap/imagery-dates.json");
        let mut b = DateBook::load(&book);
        assert_eq!(b.date_of(&image), None);
        b.remember(&book, &image, PartialDate::ymd(2024, 5, 2))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            DateBook::load(&book).date_of(&image),
            Some(PartialDate::ymd(2024, 5, 2))
        );
        std::fs::write(&image, b"12345").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(DateBook::load(&book).date_of(&image), None);
    }
}
