//! The shape of the code, checked: the layers only import downwards, no two modules import
//! each other (directly or around a loop), and ARCHITECTURE.md names only modules that exist.
//!
//! Reads the sources as text: `crate::a::b` and `super::x` paths outside `#[cfg(test)]`
//! modules are the imports. Test modules may reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        panic!("cannot read {}", dir.display());
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `src/scene/lod.rs` → `["scene", "lod"]`; `mod.rs` is its folder; `lib.rs` the root.
fn module_of(src: &Path, file: &Path) -> Module {
    let rel = file.strip_prefix(src).unwrap_or(file).with_extension("");
    let mut parts: Module = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts.len() == 1 && (parts[0] == "lib" || parts[0] == "main") {
        parts.clear();
    }
    parts
}

/// The text before the first `#[cfg(test)]` module, without `//` comments.
fn non_test_code(text: &str) -> String {
    let mut out = String::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.trim() == "#[cfg(test)]" {
            let next_mod = lines[i + 1..]
                .iter()
                .find(|l| !l.trim().starts_with("#["))
                .is_some_and(|l| l.trim_start().starts_with("mod "));
            if next_mod {
                break;
            }
        }
        let code = line.split("//").next().unwrap_or("");
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// Every `prefix::a::b::c` path in `code`, as its segments.
fn paths_after(code: &str, prefix: &str) -> Vec<Module> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let mut segs = Vec::new();
        let mut s = rest;
        loop {
            let end = s
                .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
                .unwrap_or(s.len());
            if end == 0 {
                break;
            }
            segs.push(s[..end].to_owned());
            s = &s[end..];
            match s.strip_prefix("::") {
                Some(t) => s = t,
                None => break,
            }
        }
        if !segs.is_empty() {
            found.push(segs);
        }
    }
    found
}

struct Graph {
    modules: BTreeSet<Module>,
    edges: BTreeMap<Module, BTreeSet<Module>>,
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut texts = BTreeMap::new();
    for f in &files {
        let m = module_of(&src, f);
        let text = std::fs::read_to_string(f).unwrap_or_default();
        texts.insert(m, text);
    }
    let modules: BTreeSet<Module> = texts.keys().cloned().collect();
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (m, text) in &texts {
        if m.last().is_some_and(|s| s == "tests") {
            continue;
        }
        let code = non_test_code(text);
        let mut refs = paths_after(&code, "crate::");
        let parent: Module = m[..m.len().saturating_sub(1)].to_vec();
        for r in paths_after(&code, "super::") {
            let mut full = parent.clone();
            full.extend(r);
            refs.push(full);
        }
        for r in refs {
            // The longest prefix that is a module is what is imported.
            if let Some(k) = (1..=r.len()).rev().find(|&k| modules.contains(&r[..k])) {
                edges.entry(m.clone()).or_default().insert(r[..k].to_vec());
            }
        }
    }
    Graph { modules, edges }
}

/// Strongly connected groups of more than one node, given an edge mapping.
fn loops(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Reachability is enough at this size: a and b share a loop when each reaches the other.
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(n) = todo.pop() {
            for next in edges.get(&n).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let nodes: BTreeSet<&String> = edges.keys().chain(edges.values().flatten()).collect();
    let reaches: BTreeMap<&String, BTreeSet<String>> =
        nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut groups: Vec<Vec<String>> = Vec::new();
    for n in &nodes {
        let group: Vec<String> = nodes
            .iter()
            .filter(|m| reaches[*n].contains(**m) && reaches[**m].contains(*n))
            .map(|m| (*m).clone())
            .collect();
        if group.len() > 1 && !groups.contains(&group) {
            groups.push(group);
        }
    }
    groups
}

#[test]
fn no_layer_below_the_app_shell_imports_it() {
    let g = graph();
    let below = ["map", "ui", "render", "scene", "io", "model", "state"];
    let mut wrong = Vec::new();
    for (m, targets) in &g.edges {
        if m.first().is_some_and(|top| below.contains(&top.as_str())) {
            for t in targets {
                if t.first().is_some_and(|top| top == "app") {
                    wrong.push(format!("{} imports {}", m.join("::"), t.join("::")));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "imports from the app shell: {wrong:#?}");
    // The checker sees imports at all: the app shell does import the state.
    assert!(
        g.edges
            .get(&vec!["app".to_owned()])
            .is_some_and(|t| t.contains(&vec!["state".to_owned()])),
        "the checker found no app → state import: {:?}",
        g.edges.get(&vec!["app".to_owned()])
    );
}

#[test]
fn top_level_modules_import_each_other_without_loops() {
    let g = graph();
    let mut top: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, targets) in &g.edges {
        for t in targets {
            if let (Some(a), Some(b)) = (m.first(), t.first())
                && a != b
            {
                top.entry(a.clone()).or_default().insert(b.clone());
            }
        }
    }
    let found = loops(&top);
    assert!(
        found.is_empty(),
        "modules that import each other: {found:?}"
    );
}

#[test]
fn sibling_modules_import_each_other_without_loops() {
    let g = graph();
    // Within one folder: `scene::lod` and `scene::polygons`, say. A child using its parent's
    // items is the usual Rust shape and not counted.
    let mut by_parent: BTreeMap<Module, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (m, targets) in &g.edges {
        for t in targets {
            let shared = m.iter().zip(t).take_while(|(a, b)| a == b).count();
            if shared > 0 && shared < m.len() && shared < t.len() {
                by_parent
                    .entry(m[..shared].to_vec())
                    .or_default()
                    .entry(m[shared].clone())
                    .or_default()
                    .insert(t[shared].clone());
            }
        }
    }
    let found: Vec<_> = by_parent
        .iter()
        .flat_map(|(parent, e)| loops(e).into_iter().map(move |l| (parent.join("::"), l)))
        .collect();
    assert!(
        found.is_empty(),
        "sibling modules that import each other: {found:?}"
    );
}

#[test]
fn architecture_md_names_only_modules_that_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let Ok(doc) = std::fs::read_to_string(root.join("ARCHITECTURE.md")) else {
        panic!("ARCHITECTURE.md is missing");
    };
    let g = graph();
    // Every `src/...` path in backticks must exist, and every top-level module must be named.
    let mut missing = Vec::new();
    let mut named = BTreeSet::new();
    for piece in doc.split('`').skip(1).step_by(2) {
        if let Some(rel) = piece.strip_prefix("src/") {
            let rel = rel.trim_end_matches('/');
            let path = root.join("src").join(rel);
            let as_file = root.join("src").join(format!("{rel}.rs"));
            if !path.exists() && !as_file.exists() {
                missing.push(piece.to_owned());
            }
            if let Some(first) = rel.split('/').next() {
                named.insert(first.trim_end_matches(".rs").to_owned());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names paths that do not exist: {missing:?}"
    );
    let unnamed: Vec<&String> = g
        .modules
        .iter()
        .filter_map(|m| m.first())
        .filter(|m| !named.contains(*m))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(
        unnamed.is_empty(),
        "modules ARCHITECTURE.md does not describe: {unnamed:?}"
    );
}
