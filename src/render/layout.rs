//! The HTML document around a body (`templates/page.html`): head, header
//! with the « République Française » brand block and the language switcher,
//! `<main id="contenu">` with the `<h1>`, footer. The page has the full head
//! (canonical, alternates, Open Graph, the social card, the JSON-LD of
//! [`super::json_ld`]); a status page has none of it and is kept out of
//! search engines.

use askama::Template;

use crate::content::Labels;
use crate::variant::{Format, Lang, Variant};

use super::context::{format_name, Context};
use super::html::{self, Fragments};
use super::json_ld;
use super::style::STYLE;
use super::SITE_NAME;

/// The site's icon, inline so that no browser asks for `/favicon.ico`: a
/// blue, white and red flag (SVG as a `data:` URL, which the CSP's
/// `img-src` allows).
const ICON: &str = "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20viewBox='0%200%203%202'%3E%3Cpath%20fill='%23000091'%20d='M0%200h1v2H0z'/%3E%3Cpath%20fill='%23fff'%20d='M1%200h1v2H1z'/%3E%3Cpath%20fill='%23e1000f'%20d='M2%200h1v2H2z'/%3E%3C/svg%3E";

#[derive(Template)]
#[template(path = "page.html")]
struct Document<'a> {
    lang: &'a str,
    title: &'a str,
    site_name: &'a str,
    style: &'a str,
    icon: &'a str,
    labels: &'a Labels,
    /// The site's home page.
    home: String,
    /// `None` for a status page.
    head: Option<Head>,
    /// The page in the other languages.
    switcher: Vec<LanguageLink>,
    /// The page in the other formats of its language.
    formats: Vec<FormatLink>,
    /// The body's HTML, trusted.
    body: &'a str,
}

/// What only the page's head has.
struct Head {
    description: String,
    canonical: String,
    x_default: String,
    /// Every language of the page, this one included, for `hreflang`.
    languages: Vec<LanguageLink>,
    other_locales: Vec<&'static str>,
    /// The page's structured data, escaped for its `<script>` element.
    json_ld: String,
}

struct LanguageLink {
    lang: &'static str,
    /// The absolute URL in `<head>`, the path on this worker in the switcher.
    href: String,
    name: &'static str,
}

struct FormatLink {
    media_type: &'static str,
    /// The absolute URL, for `<link rel="alternate">`.
    href: String,
    /// The path on this worker, for the footer's link.
    path: String,
    name: &'static str,
}

/// The page as a complete HTML document.
#[inline(never)] // Compiled only when its format is first asked for: see `render_page`.
pub fn page(ctx: &Context<'_>) -> Result<String, String> {
    let html = |lang| Variant { lang, format: Format::Html };
    let language_name =
        |lang: Lang| crate::content::labels(lang).map_or(lang.code(), |labels| labels.language_name);
    let hreflang =
        |lang: Lang| LanguageLink { lang: lang.code(), href: ctx.page_url(lang), name: language_name(lang) };
    let switch = |lang: Lang| LanguageLink {
        lang: lang.code(),
        href: ctx.variant_path(html(lang)),
        name: language_name(lang),
    };
    let alternates = ctx.alternates(Format::Html);
    let formats = alternates
        .iter()
        .filter(|alternate| alternate.lang == ctx.lang)
        .filter_map(|alternate| {
            let name = format_name(ctx.labels, alternate.format)?;
            let path = ctx.variant_path(Variant { lang: alternate.lang, format: alternate.format });
            Some(FormatLink {
                media_type: alternate.format.media_type(),
                href: alternate.href.clone(),
                path,
                name,
            })
        })
        .collect();
    let other_languages = || ctx.languages().filter(|&lang| lang != ctx.lang);
    let head = Head {
        description: ctx.page.description.clone(),
        canonical: ctx.canonical(),
        x_default: ctx.x_default(),
        languages: ctx.languages().map(hreflang).collect(),
        other_locales: other_languages().filter_map(crate::content::labels).map(|l| l.og_locale).collect(),
        json_ld: json_ld::page(ctx),
    };
    let body = html::body(ctx, Fragments::InPage);
    Document {
        lang: ctx.lang.code(),
        title: ctx.page.title,
        site_name: SITE_NAME,
        style: STYLE,
        icon: ICON,
        labels: ctx.labels,
        home: format!("{}/", ctx.site_url),
        head: Some(head),
        switcher: other_languages().map(switch).collect(),
        formats,
        body: &body,
    }
    .render()
    .map_err(|e| format!("page.html: {e}"))
}

/// A status page: `title` as `<h1>`, then `body_html`, in the site's chrome.
pub fn status(lang: Lang, title: &str, body_html: &str, site_url: &str) -> Result<String, String> {
    let labels = crate::content::labels(lang).ok_or_else(|| format!("no labels for {}", lang.code()))?;
    let body = match body_html.ends_with('\n') || body_html.is_empty() {
        true => body_html.to_owned(),
        false => format!("{body_html}\n"),
    };
    Document {
        lang: lang.code(),
        title,
        site_name: SITE_NAME,
        style: STYLE,
        icon: ICON,
        labels,
        home: format!("{site_url}/"),
        head: None,
        switcher: vec![],
        formats: vec![],
        body: &body,
    }
    .render()
    .map_err(|e| format!("page.html: {e}"))
}
