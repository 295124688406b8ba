//! The site an isolate serves: its configuration, and everything derived
//! from it that does not depend on the request, computed once, on first
//! use, and reused by every later request: each representation's bytes,
//! ETag and header sets, each site file's, each status page, and each other
//! [`HeaderSet`]'s headers. Every table is indexed by [`Finite::index`].

use std::sync::OnceLock;

use bytes::Bytes;
use http::{HeaderMap, HeaderValue};

use crate::conditional::etag_for;
use crate::config::Config;
use crate::files;
use crate::header_set::{HeaderSet, Shape, Vary};
use crate::headers;
use crate::index::{table, Finite};
use crate::log::{self, Event};
use crate::render;
use crate::routes::{page_path, variant_path, Resource, SiteFile};
use crate::status::Status;
use crate::variant::{Format, Page, Variant};

/// A page in one variant, or a site file, ready to send: its body, its
/// validator, and every set of headers it is sent with.
#[derive(Debug)]
pub struct Representation {
    /// The body.
    pub body: Bytes,
    /// The entity tag of `body` (weak: see [`etag_for`]).
    pub etag: HeaderValue,
    /// The headers of its `200` to a request that negotiated nothing.
    headers: HeaderMap,
    /// Its fully explicit URL, sent as `Content-Location` when it was negotiated.
    location: Option<HeaderValue>,
    /// Its header sets, by `(not_modified, shape)`.
    sets: Box<[OnceLock<HeaderMap>]>,
}

impl Representation {
    fn new(
        body: String,
        location: Option<HeaderValue>,
        headers: impl FnOnce(usize, &HeaderValue) -> HeaderMap,
    ) -> Self {
        let body = Bytes::from(body);
        let etag = etag_for(&body);
        let headers = headers(body.len(), &etag);
        Representation { body, etag, headers, location, sets: table::<(bool, Shape), _>() }
    }

    /// The headers of `set`, one of this representation's own (a
    /// [`HeaderSet::Page`] or [`HeaderSet::File`]), built on first use.
    pub fn headers(&self, set: HeaderSet, config: &Config) -> Option<&HeaderMap> {
        let (not_modified, shape) = match set {
            HeaderSet::Page { not_modified, shape, .. } => (not_modified, shape),
            HeaderSet::File { not_modified, secure, .. } => {
                (not_modified, Shape { vary: Vary::NONE, secure })
            }
            _ => return None,
        };
        let slot = self.sets.get((not_modified, shape).index())?;
        Some(slot.get_or_init(|| {
            let headers =
                if not_modified { headers::not_modified(&self.headers) } else { self.headers.clone() };
            set.complete(headers, self.location.as_ref(), config)
        }))
    }
}

/// A status page in one variant, ready to send.
#[derive(Debug)]
pub struct StatusPage {
    /// The body.
    pub body: Bytes,
}

/// Everything one isolate needs to answer requests.
#[derive(Debug)]
pub struct Site {
    config: Config,
    common_headers: HeaderMap,
    /// The headers of the 500 (never stored), which no rendering can fail to build.
    internal_error_headers: HeaderMap,
    /// Each page's representations, by `(Page, Variant)`.
    representations: Box<[OnceLock<Option<Representation>>]>,
    /// Each site file, by [`SiteFile`].
    files: Box<[OnceLock<Option<Representation>>]>,
    /// Each status page, by `(Status, Variant)`.
    status_pages: Box<[OnceLock<StatusPage>]>,
    /// The header sets that are no representation's own, by [`HeaderSet`].
    header_sets: Box<[OnceLock<HeaderMap>]>,
}

impl Site {
    /// A site with `config`; nothing is rendered until first asked for.
    pub fn new(config: Config) -> Site {
        let common_headers = headers::common(&config);
        let internal_error_headers =
            HeaderSet::InternalError.complete(headers::internal_error(&common_headers), None, &config);
        Site {
            common_headers,
            config,
            internal_error_headers,
            representations: table::<(Page, Variant), _>(),
            files: table::<SiteFile, _>(),
            status_pages: table::<(Status, Variant), _>(),
            header_sets: table::<HeaderSet, _>(),
        }
    }

    /// The site's configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// `page` in `variant`, rendered on first use; `None` only if the
    /// embedded content failed to render (logged; the tests rule it out).
    pub fn representation(&self, page: Page, variant: Variant) -> Option<&Representation> {
        let slot = self.representations.get((page, variant).index())?;
        slot.get_or_init(|| self.render(page, variant)).as_ref()
    }

    fn render(&self, page: Page, variant: Variant) -> Option<Representation> {
        let path = variant_path(page, variant);
        let body = render::render(page, variant, &self.config)
            .map_err(|error| log::error(&Event::RenderFailed { variant: &path, error: &error }))
            .ok()?;
        let tokens = (variant.format == Format::Markdown).then(|| render::estimate_tokens(&body));
        let (config, common) = (&self.config, &self.common_headers);
        Some(Representation::new(body, HeaderValue::from_str(&path).ok(), |length, etag| {
            headers::representation(page, variant, length, etag, tokens, config, common)
        }))
    }

    /// The site file `file`, written on first use; `None` only if the
    /// embedded content failed to render (logged).
    pub fn file(&self, file: SiteFile) -> Option<&Representation> {
        let slot = self.files.get(file.index())?;
        slot.get_or_init(|| {
            let body = files::body(file, &self.config)
                .map_err(|error| log::error(&Event::FileFailed { file: file.path(), error: &error }))
                .ok()?;
            let (config, common) = (&self.config, &self.common_headers);
            Some(Representation::new(body, None, |length, etag| {
                headers::site_file(file.content_type(), length, etag, config, common)
            }))
        })
        .as_ref()
    }

    /// The page of `status` as `variant`, rendered on first use.
    pub fn status_page(&self, status: Status, variant: Variant) -> Option<&StatusPage> {
        let slot = self.status_pages.get((status, variant).index())?;
        Some(slot.get_or_init(|| {
            let body = status.body(variant, &self.config).unwrap_or_else(|error| {
                log::error(&Event::StatusPageFailed {
                    status: status.code().as_u16(),
                    variant: &variant_path(Page::HOME, variant),
                    error: &error,
                });
                status.plain_html(variant.lang)
            });
            StatusPage { body: Bytes::from(body) }
        }))
    }

    /// The headers of `set`, built on first use; `None` only if what they
    /// describe failed to render. (The request path takes a representation's
    /// own sets from it, having found it: [`Representation::headers`].)
    pub fn headers(&self, set: HeaderSet) -> Option<&HeaderMap> {
        match set {
            HeaderSet::Page { page, variant, .. } => {
                self.representation(page, variant)?.headers(set, &self.config)
            }
            HeaderSet::File { file, .. } => self.file(file)?.headers(set, &self.config),
            HeaderSet::InternalError => Some(&self.internal_error_headers),
            _ => {
                let slot = self.header_sets.get(set.index())?;
                if let Some(headers) = slot.get() {
                    return Some(headers);
                }
                let headers = self.build_headers(set)?;
                Some(slot.get_or_init(|| headers))
            }
        }
    }

    /// The headers of the `500` sent when the content failed to render.
    pub fn internal_error_headers(&self) -> &HeaderMap {
        &self.internal_error_headers
    }

    /// The headers of a set that is no representation's own.
    fn build_headers(&self, set: HeaderSet) -> Option<HeaderMap> {
        let common = &self.common_headers;
        let location = |path: String| HeaderValue::from_str(&path).ok();
        let headers = match set {
            HeaderSet::Moved { to, .. } => headers::redirect(location(to.path())?, true, common),
            HeaderSet::Status { status, variant, .. } => {
                let length = self.status_page(status, variant)?.body.len();
                let allow = status == Status::MethodNotAllowed;
                headers::status_page(variant, length, allow, common)
            }
            HeaderSet::Redirect { page, to, permanent, .. } => {
                headers::redirect(location(page_path(page, to))?, permanent, common)
            }
            HeaderSet::Chosen { page, lang, format, .. } => {
                let to = Resource::Page { page, lang: Some(lang), format };
                headers::language_redirect(location(to.path())?, &self.config, common)
            }
            HeaderSet::Options { .. } => headers::options(common),
            HeaderSet::Page { .. } | HeaderSet::File { .. } | HeaderSet::InternalError => return None,
        };
        Some(set.complete(headers, None, &self.config))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_header_set_is_built() {
        let site = Site::new(Config::default());
        for set in HeaderSet::all() {
            let headers = site.headers(set).unwrap_or_else(|| panic!("{set:?} was not built"));
            let is_body = matches!(
                set,
                HeaderSet::Page { not_modified: false, .. }
                    | HeaderSet::File { not_modified: false, .. }
                    | HeaderSet::Status { .. }
                    | HeaderSet::InternalError
            );
            assert_eq!(headers.contains_key(http::header::CONTENT_TYPE), is_body, "{set:?}");
            assert!(std::ptr::eq(headers, site.headers(set).unwrap()), "{set:?} is built once");
        }
    }
}
