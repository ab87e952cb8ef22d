//! The command line: `nkmap [FILES...]` opens the map; `check`, `export`, `render`, `find`
//! and `synth` work without a display.

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
    /// Data files (.geojson, .json, .csv, .kml, .kmz) and satellite images (.tif GeoTIFF/COG)
    /// to open on the map.
    pub files: Vec<PathBuf>,
    /// A raster PMTiles file to show under the map (remembered, like File → Open basemap…).
    #[arg(long, value_name = "FILE.pmtiles")]
    pub basemap: Option<PathBuf>,
    /// How the window is drawn: wgpu (Vulkan/Metal/DX12; boundaries live on the GPU) or glow
    /// (OpenGL, for machines whose wgpu driver fails; boundaries drawn as CPU meshes).
    #[arg(long, value_enum, default_value = "wgpu")]
    pub renderer: Renderer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Renderer {
    Wgpu,
    Glow,
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
    /// Draw the map to an SVG or PNG file (the bundled seeds when no file is given); the same
    /// input gives the same bytes.
    Render {
        /// The image to write (atomically): .svg or .png.
        #[arg(long)]
        out: PathBuf,
        /// The area to show, in degrees: west,south,east,north (default: the whole country).
        #[arg(long, value_name = "W,S,E,N", allow_hyphen_values = true)]
        bbox: Option<String>,
        /// Show site statuses and flows as on this day (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Image size in pixels.
        #[arg(long, value_name = "WxH", default_value = "1600x1000")]
        size: String,
        /// Language of the region labels.
        #[arg(long, value_enum, default_value_t = crate::render::LabelLanguage::En)]
        lang: crate::render::LabelLanguage,
        files: Vec<PathBuf>,
    },
    /// Write a large file to try nkmap with big data: an area file (the bundled counties
    /// densified along their edges, holes kept, to about `--vertices` vertices), or with
    /// `--placemarks N` a KML/KMZ of N placemarks foldered by province and kind, like
    /// AccessDPRK.
    Synth {
        /// Vertices in all (closing positions counted); at least the counties' own count.
        #[arg(long, default_value_t = 1_000_000)]
        vertices: usize,
        /// Make every edge a fractal curve (like a coastline) instead of splitting it along
        /// the straight line: detail that the level of detail cannot simply drop.
        #[arg(long)]
        detail: bool,
        /// Write this many KML placemarks instead of areas (to a .kml or .kmz file).
        #[arg(long)]
        placemarks: Option<usize>,
        /// The file to write (atomically): .geojson for areas, .kml or .kmz for placemarks.
        #[arg(long)]
        out: PathBuf,
    },
    /// For `tests/kill.rs`: saves a large layer of the user's records to `--out` through the
    /// app's own save path, over and over (two versions in turn), printing `writing N` when the
    /// temporary file is being written and `saved N` once the save is done, so a test can kill the process at any moment of a save.
    #[command(hide = true)]
    SaveLoop {
        #[arg(long)]
        out: PathBuf,
        /// Sites in the layer.
        #[arg(long, default_value_t = 5000)]
        records: usize,
        /// Stop after this many saves (default: never).
        #[arg(long)]
        saves: Option<usize>,
        /// Write in small pieces with pauses, as a slow disk would.
        #[arg(long)]
        slow_disk: bool,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Geojson,
    Csv,
    /// Google Earth: sites as styled placemarks, flows as lines, milestones as time spans.
    Kml,
    /// KML zipped (`doc.kml`).
    Kmz,
}

/// By hand rather than derived: the values' descriptions in `--help` are messages, in the
/// language of the moment.
impl ValueEnum for ExportFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[Self::Geojson, Self::Csv, Self::Kml, Self::Kmz]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        use clap::builder::PossibleValue;
        Some(match self {
            Self::Geojson => PossibleValue::new("geojson"),
            Self::Csv => PossibleValue::new("csv"),
            Self::Kml => PossibleValue::new("kml").help(crate::t!("cli-format-kml")),
            Self::Kmz => PossibleValue::new("kmz").help(crate::t!("cli-format-kmz")),
        })
    }
}

/// The command line as `--help` shows it, in the current language. In English it is the
/// derive's, from the doc comments above, byte for byte as before; in another language every
/// description is replaced by a message (`cli-*`), and clap's own words too ([`clap_words`]).
fn localized_command() -> clap::Command {
    use clap::CommandFactory;
    if crate::i18n::language() == crate::i18n::Lang::En {
        return Cli::command();
    }
    let help = |cmd: clap::Command, arg: &'static str, text: String| {
        cmd.mut_arg(arg, |a| a.help(text).long_help(None))
    };
    let about = |cmd: clap::Command, text: String| cmd.about(text).long_about(None);
    let mut cmd = about(Cli::command(), crate::t!("cli-about"));
    cmd = help(cmd, "files", crate::t!("cli-files"));
    cmd = help(cmd, "basemap", crate::t!("cli-basemap"));
    cmd = help(cmd, "renderer", crate::t!("cli-renderer"));
    cmd = cmd.mut_subcommand("check", |c| {
        let c = about(c, crate::t!("cli-check"));
        help(c, "files", crate::t!("cli-check-files"))
    });
    cmd = cmd.mut_subcommand("export", |c| {
        let c = about(c, crate::t!("cli-export"));
        let c = help(c, "format", crate::t!("cli-export-format"));
        let c = help(c, "out", crate::t!("cli-export-out"));
        help(c, "files", crate::t!("cli-data-files"))
    });
    cmd = cmd.mut_subcommand("render", |c| {
        let c = about(c, crate::t!("cli-render"));
        let c = help(c, "out", crate::t!("cli-render-out"));
        let c = help(c, "bbox", crate::t!("cli-render-bbox"));
        let c = help(c, "date", crate::t!("cli-render-date"));
        let c = help(c, "size", crate::t!("cli-render-size"));
        let c = help(c, "lang", crate::t!("cli-render-lang"));
        help(c, "files", crate::t!("cli-data-files"))
    });
    cmd = cmd.mut_subcommand("synth", |c| {
        let c = about(c, crate::t!("cli-synth"));
        let c = help(c, "vertices", crate::t!("cli-synth-vertices"));
        let c = help(c, "detail", crate::t!("cli-synth-detail"));
        let c = help(c, "placemarks", crate::t!("cli-synth-placemarks"));
        help(c, "out", crate::t!("cli-synth-out"))
    });
    cmd = cmd.mut_subcommand("find", |c| {
        let c = about(c, crate::t!("cli-find"));
        let c = help(c, "query", crate::t!("cli-find-query"));
        help(c, "limit", crate::t!("cli-find-limit"))
    });
    let names: Vec<String> = cmd
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_owned())
        .collect();
    cmd = clap_words(cmd.subcommand_help_heading(crate::t!("cli-heading-commands")));
    for name in names {
        cmd = cmd.mut_subcommand(name, clap_words);
    }
    // clap adds its `help` subcommand while building; built first, it can be worded too.
    cmd.build();
    if cmd.find_subcommand("help").is_some() {
        cmd = cmd.mut_subcommand("help", |c| c.about(crate::t!("cli-help-subcommand")));
    }
    cmd
}

/// A usage error in the current language, for the errors a user commonly makes; `None` when
/// clap's own English message should be printed (English, help and version output, rarer
/// errors).
fn localized_error(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if crate::i18n::language() == crate::i18n::Lang::En {
        return None;
    }
    let text = |kind: ContextKind| -> Option<String> {
        match e.get(kind)? {
            ContextValue::String(s) => Some(s.clone()),
            ContextValue::Strings(v) => Some(v.join(", ")),
            ContextValue::StyledStr(s) => Some(s.to_string()),
            ContextValue::StyledStrs(v) => Some(
                v.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            _ => None,
        }
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let mut out = match e.kind() {
        ErrorKind::UnknownArgument => crate::t!("cli-error-unknown-argument", arg = arg),
        ErrorKind::InvalidValue => crate::t!(
            "cli-error-invalid-value",
            arg = arg,
            value = text(ContextKind::InvalidValue).unwrap_or_default()
        ),
        ErrorKind::ValueValidation => {
            let source = std::error::Error::source(e);
            // The standard library's number errors are English; ours are already worded.
            let why = match source {
                Some(s)
                    if s.is::<std::num::ParseIntError>() || s.is::<std::num::ParseFloatError>() =>
                {
                    crate::t!("cli-error-not-a-number")
                }
                Some(s) => s.to_string(),
                None => String::new(),
            };
            crate::t!(
                "cli-error-value-validation",
                arg = arg,
                value = text(ContextKind::InvalidValue).unwrap_or_default(),
                why = why
            )
        }
        ErrorKind::MissingRequiredArgument => crate::t!("cli-error-missing", args = arg),
        ErrorKind::ArgumentConflict => crate::t!(
            "cli-error-conflict",
            arg = arg,
            other = text(ContextKind::PriorArg).unwrap_or_default()
        ),
        _ => return None,
    };
    out.push('\n');
    if let Some(valid) = text(ContextKind::ValidValue) {
        out.push_str(&format!(
            "  [{}]\n",
            crate::t!("cli-possible-values", values = valid)
        ));
    }
    if let Some(suggested) = text(ContextKind::SuggestedArg) {
        out.push_str(&format!(
            "  {}\n",
            crate::t!("cli-error-did-you-mean", arg = suggested)
        ));
    }
    if let Some(usage) = text(ContextKind::Usage) {
        // clap's usage line after its own "Usage:" word.
        let usage = usage.trim_start_matches("Usage:").trim();
        out.push_str(&format!("\n{} {usage}\n", crate::t!("cli-heading-usage")));
    }
    out.push_str(&format!("\n{}\n", crate::t!("cli-error-more")));
    Some(out)
}

/// An option's default and possible values written in the current language after its help
/// ("[기본값: en] [가능한 값: en, ko, both]") instead of by clap in English; values with
/// their own descriptions are listed under the long help (`--help`).
fn localized_values(a: clap::Arg) -> clap::Arg {
    if !a.get_action().takes_values() {
        return a;
    }
    let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
    let defaults: Vec<String> = if a.is_hide_default_value_set() {
        Vec::new()
    } else {
        a.get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect()
    };
    let values: Vec<clap::builder::PossibleValue> = if a.is_hide_possible_values_set() {
        Vec::new()
    } else {
        a.get_possible_values()
            .into_iter()
            .filter(|v| !v.is_hide_set())
            .collect()
    };
    if defaults.is_empty() && values.is_empty() {
        return a;
    }
    let default_note = if defaults.is_empty() {
        String::new()
    } else {
        format!(
            " [{}]",
            crate::t!("cli-default-value", values = defaults.join(", "))
        )
    };
    let mut short = format!("{help}{default_note}");
    let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
    if !names.is_empty() {
        short.push_str(&format!(
            " [{}]",
            crate::t!("cli-possible-values", values = names.join(", "))
        ));
    }
    let mut a = a
        .hide_default_value(true)
        .hide_possible_values(true)
        .help(short);
    if values.iter().any(|v| v.get_help().is_some()) {
        let mut long = format!("{help}{default_note}");
        long.push_str(&format!("\n\n{}", crate::t!("cli-possible-values-heading")));
        for v in &values {
            long.push_str(&format!("\n- {}", v.get_name()));
            if let Some(h) = v.get_help() {
                long.push_str(&format!(": {h}"));
            }
        }
        a = a.long_help(long);
    }
    a
}

/// clap's own words in the current language: the "Usage:" and argument headings, and the
/// -h/--help and -V/--version flags (clap's flags are replaced by the same flags with our
/// help text), and the options' default and possible values.
fn clap_words(cmd: clap::Command) -> clap::Command {
    use clap::{Arg, ArgAction};
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        crate::t!("cli-heading-usage")
    );
    let has_version = cmd.get_version().is_some();
    let (arguments, options) = (
        crate::t!("cli-heading-arguments"),
        crate::t!("cli-heading-options"),
    );
    let ids: Vec<(String, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    let mut cmd = cmd.help_template(template).disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(crate::t!("cli-help-flag")),
    );
    if has_version {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(crate::t!("cli-version-flag")),
        );
    }
    for (id, positional) in ids
        .into_iter()
        .chain([("help".to_owned(), false), ("version".to_owned(), false)])
    {
        if id == "version" && !has_version {
            continue;
        }
        let heading = if positional { &arguments } else { &options };
        cmd = cmd.mut_arg(id, |a| localized_values(a.help_heading(heading.clone())));
    }
    cmd
}

/// Runs the command line; returns the process exit code (0 ok, 1 problems, 2 usage).
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    // Messages follow LC_ALL / LC_MESSAGES / LANG like other command-line tools (the window
    // then takes the desktop's language or the user's choice).
    crate::i18n::set_language(crate::i18n::language_from_env(|k| std::env::var(k).ok()));
    let cli = match localized_command()
        .try_get_matches_from(args)
        .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m))
    {
        Ok(c) => c,
        Err(e) => {
            // --help, --version and usage errors print, so they need the console too.
            attach_parent_console();
            if e.kind() == clap::error::ErrorKind::DisplayVersion {
                // The version with the commit and the bundled data's date (Help → About's).
                println!("{}", crate::about::version_line(crate::i18n::language()));
                return 0;
            }
            match localized_error(&e) {
                Some(text) => eprint!("{text}"),
                None => {
                    let _ = e.print();
                }
            }
            return e.exit_code();
        }
    };
    if cli.command.is_some() {
        attach_parent_console();
    }
    match cli.command {
        None => open_gui(cli.files, cli.basemap, cli.renderer),
        Some(Command::Check { files }) => with_geography(|geo| check(&files, geo)),
        Some(Command::Export { format, out, files }) => {
            with_geography(|geo| export(format, out.as_deref(), &files, geo))
        }
        Some(Command::Render {
            out,
            bbox,
            date,
            size,
            lang,
            files,
        }) => with_geography(|geo| {
            render(
                &RenderArgs {
                    out,
                    bbox,
                    date,
                    size,
                    lang,
                },
                &files,
                geo,
            )
        }),
        Some(Command::Synth {
            placemarks: Some(n),
            out,
            ..
        }) => synth_placemarks(n, &out),
        Some(Command::Synth {
            vertices,
            detail,
            out,
            ..
        }) => synth(vertices, detail, &out),
        Some(Command::SaveLoop {
            out,
            records,
            saves,
            slow_disk,
        }) => save_loop(&out, records, saves, slow_disk),
        Some(Command::Find { query, limit }) => {
            with_geography(|geo| find(&query.join(" "), limit, geo))
        }
    }
}

/// On Windows nkmap is a GUI-subsystem program (no console window behind the map), so it
/// starts without a console and would print nowhere: the command-line tools attach to the
/// console of the shell that started them, if any. Handles that were redirected to a file or a
/// pipe are kept. Nothing to do elsewhere.
#[cfg(windows)]
fn attach_parent_console() {
    use windows_sys::Win32::Foundation::{HANDLE, INVALID_HANDLE_VALUE};
    use windows_sys::Win32::System::Console::{
        ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_ERROR_HANDLE, STD_INPUT_HANDLE,
        STD_OUTPUT_HANDLE, SetStdHandle,
    };
    let valid = |h: HANDLE| !h.is_null() && h != INVALID_HANDLE_VALUE;
    // SAFETY: plain Win32 calls on the process's own standard handles; AttachConsole fails
    // harmlessly when there is no parent console or one is already attached.
    unsafe {
        let ids = [STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE];
        let before = ids.map(|id| GetStdHandle(id));
        if before.iter().all(|&h| valid(h)) || AttachConsole(ATTACH_PARENT_PROCESS) == 0 {
            return;
        }
        for (id, h) in ids.into_iter().zip(before) {
            if valid(h) {
                SetStdHandle(id, h);
            }
        }
    }
}

#[cfg(not(windows))]
fn attach_parent_console() {}

#[cfg(feature = "gui")]
fn open_gui(files: Vec<PathBuf>, basemap: Option<PathBuf>, renderer: Renderer) -> i32 {
    // A .pmtiles file among the files (a desktop's "Open with nkmap") is the basemap.
    let (tiles, files): (Vec<PathBuf>, Vec<PathBuf>) = files
        .into_iter()
        .partition(|p| crate::basemap::pmtiles::is_pmtiles(p));
    let basemap = basemap.or_else(|| tiles.into_iter().last());
    // A wrong file is said here, before a window opens to an empty basemap.
    if let Some(path) = &basemap
        && let Err(e) = crate::basemap::pmtiles::check(path)
    {
        eprintln!("nkmap: --basemap: {e}");
        return 1;
    }
    crate::app::run_with_basemap(files, basemap, renderer == Renderer::Glow)
}

#[cfg(not(feature = "gui"))]
fn open_gui(_files: Vec<PathBuf>, _basemap: Option<PathBuf>, _renderer: Renderer) -> i32 {
    eprintln!(
        "nkmap: this build has no map window (built without the 'gui' feature); use 'nkmap check', 'nkmap export' or 'nkmap find'"
    );
    1
}

/// The user's layer the kill test saves: `records` copies of the first seed site, their notes
/// naming `version`.
pub fn kill_test_layer(seed: &crate::model::Site, records: usize, version: usize) -> Dataset {
    let sites = (0..records)
        .map(|i| {
            let mut s = seed.clone();
            s.id = format!("kill-test-{i}");
            s.notes = Some(format!("save version {version}, record {i}"));
            s
        })
        .collect();
    Dataset {
        sites,
        ..Dataset::default()
    }
}

#[cfg(feature = "gui")]
fn save_loop(out: &Path, records: usize, saves: Option<usize>, slow_disk: bool) -> i32 {
    use crate::state::Action;
    let app = match crate::app::NkmapApp::new(None, Vec::new()) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("nkmap: {e}");
            return 1;
        }
    };
    // As at start-up: the file is opened (when it exists) and becomes where saves go.
    let mut app = app.with_user_file(out.to_path_buf());
    let Some(seed) = app.state.layers[0].data.sites.first().cloned() else {
        return 1;
    };
    let mut stdout = std::io::stdout();
    for n in 0..saves.unwrap_or(usize::MAX) {
        let data = kill_test_layer(&seed, records, n % 2);
        app.apply(Action::CommitUserData(Box::new(data), None));
        // What `Action::SaveUserData` does, with the app's writer announcing the moment the
        // temporary file is being written, so the test can aim its kill inside the write.
        app.state.save_user_data(None, |f, bytes| {
            writeln!(std::io::stdout(), "writing {n}")?;
            std::io::stdout().flush()?;
            if !slow_disk {
                return crate::edit::write_all(f, bytes);
            }
            // A slow disk: the write takes long enough for a kill to land inside it.
            for chunk in bytes.chunks(64 * 1024) {
                crate::edit::write_all(f, chunk)?;
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            Ok(())
        });
        if app.state.unsaved() {
            eprintln!("nkmap: save failed: {:?}", app.state.messages.last());
            return 1;
        }
        if writeln!(stdout, "saved {n}")
            .and_then(|_| stdout.flush())
            .is_err()
        {
            return 1;
        }
    }
    0
}

#[cfg(not(feature = "gui"))]
fn save_loop(_out: &Path, _records: usize, _saves: Option<usize>, _slow: bool) -> i32 {
    eprintln!("nkmap: save-loop needs the 'gui' feature (the app's save path)");
    1
}

fn with_geography(f: impl FnOnce(&Geography) -> i32) -> i32 {
    match bundled::geography() {
        Ok(geo) => f(&geo),
        Err(e) => {
            eprintln!(
                "{}",
                crate::t!("ui-cli-boundaries-broken", error = e.to_string())
            );
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
            eprintln!("{}", crate::t!("ui-cli-skipping", file = &label));
            continue;
        }
        match std::fs::read(p) {
            Ok(bytes) => files.push((label, bytes)),
            Err(e) => problems.push(Diagnostic::error(
                &label,
                Location::File,
                crate::t!("ui-cli-cannot-read", error = e.to_string()),
            )),
        }
    }
    (files, problems)
}

fn check(paths: &[PathBuf], geo: &Geography) -> i32 {
    let (images, paths) = split_imagery(paths);
    let image_errors = images.iter().filter(|p| !check_image(p)).count();
    if paths.is_empty() {
        let n = images.len();
        eprintln!(
            "{}",
            crate::t!("ui-cli-checked-images", n = n, errors = image_errors)
        );
        return i32::from(image_errors > 0);
    }
    let (files, mut diags) = read_inputs(&paths);
    // Files that could not be read still count as checked.
    let unreadable = diags.len();
    let (data, more) = io::read_files(&files, geo, bundled::seed_sources());
    diags.extend(more);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for d in &diags {
        // A closed pipe (`| head`) is not our problem to report.
        if writeln!(out, "{d}").is_err() {
            break;
        }
    }
    let errors = diags.iter().filter(|d| d.is_error()).count() + image_errors;
    let warnings = diags.len() + image_errors - errors;
    let n = images.len() + files.len() + unreadable;
    let mut areas = match data.areas.len() {
        0 => String::new(),
        a => crate::t!("ui-cli-areas", n = a),
    };
    if !data.placemarks.placemarks.is_empty() {
        areas.push_str(&crate::t!(
            "kml-check-placemarks",
            n = data.placemarks.placemarks.len(),
            count = crate::i18n::format_count(data.placemarks.placemarks.len() as u64)
        ));
    }
    eprintln!(
        "{}{areas}",
        crate::t!(
            "ui-cli-checked",
            n = n,
            errors = errors,
            warnings = warnings
        )
    );
    i32::from(errors > 0)
}

fn export(format: ExportFormat, out: Option<&Path>, paths: &[PathBuf], geo: &Geography) -> i32 {
    let Some(mut data) = load_for_output(paths, geo) else {
        eprintln!("{}", crate::t!("ui-cli-not-exporting"));
        return 1;
    };
    include_cited_seed_sources(&mut data);
    let geojson_note = |data: &Dataset| {
        if !data.placemarks.placemarks.is_empty() {
            eprintln!(
                "{}",
                crate::t!(
                    "kml-export-placemarks-skipped",
                    n = data.placemarks.placemarks.len()
                )
            );
        }
    };
    let text = match format {
        ExportFormat::Kml => {
            crate::io::kml::write_kml(&data, geo, &crate::render::placemarks::kml_look())
                .into_bytes()
        }
        ExportFormat::Kmz => {
            match crate::io::kml::write_kmz(&data, geo, &crate::render::placemarks::kml_look()) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("nkmap: {e}");
                    return 1;
                }
            }
        }
        ExportFormat::Geojson => {
            geojson_note(&data);
            io::write_geojson(&data).into_bytes()
        }
        ExportFormat::Csv => {
            geojson_note(&data);
            if !data.areas.is_empty() {
                eprintln!(
                    "{}",
                    crate::t!("ui-cli-csv-areas-skipped", n = data.areas.len())
                );
            }
            let observations: usize = data.sites.iter().map(|s| s.observations().count()).sum();
            if observations > 0 {
                eprintln!(
                    "{}",
                    crate::t!("imagery-csv-observations-left-out", n = observations)
                );
            }
            io::write_csv(&data).into_bytes()
        }
    };
    match out {
        Some(path) => match io::atomic_write(path, &text) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!(
                    "{}",
                    crate::t!(
                        "ui-cli-cannot-write",
                        file = path.display().to_string(),
                        error = e.to_string()
                    )
                );
                1
            }
        },
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(&text).and_then(|_| stdout.flush()) {
                Ok(()) => 0,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
                Err(e) => {
                    eprintln!(
                        "{}",
                        crate::t!("ui-cli-cannot-write-stdout", error = e.to_string())
                    );
                    1
                }
            }
        }
    }
}

struct RenderArgs {
    out: PathBuf,
    bbox: Option<String>,
    date: Option<String>,
    size: String,
    lang: crate::render::LabelLanguage,
}

/// Reads `paths` (or the bundled seeds when there are none); prints the diagnostics and gives
/// `None` when any is an error, as `export` does.
fn load_for_output(paths: &[PathBuf], geo: &Geography) -> Option<Dataset> {
    let (data, diags) = if paths.is_empty() {
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
    (!diags.iter().any(Diagnostic::is_error)).then_some(data)
}

/// The satellite images among `paths` (by extension), and the rest.
fn split_imagery(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<PathBuf>) {
    paths
        .iter()
        .cloned()
        .partition(|p| crate::imagery::is_imagery_path(p))
}

/// `nkmap check FILE.tif`: what the image is, where it goes, when it was taken; or why nkmap
/// cannot show it. Returns whether it can be shown.
fn check_image(path: &Path) -> bool {
    let file = path.display().to_string();
    let mut out = std::io::stdout().lock();
    let image = match crate::imagery::open(path) {
        Ok(i) => i,
        Err(e) => {
            let _ = writeln!(
                out,
                "{}",
                crate::t!(
                    "imagery-check-error",
                    file = file.as_str(),
                    message = e.message
                )
            );
            return false;
        }
    };
    let info = &image.info;
    let (lon, lat) = image.center_lon_lat();
    let mut lines = vec![
        crate::t!(
            "imagery-check-pixels",
            file = file.as_str(),
            width = crate::i18n::format_count(u64::from(info.width)),
            height = crate::i18n::format_count(u64::from(info.height)),
            bands = info.bands_text(),
            layout = info.layout_text()
        ),
        crate::t!(
            "imagery-check-place",
            file = file.as_str(),
            crs = info.georef.crs.name(),
            pixel = info.pixel_size_text(),
            at = crate::coords::format_decimal(lat, lon)
        ),
    ];
    lines.push(match (&info.date, info.name_date) {
        (Some((d, from)), _) => crate::t!(
            "imagery-check-date",
            file = file.as_str(),
            date = d.to_string(),
            from = crate::imagery::date_from_text(from)
        ),
        (None, Some(g)) => crate::t!(
            "imagery-check-no-date-guess",
            file = file.as_str(),
            guess = g.to_string()
        ),
        (None, None) => crate::t!("imagery-check-no-date", file = file.as_str()),
    });
    for n in &info.notes {
        lines.push(crate::t!(
            "imagery-check-note",
            file = file.as_str(),
            note = n.as_str()
        ));
    }
    for l in lines {
        if writeln!(out, "{l}").is_err() {
            break;
        }
    }
    true
}

fn render(args: &RenderArgs, paths: &[PathBuf], geo: &Geography) -> i32 {
    use crate::render::{self, MapData, RenderOptions};
    let (image_paths, paths) = split_imagery(paths);
    let paths = paths.as_slice();
    let mut images = Vec::new();
    for p in &image_paths {
        match crate::imagery::open(p) {
            Ok(i) => images.push(i),
            Err(e) => {
                eprintln!(
                    "{}",
                    crate::t!("imagery-render-error", message = e.to_string())
                );
                return 1;
            }
        }
    }
    // Oldest first, so the newest is drawn on top; undated ones at the bottom.
    images.sort_by_key(|i| i.info.date.as_ref().map(|(d, _)| d.start_day_number()));
    let usage = |msg: String| {
        eprintln!("nkmap render: {msg}");
        2
    };
    let ext = args
        .out
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let png = match ext.as_deref() {
        Some("png") => true,
        Some("svg") => false,
        _ => {
            return usage(format!(
                "--out {}: the file name must end in .svg or .png",
                args.out.display()
            ));
        }
    };
    let size = match render::parse_size(&args.size) {
        Ok(s) => s,
        Err(e) => return usage(e),
    };
    let bbox = match args.bbox.as_deref().map(render::parse_bbox).transpose() {
        Ok(b) => b,
        Err(e) => return usage(e),
    };
    let date = match args.date.as_deref().map(crate::model::PartialDate::parse) {
        None => crate::timeline::today(),
        Some(Ok(d)) => d.start_day_number(),
        Some(Err(e)) => return usage(format!("--date: {e}")),
    };
    let Some(data) = load_for_output(paths, geo) else {
        eprintln!("{}", crate::t!("ui-cli-not-rendering"));
        return 1;
    };
    let scene = crate::scene::Scene::prepare(&geo.provinces, &geo.counties, &[&data]);
    // Without --bbox, images are shown whole rather than as specks on the country.
    let bbox = bbox.or_else(|| imagery_bbox(&images));
    let view = render::view_for(&scene, bbox, size);
    // `--lang ko` is a Korean map: its title and legend too; with both scripts on the map,
    // the words follow the locale.
    let text_language = match args.lang {
        crate::render::LabelLanguage::En => crate::i18n::Lang::En,
        crate::render::LabelLanguage::Ko => crate::i18n::Lang::Ko,
        crate::render::LabelLanguage::Both => crate::i18n::language(),
    };
    let mut opts = RenderOptions::new(size, date).with_text_language(text_language);
    opts.language = args.lang;
    for image in &images {
        match render::imagery::overlay(image, &view, size, 1.0, Default::default()) {
            Ok(Some(o)) => opts.imagery.push(o),
            Ok(None) => {}
            Err(message) => {
                eprintln!(
                    "{}",
                    crate::t!(
                        "imagery-render-error",
                        message = image.error(message).to_string()
                    )
                );
                return 1;
            }
        }
    }
    let areas = crate::scene::PolygonLayer::of_areas(&data.areas);
    // Placemarks in ticked folders whose time includes the date, as the window shows them.
    let pm = &data.placemarks;
    let prepared =
        (!pm.placemarks.is_empty()).then(|| crate::scene::points::PreparedPlacemarks::prepare(pm));
    let ticked: Vec<bool> = pm.folders.iter().map(|f| f.visible).collect();
    let shown = prepared.as_ref().map(|p| {
        p.shown(|i| {
            pm.placemarks.get(i).is_some_and(|x| {
                x.visible && pm.folder_shown(x.folder, &ticked) && x.shown_on(date)
            })
        })
    });
    let map = MapData {
        geography: geo,
        scene: &scene,
        datasets: vec![Some(&data)],
        areas: areas.iter().collect(),
        placemarks: prepared
            .iter()
            .zip(shown.iter())
            .map(
                |(prepared, shown)| crate::render::placemarks::PlacemarkLayer {
                    data: pm,
                    prepared,
                    shown,
                },
            )
            .collect(),
    };
    let svg = render::render_svg(&map, &view, &opts);
    let bytes = if png {
        match render::svg_to_png(&svg, 1.0) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("nkmap: cannot render {}: {e}", args.out.display());
                return 1;
            }
        }
    } else {
        svg.into_bytes()
    };
    match io::atomic_write(&args.out, &bytes) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!(
                "{}",
                crate::t!(
                    "ui-cli-cannot-write",
                    file = args.out.display().to_string(),
                    error = e.to_string()
                )
            );
            1
        }
    }
}

/// West, south, east, north of all `images` together.
fn imagery_bbox(images: &[crate::imagery::Image]) -> Option<[f64; 4]> {
    let mut b: Option<[[f64; 2]; 2]> = None;
    for i in images {
        let [min, max] = i.bbox_world();
        b = Some(match b {
            None => [min, max],
            Some([a, c]) => [
                [a[0].min(min[0]), a[1].min(min[1])],
                [c[0].max(max[0]), c[1].max(max[1])],
            ],
        });
    }
    let [min, max] = b?;
    let (w, n) = crate::scene::mercator::unproject(min);
    let (e, s) = crate::scene::mercator::unproject(max);
    (w < e && s < n).then_some([w, s, e, n])
}

/// More would take gigabytes to write and to open.
const SYNTH_MAX_VERTICES: usize = 50_000_000;

fn synth(vertices: usize, detail: bool, out: &Path) -> i32 {
    if vertices > SYNTH_MAX_VERTICES {
        eprintln!("nkmap synth: --vertices {vertices}: at most {SYNTH_MAX_VERTICES}");
        return 2;
    }
    let made = if detail {
        crate::synthetic::detailed_counties(vertices)
    } else {
        crate::synthetic::densified_counties(vertices)
    };
    let areas = match made {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "{}",
                crate::t!("ui-cli-boundaries-broken", error = e.to_string())
            );
            return 1;
        }
    };
    let n: usize = areas.iter().map(crate::model::Area::vertex_count).sum();
    let count = areas.len();
    let text = io::write_areas_geojson(&areas);
    drop(areas);
    match io::atomic_write(out, text.as_bytes()) {
        Ok(()) => {
            eprintln!(
                "wrote {}: {} areas, {n} vertices, {:.1} MB",
                out.display(),
                count,
                text.len() as f64 / 1e6
            );
            0
        }
        Err(e) => {
            eprintln!(
                "{}",
                crate::t!(
                    "ui-cli-cannot-write",
                    file = out.display().to_string(),
                    error = e.to_string()
                )
            );
            1
        }
    }
}

/// More would take minutes to write and gigabytes to open.
const SYNTH_MAX_PLACEMARKS: usize = 5_000_000;

/// `nkmap synth --placemarks N --out big.kmz`.
fn synth_placemarks(n: usize, out: &Path) -> i32 {
    if n > SYNTH_MAX_PLACEMARKS {
        eprintln!("nkmap synth: --placemarks {n}: at most {SYNTH_MAX_PLACEMARKS}");
        return 2;
    }
    let kmz = match out
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .as_deref()
    {
        Some("kmz") => true,
        Some("kml") => false,
        _ => {
            eprintln!(
                "{}",
                crate::t!("kml-synth-extension", out = out.display().to_string())
            );
            return 2;
        }
    };
    let geo = match bundled::geography() {
        Ok(g) => g,
        Err(e) => {
            eprintln!(
                "{}",
                crate::t!("ui-cli-boundaries-broken", error = e.to_string())
            );
            return 1;
        }
    };
    let data = Dataset {
        placemarks: crate::synthetic::placemarks(n, &geo),
        ..Dataset::default()
    };
    let look = crate::render::placemarks::kml_look();
    let bytes = if kmz {
        match crate::io::kml::write_kmz(&data, &geo, &look) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("nkmap: {e}");
                return 1;
            }
        }
    } else {
        crate::io::kml::write_kml(&data, &geo, &look).into_bytes()
    };
    match io::atomic_write(out, &bytes) {
        Ok(()) => {
            eprintln!(
                "{}",
                crate::t!(
                    "kml-synth-wrote",
                    out = out.display().to_string(),
                    n = n,
                    count = crate::i18n::format_count(n as u64),
                    folders = data.placemarks.folders.len(),
                    mb = format!("{:.1}", bytes.len() as f64 / 1e6)
                )
            );
            0
        }
        Err(e) => {
            eprintln!(
                "{}",
                crate::t!(
                    "ui-cli-cannot-write",
                    file = out.display().to_string(),
                    error = e.to_string()
                )
            );
            1
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
    let mut hits = geo.gazetteer.search(query, limit);
    // An id finds its region; an old id (from before a province change) too, with a note.
    let by_id = geo.region(query.trim()).or_else(|| {
        let r = geo.renamed(query.trim())?;
        eprintln!(
            "{}",
            crate::t!(
                "ui-cli-find-renamed",
                old = query.trim(),
                id = &r.id,
                name = &r.names.en,
                province = geo
                    .region(&r.province)
                    .map_or(r.province.as_str(), |p| p.names.en.as_str())
            )
        );
        Some(r)
    });
    if let Some(r) = by_id {
        hits.retain(|m| m.id != r.id);
        hits.insert(
            0,
            crate::gazetteer::Match {
                id: r.id.clone(),
                level: r.level,
                score: 1.0,
            },
        );
        hits.truncate(limit.max(1));
    }
    if hits.is_empty() {
        eprintln!("{}", crate::t!("ui-cli-find-none", query = query));
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
