//! The URL scheme, in both directions: what a path names ([`route`]), and
//! the path of everything the site serves ([`Resource::path`],
//! [`page_path`], [`variant_path`]); every URL the worker writes is built
//! here.
//!
//! | path | names |
//! |---|---|
//! | `/{lang}/{page}/index.{ext}` | one page in one variant exactly |
//! | `/{lang}/{page}/` | a page in a language; the format is negotiated (the canonical URL) |
//! | `/{page}/index.{ext}` | a page in a format; the language is negotiated |
//! | `/{page}/` | a page (its historical permalink); both are negotiated |
//! | `/{page}`, `/{lang}/{page}` | `301` to the same with a trailing slash |
//! | `/`, `/{lang}/` | `302` to the home page ([`Page::HOME`]) |
//! | `/robots.txt`, `/sitemap.xml`, `/llms.txt`, `/.well-known/security.txt`, `/schema/page.schema.json` | a [`SiteFile`] |
//!
//! `page` is a [`Page::slug`], `lang` a [`Lang::code`], `ext` a
//! [`Format::extension`]. A path that names one of these only once its
//! percent-encoded unreserved characters are decoded (`/%61propos/`, the
//! same URL as `/apropos/` by RFC 3986 §6.2.2.2) is [`Route::Moved`] to its
//! normal form. Anything else is not found. The query string is not part of
//! the path and never matters.

use crate::index::{offsets, Finite};
use crate::variant::{Format, Lang, Page, Variant};

/// What a path names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// A page (with what the URL fixes; the rest is negotiated) or a site file.
    Resource(Resource),
    /// A redirect to a page, permanent (`301`) or not (`302`).
    Redirect {
        /// The page.
        page: Page,
        /// Its language in the URL to go to ([`page_path`]), if any.
        to: Option<Lang>,
        /// Whether the redirect is permanent.
        permanent: bool,
    },
    /// A resource named by a path not in its normal form: `301` to that form.
    Moved(Resource),
    /// No such resource.
    NotFound,
}

/// A file of the site that the worker serves beside the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SiteFile {
    /// `/robots.txt`: what crawlers may do, and where the sitemap is.
    Robots,
    /// `/sitemap.xml`: every page in every language.
    Sitemap,
    /// `/llms.txt`: the site for language models, as llmstxt.org proposes.
    Llms,
    /// `/.well-known/security.txt`: whom to tell of a vulnerability (RFC 9116).
    SecurityTxt,
    /// `/schema/page.schema.json`: the JSON Schema of the page's JSON.
    PageSchema,
}

crate::index::finite_enum!(SiteFile);

impl SiteFile {
    /// Every site file.
    pub const ALL: [SiteFile; 5] =
        [SiteFile::Robots, SiteFile::Sitemap, SiteFile::Llms, SiteFile::SecurityTxt, SiteFile::PageSchema];

    /// Its path.
    pub const fn path(self) -> &'static str {
        match self {
            SiteFile::Robots => "/robots.txt",
            SiteFile::Sitemap => "/sitemap.xml",
            SiteFile::Llms => "/llms.txt",
            SiteFile::SecurityTxt => "/.well-known/security.txt",
            SiteFile::PageSchema => "/schema/page.schema.json",
        }
    }

    /// Its `Content-Type`. (`llms.txt` is Markdown, but this URL scheme gives
    /// a `.txt` name `text/plain`, and that is what its readers fetch.)
    pub const fn content_type(self) -> &'static str {
        match self {
            SiteFile::Robots | SiteFile::Llms | SiteFile::SecurityTxt => "text/plain; charset=utf-8",
            SiteFile::Sitemap => "application/xml",
            SiteFile::PageSchema => "application/schema+json",
        }
    }

    fn from_path(path: &str) -> Option<SiteFile> {
        SiteFile::ALL.into_iter().find(|file| file.path() == path)
    }
}

/// A resource a path can name: a page (with what the URL fixes), or a
/// site file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    /// A page.
    Page {
        /// The page.
        page: Page,
        /// The language the URL names, if any.
        lang: Option<Lang>,
        /// The format the URL names, if any.
        format: Option<Format>,
    },
    /// A site file.
    File(SiteFile),
}

/// The number of the first page resource, and of the first site file.
const RESOURCE_KINDS: [usize; 2] = offsets([<(Page, Option<Lang>, Option<Format>)>::COUNT, SiteFile::COUNT]);

impl Finite for Resource {
    const COUNT: usize = RESOURCE_KINDS[1] + SiteFile::COUNT;

    fn index(self) -> usize {
        match self {
            Resource::Page { page, lang, format } => RESOURCE_KINDS[0] + (page, lang, format).index(),
            Resource::File(file) => RESOURCE_KINDS[1] + file.index(),
        }
    }

    fn all() -> impl Iterator<Item = Self> + Clone {
        let pages = <(Page, Option<Lang>, Option<Format>)>::all()
            .map(|(page, lang, format)| Resource::Page { page, lang, format });
        pages.chain(SiteFile::all().map(Resource::File))
    }
}

impl Resource {
    /// Its path in normal form.
    pub fn path(self) -> String {
        match self {
            Resource::Page { page, lang, format: None } => page_path(page, lang),
            Resource::Page { page, lang, format: Some(format) } => {
                format!("{}index.{}", page_path(page, lang), format.extension())
            }
            Resource::File(file) => file.path().to_owned(),
        }
    }
}

/// The path of `page` in `lang`, or the one that negotiates the language
/// when `None`: `/{lang}/{page}/`, `/{page}/`.
pub fn page_path(page: Page, lang: Option<Lang>) -> String {
    match lang {
        Some(lang) => format!("/{}/{}/", lang.code(), page.slug()),
        None => format!("/{}/", page.slug()),
    }
}

/// The fully explicit path of `page` in `variant`: `/{lang}/{page}/index.{ext}`.
pub fn variant_path(page: Page, variant: Variant) -> String {
    Resource::Page { page, lang: Some(variant.lang), format: Some(variant.format) }.path()
}

/// The canonical path of `page` in `variant`: the page's own URL for HTML,
/// where people and search engines find it, and [`variant_path`] otherwise.
pub fn canonical_path(page: Page, variant: Variant) -> String {
    match variant.format {
        Format::Html => page_path(page, Some(variant.lang)),
        _ => variant_path(page, variant),
    }
}

/// The most bytes of a path whose percent-encoded characters are decoded to
/// find a route: far more than any route's, far less than a request can hold.
pub const MAX_NORMALIZED_PATH: usize = 256;

/// The route of `path` (without the query string).
pub fn route(path: &str) -> Route {
    match exact_route(path) {
        Route::NotFound => match normal_form(path).map(|normal| exact_route(&normal)) {
            Some(Route::Resource(resource)) => Route::Moved(resource),
            Some(redirect @ Route::Redirect { .. }) => redirect,
            _ => Route::NotFound,
        },
        found => found,
    }
}

/// The route of `path` as it is spelled.
fn exact_route(path: &str) -> Route {
    if let Some(file) = SiteFile::from_path(path) {
        return Route::Resource(Resource::File(file));
    }
    let Some(relative) = path.strip_prefix('/') else { return Route::NotFound };
    let (lang, rest) = match split_segment(relative) {
        Some((code, rest)) => Lang::from_code(code).map_or((None, relative), |lang| (Some(lang), rest)),
        None => (None, relative),
    };
    if rest.is_empty() {
        return Route::Redirect { page: Page::HOME, to: lang, permanent: false };
    }
    let (slug, tail) = split_segment(rest).map_or((rest, None), |(slug, tail)| (slug, Some(tail)));
    let Some(page) = Page::from_slug(slug) else { return Route::NotFound };
    match tail {
        None => Route::Redirect { page, to: lang, permanent: true },
        Some("") => Route::Resource(Resource::Page { page, lang, format: None }),
        Some(file) => match file.strip_prefix("index.").and_then(Format::from_extension) {
            Some(format) => Route::Resource(Resource::Page { page, lang, format: Some(format) }),
            None => Route::NotFound,
        },
    }
}

/// `path`'s first segment and the rest after its `/`, if it has one. (A
/// byte search: `str::split_once` sets up a general pattern searcher, which
/// costs more than the few bytes of a segment.)
fn split_segment(path: &str) -> Option<(&str, &str)> {
    let at = path.bytes().position(|b| b == b'/')?;
    Some((path.get(..at)?, path.get(at + 1..)?))
}

/// `path` with its percent-encoded unreserved characters (letters, digits,
/// `-`, `.`, `_`, `~`) decoded, as RFC 3986 §6.2.2.2 compares URLs; `None`
/// if that changes nothing, or if the path is longer than
/// [`MAX_NORMALIZED_PATH`]. Other escapes (of reserved characters, `%00`)
/// stay as they are, and an invalid one (`%zz`, `%4`) is left too: neither
/// can then name a route.
fn normal_form(path: &str) -> Option<String> {
    if path.len() > MAX_NORMALIZED_PATH || !path.contains('%') {
        return None;
    }
    let bytes = path.as_bytes();
    let mut normal = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let decoded = match (byte, bytes.get(i + 1..i + 3)) {
            (b'%', Some(&[high, low])) => hex(high).zip(hex(low)).map(|(high, low)| high << 4 | low),
            _ => None,
        };
        match decoded {
            Some(byte) if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') => {
                normal.push(byte);
                i += 3;
            }
            _ => {
                normal.push(byte);
                i += 1;
            }
        }
    }
    let normal = String::from_utf8(normal).ok()?;
    (normal != path).then_some(normal)
}

/// The value of the hex digit `digit`.
fn hex(digit: u8) -> Option<u8> {
    char::from(digit).to_digit(16).and_then(|value| u8::try_from(value).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use Format::*;
    use Lang::*;

    /// The shipped site's page, for the table of its URLs.
    fn apropos() -> Page {
        Page::from_slug("apropos").expect("the shipped content has content/apropos.*.md")
    }

    fn page(lang: Option<Lang>, format: Option<Format>) -> Route {
        Route::Resource(Resource::Page { page: apropos(), lang, format })
    }

    fn file(file: SiteFile) -> Route {
        Route::Resource(Resource::File(file))
    }

    fn moved(lang: Option<Lang>, format: Option<Format>) -> Route {
        Route::Moved(Resource::Page { page: apropos(), lang, format })
    }

    fn redirect(permanent: bool, location: &'static str) -> Route {
        let to = Lang::ALL.into_iter().find(|lang| page_path(apropos(), Some(*lang)) == location);
        assert_eq!(page_path(apropos(), to), location);
        Route::Redirect { page: apropos(), to, permanent }
    }

    #[test]
    fn an_over_long_path_is_not_decoded() {
        let page = Page::HOME.slug();
        let long =
            format!("/%{:02X}{}/{}", page.as_bytes()[0], &page[1..], "%61".repeat(MAX_NORMALIZED_PATH));
        assert_eq!(route(&long), Route::NotFound);
        let padded = format!("/{}{page}/", "%2E/".repeat(2));
        assert_eq!(route(&padded), Route::NotFound);
    }

    #[test]
    fn resources_are_numbered_in_order_and_spelled_in_normal_form() {
        crate::index::tests::numbered_in_order::<Resource>();
        for resource in Resource::all() {
            let path = resource.path();
            assert_eq!(route(&path), Route::Resource(resource), "{path}");
            // Each of its characters percent-encoded names the same resource, moved.
            let encoded: String =
                path.bytes().map(|b| if b == b'/' { "/".to_owned() } else { format!("%{b:02X}") }).collect();
            assert_eq!(route(&encoded), Route::Moved(resource), "{encoded}");
        }
    }

    #[test]
    fn every_page_redirects_to_its_slash_and_the_root_to_the_home_page() {
        for page in Page::ALL {
            for lang in std::iter::once(None).chain(Lang::ALL.map(Some)) {
                let without_slash = page_path(page, lang).trim_end_matches('/').to_owned();
                assert_eq!(route(&without_slash), Route::Redirect { page, to: lang, permanent: true });
                let root = lang.map_or("/".to_owned(), |lang| format!("/{}/", lang.code()));
                assert_eq!(route(&root), Route::Redirect { page: Page::HOME, to: lang, permanent: false });
            }
        }
    }

    #[test]
    fn every_variant_has_one_explicit_and_one_canonical_path() {
        for page in Page::ALL {
            for variant in Variant::ALL {
                let explicit = variant_path(page, variant);
                let fixed = Resource::Page { page, lang: Some(variant.lang), format: Some(variant.format) };
                assert_eq!(route(&explicit), Route::Resource(fixed));
                let canonical = canonical_path(page, variant);
                assert_eq!(canonical == explicit, variant.format != Html, "{canonical}");
            }
        }
    }

    #[test]
    #[cfg_attr(not(shipped_content), ignore = "the shipped site's URLs")]
    fn route_table() {
        #[rustfmt::skip]
        let cases = [
            ("/apropos/", page(None, None)),
            ("/apropos/index.html", page(None, Some(Html))),
            ("/apropos/index.json", page(None, Some(Json))),
            ("/apropos/index.txt", page(None, Some(Text))),
            ("/apropos/index.md", page(None, Some(Markdown))),
            ("/fr/apropos/", page(Some(Fr), None)),
            ("/en/apropos/", page(Some(En), None)),
            ("/en/apropos/index.md", page(Some(En), Some(Markdown))),
            ("/fr/apropos/index.html", page(Some(Fr), Some(Html))),
            ("/", redirect(false, "/apropos/")),
            ("/en/", redirect(false, "/en/apropos/")),
            ("/apropos", redirect(true, "/apropos/")),
            ("/fr/apropos", redirect(true, "/fr/apropos/")),
            ("/en", Route::NotFound),
            ("", Route::NotFound),
            ("/de/apropos/", Route::NotFound),
            ("/EN/apropos/", Route::NotFound),
            ("/APROPOS/", Route::NotFound),
            ("/apropos/index.htm", Route::NotFound),
            ("/apropos/index", Route::NotFound),
            ("/apropos/index.html/", Route::NotFound),
            ("//apropos/", Route::NotFound),
            ("/apropos//", Route::NotFound),
            ("/fr/fr/apropos/", Route::NotFound),
            ("/en/apropos/../apropos/", Route::NotFound),
            ("/apropos/%00", Route::NotFound),
            ("/nope", Route::NotFound),
            ("/robots.txt", file(SiteFile::Robots)),
            ("/sitemap.xml", file(SiteFile::Sitemap)),
            ("/llms.txt", file(SiteFile::Llms)),
            ("/.well-known/security.txt", file(SiteFile::SecurityTxt)),
            ("/schema/page.schema.json", file(SiteFile::PageSchema)),
            ("/security.txt", Route::NotFound),
            ("/robots.txt/", Route::NotFound),
            ("/fr/robots.txt", Route::NotFound),
            ("/ROBOTS.TXT", Route::NotFound),
            // Percent-encoded unreserved characters: the route, moved to its normal form.
            ("/%61propos/", moved(None, None)),
            ("/%61%70%72%6F%70%6f%73/", moved(None, None)),
            ("/apropos/%69ndex.md", moved(None, Some(Markdown))),
            ("/%65n/apropos/index.json", moved(Some(En), Some(Json))),
            ("/robots%2etxt", Route::Moved(Resource::File(SiteFile::Robots))),
            ("/%2Ewell-known/security.txt", Route::Moved(Resource::File(SiteFile::SecurityTxt))),
            // …or, where the normal form is a redirect, that redirect itself.
            ("/%61propos", redirect(true, "/apropos/")),
            ("/%66r/", redirect(false, "/fr/apropos/")),
            // Escapes of reserved characters, NUL, invalid or partial escapes: not found.
            ("/apropos%2F", Route::NotFound),
            ("/apropos%2findex.html", Route::NotFound),
            ("/apropos/%00", Route::NotFound),
            ("/%zzpropos/", Route::NotFound),
            ("/apropos/index.m%", Route::NotFound),
            ("/apropos/index.m%6", Route::NotFound),
            ("/%C3%A0propos/", Route::NotFound),
            ("/%41PROPOS/", Route::NotFound),
        ];
        for (path, expected) in cases {
            assert_eq!(route(path), expected, "{path:?}");
        }
    }
}
