//! Every set of response headers the site can send, each named by its
//! [`Finite::index`]: each page representation's `200` and `304` and each
//! status page, in every [`Shape`] of request, each site file's, the
//! redirects (the `302` to the language chosen among them), `OPTIONS`, the
//! `500`. The [`Site`](crate::site::Site) builds each set once per isolate,
//! and the wasm entry keeps one runtime `Response` init per set, so a
//! request only names the set it is answered with.
//!
//! What of a set's headers depends on the request rather than on what it
//! answers with is decided here, each in this one place: `Vary` (what was
//! negotiated, and `Accept-Encoding` where the edge may compress),
//! `Content-Location` and `Strict-Transport-Security` ([`Shape`]); and
//! `Cache-Tag` ([`HeaderSet::cache_tags`]), which names what a purge drops.
//! [`HeaderSet::complete`] adds them to the headers `crate::headers` makes.

use http::header::{CONTENT_LOCATION, STRICT_TRANSPORT_SECURITY, VARY};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

use crate::config::Config;
use crate::index::{offsets, Finite};
use crate::routes::{Resource, SiteFile};
use crate::status::Status;
use crate::variant::{Format, Lang, Page, Variant};

/// `Cache-Tag`: the names a purge of the edge cache can drop a response by
/// (see [`HeaderSet::cache_tags`]); the edge does not pass it on to clients.
pub const CACHE_TAG: HeaderName = HeaderName::from_static("cache-tag");

/// The request headers a response varied on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Vary {
    /// The format was negotiated from `Accept`.
    pub accept: bool,
    /// The language was negotiated from `Accept-Language`.
    pub accept_language: bool,
}

impl Vary {
    /// Nothing was negotiated.
    pub const NONE: Vary = Vary { accept: false, accept_language: false };

    /// The `Vary` value naming what was negotiated, and `Accept-Encoding`
    /// when `encodable` (the response has a body, or stands for one, that the
    /// edge may compress: a cache must then not give the gzip bytes to a
    /// client that did not ask for them); `None` if that names nothing.
    pub fn header(self, encodable: bool) -> Option<HeaderValue> {
        let names = [
            (self.accept, "Accept"),
            (self.accept_language, "Accept-Language"),
            (encodable, "Accept-Encoding"),
        ];
        let value = names.iter().filter(|(on, _)| *on).map(|(_, name)| *name).collect::<Vec<_>>().join(", ");
        (!value.is_empty()).then(|| HeaderValue::from_str(&value).ok()).flatten()
    }

    /// Whether anything was negotiated.
    pub fn any(self) -> bool {
        self.accept || self.accept_language
    }
}

/// What of a response's headers depends on the request beyond the resource
/// it names: what was negotiated (`Vary`), and whether it came over HTTPS
/// (`Strict-Transport-Security`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    /// What was negotiated.
    pub vary: Vary,
    /// The request came over HTTPS.
    pub secure: bool,
}

impl Shape {
    /// The shape of the answer at a URL that fixes `lang` and `format`:
    /// what it leaves open is negotiated.
    pub fn at(lang: Option<Lang>, format: Option<Format>, secure: bool) -> Shape {
        Shape { vary: Vary { accept: format.is_none(), accept_language: lang.is_none() }, secure }
    }

    /// Adds to `headers` what this shape adds to a response: `Vary` (with
    /// `Accept-Encoding` when `encodable`: see [`Vary::header`]), and then
    /// `content_location` (the URL of what was chosen) if anything was
    /// negotiated; and `Strict-Transport-Security` over HTTPS only, as a
    /// server must not send it over plain HTTP (RFC 6797 §7.2).
    fn apply(
        self,
        headers: &mut HeaderMap,
        content_location: Option<&HeaderValue>,
        encodable: bool,
        config: &Config,
    ) {
        if let Some(vary) = self.vary.header(encodable) {
            headers.insert(VARY, vary);
        }
        if let (true, Some(location)) = (self.vary.any(), content_location) {
            headers.insert(CONTENT_LOCATION, location.clone());
        }
        if self.secure {
            headers.insert(STRICT_TRANSPORT_SECURITY, config.strict_transport_security.clone());
        }
    }
}

impl Finite for Shape {
    const COUNT: usize = <(bool, bool, bool)>::COUNT;

    fn index(self) -> usize {
        (self.secure, self.vary.accept_language, self.vary.accept).index()
    }

    fn all() -> impl Iterator<Item = Self> + Clone {
        <(bool, bool, bool)>::all()
            .map(|(secure, accept_language, accept)| Shape { vary: Vary { accept, accept_language }, secure })
    }
}

/// One set of response headers, with the status it is sent with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderSet {
    /// A page representation's `200`, or its `304` when `not_modified`.
    Page {
        /// The page.
        page: Page,
        /// Its language and format.
        variant: Variant,
        /// Whether this is the `304 Not Modified`.
        not_modified: bool,
        /// The request's shape.
        shape: Shape,
    },
    /// A site file's `200`, or its `304` when `not_modified`.
    File {
        /// The file.
        file: SiteFile,
        /// Whether this is the `304 Not Modified`.
        not_modified: bool,
        /// The request came over HTTPS.
        secure: bool,
    },
    /// A status page.
    Status {
        /// The status.
        status: Status,
        /// The page's language and format.
        variant: Variant,
        /// The request's shape.
        shape: Shape,
    },
    /// A redirect to a page ([`crate::routes::page_path`] of `page` and `to`).
    Redirect {
        /// The page.
        page: Page,
        /// The language of the URL it leads to, if any.
        to: Option<Lang>,
        /// `301` rather than `302`.
        permanent: bool,
        /// The request came over HTTPS.
        secure: bool,
    },
    /// `302` from a URL that leaves the language open, to the URL of the
    /// language `Accept-Language` chose: `page` in `lang`, in `format` if
    /// the URL fixed one.
    Chosen {
        /// The page.
        page: Page,
        /// The language chosen.
        lang: Lang,
        /// The format the URL fixed, if any.
        format: Option<Format>,
        /// The request came over HTTPS.
        secure: bool,
    },
    /// `301` from a path not in its normal form to `to`'s.
    Moved {
        /// What the path names.
        to: Resource,
        /// The request came over HTTPS.
        secure: bool,
    },
    /// `204` to `OPTIONS`.
    Options {
        /// The request came over HTTPS.
        secure: bool,
    },
    /// `500`, when the embedded content failed to render.
    InternalError,
}

/// Where each kind of set starts among the ids, in the order of [`HeaderSet`]'s variants.
const KINDS: [usize; 8] = offsets([
    <(Page, Variant, bool, Shape)>::COUNT,
    <(SiteFile, bool, bool)>::COUNT,
    <(Status, Variant, Shape)>::COUNT,
    <(Page, Option<Lang>, bool, bool)>::COUNT,
    <(Page, Lang, Option<Format>, bool)>::COUNT,
    <(Resource, bool)>::COUNT,
    bool::COUNT,
    1,
]);

impl Finite for HeaderSet {
    const COUNT: usize = KINDS[7] + 1;

    fn index(self) -> usize {
        match self {
            HeaderSet::Page { page, variant, not_modified, shape } => {
                KINDS[0] + (page, variant, not_modified, shape).index()
            }
            HeaderSet::File { file, not_modified, secure } => KINDS[1] + (file, not_modified, secure).index(),
            HeaderSet::Status { status, variant, shape } => KINDS[2] + (status, variant, shape).index(),
            HeaderSet::Redirect { page, to, permanent, secure } => {
                KINDS[3] + (page, to, permanent, secure).index()
            }
            HeaderSet::Chosen { page, lang, format, secure } => {
                KINDS[4] + (page, lang, format, secure).index()
            }
            HeaderSet::Moved { to, secure } => KINDS[5] + (to, secure).index(),
            HeaderSet::Options { secure } => KINDS[6] + secure.index(),
            HeaderSet::InternalError => KINDS[7],
        }
    }

    fn all() -> impl Iterator<Item = Self> + Clone {
        let pages = <(Page, Variant, bool, Shape)>::all().map(|(page, variant, not_modified, shape)| {
            HeaderSet::Page { page, variant, not_modified, shape }
        });
        let files = <(SiteFile, bool, bool)>::all().map(|(file, not_modified, secure)| HeaderSet::File {
            file,
            not_modified,
            secure,
        });
        let status_pages = <(Status, Variant, Shape)>::all()
            .map(|(status, variant, shape)| HeaderSet::Status { status, variant, shape });
        let redirects = <(Page, Option<Lang>, bool, bool)>::all()
            .map(|(page, to, permanent, secure)| HeaderSet::Redirect { page, to, permanent, secure });
        let chosen = <(Page, Lang, Option<Format>, bool)>::all()
            .map(|(page, lang, format, secure)| HeaderSet::Chosen { page, lang, format, secure });
        let moves = <(Resource, bool)>::all().map(|(to, secure)| HeaderSet::Moved { to, secure });
        let options = bool::all().map(|secure| HeaderSet::Options { secure });
        pages
            .chain(files)
            .chain(status_pages)
            .chain(redirects)
            .chain(chosen)
            .chain(moves)
            .chain(options)
            .chain(std::iter::once(HeaderSet::InternalError))
    }
}

impl HeaderSet {
    /// The status these headers are sent with.
    pub fn status(self) -> StatusCode {
        match self {
            HeaderSet::Page { not_modified: false, .. } => StatusCode::OK,
            HeaderSet::Page { not_modified: true, .. } => StatusCode::NOT_MODIFIED,
            HeaderSet::File { not_modified: false, .. } => StatusCode::OK,
            HeaderSet::File { not_modified: true, .. } => StatusCode::NOT_MODIFIED,
            HeaderSet::Moved { .. } => StatusCode::MOVED_PERMANENTLY,
            HeaderSet::Status { status, .. } => status.code(),
            HeaderSet::Redirect { permanent: true, .. } => StatusCode::MOVED_PERMANENTLY,
            HeaderSet::Redirect { permanent: false, .. } | HeaderSet::Chosen { .. } => StatusCode::FOUND,
            HeaderSet::Options { .. } => StatusCode::NO_CONTENT,
            HeaderSet::InternalError => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The shape of a request answered with this set: what it negotiated,
    /// and whether it came over HTTPS.
    pub fn shape(self) -> Shape {
        match self {
            HeaderSet::Page { shape, .. } | HeaderSet::Status { shape, .. } => shape,
            HeaderSet::File { secure, .. }
            | HeaderSet::Redirect { secure, .. }
            | HeaderSet::Moved { secure, .. }
            | HeaderSet::Options { secure } => Shape { vary: Vary::NONE, secure },
            HeaderSet::Chosen { secure, .. } => {
                Shape { vary: Vary { accept: false, accept_language: true }, secure }
            }
            HeaderSet::InternalError => Shape { vary: Vary::NONE, secure: false },
        }
    }

    /// Whether the edge may compress what goes with these headers, which
    /// must then name `Accept-Encoding` in `Vary`: every body (all are text),
    /// a `304` for the body it stands for, and a redirect's empty body too,
    /// which a runtime may encode all the same (`wrangler dev` gzips it). Not
    /// the `204` to `OPTIONS`, which has no body at all.
    pub fn encodable(self) -> bool {
        !matches!(self, HeaderSet::Options { .. })
    }

    /// The `Cache-Tag` of these headers: what a purge can name to drop the
    /// responses sent with them. Every answer about a page has its slug, and
    /// `{slug}:{lang}` or `{slug}:{ext}` when it is about one language or one
    /// format (a redirect, about the resource it leads to); a site file has
    /// `files` and `file:{path}`; a status page `status` and `status:{code}`.
    pub fn cache_tags(self) -> String {
        let page = |page: Page, lang: Option<Lang>, format: Option<Format>| {
            let slug = page.slug();
            let mut tags = vec![slug.to_owned()];
            tags.extend(lang.map(|lang| format!("{slug}:{}", lang.code())));
            tags.extend(format.map(|format| format!("{slug}:{}", format.extension())));
            tags.join(",")
        };
        let file = |file: SiteFile| format!("files,file:{}", file.path());
        match self {
            HeaderSet::Page { page: p, variant, .. } => page(p, Some(variant.lang), Some(variant.format)),
            HeaderSet::Chosen { page: p, lang, format, .. } => page(p, Some(lang), format),
            HeaderSet::Redirect { page: p, to, .. } => page(p, to, None),
            HeaderSet::Moved { to: Resource::Page { page: p, lang, format }, .. } => page(p, lang, format),
            HeaderSet::Moved { to: Resource::File(to), .. } | HeaderSet::File { file: to, .. } => file(to),
            HeaderSet::Status { status, .. } => format!("status,status:{}", status.code().as_u16()),
            HeaderSet::Options { .. } => "options".to_owned(),
            HeaderSet::InternalError => "status,status:500".to_owned(),
        }
    }

    /// `headers` with what this set adds to them: its shape's (`Vary`, then
    /// `Content-Location` from `location`, HSTS) and its `Cache-Tag`.
    pub fn complete(
        self,
        mut headers: HeaderMap,
        location: Option<&HeaderValue>,
        config: &Config,
    ) -> HeaderMap {
        self.shape().apply(&mut headers, location, self.encodable(), config);
        if let Ok(tags) = HeaderValue::from_str(&self.cache_tags()) {
            headers.insert(CACHE_TAG, tags);
        }
        headers
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_set_has_its_own_id_and_ids_have_no_gap() {
        crate::index::tests::numbered_in_order::<Shape>();
        crate::index::tests::numbered_in_order::<HeaderSet>();
    }

    #[test]
    fn vary_names_exactly_what_was_negotiated_and_the_encoding() {
        let vary = |accept, accept_language, encodable| Vary { accept, accept_language }.header(encodable);
        assert_eq!(vary(true, true, true).unwrap(), "Accept, Accept-Language, Accept-Encoding");
        assert_eq!(vary(true, true, false).unwrap(), "Accept, Accept-Language");
        assert_eq!(vary(true, false, false).unwrap(), "Accept");
        assert_eq!(vary(false, true, true).unwrap(), "Accept-Language, Accept-Encoding");
        assert_eq!(vary(false, false, true).unwrap(), "Accept-Encoding");
        assert_eq!(vary(false, false, false), None);
    }

    #[test]
    fn cache_tags_name_the_page_its_language_and_format() {
        for page in Page::ALL {
            let slug = page.slug();
            for variant in Variant::ALL {
                let (lang, ext) = (variant.lang.code(), variant.format.extension());
                let shape = Shape { vary: Vary::NONE, secure: true };
                let set = HeaderSet::Page { page, variant, not_modified: true, shape };
                assert_eq!(set.cache_tags(), format!("{slug},{slug}:{lang},{slug}:{ext}"));
                let chosen = HeaderSet::Chosen { page, lang: variant.lang, format: None, secure: false };
                assert_eq!(chosen.cache_tags(), format!("{slug},{slug}:{lang}"));
            }
        }
        let file = HeaderSet::File { file: SiteFile::Robots, not_modified: false, secure: false };
        assert_eq!(file.cache_tags(), "files,file:/robots.txt");
        // Tags are printable ASCII without spaces or commas of their own, as the edge requires.
        for set in HeaderSet::all() {
            for tag in set.cache_tags().split(',') {
                assert!(!tag.is_empty() && tag.bytes().all(|b| b.is_ascii_graphic()), "{set:?}: {tag:?}");
            }
        }
    }
}
