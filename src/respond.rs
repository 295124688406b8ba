//! The request path, the pure core: route, negotiate, check preconditions,
//! answer. Nothing is rendered or built per request: the bodies and headers
//! come ready-made from the [`Site`]; a request only chooses among them.

use bytes::Bytes;
use http::{request::Parts, HeaderMap, Method, Response, StatusCode};

use crate::conditional::none_match;
use crate::head::{Head, REQUEST_HEADERS};
use crate::header_set::{HeaderSet, Shape};
use crate::headers;
use crate::negotiate::{negotiate_format, negotiate_language};
use crate::routes::{route, Resource, Route, SiteFile};
use crate::site::{Representation, Site};
use crate::status::Status;
use crate::syntax::{combined, trim};
use crate::variant::{Format, Lang, Page, Variant};

/// The path that, in a build with the test-only `trap` feature, panics: the
/// end-to-end tests use it to check that a trap fails only its own request.
#[cfg(feature = "trap")]
pub const TRAP_PATH: &str = "/.trap";

/// An answer: a status, the headers the site holds for it, and a body.
#[derive(Debug)]
pub struct Answer<'a> {
    /// The status.
    pub status: StatusCode,
    /// The name of the headers.
    pub set: HeaderSet,
    /// The headers, as the site holds them.
    pub headers: &'a HeaderMap,
    /// The body (empty for `HEAD`).
    pub body: Bytes,
}

impl Answer<'_> {
    /// This answer as an `http` response.
    pub fn into_response(self) -> Response<Bytes> {
        let mut response = Response::new(self.body);
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        response
    }
}

/// [`answer`] to a request given as `http` parts, as an `http` response:
/// what the native tests, benchmarks and fuzz targets call. The request's
/// head is read as the runtime hands it to the wasm entry: its URL as text,
/// each header's lines joined.
pub fn respond(site: &Site, request: &Parts) -> Response<Bytes> {
    let url = request.uri.to_string();
    let values = REQUEST_HEADERS
        .each_ref()
        .map(|name| request.headers.contains_key(name).then(|| combined(request.headers.get_all(name))));
    let head = Head::new(request.method.as_str(), &url, values.each_ref().map(|value| value.as_deref()));
    answer(site, &head).into_response()
}

/// Answers one request. Total: every method, path and header value gets a
/// defined answer, and none a `5xx` (but for content that failed to render,
/// which the tests rule out before it ships).
///
/// `HEAD` is answered as `GET`, with the same headers and no body.
pub fn answer<'s>(site: &'s Site, request: &Head<'_>) -> Answer<'s> {
    #[cfg(feature = "trap")]
    if request.path == TRAP_PATH {
        panic!("/.trap: the test-only panic of the `trap` feature");
    }
    let secure = request.secure;
    let found = match route(request.path) {
        Route::Resource(Resource::Page { page: p, lang, format }) => page(site, request, p, lang, format),
        Route::Resource(Resource::File(file)) => site_file(site, request, file),
        Route::Moved(to) => Found::Set(HeaderSet::Moved { to, secure }, Bytes::new()),
        Route::NotFound => status_page(site, Status::NotFound, request, None, None),
        Route::Redirect { page, to, permanent } => {
            Found::Set(HeaderSet::Redirect { page, to, permanent, secure }, Bytes::new())
        }
    };
    let (set, headers, body) = match found {
        Found::Representation(set, representation, body) => {
            (set, representation.headers(set, site.config()), body)
        }
        Found::Set(set, body) => (set, site.headers(set), body),
        Found::Failed => return internal_error(site),
    };
    let body = if request.method == Method::HEAD { Bytes::new() } else { body };
    match headers {
        Some(headers) => Answer { status: set.status(), set, headers, body },
        None => internal_error(site),
    }
}

/// What a request is answered with, found: a representation (whose headers
/// it holds), another header set and its body, or nothing when the content
/// failed to render.
enum Found<'s> {
    /// A representation, in the set of headers that fits the request.
    Representation(HeaderSet, &'s Representation, Bytes),
    /// Any other header set, and the body sent with it.
    Set(HeaderSet, Bytes),
    /// What was asked for failed to render.
    Failed,
}

/// A page, as the URL fixes it and the headers choose the rest. Where the
/// URL leaves the language open and the request states languages, a `302`
/// to the URL of the one chosen; where it states none, the page in the
/// default language, here.
fn page<'s>(
    site: &'s Site,
    request: &Head<'_>,
    page: Page,
    lang: Option<Lang>,
    format: Option<Format>,
) -> Found<'s> {
    if let Some(answer) = not_a_read(site, request, lang, format) {
        return answer;
    }
    let chosen_lang = lang.unwrap_or_else(|| negotiate_language(request.accept_language));
    if lang.is_none() && states_languages(request.accept_language) {
        // Send the client to the URL of the language chosen, whose body a
        // cache then keeps once for every spelling of `Accept-Language`,
        // rather than once per spelling here.
        let set = HeaderSet::Chosen { page, lang: chosen_lang, format, secure: request.secure };
        return Found::Set(set, Bytes::new());
    }
    let Some(chosen_format) = format.or_else(|| negotiate_format(request.accept)) else {
        return status_page(site, Status::NotAcceptable, request, lang, format);
    };
    let variant = Variant { lang: chosen_lang, format: chosen_format };
    let Some(representation) = site.representation(page, variant) else { return Found::Failed };
    let shape = Shape::at(lang, format, request.secure);
    let (not_modified, body) = revalidated(request, representation);
    Found::Representation(HeaderSet::Page { page, variant, not_modified, shape }, representation, body)
}

/// Whether an `Accept-Language` value states languages: it is not empty,
/// and not `*` alone (any language, what Node's `fetch` sends when told
/// nothing), which leaves the choice to the server.
fn states_languages(accept_language: &[u8]) -> bool {
    !matches!(trim(accept_language), b"" | b"*")
}

/// A site file: the same for every client, so nothing is negotiated.
fn site_file<'s>(site: &'s Site, request: &Head<'_>, file: SiteFile) -> Found<'s> {
    if let Some(answer) = not_a_read(site, request, None, None) {
        return answer;
    }
    let Some(representation) = site.file(file) else { return Found::Failed };
    let (not_modified, body) = revalidated(request, representation);
    Found::Representation(
        HeaderSet::File { file, not_modified, secure: request.secure },
        representation,
        body,
    )
}

/// The answer to a method other than `GET` and `HEAD` on a resource, which
/// allows those and `OPTIONS`: `204` to `OPTIONS`, a `405` page (whose
/// language and format are negotiated as far as `lang` and `format` leave
/// open) to the rest; `None` for `GET` and `HEAD`.
fn not_a_read<'s>(
    site: &'s Site,
    request: &Head<'_>,
    lang: Option<Lang>,
    format: Option<Format>,
) -> Option<Found<'s>> {
    match request.method {
        Method::GET | Method::HEAD => None,
        Method::OPTIONS => Some(Found::Set(HeaderSet::Options { secure: request.secure }, Bytes::new())),
        _ => Some(status_page(site, Status::MethodNotAllowed, request, lang, format)),
    }
}

/// Whether the request's `If-None-Match` matches `representation` (a `304`,
/// no body), and the body to send.
fn revalidated(request: &Head<'_>, representation: &Representation) -> (bool, Bytes) {
    let not_modified = none_match(request.if_none_match, &representation.etag);
    (not_modified, if not_modified { Bytes::new() } else { representation.body.clone() })
}

/// A status page in the language and format the URL fixes or the client
/// prefers, varying on what was negotiated.
fn status_page<'s>(
    site: &'s Site,
    status: Status,
    request: &Head<'_>,
    lang: Option<Lang>,
    format: Option<Format>,
) -> Found<'s> {
    let shape = Shape::at(lang, format, request.secure);
    let lang = lang.unwrap_or_else(|| negotiate_language(request.accept_language));
    let format = status.format(format.or_else(|| negotiate_format(request.accept)));
    let variant = Variant { lang, format };
    let body = site.status_page(status, variant).map(|page| page.body.clone()).unwrap_or_default();
    Found::Set(HeaderSet::Status { status, variant, shape }, body)
}

/// The answer when the embedded content failed to render: unreachable once
/// the tests pass, and still a response rather than a panic.
fn internal_error(site: &Site) -> Answer<'_> {
    Answer {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        set: HeaderSet::InternalError,
        headers: site.internal_error_headers(),
        body: Bytes::from_static(headers::INTERNAL_ERROR_BODY.as_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use http::header::{CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};

    use super::*;
    use crate::Config;

    #[test]
    fn the_500_is_plain_text_never_sniffed_never_stored() {
        let site = Site::new(Config::default());
        let response = internal_error(&site).into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let header = |name| response.headers().get(name).and_then(|v| v.to_str().ok());
        assert_eq!(header(CONTENT_TYPE), Some("text/plain; charset=utf-8"));
        assert_eq!(header(X_CONTENT_TYPE_OPTIONS), Some("nosniff"));
        assert_eq!(header(CACHE_CONTROL), Some("no-store"));
        assert_eq!(header(CONTENT_LENGTH), Some(response.body().len().to_string().as_str()));
        assert_eq!(response.body().as_ref(), b"Internal error\n");
    }
}
