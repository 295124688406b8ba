//! The site an isolate serves: its configuration, and everything derived
//! from it that does not depend on the request, computed once, on first
//! use, and reused by every later request: each representation's bytes and
//! ETag, each status page, and each [`HeaderSet`]'s headers.

use std::sync::OnceLock;

use bytes::Bytes;
use http::{HeaderMap, HeaderValue};

use crate::conditional::etag_for;
use crate::config::Config;
use crate::files;
use crate::header_set::HeaderSet;
use crate::headers;
use crate::log::{self, Event};
use crate::render;
use crate::routes::{page_path, Resource, SiteFile};
use crate::status::Status;
use crate::variant::{Format, Variant};

/// One representation of the page, or a site file, ready to send.
#[derive(Debug)]
pub struct Representation {
    /// The body.
    pub body: Bytes,
    /// The entity tag of `body` (weak: see [`etag_for`]).
    pub etag: HeaderValue,
    /// The headers of its `200` to a request that negotiated nothing.
    headers: HeaderMap,
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
    representations: [OnceLock<Option<Representation>>; Variant::ALL.len()],
    files: [OnceLock<Option<Representation>>; SiteFile::ALL.len()],
    status_pages: [OnceLock<StatusPage>; Status::ALL.len() * Variant::ALL.len()],
    /// Each header set, by [`HeaderSet::id`].
    header_sets: Box<[OnceLock<HeaderMap>]>,
}

impl Site {
    /// A site with `config`; nothing is rendered until first asked for.
    pub fn new(config: Config) -> Site {
        let common_headers = headers::common(&config);
        let internal_error_headers =
            of_set(HeaderSet::InternalError, headers::internal_error(&common_headers), None, &config);
        Site {
            common_headers,
            config,
            internal_error_headers,
            representations: Default::default(),
            files: Default::default(),
            status_pages: Default::default(),
            header_sets: (0..HeaderSet::COUNT).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The site's configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The representation of `variant`, rendered on first use; `None` only if
    /// the embedded content failed to render (logged; the tests rule it out).
    pub fn representation(&self, variant: Variant) -> Option<&Representation> {
        let slot = self.representations.get(variant.index())?;
        slot.get_or_init(|| self.render(variant)).as_ref()
    }

    fn render(&self, variant: Variant) -> Option<Representation> {
        let body = render::render(variant, &self.config)
            .map_err(|error| log::error(&Event::RenderFailed { variant: &variant.path(), error: &error }))
            .ok()?;
        let tokens = (variant.format == Format::Markdown).then(|| render::estimate_tokens(&body));
        let body = Bytes::from(body);
        let etag = etag_for(&body);
        let headers =
            headers::representation(variant, body.len(), &etag, tokens, &self.config, &self.common_headers);
        Some(Representation { body, etag, headers })
    }

    /// The site file `file`, written on first use; `None` only if the
    /// embedded content failed to render (logged).
    pub fn file(&self, file: SiteFile) -> Option<&Representation> {
        let slot = self.files.get(file as usize)?;
        slot.get_or_init(|| {
            let body = files::body(file, &self.config)
                .map_err(|error| log::error(&Event::FileFailed { file: file.path(), error: &error }))
                .ok()?;
            let body = Bytes::from(body);
            let etag = etag_for(&body);
            let headers = headers::site_file(
                file.content_type(),
                body.len(),
                &etag,
                &self.config,
                &self.common_headers,
            );
            Some(Representation { body, etag, headers })
        })
        .as_ref()
    }

    /// The page of `status` as `variant`, rendered on first use.
    pub fn status_page(&self, status: Status, variant: Variant) -> Option<&StatusPage> {
        let slot = self.status_pages.get(status as usize * Variant::ALL.len() + variant.index())?;
        Some(slot.get_or_init(|| {
            let body = status.body(variant, &self.config).unwrap_or_else(|error| {
                let code = status.code().as_u16();
                log::error(&Event::StatusPageFailed {
                    status: code,
                    variant: &variant.path(),
                    error: &error,
                });
                status.plain_html(variant.lang)
            });
            StatusPage { body: Bytes::from(body) }
        }))
    }

    /// The headers of `set`, built on first use; `None` only if what they
    /// describe failed to render.
    pub fn headers(&self, set: HeaderSet) -> Option<&HeaderMap> {
        let slot = self.header_sets.get(set.id())?;
        if let Some(headers) = slot.get() {
            return Some(headers);
        }
        let headers = self.build_headers(set)?;
        Some(slot.get_or_init(|| headers))
    }

    /// The headers of the `500` sent when the content failed to render.
    pub fn internal_error_headers(&self) -> &HeaderMap {
        &self.internal_error_headers
    }

    fn build_headers(&self, set: HeaderSet) -> Option<HeaderMap> {
        let common = &self.common_headers;
        let (headers, location) = match set {
            HeaderSet::Page { variant, not_modified, .. } => {
                let ok = &self.representation(variant)?.headers;
                let headers = if not_modified { headers::not_modified(ok) } else { ok.clone() };
                // Its fully explicit URL, sent as `Content-Location` when the page was negotiated.
                (headers, HeaderValue::from_str(&variant.path()).ok())
            }
            HeaderSet::File { file, not_modified, .. } => {
                let ok = &self.file(file)?.headers;
                (if not_modified { headers::not_modified(ok) } else { ok.clone() }, None)
            }
            HeaderSet::Moved { to, .. } => {
                let location = HeaderValue::from_str(&to.path()).ok()?;
                (headers::redirect(location, true, common), None)
            }
            HeaderSet::Status { status, variant, .. } => {
                let length = self.status_page(status, variant)?.body.len();
                let allow = status == Status::MethodNotAllowed;
                (headers::status_page(variant, length, allow, common), None)
            }
            HeaderSet::Redirect { to, permanent, .. } => {
                (headers::redirect(HeaderValue::from_static(page_path(to)), permanent, common), None)
            }
            HeaderSet::Chosen { lang, format, .. } => {
                let location =
                    HeaderValue::from_str(&Resource::Page { lang: Some(lang), format }.path()).ok()?;
                (headers::language_redirect(location, &self.config, common), None)
            }
            HeaderSet::Options { .. } => (headers::options(common), None),
            HeaderSet::InternalError => return Some(self.internal_error_headers.clone()),
        };
        Some(of_set(set, headers, location.as_ref(), &self.config))
    }
}

/// `headers` with what `set` adds to them: its shape's (`Vary`, then
/// `Content-Location` from `location`, HSTS) and its `Cache-Tag`.
fn of_set(
    set: HeaderSet,
    mut headers: HeaderMap,
    location: Option<&HeaderValue>,
    config: &Config,
) -> HeaderMap {
    set.shape().apply(&mut headers, location, set.encodable(), config);
    if let Ok(tags) = HeaderValue::from_str(&set.cache_tags()) {
        headers.insert(headers::CACHE_TAG, tags);
    }
    headers
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
