//! The HTML document around a body (`templates/page.html`), in the State's
//! design system (DSFR) as beta.gouv.fr has it: skip links; the header with
//! the bloc marque, the service, the search form, the shortcuts, the
//! language selector and the navigation; `<main id="contenu">` with the
//! `<h1>`; the footer with a copy of the navigation (every link reachable
//! without JavaScript), the institutional and legal links and the licence.
//! The chrome's words and links are `content/site.{lang}.yml`'s; the assets
//! are [`crate::assets`]'. The page has the full head (canonical,
//! alternates, Open Graph with its image, the JSON-LD of [`super::json_ld`]);
//! a status page has none of it and is kept out of search engines.

use askama::Template;

use crate::assets;
use crate::content::{Labels, Link};
use crate::variant::{Format, Lang, Variant};

use super::context::{format_name, Context};
use super::html::{self, Fragments};
use super::json_ld;
use super::SITE_NAME;

#[derive(Template)]
#[template(path = "page.html")]
struct Document<'a> {
    lang: &'a str,
    title: &'a str,
    site_name: &'a str,
    labels: &'a Labels,
    assets: Assets,
    chrome: Chrome,
    /// `None` for a status page.
    head: Option<Head>,
    /// The page in the other formats of its language.
    formats: Vec<FormatLink>,
    /// The body's HTML, trusted.
    body: &'a str,
}

/// The assets every document links to.
struct Assets {
    stylesheet: &'static str,
    script: &'static str,
    /// The faces the first paint uses.
    fonts: &'static [&'static str],
    icon_svg: &'static str,
    icon_ico: &'static str,
    apple_touch_icon: &'static str,
    web_manifest: &'static str,
}

const ASSETS: Assets = Assets {
    stylesheet: assets::STYLESHEET,
    script: assets::SCRIPT,
    fonts: assets::FONT_PRELOADS,
    icon_svg: assets::ICON_SVG,
    icon_ico: assets::ICON_ICO,
    apple_touch_icon: assets::APPLE_TOUCH_ICON,
    web_manifest: assets::WEB_MANIFEST,
};

/// The header's and footer's links, resolved for one document.
struct Chrome {
    /// The site's home page.
    home: String,
    /// Where the search form submits: the site's search.
    search_action: String,
    /// The current language's tag in capitals, on the language selector's button.
    lang_tag: String,
    /// Every language of the page, for the language selector (none on a status page).
    languages: Vec<LanguageOption>,
    shortcuts: Vec<ChromeLink>,
    nav: Vec<NavEntry>,
    institutions: Vec<ChromeLink>,
    legal: Vec<ChromeLink>,
    licence: ChromeLink,
}

/// A link of the chrome, resolved.
struct ChromeLink {
    label: &'static str,
    /// Absolute: a root-relative URL of the content is under the site's URL.
    href: String,
    /// To another site: opened in a new window, which its title says.
    external: bool,
    /// To the document itself (`aria-current="page"`).
    current: bool,
}

/// An entry of the navigation: a link, or a menu of links.
struct NavEntry {
    label: &'static str,
    link: Option<ChromeLink>,
    links: Vec<ChromeLink>,
    /// One of its links is the document itself.
    current: bool,
}

struct LanguageOption {
    lang: &'static str,
    /// The tag in capitals, as the DSFR's selector shows it.
    tag: String,
    /// The page in that language, as a path on this worker.
    href: String,
    name: &'static str,
    current: bool,
}

/// What only the page's head has.
struct Head {
    description: String,
    canonical: String,
    x_default: String,
    /// Every language of the page, this one included, for `hreflang`.
    languages: Vec<LanguageLink>,
    other_locales: Vec<&'static str>,
    /// The absolute URL of the page's Open Graph image.
    og_image: Option<String>,
    /// The page's structured data, escaped for its `<script>` element.
    json_ld: String,
}

struct LanguageLink {
    lang: &'static str,
    /// The absolute URL.
    href: String,
}

struct FormatLink {
    media_type: &'static str,
    /// The absolute URL, for `<link rel="alternate">` and the link after the
    /// content (absolute, so that it prints).
    href: String,
    name: &'static str,
}

impl Chrome {
    /// The chrome in `labels`' language, under `site_url`, for the document
    /// at `path` (root-relative), in `languages`.
    fn new(
        labels: &'static Labels,
        lang: Lang,
        site_url: &str,
        path: &str,
        languages: Vec<LanguageOption>,
    ) -> Chrome {
        let link = |label: &'static str, url: &'static str| {
            let external = !url.starts_with('/');
            let href = if external { url.to_owned() } else { format!("{site_url}{url}") };
            ChromeLink { label, href, external, current: url == path }
        };
        let links = |list: &'static [Link]| list.iter().map(|l| link(l.label, l.url)).collect::<Vec<_>>();
        let nav = labels
            .header
            .nav
            .iter()
            .map(|entry| {
                let link = entry.url.map(|url| link(entry.label, url));
                let links = entry.links.map(links).unwrap_or_default();
                let current = links.iter().any(|link| link.current);
                NavEntry { label: entry.label, link, links, current }
            })
            .collect();
        Chrome {
            home: format!("{site_url}/"),
            search_action: format!("{site_url}{}", crate::config::SEARCH_PATH),
            lang_tag: lang.code().to_uppercase(),
            languages,
            shortcuts: links(labels.header.shortcuts),
            nav,
            institutions: links(labels.footer.institutions),
            legal: links(labels.footer.legal),
            licence: link(labels.footer.licence.label, labels.footer.licence.url),
        }
    }
}

/// The page as a complete HTML document.
#[inline(never)] // Compiled only when its format is first asked for: see `render_page`.
pub fn page(ctx: &Context<'_>) -> Result<String, String> {
    let language_name = |lang: Lang| crate::content::labels(lang).language_name;
    let option = |lang: Lang| LanguageOption {
        lang: lang.code(),
        tag: lang.code().to_uppercase(),
        href: ctx.variant_path(Variant { lang, format: Format::Html }),
        name: language_name(lang),
        current: lang == ctx.lang,
    };
    let alternates = ctx.alternates(Format::Html);
    let formats = alternates
        .iter()
        .filter(|alternate| alternate.lang == ctx.lang)
        .filter_map(|alternate| {
            let name = format_name(ctx.labels, alternate.format)?;
            Some(FormatLink { media_type: alternate.format.media_type(), href: alternate.href.clone(), name })
        })
        .collect();
    let other_languages = || ctx.languages().filter(|&lang| lang != ctx.lang);
    let head = Head {
        description: ctx.page.description.clone(),
        canonical: ctx.canonical(),
        x_default: ctx.x_default(),
        languages: ctx
            .languages()
            .map(|lang| LanguageLink { lang: lang.code(), href: ctx.page_url(lang) })
            .collect(),
        other_locales: other_languages().map(|lang| crate::content::labels(lang).og_locale).collect(),
        og_image: assets::og_image(ctx.site_page.slug(), ctx.lang.code())
            .map(|path| format!("{}{path}", ctx.site_url)),
        json_ld: json_ld::page(ctx),
    };
    let path = ctx.variant_path(Variant { lang: ctx.lang, format: Format::Html });
    let chrome =
        Chrome::new(ctx.labels, ctx.lang, ctx.site_url, &path, ctx.languages().map(option).collect());
    let body = html::body(ctx, Fragments::InPage);
    Document {
        lang: ctx.lang.code(),
        title: ctx.page.title,
        site_name: SITE_NAME,
        labels: ctx.labels,
        assets: ASSETS,
        chrome,
        head: Some(head),
        formats,
        body: &body,
    }
    .render()
    .map_err(|e| format!("page.html: {e}"))
}

/// A status page: `title` as `<h1>`, then `body_html`, in the site's chrome
/// (without the language selector: the page exists in no other language).
pub fn status(lang: Lang, title: &str, body_html: &str, site_url: &str) -> Result<String, String> {
    let labels = crate::content::labels(lang);
    let body = match body_html.ends_with('\n') || body_html.is_empty() {
        true => body_html.to_owned(),
        false => format!("{body_html}\n"),
    };
    Document {
        lang: lang.code(),
        title,
        site_name: SITE_NAME,
        labels,
        assets: ASSETS,
        chrome: Chrome::new(labels, lang, site_url, "", Vec::new()),
        head: None,
        formats: vec![],
        body: &body,
    }
    .render()
    .map_err(|e| format!("page.html: {e}"))
}
