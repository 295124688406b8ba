//! The site an isolate serves: its configuration, and everything derived
//! from it that does not depend on the request — each representation's
//! bytes, ETag and headers, each status page — computed once, on first use,
//! and reused by every later request.

use std::sync::OnceLock;

use bytes::Bytes;
use http::header::CACHE_CONTROL;
use http::{HeaderMap, HeaderValue};

use crate::conditional::etag_for;
use crate::config::Config;
use crate::headers::{self, Shaped};
use crate::render;
use crate::status::Status;
use crate::variant::Variant;

/// One representation of the page, ready to send.
#[derive(Debug)]
pub struct Representation {
    /// The variant these bytes represent.
    pub variant: Variant,
    /// The body.
    pub body: Bytes,
    /// The strong entity tag of `body`.
    pub etag: HeaderValue,
    /// The headers of its `200`.
    pub headers: Shaped,
    /// The headers of its `304`.
    pub not_modified_headers: Shaped,
}

/// A status page in one variant, ready to send.
#[derive(Debug)]
pub struct StatusPage {
    /// The body.
    pub body: Bytes,
    /// Its headers (but for `Allow` on a 405).
    pub headers: Shaped,
}

/// Everything one isolate needs to answer requests.
#[derive(Debug)]
pub struct Site {
    config: Config,
    common_headers: HeaderMap,
    representations: [OnceLock<Option<Representation>>; Variant::ALL.len()],
    status_pages: [OnceLock<StatusPage>; Status::ALL.len() * Variant::ALL.len()],
}

impl Site {
    /// A site with `config`; nothing is rendered until first asked for.
    pub fn new(config: Config) -> Site {
        let common_headers = headers::common(render::STYLE_CSP_HASH);
        Site { config, common_headers, representations: Default::default(), status_pages: Default::default() }
    }

    /// The site's configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The headers every response carries (security, CORS).
    pub fn common_headers(&self) -> &HeaderMap {
        &self.common_headers
    }

    /// The representation of `variant`, rendered on first use; `None` only if
    /// the embedded content failed to render (which the tests rule out).
    pub fn representation(&self, variant: Variant) -> Option<&Representation> {
        let slot = self.representations.get(variant.index())?;
        slot.get_or_init(|| self.render(variant)).as_ref()
    }

    fn render(&self, variant: Variant) -> Option<Representation> {
        let body = render::render(variant, &self.config).map_err(|message| log_error(&message)).ok()?;
        let body = Bytes::from(body);
        let etag = etag_for(&body);
        let ok = headers::representation(variant, body.len(), &etag, &self.config, &self.common_headers);
        let not_modified = headers::not_modified(&ok);
        // Its fully explicit URL, sent as `Content-Location` when the page was negotiated.
        let location = HeaderValue::from_str(&variant.path()).ok();
        let headers = Shaped::new(&ok, location.as_ref(), &self.config);
        let not_modified_headers = Shaped::new(&not_modified, location.as_ref(), &self.config);
        Some(Representation { variant, body, etag, headers, not_modified_headers })
    }

    /// The page of `status` as `variant`, rendered on first use.
    pub fn status_page(&self, status: Status, variant: Variant) -> Option<&StatusPage> {
        let index = status as usize * Variant::ALL.len() + variant.index();
        let slot = self.status_pages.get(index)?;
        Some(slot.get_or_init(|| {
            let body = Bytes::from(status.body(variant, &self.config));
            let mut headers = headers::body(variant.format, variant.lang, body.len());
            headers.insert(CACHE_CONTROL, HeaderValue::from_static(headers::SHORT_CACHE_CONTROL));
            headers::with_common(&mut headers, &self.common_headers);
            StatusPage { body, headers: Shaped::new(&headers, None, &self.config) }
        }))
    }
}

/// Reports a problem that the tests should have caught before shipping.
pub(crate) fn log_error(message: &str) {
    #[cfg(target_arch = "wasm32")]
    crate::entry::log_error(message);
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("{message}");
}
