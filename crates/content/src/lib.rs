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
        /// What the page is, for its structured data: `WebPage` or one of
        /// schema.org's kinds of it (`AboutPage`, `ContactPage`, `FAQPage`…;
        /// see `check::PAGE_KINDS`); `WebPage` when not given. The page's:
        /// any of its files may say it, and those that do agree.
        #[serde(default)]
        pub kind: Option<S>,
        /// Whether this page is the site's home, where `/` and `/{lang}/`
        /// lead: at most one page says so (in any of its files, which
        /// agree); the first page by slug when none does.
        #[serde(default)]
        pub home: Option<bool>,
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
    /// The words and links of the site's chrome in one language:
    /// `content/site.{lang}.yml`. Every field is required and no text may be
    /// empty; every URL is absolute (`https://…`) or root-relative (`/…`,
    /// under the site's URL); every language has the same menus, with the
    /// same number of links in each.
    pub struct Labels<S = &'static str, L = &'static [Link], N = &'static [NavItem]> {
        /// The language tag, from the file name: `fr`.
        #[serde(skip)]
        pub lang: S,
        /// The language's name in itself, for the language selector (`Français`).
        pub language_name: S,
        /// The Open Graph locale (`og:locale`), e.g. `fr_FR`.
        pub og_locale: S,
        /// The line under the service name in the header.
        pub tagline: S,
        /// The lead-in to the other formats of the page, after its content.
        pub other_formats: S,
        /// The name of each format but HTML, for links to them.
        pub formats: FormatNames<S>,
        /// The heading of the text format's list of link URLs.
        pub links: S,
        /// What `/llms.txt` says of the page's JSON beside its link.
        pub json_note: S,
        /// The skip links, first in the page.
        pub skip_links: SkipLinks<S>,
        /// The header: its buttons, search form, shortcuts and navigation.
        pub header: Header<S, L, N>,
        /// The footer: the publisher, the institutional and legal links, the licence.
        pub footer: Footer<S, L>,
        /// The status pages' words.
        pub status: StatusWords<S>,
    }
}

schema! {
    /// The words of the status pages (`404`, `405`, `406`).
    pub struct StatusWords<S = &'static str> {
        /// The text of the link to the site's home page, on every status page.
        pub home: S,
        /// `404 Not Found`.
        pub not_found: StatusText<S>,
        /// `405 Method Not Allowed`.
        pub method_not_allowed: StatusText<S>,
        /// `406 Not Acceptable`, before the list of what is offered.
        pub not_acceptable: StatusText<S>,
    }
}

schema! {
    /// A status page's title (with its code after it) and explanation.
    pub struct StatusText<S = &'static str> {
        /// The title: `<title>`, `<h1>`, JSON `title`.
        pub title: S,
        /// One sentence saying what happened.
        pub detail: S,
    }
}

schema! {
    /// A link of the chrome: its text and where it leads.
    pub struct Link<S = &'static str> {
        /// The link's text.
        pub label: S,
        /// Absolute (`https://…`, opened in a new window) or root-relative (`/…`).
        pub url: S,
    }
}

schema! {
    /// An entry of the header's navigation: a link (`url`), or a menu of
    /// `links` that a button opens.
    pub struct NavItem<S = &'static str, L = &'static [Link]> {
        /// The entry's text.
        pub label: S,
        /// Where the entry leads, when it is a link.
        #[serde(default)]
        pub url: Option<S>,
        /// The menu's links, when it is a menu.
        #[serde(default)]
        pub links: Option<L>,
    }
}

schema! {
    /// The skip links (DSFR `fr-skiplinks`).
    pub struct SkipLinks<S = &'static str> {
        /// Their accessible name (`aria-label`).
        pub label: S,
        /// To the content.
        pub content: S,
        /// To the navigation.
        pub menu: S,
        /// To the footer.
        pub footer: S,
    }
}

schema! {
    /// The header (DSFR `fr-header`).
    pub struct Header<S = &'static str, L = &'static [Link], N = &'static [NavItem]> {
        /// The title of the link to the home page.
        pub home_title: S,
        /// The button that opens the navigation on small screens.
        pub menu: S,
        /// The button that closes the navigation or the search.
        pub close: S,
        /// The search: its button, its field's label.
        pub search: S,
        /// The search field's placeholder.
        pub search_placeholder: S,
        /// The title of the language selector's button.
        pub select_language: S,
        /// The navigation's accessible name.
        pub navigation: S,
        /// What a link that opens a new window says so with, in its title.
        pub new_window: S,
        /// The shortcuts beside the search.
        pub shortcuts: L,
        /// The navigation, in order.
        pub nav: N,
    }
}

schema! {
    /// The footer (DSFR `fr-footer`).
    pub struct Footer<S = &'static str, L = &'static [Link]> {
        /// Who publishes the site.
        pub description: S,
        /// The accessible name of the footer's copy of the navigation.
        pub navigation: S,
        /// The title of the column of the navigation's plain links.
        pub more: S,
        /// The State's institutional sites.
        pub institutions: L,
        /// The legal links: the accessibility compliance, the legal notice, personal data.
        pub legal: L,
        /// The licence line, before its link.
        pub licence_text: S,
        /// The licence.
        pub licence: Link<S>,
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
