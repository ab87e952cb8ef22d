//! KML and KMZ: the project's own fixtures (`tests/data/kml/`) read into placemarks, shown on
//! the map and in the panels, hostile files refused with their messages, and nkmap's records
//! through KML and back.
#![allow(clippy::unwrap_used)]

use nkmap::geography::Geography;
use nkmap::io::kml;
use nkmap::io::{Diagnostic, Location};
use nkmap::model::{Dataset, Placemark, Shape};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIELD_NOTES: &str = "tests/data/kml/field-notes.kml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn geo() -> Geography {
    nkmap::bundled::geography().unwrap()
}

fn messages(d: &[Diagnostic]) -> Vec<String> {
    d.iter().map(ToString::to_string).collect()
}

/// Reads a fixture as `nkmap` does (the label is the path as given).
fn load(rel: &str) -> (Option<Dataset>, Vec<Diagnostic>) {
    let bytes = std::fs::read(root().join(rel)).unwrap();
    let (data, diags) = nkmap::io::read_files(
        &[(rel.to_owned(), bytes)],
        &geo(),
        nkmap::bundled::seed_sources(),
    );
    let ok = !diags
        .iter()
        .any(|d| d.is_error() && matches!(d.location, Location::File | Location::LineCol { .. }));
    (ok.then_some(data), diags)
}

fn placemark<'a>(data: &'a Dataset, name: &str) -> &'a Placemark {
    data.placemarks
        .placemarks
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no placemark '{name}'"))
}

fn nkmap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nkmap"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NKMAP_TODAY", "2025-06-01")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn day(y: i32, m: u8, d: u8) -> i64 {
    nkmap::model::PartialDate::ymd(y, m, d).start_day_number()
}

#[test]
fn field_notes_keep_folders_styles_times_data_and_drop_the_bad_placemark() {
    let (data, diags) = load(FIELD_NOTES);
    let data = data.unwrap();
    assert_eq!(
        messages(&diags),
        vec![
            "tests/data/kml/field-notes.kml: warning: 1 image overlay(s) not shown: nkmap draws no images over the map",
            "tests/data/kml/field-notes.kml: warning: 1 network link(s) not followed: nkmap reads only what is in the file",
            "tests/data/kml/field-notes.kml:placemark 3 (Wrong way round): error: coordinates: latitude 129.4312 is outside -90..90 (KML writes lon,lat)",
        ]
    );
    let pm = &data.placemarks;
    let names: Vec<&str> = pm.placemarks.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "무산 식료공장",
            "Musan compound footprint",
            "어랑 지방공업공장",
            "Chongjin–Orang road",
            "Worker housing 살림집",
            "Unconfirmed rumour"
        ]
    );
    // The folder tree: the document, then nested folders, one of them hidden in the file.
    let folders: Vec<(&str, Option<&str>, bool)> = pm
        .folders
        .iter()
        .map(|f| {
            (
                f.name.as_str(),
                f.parent.map(|p| pm.folders[p].name.as_str()),
                f.visible,
            )
        })
        .collect();
    assert_eq!(
        folders,
        [
            ("North Hamgyong field notes", None, true),
            ("Factories 공장", Some("North Hamgyong field notes"), true),
            ("Musan 무산군", Some("Factories 공장"), true),
            ("Orang 어랑군", Some("Factories 공장"), true),
            ("Routes 도로", Some("North Hamgyong field notes"), true),
            (
                "Old notes (hidden)",
                Some("North Hamgyong field notes"),
                false
            ),
        ]
    );
    let musan = placemark(&data, "무산 식료공장");
    assert_eq!(
        pm.folder_path(musan.folder),
        [
            "North Hamgyong field notes",
            "Factories 공장",
            "Musan 무산군"
        ]
    );
    assert_eq!(musan.id.as_deref(), Some("musan-food"));
    // The StyleMap's normal style: red (ff0000ff is aabbggrr), larger.
    let s = pm.style_of(musan);
    assert_eq!(s.icon_color, Some([0xff, 0, 0, 0xff]));
    assert_eq!(s.icon_scale, 1.4);
    // An inline style overrides the shared colour and keeps its scale.
    let orang = pm.style_of(placemark(&data, "어랑 지방공업공장"));
    assert_eq!(orang.icon_color, Some([0xff, 0xa5, 0, 0xff]));
    assert_eq!(orang.icon_scale, 1.4);
    let road = pm.style_of(placemark(&data, "Chongjin–Orang road"));
    assert_eq!(
        (road.line_color, road.line_width),
        (Some([0, 0xff, 0, 0xff]), 4.0)
    );
    let foot = placemark(&data, "Musan compound footprint");
    let fs = pm.style_of(foot);
    assert_eq!(fs.poly_color, Some([0, 0xff, 0, 0x7f]));
    assert_eq!(fs.line_color, Some([0, 0, 0xff, 0xff]));
    // Time: a span with month and day ends, a stamp from its day on.
    let t = musan.time.unwrap();
    assert_eq!(
        (t.begin.unwrap().to_string(), t.end.unwrap().to_string()),
        ("2024-03".to_owned(), "2025-01-31".to_owned())
    );
    assert!(!musan.shown_on(day(2024, 2, 29)));
    assert!(musan.shown_on(day(2024, 3, 1)));
    assert!(musan.shown_on(day(2025, 1, 31)));
    assert!(!musan.shown_on(day(2025, 2, 1)));
    let stamp = foot.time.unwrap();
    assert!(stamp.stamp);
    assert_eq!(stamp.begin.unwrap().to_string(), "2024-11-02");
    assert!(foot.shown_on(day(2033, 1, 1)));
    // ExtendedData: display names where given; SchemaData too.
    assert_eq!(
        musan.data,
        [
            ("Status (imagery)".to_owned(), "roofed".to_owned()),
            ("analyst".to_owned(), "J. Kim".to_owned()),
            ("imagery".to_owned(), "Pléiades 2024-11-02".to_owned()),
        ]
    );
    // A polygon with its hole; a MultiGeometry of a point and a polygon.
    match foot.geometry.as_slice() {
        [Shape::Polygon(p)] => {
            assert_eq!(p.interiors().len(), 1);
            assert_eq!(p.exterior().0.len(), 5);
        }
        other => panic!("{other:?}"),
    }
    let housing = placemark(&data, "Worker housing 살림집");
    assert!(matches!(
        housing.geometry.as_slice(),
        [Shape::Point(_), Shape::Polygon(_)]
    ));
    // The description: text and web links only.
    use nkmap::model::placemark::{TextPiece, plain_text};
    let pieces = plain_text(musan.description.as_deref().unwrap());
    assert!(pieces.contains(&TextPiece::Link {
        text: "a KCNA report".into(),
        url: "https://kcnawatch.org/newstream/example".into()
    }));
    let all: String = pieces
        .iter()
        .map(|p| match p {
            TextPiece::Text(t) => t.clone(),
            TextPiece::Link { text, url } => format!("[{text}]({url})"),
        })
        .collect();
    assert!(
        !all.contains("alert") && !all.contains("javascript"),
        "{all}"
    );
    assert!(all.contains("do not click"), "{all}");
    assert!(all.contains("imagery & in"), "{all}");
    let escaped = plain_text(foot.description.as_deref().unwrap());
    assert_eq!(
        escaped,
        [TextPiece::Text(
            "Traced outline with a courtyard; escaped HTML here.".into()
        )]
    );
}

#[test]
fn hangul_names_are_found_by_search() {
    let (data, _) = load(FIELD_NOTES);
    let data = data.unwrap();
    let geo = geo();
    let r = nkmap::search::search(&geo, &[Some(&data)], "식료공장", 8);
    assert_eq!(
        r.placemarks
            .iter()
            .map(|h| h.title.as_str())
            .collect::<Vec<_>>(),
        ["무산 식료공장"]
    );
    assert_eq!(
        r.placemarks[0].detail,
        "North Hamgyong field notes / Factories 공장 / Musan 무산군"
    );
    // A Hangul place finds the county through the gazetteer and the placemark by its name.
    let r = nkmap::search::search(&geo, &[Some(&data)], "어랑", 8);
    assert!(
        r.regions.iter().any(|h| h.title.contains("Orang")),
        "{r:#?}"
    );
    assert!(
        r.placemarks.iter().any(|h| h.title == "어랑 지방공업공장"),
        "{r:#?}"
    );
    // And ExtendedData values.
    let r = nkmap::search::search(&geo, &[Some(&data)], "Pleiades", 8);
    assert_eq!(r.placemarks.len(), 1, "{r:#?}");
}

fn read_err(bytes: &[u8], label: &str) -> Vec<String> {
    let (content, diags) = kml::read(bytes, label);
    assert!(content.is_none(), "{label} was read");
    messages(&diags)
}

#[test]
fn a_dtd_is_refused_never_expanded() {
    let refused = "error: the file declares a DTD (<!DOCTYPE …>); KML needs none, and nkmap refuses DTDs so that entity definitions (\"billion laughs\") and external entities are never expanded";
    for (file, line) in [
        ("tests/data/kml/billion-laughs.kml", 2),
        ("tests/data/kml/external-entity.kml", 2),
    ] {
        let bytes = std::fs::read(root().join(file)).unwrap();
        assert_eq!(
            read_err(&bytes, file),
            [format!("{file}:{line}:1: {refused}")]
        );
        // The command line says the same and fails.
        let out = nkmap(&["check", file]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(text(&out.stdout), format!("{file}:{line}:1: {refused}\n"));
    }
    let file = "tests/data/kml/undefined-entity.kml";
    let bytes = std::fs::read(root().join(file)).unwrap();
    assert_eq!(
        read_err(&bytes, file),
        [format!(
            "{file}:3:20: error: the entity '&secret;' is not defined: KML uses only XML's own (&amp; &lt; &gt; &quot; &apos;) and character references (&#1234;), and nkmap never reads entity definitions"
        )]
    );
}

#[test]
fn nesting_is_bounded() {
    let mut doc = String::from("<kml>");
    for _ in 0..kml::MAX_DEPTH + 10 {
        doc.push_str("<Folder>");
    }
    let e = read_err(doc.as_bytes(), "deep.kml");
    assert_eq!(
        e,
        [format!(
            "deep.kml:1:{}: error: elements nested more than 256 deep; no KML needs that",
            5 + 8 * 255 + 1
        )]
    );
}

/// A KMZ of the given entries (deflated).
fn kmz(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        z.start_file(*name, o).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// Rewrites the uncompressed size every header of a one-entry zip declares.
fn declare_size(mut zip: Vec<u8>, size: u32) -> Vec<u8> {
    let patch = |zip: &mut Vec<u8>, sig: &[u8], at: usize| {
        let pos = zip.windows(4).position(|w| w == sig).unwrap();
        zip[pos + at..pos + at + 4].copy_from_slice(&size.to_le_bytes());
    };
    patch(&mut zip, b"PK\x03\x04", 22);
    patch(&mut zip, b"PK\x01\x02", 24);
    zip
}

#[test]
fn a_zip_bomb_is_refused_by_its_declared_size_and_while_inflating() {
    // Declared: 4 GB in the headers, refused before a byte is inflated.
    let small = kmz(&[("doc.kml", b"<kml/>")]);
    let huge = declare_size(small, u32::MAX);
    assert_eq!(
        read_err(&huge, "bomb.kmz"),
        [
            "bomb.kmz: error: doc.kml declares 4.0 GB uncompressed, more than the 128 MB nkmap reads from a KMZ"
        ]
    );
    // Lying: 3 MB of spaces declared as 1000 bytes: inflating stops past the declared size.
    let spaces = vec![b' '; 3 << 20];
    let liar = declare_size(kmz(&[("doc.kml", &spaces)]), 1000);
    assert_eq!(
        read_err(&liar, "liar.kmz"),
        [
            "liar.kmz: error: doc.kml inflates past the 1000 bytes it declares (a zip bomb?): the KMZ is refused"
        ]
    );
    // Honest but too big for the limit (here 1 MB instead of 128 MB).
    let honest = kmz(&[("doc.kml", &spaces)]);
    assert_eq!(
        kml::extract_with_limit(&honest, 1 << 20).unwrap_err(),
        "doc.kml declares 3 MB uncompressed, more than the 1 MB nkmap reads from a KMZ"
    );
}

#[test]
fn a_kmz_whose_paths_leave_the_archive_is_refused() {
    let doc = b"<kml><Placemark><name>x</name></Placemark></kml>";
    for (name, why) in [
        ("../../evil.kml", "climbs out of the archive with '..'"),
        ("/tmp/evil.kml", "has an absolute path"),
        ("C:/evil.kml", "has a drive letter"),
    ] {
        let z = kmz(&[("doc.kml", doc), (name, doc)]);
        assert_eq!(
            read_err(&z, "evil.kmz"),
            [format!(
                "evil.kmz: error: entry '{name}' {why}: a KMZ whose paths leave the archive is refused"
            )]
        );
    }
    // A well-made one reads.
    let z = kmz(&[("files/icon.png", b"png"), ("doc.kml", doc)]);
    let (content, d) = kml::read(&z, "ok.kmz");
    assert!(d.is_empty(), "{:?}", messages(&d));
    assert_eq!(content.unwrap().placemarks.placemarks[0].name, "x");
}

fn seeds() -> (Geography, Dataset) {
    let geo = geo();
    let (seeds, d) = nkmap::bundled::seeds(&geo);
    assert!(d.iter().all(|d| !d.is_error()));
    (geo, seeds)
}

/// Records in id order (the export groups sites by cohort and province).
fn sorted(mut d: Dataset) -> Dataset {
    d.sites.sort_by(|a, b| a.id.cmp(&b.id));
    d.flows.sort_by(|a, b| a.id.cmp(&b.id));
    d.events.sort_by(|a, b| a.id.cmp(&b.id));
    d.sources.sort_by(|a, b| a.id.cmp(&b.id));
    d
}

#[test]
fn export_then_import_keeps_every_record_date_and_source() {
    let (geo, seeds) = seeds();
    let look = nkmap::render::placemarks::kml_look();
    let text = kml::write_kml(&seeds, &geo, &look);
    let (back, d) =
        nkmap::io::read_files(&[("out.kml".into(), text.clone().into_bytes())], &geo, &[]);
    assert!(d.is_empty(), "{:?}", messages(&d));
    assert!(
        back.placemarks.placemarks.is_empty(),
        "the records' placemarks are records again"
    );
    let (back, want) = (sorted(back), sorted(seeds.clone()));
    let lens = |d: &Dataset| {
        (
            d.sources.len(),
            d.sites.len(),
            d.flows.len(),
            d.events.len(),
            d.areas.len(),
        )
    };
    assert_eq!(lens(&back), lens(&want));
    for (b, w) in back.sources.iter().zip(&want.sources) {
        assert_eq!(b, w);
    }
    for (b, w) in back.sites.iter().zip(&want.sites) {
        assert_eq!(b, w);
    }
    for (b, w) in back.flows.iter().zip(&want.flows) {
        assert_eq!(b, w);
    }
    for (b, w) in back.events.iter().zip(&want.events) {
        assert_eq!(b, w);
    }
    assert_eq!(back, want);
    // KMZ too.
    let z = kml::write_kmz(&seeds, &geo, &look).unwrap();
    assert!(z.starts_with(b"PK\x03\x04"));
    let (back, d) = nkmap::io::read_files(&[("out.kmz".into(), z)], &geo, &[]);
    assert!(d.is_empty(), "{:?}", messages(&d));
    assert_eq!(sorted(back), sorted(seeds));
}

#[test]
fn the_export_replays_milestones_as_time_spans_in_cohort_and_province_folders() {
    let (geo, seeds) = seeds();
    let text = kml::write_kml(&seeds, &geo, &nkmap::render::placemarks::kml_look());
    let orang = seeds
        .sites
        .iter()
        .find(|s| s.name.to_lowercase().contains("orang"))
        .unwrap();
    // Orang's placemarks: one per status, each from its milestone to the day before the next.
    let blocks: Vec<&str> = text
        .split("<Placemark>")
        .filter(|b| b.contains(&format!("<name>{}</name>", orang.name)))
        .collect();
    assert!(blocks.len() >= 2, "{}", blocks.len());
    let inauguration = orang
        .milestone(nkmap::model::MilestoneKind::Inauguration)
        .unwrap()
        .date;
    let last = blocks.last().unwrap();
    assert!(
        last.contains(&format!("<begin>{inauguration}</begin>")) && !last.contains("<end>"),
        "{last}"
    );
    assert!(last.contains("<styleUrl>#nkmap-site-"), "{last}");
    assert!(last.contains("-completed</styleUrl>"), "{last}");
    assert!(blocks[0].contains("<nkmap:record>"), "{}", blocks[0]);
    assert!(last.contains("<nkmap:part of="), "{last}");
    // Folders: Sites, then the cohort, then the province.
    let sites = text.find("<name>Sites</name>").unwrap();
    let cohort = text[sites..].find("<name>2024 cohort</name>").unwrap() + sites;
    assert!(text[cohort..].contains("<name>North Hamgyong</name>"));
    // Sources and grades with their links, in the description.
    let src = seeds.source(&orang.evidence[0].source).unwrap();
    let url = src.url.as_deref().unwrap();
    assert!(
        blocks[0].contains(&format!("<a href=\"{}\">", url.replace('&', "&amp;"))),
        "{}",
        blocks[0]
    );
    assert!(blocks[0].contains("grade C"), "{}", blocks[0]);
    // Status colours as KML writes them (aabbggrr): completed is the palette's green.
    assert!(text.contains("<color>ff4a5c0d</color>"), "completed style");
}

/// `ogrinfo`, when GDAL is installed (CI installs it and then it must be there).
fn ogrinfo() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("ogrinfo"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but ogrinfo (gdal-bin) is not installed"
        );
        eprintln!("ogrinfo not found: GDAL check skipped (install gdal-bin)");
    }
    found
}

#[test]
fn gdal_reads_the_export() {
    let Some(ogrinfo) = ogrinfo() else { return };
    let (geo, seeds) = seeds();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.kml");
    std::fs::write(
        &path,
        kml::write_kml(&seeds, &geo, &nkmap::render::placemarks::kml_look()),
    )
    .unwrap();
    let out = Command::new(ogrinfo)
        .args(["-al", "-so"])
        .arg(&path)
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(!stderr.contains("ERROR"), "{stderr}");
    // GDAL's KML driver makes a layer per folder of placemarks.
    assert!(stdout.contains("Layer name: North Hamgyong"), "{stdout}");
    assert!(stdout.contains("Layer name: Sources"), "{stdout}");
    let features: usize = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("Feature Count: "))
        .map(|n| n.trim().parse::<usize>().unwrap())
        .sum();
    // At least one placemark per record (sites have one per status period).
    let records = seeds.sites.len() + seeds.flows.len() + seeds.events.len() + seeds.sources.len();
    assert!(features >= records, "{features} < {records}: {stdout}");
}

/// The export against OGC's KML 2.2 schema with `xmllint`, when `NKMAP_KML_XSD` names
/// `ogckml22.xsd` (with `atom-author-link.xsd` and `xAL.xsd` beside it; PyPI's `pykml` ships
/// all three in `pykml/schemas/`). Not committed: the schema is OGC's.
#[test]
fn the_export_follows_the_kml_22_schema() {
    let Some(xsd) = std::env::var_os("NKMAP_KML_XSD") else {
        eprintln!("NKMAP_KML_XSD not set: schema check skipped");
        return;
    };
    let (geo, seeds) = seeds();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.kml");
    let mut data = seeds;
    let (notes, _) = load(FIELD_NOTES);
    data.placemarks = notes.unwrap().placemarks;
    std::fs::write(
        &path,
        kml::write_kml(&data, &geo, &nkmap::render::placemarks::kml_look()),
    )
    .unwrap();
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(xsd)
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(
        text(&out.stderr).ends_with("validates\n"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_command_line_checks_renders_and_exports_kml() {
    let out = nkmap(&["check", FIELD_NOTES]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout).lines().last(),
        Some(
            "tests/data/kml/field-notes.kml:placemark 3 (Wrong way round): error: coordinates: latitude 129.4312 is outside -90..90 (KML writes lon,lat)"
        )
    );
    assert!(
        text(&out.stderr).contains("1 file checked: 1 error, 2 warnings (6 placemarks)"),
        "{}",
        text(&out.stderr)
    );
    // Seeds to KMZ and back through `check`.
    let dir = tempfile::tempdir().unwrap();
    let kmz = dir.path().join("seeds.kmz");
    let kmz_s = kmz.display().to_string();
    let out = nkmap(&["export", "--format", "kmz", "--out", &kmz_s]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = nkmap(&["check", &kmz_s]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    // A synthetic AccessDPRK-sized file, smaller here.
    let big = dir.path().join("big.kmz");
    let big_s = big.display().to_string();
    let out = nkmap(&["synth", "--placemarks", "500", "--out", &big_s]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("500 placemarks"),
        "{}",
        text(&out.stderr)
    );
    let out = nkmap(&["check", &big_s]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(
        text(&out.stderr).contains("(500 placemarks)"),
        "{}",
        text(&out.stderr)
    );
}

/// The `placemark` circles of a rendered SVG, by fill colour.
fn rendered_fills(date: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.svg");
    let out_s = out.display().to_string();
    let o = nkmap(&[
        "render",
        "--out",
        &out_s,
        "--bbox",
        "129.0,41.2,130.0,42.4",
        "--size",
        "800x800",
        "--date",
        date,
        FIELD_NOTES,
    ]);
    // The fixture's bad placemark is an error: render refuses such files, so use a copy
    // without it.
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let fixed = dir.path().join("notes.kml");
    let kml_text = std::fs::read_to_string(root().join(FIELD_NOTES))
        .unwrap()
        .replace("41.3905,129.4312", "129.9,41.25");
    std::fs::write(&fixed, kml_text).unwrap();
    let fixed_s = fixed.display().to_string();
    let o = nkmap(&[
        "render",
        "--out",
        &out_s,
        "--bbox",
        "129.0,41.2,130.0,42.4",
        "--size",
        "800x800",
        "--date",
        date,
        &fixed_s,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let svg = std::fs::read_to_string(&out).unwrap();
    svg.lines()
        .filter(|l| l.contains("class=\"placemark\""))
        .filter_map(|l| l.split("fill=\"").nth(1))
        .map(|f| f.split('"').next().unwrap_or("").to_owned())
        .collect()
}

#[test]
fn render_shows_placemarks_only_within_their_time() {
    // 2024-06: the Musan factory (red) stands; 2025-06: its span ended in January.
    let june_2024 = rendered_fills("2024-06-01");
    let june_2025 = rendered_fills("2025-06-01");
    assert!(june_2024.contains(&"#ff0000".to_owned()), "{june_2024:?}");
    assert!(!june_2025.contains(&"#ff0000".to_owned()), "{june_2025:?}");
    // The Orang factory (orange, no time) is there both times.
    assert!(june_2025.contains(&"#ffa500".to_owned()), "{june_2025:?}");
}

#[cfg(feature = "gui")]
mod window {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use nkmap::app::NkmapApp;
    use nkmap::state::{Action, Selection, ViewRequest};
    use std::time::{Duration, Instant};

    fn harness(files: Vec<PathBuf>) -> Harness<'static, NkmapApp> {
        let app = NkmapApp::new(None, files).unwrap();
        let mut h = Harness::builder()
            .with_size(egui::vec2(1600.0, 1200.0))
            .with_context_setup(nkmap::style::install_fonts)
            .build_ui_state(|ui, app: &mut NkmapApp| app.show(ui), app);
        h.state_mut().state.set_today(day(2024, 6, 1));
        h.run_steps(4);
        h
    }

    fn step_until(h: &mut Harness<'_, NkmapApp>, done: impl Fn(&NkmapApp) -> bool) {
        let start = Instant::now();
        while !done(h.state()) {
            assert!(start.elapsed() < Duration::from_secs(30), "timed out");
            std::thread::sleep(Duration::from_millis(10));
            h.step();
        }
        h.run_steps(2);
    }

    fn open_notes() -> Harness<'static, NkmapApp> {
        let mut h = harness(vec![root().join(FIELD_NOTES)]);
        step_until(&mut h, |a| {
            a.state.layers.len() == 2 && a.state.layers[1].placemarks.is_some()
        });
        h
    }

    /// Shows Musan and its surroundings at zoom 10, where names are written.
    fn look_at_musan(h: &mut Harness<'_, NkmapApp>) {
        h.state_mut().apply(Action::View(ViewRequest::CenterOn {
            lon: 129.4,
            lat: 41.9,
            min_zoom: 10.0,
        }));
        h.run_steps(6);
    }

    fn drawn(h: &Harness<'_, NkmapApp>) -> nkmap::map::DrawStats {
        h.state().map_output().drawn.clone()
    }

    #[test]
    fn the_map_and_the_layers_panel_show_placemarks_by_date_and_folder() {
        let mut h = open_notes();
        assert!(
            h.state()
                .state
                .messages
                .iter()
                .any(|m| m.text.contains("6 placemarks in 6 folders")),
            "{:?}",
            h.state().state.messages
        );
        look_at_musan(&mut h);
        let d = drawn(&h);
        // On 1 June 2024: both factories and the housing; the road starts in 2025; the hidden
        // folder's rumour is not drawn.
        for name in [
            "무산 식료공장",
            "어랑 지방공업공장",
            "Worker housing 살림집",
        ] {
            assert!(
                d.placemark_labels.iter().any(|l| l == name),
                "{name}: {d:?}"
            );
        }
        assert!(
            !d.placemark_labels.iter().any(|l| l == "Unconfirmed rumour"),
            "{d:?}"
        );
        assert_eq!(d.placemark_lines, 0, "{d:?}");
        // In June 2025 the Musan factory's span has ended and the road is open.
        h.state_mut().apply(Action::SetDate(day(2025, 6, 1)));
        h.run_steps(3);
        let d = drawn(&h);
        assert!(
            !d.placemark_labels.iter().any(|l| l == "무산 식료공장"),
            "{d:?}"
        );
        assert_eq!(d.placemark_lines, 1, "{d:?}");
        // Unticking "Factories" hides the Orang factory; "Old notes" can be ticked on.
        h.get_by_label("Factories 공장 (3)").click();
        h.run_steps(3);
        let d = drawn(&h);
        assert!(
            !d.placemark_labels.iter().any(|l| l == "어랑 지방공업공장"),
            "{d:?}"
        );
        assert!(
            d.placemark_labels
                .iter()
                .any(|l| l == "Worker housing 살림집"),
            "{d:?}"
        );
        h.get_by_label("Old notes (hidden) (1)").click();
        h.run_steps(3);
        assert!(
            drawn(&h)
                .placemark_labels
                .iter()
                .any(|l| l == "Unconfirmed rumour"),
            "{:?}",
            drawn(&h)
        );
    }

    #[test]
    fn a_placemark_shows_its_details_and_becomes_a_site() {
        let mut h = open_notes();
        let sel = Selection::Placemark { layer: 1, index: 0 };
        // Close enough that the seeds' Musan markers at the county seat are well apart.
        h.state_mut().apply(Action::View(ViewRequest::CenterOn {
            lon: 129.2035,
            lat: 42.2307,
            min_zoom: 13.0,
        }));
        h.run_steps(8);
        // Clicking the point selects it.
        let at = {
            let view = h.state().map_output().view.unwrap();
            let s = view.to_screen(nkmap::scene::to_local(129.2035, 42.2307));
            egui::pos2(s[0], s[1])
        };
        h.hover_at(at);
        h.run_steps(2);
        assert_eq!(h.state().map_output().hovered, Some(sel));
        for pressed in [true, false] {
            h.event(egui::Event::PointerButton {
                pos: at,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::NONE,
            });
            h.step();
        }
        h.run_steps(3);
        assert_eq!(h.state().state.selection, Some(sel));
        // The details: ExtendedData, the link, the folder; no script.
        h.get_by_label("Status (imagery)");
        h.get_by_label("roofed");
        h.get_by_label("a KCNA report");
        h.get_by_label("North Hamgyong field notes / Factories 공장 / Musan 무산군");
        assert!(h.query_by_label_contains("alert").is_none());
        // Make a site: the editor opens with the name, the point and the county.
        h.get_by_label("Make a site from this placemark").click();
        h.run_steps(4);
        let form = h.state().editor().unwrap();
        assert_eq!(form.draft.name, "무산 식료공장");
        assert_eq!(form.draft.place, "Musan, North Hamgyong");
        assert_eq!(form.draft.location, Some((129.2035, 42.2307)));
        assert!(
            form.draft.notes.contains("From the KML placemark"),
            "{}",
            form.draft.notes
        );
        assert!(
            form.draft.notes.contains("kcnawatch.org"),
            "{}",
            form.draft.notes
        );
    }

    #[test]
    fn seventy_thousand_placemarks_cluster_at_country_zoom() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.kmz");
        let geo = geo();
        let data = Dataset {
            placemarks: nkmap::synthetic::placemarks(70_000, &geo),
            ..Dataset::default()
        };
        let z = kml::write_kmz(&data, &geo, &nkmap::render::placemarks::kml_look()).unwrap();
        std::fs::write(&path, z).unwrap();
        let mut h = harness(vec![path]);
        step_until(&mut h, |a| {
            a.state.layers.len() == 2 && a.state.layers[1].placemarks.is_some()
        });
        h.state_mut().apply(Action::View(ViewRequest::FitCountry));
        h.run_steps(4);
        let d = drawn(&h);
        // Every shown point is drawn, nearly all of them inside a few hundred clusters.
        let layer = &h.state().state.layers[1];
        let shown = layer.shown.as_ref().unwrap();
        let points = layer
            .data
            .placemarks
            .placemarks
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                shown.placemark[*i] && matches!(p.geometry.as_slice(), [Shape::Point(_)])
            })
            .count();
        assert!(points > 50_000, "{points}");
        assert_eq!(d.placemarks + d.clustered, points, "{d:?}");
        assert!(d.clusters > 50 && d.clusters < 2_000, "{d:?}");
        assert!(d.placemarks < 500, "{d:?}");
    }
}
