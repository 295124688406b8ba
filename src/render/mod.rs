//! Rendering: the embedded markdown into the bytes of each representation.
//!
//! Each source is parsed once per isolate, in one pass over pulldown-cmark's
//! events ([`parse`]), into a [`model::Page`]: sections with their heading
//! ids (computed by `build.rs`, see `crates/content/src/heading_id.rs`), blocks, inline spans, links and abbreviations. Each format then
//! serialises that model: [`layout`] and [`html`] (HTML, with the JSON-LD of
//! [`json_ld`] in its head), [`json`], [`text`] and [`markdown`]; none parses
//! markdown, or another format's output, again.
//! [`crate::Site`] keeps each variant's bytes for the isolate's lifetime.
//!
//! ```text
//! content/{page}.{lang}.md ──build.rs──▶ content::SOURCES ──parse (once)──▶ model::Page
//!     model::Page + Config ──▶ html | json | text | markdown ──▶ Site (once per representation)
//! ```

mod context;
mod describe;
mod escape;
mod html;
mod json;
mod json_ld;
mod layout;
mod markdown;
mod model;
mod parse;
mod text;
mod wrap;

use std::sync::OnceLock;

use crate::config::Config;
use crate::content::{self, SOURCE_COUNT};
use crate::index::Finite;
use crate::variant::{Format, Lang, Page, Variant};

use context::Context;

pub use markdown::estimate_tokens;

/// The site's name, in every `<title>` and in the header.
pub const SITE_NAME: &str = "beta.gouv.fr";

/// The body of `page` in `variant`, rendered for `config`: every page of
/// `content/` renders the same way, under `/{lang}/{slug}/`.
///
/// Never panics; an error (which the tests rule out for the embedded
/// content) names the file and what is wrong with it.
pub fn render(page: Page, variant: Variant, config: &Config) -> Result<String, String> {
    let parsed = parsed(page, variant.lang)?;
    let labels = content::labels(variant.lang);
    let ctx =
        Context { page: parsed, site_page: page, lang: variant.lang, labels, site_url: &config.site_url };
    // Each format's renderer is `#[inline(never)]`: V8 compiles a wasm function
    // the first time it runs, so an isolate's first page compiles the code of
    // its own format only, not of all four.
    match variant.format {
        Format::Html => {
            layout::page(&ctx).map_err(|e| format!("{}: {e}", content::source(page, variant.lang).file))
        }
        Format::Json => Ok(json::document(&ctx)),
        Format::Text => Ok(text::document(&ctx)),
        Format::Markdown => Ok(markdown::document(&ctx)),
    }
}

/// What the site's files say of a page in one language: its title and its
/// description (as `<meta name="description">` gives it).
#[derive(Debug, PartialEq, Eq)]
pub struct Summary {
    /// The title.
    pub title: &'static str,
    /// The first paragraph's whole sentences that fit in 160 characters.
    pub description: &'static str,
}

/// The [`Summary`] of `page` in `lang`.
pub fn summary(page: Page, lang: Lang) -> Result<Summary, String> {
    let parsed = parsed(page, lang)?;
    Ok(Summary { title: parsed.title, description: &parsed.description })
}

/// A status page (404, 405, 406...) in the site's chrome: `title` as the
/// `<title>` and `<h1>`, then `body_html` (trusted HTML, without `<h1>`),
/// with the header, footer and inline stylesheet of the page, but no
/// canonical URL or alternates, and `<meta name="robots" content="noindex">`.
pub fn status_html(lang: Lang, title: &str, body_html: &str, config: &Config) -> Result<String, String> {
    layout::status(lang, title, body_html, &config.site_url)
}

/// `text` escaped for HTML text and attribute values.
pub fn escape_html(text: &str) -> String {
    escape::html(text)
}

/// The model of `page` in `lang`, parsed on first use and kept for the isolate.
fn parsed(page: Page, lang: Lang) -> Result<&'static model::Page, String> {
    static PAGES: [OnceLock<Result<model::Page, String>>; SOURCE_COUNT] =
        [const { OnceLock::new() }; SOURCE_COUNT];
    let slot = PAGES.get((page, lang).index()).ok_or("source not in the content table")?;
    let source = content::source(page, lang);
    slot.get_or_init(|| {
        parse::parse(source.title, source.body, source.heading_ids)
            .map_err(|e| format!("{}: {e}", source.file))
    })
    .as_ref()
    .map_err(Clone::clone)
}

#[cfg(all(test, shipped_content))]
mod tests;
