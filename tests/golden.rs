//! Golden files: every page in every language and format, rendered with the
//! default configuration, compared byte for byte with
//! `tests/golden/{page}/{lang}.{ext}`; and each site file written by the worker
//! (not the JSON Schema, which it serves as the repository holds it), with
//! `tests/golden/site/{name}`.
//!
//! After a deliberate change, regenerate them and review the diff:
//!
//! ```sh
//! UPDATE_GOLDEN=1 cargo test --test golden    # or: make golden
//! git diff tests/golden/
//! ```

use std::path::PathBuf;

use apropos_worker::routes::SiteFile;
use apropos_worker::{Config, Page, Site, Variant};

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name)
}

#[test]
#[cfg_attr(not(shipped_content), ignore = "the shipped content's golden files")]
fn every_representation_matches_its_golden_file() {
    let site = Site::new(Config::default());
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    let site = &site;
    let variants = Page::ALL.into_iter().flat_map(|page| {
        Variant::ALL.into_iter().map(move |variant| {
            let rendered = site
                .representation(page, variant)
                .unwrap_or_else(|| panic!("{page:?} {variant:?} failed to render"));
            let (slug, lang, ext) = (page.slug(), variant.lang.code(), variant.format.extension());
            (format!("{slug}/{lang}.{ext}"), &rendered.body, format!("{page:?} {variant:?}"))
        })
    });
    let files = SiteFile::ALL.into_iter().filter(|file| *file != SiteFile::PageSchema).map(|file| {
        let written = site.file(file).unwrap_or_else(|| panic!("{file:?} failed to render"));
        let name = file.path().rsplit('/').next().unwrap_or_default();
        (format!("site/{name}"), &written.body, format!("{file:?}"))
    });
    for (name, body, what) in variants.chain(files) {
        let actual = std::str::from_utf8(body).expect("bodies are UTF-8");
        let path = golden_path(&name);
        let variant = what;
        if update {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
            }
            std::fs::write(&path, actual).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if let Some(diff) = first_difference(&expected, actual) {
            failures.push(format!("{} differs from the rendered {variant}:\n{diff}", path.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\nIf the change is intended: UPDATE_GOLDEN=1 cargo test --test golden, then review git diff tests/golden/",
        failures.join("\n\n")
    );
}

/// A readable account of the first lines where `actual` departs from
/// `expected`, with line numbers and a little context; `None` if equal.
fn first_difference(expected: &str, actual: &str) -> Option<String> {
    if expected == actual {
        return None;
    }
    let (expected_lines, actual_lines): (Vec<_>, Vec<_>) =
        (expected.split_inclusive('\n').collect(), actual.split_inclusive('\n').collect());
    let diff = similar::TextDiff::from_lines(expected, actual);
    let mut out = String::new();
    for group in diff.grouped_ops(2).iter().take(3) {
        for op in group {
            for change in diff.iter_changes(op) {
                let (sign, line) = match change.tag() {
                    similar::ChangeTag::Delete => ('-', change.old_index()),
                    similar::ChangeTag::Insert => ('+', change.new_index()),
                    similar::ChangeTag::Equal => (' ', change.new_index()),
                };
                let number = line.map_or(String::new(), |n| (n + 1).to_string());
                out.push_str(&format!("{sign}{number:>5} | {}", change.value()));
                if !change.value().ends_with('\n') {
                    out.push_str("\n      (no newline at end)\n");
                }
            }
        }
        out.push_str("  ...\n");
    }
    if out.is_empty() {
        out = format!("({} lines expected, {} rendered)\n", expected_lines.len(), actual_lines.len());
    }
    Some(out)
}
