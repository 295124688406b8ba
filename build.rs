//! Build-time work, so that the worker carries neither a YAML nor a JSON
//! parser:
//!
//! - checks every file of `content/` (`apropos_content::check`, in
//!   `crates/content`) and embeds them as a table (`$OUT_DIR/content.rs`,
//!   written by `apropos_content::emit`, included by `src/content/mod.rs`);
//!   any error fails the build, naming the file and the field;
//! - writes the site's languages and pages, read from those files, as the
//!   enums `Lang` and `Page` (`$OUT_DIR/site.rs`, included by
//!   `src/variant.rs`): a page or a language is added in `content/` alone;
//! - turns the manifest of the page's static assets, `dist/assets.json`
//!   (written by `scripts/assets/build.mjs`: `make assets`), into constants
//!   (`$OUT_DIR/assets.rs`, included by `src/assets.rs`): the hashed URL of
//!   each asset the HTML links to, and every asset's path.

use std::path::Path;
use std::{env, fs};

use apropos_content::{check, emit};
use serde_json::Value;

/// The site's content; `CONTENT_DIR` names another (the test fixture's).
const CONTENT_DIR: &str = "content";
/// The manifest `scripts/assets/build.mjs` writes; `ASSETS_MANIFEST` names
/// another (the one built for another `CONTENT_DIR`).
const ASSETS_MANIFEST: &str = "dist/assets.json";

fn main() {
    let content_dir = env::var("CONTENT_DIR").unwrap_or_else(|_| CONTENT_DIR.to_owned());
    let manifest_path = env::var("ASSETS_MANIFEST").unwrap_or_else(|_| ASSETS_MANIFEST.to_owned());
    println!("cargo::rerun-if-env-changed=CONTENT_DIR");
    println!("cargo::rerun-if-env-changed=ASSETS_MANIFEST");
    println!("cargo::rerun-if-changed={content_dir}");
    println!("cargo::rerun-if-changed={manifest_path}");
    // The tests about the shipped content's own words and bytes (golden
    // files, fidelity) run on it alone; the others run on any content.
    println!("cargo::rustc-check-cfg=cfg(shipped_content)");
    if content_dir == CONTENT_DIR {
        println!("cargo::rustc-cfg=shipped_content");
    }
    let Some(out_dir) = env::var_os("OUT_DIR") else { fail(&["OUT_DIR is not set".to_owned()]) };
    let out_dir = Path::new(&out_dir);
    let content = read_content(Path::new(&content_dir)).unwrap_or_else(|e| fail(&[e]));
    let content = check::check(&content).unwrap_or_else(|errors| {
        fail(&errors.iter().map(ToString::to_string).collect::<Vec<_>>());
    });
    write(&out_dir.join("content.rs"), &emit::content_table(&content));
    write(&out_dir.join("site.rs"), &emit::site_enums(&content));
    let manifest = fs::read_to_string(&manifest_path).unwrap_or_else(|e| {
        fail(&[format!(
            "{manifest_path}: {e}: the page's assets are built from the DSFR package by \
             `make assets` (node scripts/assets/build.mjs), which `make build` and `make test` run"
        )])
    });
    let assets = assets_consts(&manifest).unwrap_or_else(|e| fail(&[format!("{manifest_path}: {e}")]));
    write(&out_dir.join("assets.rs"), &assets);
}

/// Reports `errors`, one per line, and fails the build.
fn fail(errors: &[String]) -> ! {
    for error in errors {
        println!("cargo::error={}", error.replace('\n', " "));
    }
    std::process::exit(1);
}

fn write(path: &Path, text: &str) {
    if let Err(e) = fs::write(path, text) {
        fail(&[format!("{}: {e}", path.display())]);
    }
}

/// Every file of `dir` as `(content/name, text)`, sorted by name.
fn read_content(dir: &Path) -> Result<Vec<(String, String)>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        let name = format!("{}/{}", dir.display(), path.file_name().unwrap_or_default().to_string_lossy());
        let text = fs::read_to_string(&path).map_err(|e| format!("{name}: {e}"))?;
        files.push((name, text));
    }
    files.sort();
    Ok(files)
}

/// The Rust source of the assets' constants, from the manifest's JSON.
fn assets_consts(manifest: &str) -> Result<String, String> {
    let json: Value = serde_json::from_str(manifest).map_err(|e| e.to_string())?;
    let text = |pointer: &str| {
        json.pointer(pointer).and_then(Value::as_str).map(|s| format!("{s:?}")).ok_or(format!("no {pointer}"))
    };
    let list = |items: Vec<String>| format!("&[{}]", items.join(", "));
    let preloads = json["fonts"]
        .as_array()
        .ok_or("no fonts")?
        .iter()
        .filter(|font| font["preload"] == true)
        .map(|font| font["path"].as_str().map(|s| format!("{s:?}")).ok_or("a font without path"))
        .collect::<Result<Vec<_>, _>>()?;
    let mut og = Vec::new();
    for (slug, langs) in json["og"].as_object().ok_or("no og")? {
        for (lang, path) in langs.as_object().ok_or("og: not an object")? {
            og.push(format!("({slug:?}, {lang:?}, {:?})", path.as_str().ok_or("og: not a path")?));
        }
    }
    let paths = json["files"]
        .as_array()
        .ok_or("no files")?
        .iter()
        .map(|file| file["path"].as_str().map(|s| format!("{s:?}")).ok_or("a file without path"))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(format!(
        "// Generated by build.rs from {ASSETS_MANIFEST}: run `make assets`, do not edit.\n\n\
         /// Where every asset is served from.\npub const PREFIX: &str = {prefix};\n\
         /// The stylesheet: the DSFR's components the page uses.\npub const STYLESHEET: &str = {css};\n\
         /// The script: the DSFR's modules for the header's menus and modals.\npub const SCRIPT: &str = {js};\n\
         /// The Marianne faces the first paint uses, preloaded.\npub const FONT_PRELOADS: &[&str] = {preloads};\n\
         /// The favicon (SVG).\npub const ICON_SVG: &str = {svg};\n\
         /// The favicon (ICO, 32×32).\npub const ICON_ICO: &str = {ico};\n\
         /// The apple-touch-icon (180×180).\npub const APPLE_TOUCH_ICON: &str = {apple};\n\
         /// The web manifest.\npub const WEB_MANIFEST: &str = {manifest};\n\
         /// The Open Graph image of each page in each language: (slug, lang, path).\n\
         pub const OG_IMAGES: &[(&str, &str, &str)] = {og};\n\
         /// Every asset's path.\npub const PATHS: &[&str] = {paths};\n",
        prefix = text("/prefix")?,
        css = text("/css")?,
        js = text("/js")?,
        preloads = list(preloads),
        svg = text("/icon/svg")?,
        ico = text("/icon/ico")?,
        apple = text("/icon/apple")?,
        manifest = text("/icon/manifest")?,
        og = list(og),
        paths = list(paths),
    ))
}
