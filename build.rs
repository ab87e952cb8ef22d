//! Build script: the commit nkmap is built from (Help → About, `nkmap --version`), and for
//! Windows targets the executable's icon and version information. Off Windows it only asks
//! git for the commit, and a build without git (a source tarball) still succeeds.

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    commit();
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows") {
        windows_resources();
    }
}

/// Sets `NKMAP_COMMIT` for `option_env!`: from the environment if a packager sets it (a tarball
/// has no `.git`), else from git; left unset when neither knows.
fn commit() {
    println!("cargo:rerun-if-env-changed=NKMAP_COMMIT");
    let commit = std::env::var("NKMAP_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(git_commit);
    if let Some(c) = commit {
        println!("cargo:rustc-env=NKMAP_COMMIT={}", c.trim());
    }
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (out.status.success() && !text.is_empty()).then(|| text.to_owned())
}

fn git_commit() -> Option<String> {
    let dir = std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?);
    // Only nkmap's own repository: a tarball unpacked inside some other checkout must not
    // report that checkout's commit.
    let top = git(&dir, &["rev-parse", "--show-toplevel"])?;
    if std::fs::canonicalize(&top).ok()? != std::fs::canonicalize(&dir).ok()? {
        return None;
    }
    let commit = git(&dir, &["rev-parse", "--short=10", "HEAD"])?;
    // Build again when HEAD moves: a checkout changes HEAD, a commit changes the branch's ref
    // (a loose file, or packed-refs once packed). Only existing files: cargo reruns the script
    // on every build for a path that does not exist.
    let mut watch = vec!["HEAD".to_owned(), "packed-refs".to_owned()];
    if let Some(branch) = git(&dir, &["symbolic-ref", "-q", "HEAD"]) {
        watch.push(branch);
    }
    for name in watch {
        if let Some(path) = git(&dir, &["rev-parse", "--git-path", &name]) {
            let path = dir.join(path);
            if path.exists() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
    }
    Some(commit)
}

/// The icon Explorer and the taskbar show, and the version information in the file's
/// properties (product name, version, description, copyright).
fn windows_resources() {
    println!("cargo:rerun-if-changed=assets/icon/nkmap.ico");
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let mut res = winresource::WindowsResource::new();
    res.set_icon("assets/icon/nkmap.ico")
        .set("ProductName", "nkmap")
        .set(
            "FileDescription",
            // No quotes or apostrophes: resource compilers escape them differently.
            "nkmap: map of the 20x10 regional construction projects in North Korea",
        )
        .set("ProductVersion", &version)
        .set("FileVersion", &version)
        .set("OriginalFilename", "nkmap.exe")
        .set("LegalCopyright", "The nkmap authors; MIT OR Apache-2.0");
    // Only the nkmap binary carries them (not the test and bench executables).
    if let Err(e) = res.compile_for("nkmap") {
        // Without the resource compiler (rc.exe from the Windows SDK, or windres from
        // MinGW-w64) the executable would silently have no icon: say what is missing.
        panic!("cannot compile the Windows resources (icon, version information): {e}");
    }
}
