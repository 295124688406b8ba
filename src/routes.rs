//! The URL scheme: what a path names.
//!
//! | path | names |
//! |---|---|
//! | `/{lang}/apropos/index.{ext}` | one variant exactly |
//! | `/{lang}/apropos/` | a language; the format is negotiated (the canonical URL) |
//! | `/apropos/index.{ext}` | a format; the language is negotiated |
//! | `/apropos/` | the page (historical permalink); both are negotiated |
//! | `/apropos`, `/{lang}/apropos` | `301` to the same with a trailing slash |
//! | `/`, `/{lang}/` | `302` to the page |
//! | `/robots.txt`, `/sitemap.xml`, `/llms.txt`, `/.well-known/security.txt`, `/schema/page.schema.json` | a [`SiteFile`] |
//!
//! `lang` is a [`Lang::code`], `ext` a [`Format::extension`]. A path that
//! names one of these only once its percent-encoded unreserved characters
//! are decoded (`/%61propos/`, the same URL as `/apropos/` by RFC 3986
//! §6.2.2.2) is [`Route::Moved`] to its normal form. Anything else is not
//! found. The query string is not part of the path and never matters.

use crate::variant::{Format, Lang, Variant};

/// What a path names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// The page, with what the URL fixes; the rest is negotiated.
    Page {
        /// The language the URL names, if any.
        lang: Option<Lang>,
        /// The format the URL names, if any.
        format: Option<Format>,
    },
    /// One of the site's files.
    File(SiteFile),
    /// A redirect to the page, permanent (`301`) or not (`302`).
    Redirect {
        /// Whether the redirect is permanent.
        permanent: bool,
        /// The page's language in the URL to go to ([`page_path`]), if any.
        to: Option<Lang>,
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

/// A resource a path can name: the page (with what the URL fixes), or a
/// site file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    /// The page.
    Page {
        /// The language the URL names, if any.
        lang: Option<Lang>,
        /// The format the URL names, if any.
        format: Option<Format>,
    },
    /// A site file.
    File(SiteFile),
}

impl Resource {
    /// How many resources there are.
    pub const COUNT: usize = (Lang::ALL.len() + 1) * (Format::ALL.len() + 1) + SiteFile::ALL.len();

    /// Its place among the [`Resource::COUNT`].
    pub const fn index(self) -> usize {
        match self {
            Resource::Page { lang, format } => {
                let lang = match lang {
                    None => 0,
                    Some(lang) => 1 + lang as usize,
                };
                let format = match format {
                    None => 0,
                    Some(format) => 1 + format as usize,
                };
                lang * (Format::ALL.len() + 1) + format
            }
            Resource::File(file) => (Lang::ALL.len() + 1) * (Format::ALL.len() + 1) + file as usize,
        }
    }

    /// Every resource, in the order of [`Resource::index`].
    pub fn all() -> impl Iterator<Item = Resource> {
        let langs = std::iter::once(None).chain(Lang::ALL.map(Some));
        let pages = langs.flat_map(|lang| {
            std::iter::once(None)
                .chain(Format::ALL.map(Some))
                .map(move |format| Resource::Page { lang, format })
        });
        pages.chain(SiteFile::ALL.map(Resource::File))
    }

    /// Its path in normal form.
    pub fn path(self) -> String {
        match self {
            Resource::Page { lang, format: None } => page_path(lang).to_owned(),
            Resource::Page { lang: Some(lang), format: Some(format) } => Variant { lang, format }.path(),
            Resource::Page { lang: None, format: Some(format) } => {
                format!("/apropos/index.{}", format.extension())
            }
            Resource::File(file) => file.path().to_owned(),
        }
    }
}

/// The most bytes of a path whose percent-encoded characters are decoded to
/// find a route: far more than any route's, far less than a request can hold.
pub const MAX_NORMALIZED_PATH: usize = 256;

/// The route of `path` (without the query string).
pub fn route(path: &str) -> Route {
    match exact_route(path) {
        Route::NotFound => match normal_form(path).map(|normal| exact_route(&normal)) {
            Some(Route::Page { lang, format }) => Route::Moved(Resource::Page { lang, format }),
            Some(Route::File(file)) => Route::Moved(Resource::File(file)),
            Some(redirect @ Route::Redirect { .. }) => redirect,
            _ => Route::NotFound,
        },
        found => found,
    }
}

/// The route of `path` as it is spelled.
fn exact_route(path: &str) -> Route {
    if let Some(file) = SiteFile::from_path(path) {
        return Route::File(file);
    }
    let Some(relative) = path.strip_prefix('/') else { return Route::NotFound };
    let (lang, rest) = match relative.split_once('/') {
        Some((code, rest)) => Lang::from_code(code).map_or((None, relative), |lang| (Some(lang), rest)),
        None => (None, relative),
    };
    match rest {
        "" => Route::Redirect { permanent: false, to: lang },
        "apropos" => Route::Redirect { permanent: true, to: lang },
        "apropos/" => Route::Page { lang, format: None },
        _ => match rest.strip_prefix("apropos/index.").and_then(Format::from_extension) {
            Some(format) => Route::Page { lang, format: Some(format) },
            None => Route::NotFound,
        },
    }
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

/// The page's path in `lang`, or the one that negotiates it when `None`.
pub const fn page_path(lang: Option<Lang>) -> &'static str {
    match lang {
        None => "/apropos/",
        Some(Lang::Fr) => "/fr/apropos/",
        Some(Lang::En) => "/en/apropos/",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Format::*;
    use Lang::*;

    fn page(lang: Option<Lang>, format: Option<Format>) -> Route {
        Route::Page { lang, format }
    }

    fn redirect(permanent: bool, location: &'static str) -> Route {
        let to = Lang::ALL.into_iter().find(|lang| page_path(Some(*lang)) == location);
        assert_eq!(page_path(to), location);
        Route::Redirect { permanent, to }
    }

    #[test]
    fn an_over_long_path_is_not_decoded() {
        let long = format!("/%61propos/{}", "%61".repeat(MAX_NORMALIZED_PATH));
        assert_eq!(route(&long), Route::NotFound);
        let padded = format!("/{}apropos/", "%2E/".repeat(2));
        assert_eq!(route(&padded), Route::NotFound);
    }

    #[test]
    fn resources_are_numbered_in_order_and_spelled_in_normal_form() {
        for (i, resource) in Resource::all().enumerate() {
            assert_eq!(resource.index(), i, "{resource:?}");
            let path = resource.path();
            let expected = match resource {
                Resource::Page { lang, format } => Route::Page { lang, format },
                Resource::File(file) => Route::File(file),
            };
            assert_eq!(route(&path), expected, "{path}");
        }
        assert_eq!(Resource::all().count(), Resource::COUNT);
    }

    #[test]
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
            ("/robots.txt", Route::File(SiteFile::Robots)),
            ("/sitemap.xml", Route::File(SiteFile::Sitemap)),
            ("/llms.txt", Route::File(SiteFile::Llms)),
            ("/.well-known/security.txt", Route::File(SiteFile::SecurityTxt)),
            ("/schema/page.schema.json", Route::File(SiteFile::PageSchema)),
            ("/security.txt", Route::NotFound),
            ("/robots.txt/", Route::NotFound),
            ("/fr/robots.txt", Route::NotFound),
            ("/ROBOTS.TXT", Route::NotFound),
            // Percent-encoded unreserved characters: the route, moved to its normal form.
            ("/%61propos/", Route::Moved(Resource::Page { lang: None, format: None })),
            ("/%61%70%72%6F%70%6f%73/", Route::Moved(Resource::Page { lang: None, format: None })),
            ("/apropos/%69ndex.md", Route::Moved(Resource::Page { lang: None, format: Some(Markdown) })),
            ("/%65n/apropos/index.json", Route::Moved(Resource::Page { lang: Some(En), format: Some(Json) })),
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
