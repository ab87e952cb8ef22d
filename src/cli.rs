//! The command line: `nkmap [FILES...]` opens the map; `check`, `export` and `find` work
//! without a display.

use crate::bundled;
use crate::geography::Geography;
use crate::io::{self, Diagnostic, Location, is_data_file};
use crate::model::{Dataset, RegionKind};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Parser)]
#[command(
    name = "nkmap",
    version,
    about = "Map of North Korea's 20x10 regional construction projects, with sources",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Data files (.geojson, .json, .csv) to open on the map.
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check data files; prints one line per problem, `file:where: error|warning: message`.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Write the resolved dataset (the bundled seeds when no file is given).
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write here (atomically) instead of to standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        files: Vec<PathBuf>,
    },
    /// Find provinces and counties by any spelling.
    Find {
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// At most this many matches.
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Geojson,
    Csv,
}

/// Runs the command line; returns the process exit code (0 ok, 1 problems, 2 usage).
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return e.exit_code();
        }
    };
    match cli.command {
        None => open_gui(cli.files),
        Some(Command::Check { files }) => with_geography(|geo| check(&files, geo)),
        Some(Command::Export { format, out, files }) => {
            with_geography(|geo| export(format, out.as_deref(), &files, geo))
        }
        Some(Command::Find { query, limit }) => {
            with_geography(|geo| find(&query.join(" "), limit, geo))
        }
    }
}

#[cfg(feature = "gui")]
fn open_gui(files: Vec<PathBuf>) -> i32 {
    crate::app::run(files)
}

#[cfg(not(feature = "gui"))]
fn open_gui(_files: Vec<PathBuf>) -> i32 {
    eprintln!(
        "nkmap: this build has no map window (built without the 'gui' feature); use 'nkmap check', 'nkmap export' or 'nkmap find'"
    );
    1
}

fn with_geography(f: impl FnOnce(&Geography) -> i32) -> i32 {
    match bundled::geography() {
        Ok(geo) => f(&geo),
        Err(e) => {
            eprintln!("nkmap: the bundled boundaries are broken: {e}");
            1
        }
    }
}

/// Reads the data files among `paths`; other files are skipped with a note (a shell glob like
/// `seeds/*` also picks up README.md). A missing file is a problem, not a skip.
fn read_inputs(paths: &[PathBuf]) -> (Vec<(String, Vec<u8>)>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        let label = p.display().to_string();
        if p.exists() && (p.is_dir() || !is_data_file(p)) {
            eprintln!("nkmap: note: skipping {label}: not a .geojson, .json or .csv file");
            continue;
        }
        match std::fs::read(p) {
            Ok(bytes) => files.push((label, bytes)),
            Err(e) => problems.push(Diagnostic::error(
                &label,
                Location::File,
                format!("cannot read the file: {e}"),
            )),
        }
    }
    (files, problems)
}

fn check(paths: &[PathBuf], geo: &Geography) -> i32 {
    let (files, mut diags) = read_inputs(paths);
    let (_, more) = io::read_files(&files, geo, bundled::seed_sources());
    diags.extend(more);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for d in &diags {
        // A closed pipe (`| head`) is not our problem to report.
        if writeln!(out, "{d}").is_err() {
            break;
        }
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    let n = files.len()
        + diags
            .iter()
            .filter(|d| d.location == Location::File && d.message.starts_with("cannot read"))
            .count();
    eprintln!(
        "{n} file{} checked: {errors} error{}, {warnings} warning{}",
        if n == 1 { "" } else { "s" },
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
    );
    i32::from(errors > 0)
}

fn export(format: ExportFormat, out: Option<&Path>, paths: &[PathBuf], geo: &Geography) -> i32 {
    let (mut data, diags) = if paths.is_empty() {
        bundled::seeds(geo)
    } else {
        let (files, mut diags) = read_inputs(paths);
        let (data, more) = io::read_files(&files, geo, bundled::seed_sources());
        diags.extend(more);
        (data, diags)
    };
    for d in &diags {
        eprintln!("{d}");
    }
    if diags.iter().any(Diagnostic::is_error) {
        eprintln!("nkmap: not exporting: fix the errors above first");
        return 1;
    }
    include_cited_seed_sources(&mut data);
    let text = match format {
        ExportFormat::Geojson => io::write_geojson(&data),
        ExportFormat::Csv => io::write_csv(&data),
    };
    match out {
        Some(path) => match io::atomic_write(path, text.as_bytes()) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("nkmap: cannot write {}: {e}", path.display());
                1
            }
        },
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|_| stdout.flush())
            {
                Ok(()) => 0,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
                Err(e) => {
                    eprintln!("nkmap: cannot write to standard output: {e}");
                    1
                }
            }
        }
    }
}

/// A user file may cite bundled sources; an exported file carries them so it stands alone.
fn include_cited_seed_sources(data: &mut Dataset) {
    let cited: Vec<String> = data
        .sites
        .iter()
        .flat_map(|s| s.source_ids())
        .chain(data.flows.iter().flat_map(|f| f.source_ids()))
        .chain(data.events.iter().flat_map(|e| e.source_ids()))
        .map(str::to_string)
        .collect();
    for id in cited {
        if data.source(&id).is_none()
            && let Some(s) = bundled::seed_sources().iter().find(|s| s.id == id)
        {
            data.sources.push(s.clone());
        }
    }
}

pub fn kind_name(k: RegionKind) -> &'static str {
    match k {
        RegionKind::Province => "province",
        RegionKind::SpecialCity => "special_city",
        RegionKind::County => "county",
        RegionKind::City => "city",
        RegionKind::District => "district",
    }
}

fn find(query: &str, limit: usize, geo: &Geography) -> i32 {
    let hits = geo.gazetteer.search(query, limit);
    if hits.is_empty() {
        eprintln!("nkmap: no province or county matches '{query}'");
        return 1;
    }
    let mut out = std::io::stdout().lock();
    for m in hits {
        let Some(r) = geo.region(&m.id) else { continue };
        let province = geo
            .region(&r.province)
            .map_or(r.province.as_str(), |p| p.names.en.as_str());
        if writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{:.2}",
            kind_name(r.kind),
            r.id,
            r.names.en,
            r.names.ko,
            province,
            m.score
        )
        .is_err()
        {
            break;
        }
    }
    0
}
