//! The schema of the site's content, and the rules about it that the worker
//! and its build share.
//!
//! `content/` holds, for each page `slug` and language `lang`, the page
//! (`{slug}.{lang}.md`, a [`Source`]) and the words of the site's chrome
//! (`site.{lang}.yml`, [`Labels`]). The worker's `build.rs` reads these
//! files, checks them (`check::check`, with the `check` feature) and writes
//! them as statics of this crate's types (`emit::content_table`), which the
//! worker includes: it carries the checked text, and no YAML parser.
//!
//! # One definition for both sides
//!
//! Each struct of the schema is declared once, by the `schema!` macro, and
//! is generic over its string type: the worker embeds `Labels` (that is,
//! `Labels<&'static str>`), the build reads `Labels<String>` from YAML. From
//! that one field list the macro derives `Deserialize` (with the `check`
//! feature only) and implements the build's `Value` trait: how the struct is
//! written into the worker's source (`Labels { lang: "fr", … }`, strings in
//! their `Debug` form, which is Rust's literal syntax), and a walk over its
//! text fields with their names, which is how the build finds an empty label.
//! A derive alone would give neither the walk nor `&[…]` for a list. So
//! adding a label is adding one field here (and its value in each
//! `site.{lang}.yml`):
//!
//! ```text
//! pub struct Labels<S = &'static str> {
//!     // …
//!     /// The title of the table of contents.
//!     pub contents: S,
//! }
//! ```
//!
//! The worker depends on this crate without `check`, and the build with it;
//! with Cargo's resolver 2, a build dependency's features are not unified
//! with the normal dependency's, so none of serde, serde-saphyr or the checks
//! is compiled into the wasm.
//!
//! # Shared rules
//!
//! [`inline_html`] and [`target`] are the inline HTML and the link targets
//! the content may use: the worker's renderer reads the content with them,
//! and the checks refuse, at build time, what they would refuse.
//!
//! Their functions are `#[inline]`, so that the worker compiles them in its
//! own crate: they then use its instances of std's generic code (`Vec`,
//! `String`, `str` searches) rather than add a second copy of each to the
//! wasm.

#[macro_use]
mod schema;

#[cfg(feature = "check")]
pub mod check;
#[cfg(feature = "check")]
pub mod emit;
#[cfg(feature = "check")]
pub mod heading_id;
pub mod inline_html;
#[cfg(feature = "check")]
pub use schema::Value;
pub mod target;

/// The language every page is written in first; the others translate it.
pub const SOURCE_LANG: &str = "fr";

schema! {
    /// One page in one language: `content/{slug}.{lang}.md`.
    ///
    /// Its front matter (YAML) gives `title`, `layout` and `permalink`; the
    /// other fields come from the file (`serde(skip)`: not front matter).
    pub struct Source<S = &'static str, L = &'static [&'static str]> {
        /// The file, for messages: `content/apropos.fr.md`.
        #[serde(skip)]
        pub file: S,
        /// The page, from the file name: `apropos`.
        #[serde(skip)]
        pub slug: S,
        /// The language tag, from the file name: `fr`.
        #[serde(skip)]
        pub lang: S,
        /// The page's title: its `<h1>`, `<title>` and JSON `title`. One line.
        pub title: S,
        /// The layout of the Jekyll site the content comes from; only `page`.
        #[serde(default)]
        pub layout: Option<Layout>,
        /// The page's historical URL, where it is negotiated: `/{slug}/`.
        #[serde(default)]
        pub permalink: Option<S>,
        /// The id of each heading of `body`, in order, computed by the build
        /// (see `heading_id`): kramdown's GFM ids, or the explicit anchors.
        #[serde(skip)]
        pub heading_ids: L,
        /// The markdown after the front matter.
        #[serde(skip)]
        pub body: S,
    }
}

/// The Jekyll layouts the worker knows.
#[derive(Debug, PartialEq, Eq)]
#[cfg_attr(feature = "check", derive(serde::Deserialize), serde(rename_all = "lowercase"))]
pub enum Layout {
    /// A plain page: title and body.
    Page,
}

#[cfg(feature = "check")]
impl Value for Layout {
    fn write_rust(&self, out: &mut String) {
        out.push_str(match self {
            Layout::Page => "Layout::Page",
        });
    }

    fn each_text<'a>(&'a self, _: &str, _: &mut dyn FnMut(&str, &'a str)) {}
}

schema! {
    /// The words of the site's chrome in one language: `content/site.{lang}.yml`.
    /// Every field is required and must not be empty.
    pub struct Labels<S = &'static str> {
        /// The language tag, from the file name: `fr`.
        #[serde(skip)]
        pub lang: S,
        /// The language's name in itself, for the language switcher (`Français`).
        pub language_name: S,
        /// The Open Graph locale (`og:locale`), e.g. `fr_FR`.
        pub og_locale: S,
        /// The skip link's text.
        pub skip_link: S,
        /// The line under the service name in the header.
        pub tagline: S,
        /// The accessible name of the language switcher.
        pub languages: S,
        /// The footer's lead-in to the other formats of the page.
        pub other_formats: S,
        /// The name of each format but HTML, for links to them.
        pub formats: FormatNames<S>,
        /// The heading of the text format's list of link URLs.
        pub links: S,
        /// The footer's line about the publisher.
        pub footer: S,
        /// What `/llms.txt` says of the page's JSON beside its link.
        pub json_note: S,
    }
}

schema! {
    /// The name of each non-HTML format, by extension.
    pub struct FormatNames<S = &'static str> {
        /// `application/json`.
        pub json: S,
        /// `text/plain`.
        pub txt: S,
        /// `text/markdown`.
        pub md: S,
    }
}
