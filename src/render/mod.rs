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
//! content/apropos.fr.md ──build.rs──▶ content::SOURCES ──parse (once)──▶ Page
//!     Page + Config ──▶ html | json | text | markdown ──▶ Site (once per variant)
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
use crate::content::{self, Source, SOURCE_COUNT};
use crate::variant::{Format, Lang, Variant};

use context::Context;
use model::Page;

pub use markdown::estimate_tokens;

/// The page the worker serves, by slug (see [`render_page`] for the others).
pub const SLUG: &str = "apropos";

/// The site's name, in every `<title>` and in the header.
pub const SITE_NAME: &str = "beta.gouv.fr";

/// The body of `variant`, rendered for `config`.
///
/// Never panics; an error (which the tests rule out for the embedded
/// content) names the file and what is wrong with it.
pub fn render(variant: Variant, config: &Config) -> Result<String, String> {
    render_page(SLUG, variant, config)
}

/// The body of `variant` of the page `slug` (`content/{slug}.{lang}.md`),
/// rendered for `config`: every page of `content/` renders the same way,
/// under `/{lang}/{slug}/`.
pub fn render_page(slug: &str, variant: Variant, config: &Config) -> Result<String, String> {
    let source = content::source(slug, variant.lang)
        .ok_or_else(|| format!("no content/{slug}.{}.md", variant.lang.code()))?;
    let page = parsed(source)?;
    let labels = content::labels(variant.lang)
        .ok_or_else(|| format!("no content/site.{}.yml", variant.lang.code()))?;
    let ctx = Context { page, slug: source.slug, lang: variant.lang, labels, site_url: &config.site_url };
    // Each format's renderer is `#[inline(never)]`: V8 compiles a wasm function
    // the first time it runs, so an isolate's first page compiles the code of
    // its own format only, not of all four.
    match variant.format {
        Format::Html => layout::page(&ctx).map_err(|e| format!("{}: {e}", source.file)),
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

/// The [`Summary`] of the page `slug` in `lang`.
pub fn summary(slug: &str, lang: Lang) -> Result<Summary, String> {
    let source =
        content::source(slug, lang).ok_or_else(|| format!("no content/{slug}.{}.md", lang.code()))?;
    let page = parsed(source)?;
    Ok(Summary { title: source.title, description: &page.description })
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

/// The model of `source`, parsed on first use and kept for the isolate.
fn parsed(source: &'static Source) -> Result<&'static Page, String> {
    static PAGES: [OnceLock<Result<Page, String>>; SOURCE_COUNT] = [const { OnceLock::new() }; SOURCE_COUNT];
    let slot = content::index(source).and_then(|i| PAGES.get(i)).ok_or("source not in the content table")?;
    slot.get_or_init(|| {
        parse::parse(source.title, source.body, source.heading_ids)
            .map_err(|e| format!("{}: {e}", source.file))
    })
    .as_ref()
    .map_err(Clone::clone)
}

#[cfg(test)]
mod tests;
