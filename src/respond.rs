//! The request path: route, negotiate, check preconditions, answer.
//!
//! Nothing is rendered or hashed here: the bodies and most headers come
//! ready-made from the [`Site`]; a request only chooses among them.

use std::borrow::Cow;

use bytes::Bytes;
use http::header::{
    HeaderName, ACCEPT, ACCEPT_LANGUAGE, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_MAX_AGE, ALLOW, CACHE_CONTROL, CONTENT_LENGTH, IF_NONE_MATCH, LOCATION,
};
use http::{request::Parts, HeaderMap, HeaderValue, Method, Response, StatusCode};

use crate::conditional::none_match_from;
use crate::head::Head;
use crate::headers::{Shape, Vary, REDIRECT_CACHE_CONTROL, SHORT_CACHE_CONTROL};
use crate::negotiate::{format_from, language_from};
use crate::routes::{route, Route};
use crate::site::Site;
use crate::status::Status;
use crate::variant::{Format, Lang, Variant};

/// The request headers [`Site::respond`] reads, in the order of [`Head`]'s
/// fields: no other header can change its answer, so the entry copies only
/// these out of the runtime.
pub const REQUEST_HEADERS: [HeaderName; 3] = [ACCEPT, ACCEPT_LANGUAGE, IF_NONE_MATCH];

/// The names of [`REQUEST_HEADERS`], joined by `\n`: what the wasm entry tells
/// JavaScript to copy, spelled out so that no join is compiled at start-up.
pub const REQUEST_HEADER_NAMES: &str = "accept\naccept-language\nif-none-match";

/// The methods the page allows.
const ALLOWED_METHODS: &str = "GET, HEAD, OPTIONS";
/// The request headers a cross-origin script may send (CORS preflight).
const ALLOWED_HEADERS: &str = "Accept, Accept-Language, If-None-Match, If-Modified-Since";

/// [`Site::answer`]'s answer: a response whose headers, when every request
/// of its kind gets the same, are the site's own rather than a copy.
#[derive(Debug)]
pub struct Answer<'a> {
    /// The status.
    pub status: StatusCode,
    /// The headers: borrowed from the site, or made for this request.
    pub headers: Cow<'a, HeaderMap>,
    /// The body.
    pub body: Bytes,
}

impl Answer<'_> {
    /// This answer as an `http` response.
    pub fn into_response(self) -> Response<Bytes> {
        let mut response = Response::new(self.body);
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.into_owned();
        response
    }
}

impl Site {
    /// Answers one request. Total: every method, path and header map gets a
    /// defined response, and none a `5xx` (but for content that failed to
    /// render, which the tests rule out before it ships).
    ///
    /// `HEAD` is answered as `GET`, with the same headers and no body.
    pub fn respond(&self, request: &Parts) -> Response<Bytes> {
        self.answer(&Head::of(request)).into_response()
    }

    /// [`Site::respond`]'s answer to the request whose head is `request`,
    /// without copying the headers that are the site's own: what the wasm
    /// entry sends.
    pub fn answer(&self, request: &Head<'_>) -> Answer<'_> {
        #[cfg(feature = "trap")]
        if request.path == "/.trap" {
            panic!("/.trap: the test-only panic of the `trap` feature");
        }
        let mut answer = match route(request.path) {
            Route::Page { lang, format } => self.page(request, lang, format),
            Route::NotFound => self.status(Status::NotFound, request, None, None),
            Route::Redirect { permanent, location } => self.redirect(request, permanent, location),
        };
        if request.method == Method::HEAD {
            answer.body = Bytes::new();
        }
        answer
    }

    /// The page, as the URL fixes it and the headers choose the rest.
    fn page(&self, request: &Head<'_>, lang: Option<Lang>, format: Option<Format>) -> Answer<'_> {
        match request.method {
            Method::GET | Method::HEAD => {}
            Method::OPTIONS => return self.options(request),
            _ => return self.status(Status::MethodNotAllowed, request, lang, format),
        }
        let vary = Vary { accept: format.is_none(), accept_language: lang.is_none() };
        let Some(chosen_format) = format.or_else(|| format_from(&request.accept)) else {
            return self.status(Status::NotAcceptable, request, lang, format);
        };
        let chosen_lang = lang.unwrap_or_else(|| language_from(&request.accept_language));
        let Some(representation) = self.representation(Variant { lang: chosen_lang, format: chosen_format })
        else {
            return internal_error();
        };
        let shape = Shape::of(request, vary);
        let (status, body, response_headers) =
            if none_match_from(&request.if_none_match, &representation.etag) {
                (StatusCode::NOT_MODIFIED, Bytes::new(), &representation.not_modified_headers)
            } else {
                (StatusCode::OK, representation.body.clone(), &representation.headers)
            };
        Answer { status, headers: Cow::Borrowed(response_headers.get(shape)), body }
    }

    /// `OPTIONS`: what the resource allows, which also answers a CORS preflight.
    fn options(&self, request: &Head<'_>) -> Answer<'_> {
        let mut headers = self.unnegotiated_headers(request);
        headers.insert(ALLOW, HeaderValue::from_static(ALLOWED_METHODS));
        headers.insert(ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static(ALLOWED_METHODS));
        headers.insert(ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static(ALLOWED_HEADERS));
        headers.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("86400"));
        headers.insert(CACHE_CONTROL, HeaderValue::from_static(SHORT_CACHE_CONTROL));
        build(StatusCode::NO_CONTENT, headers, Bytes::new())
    }

    fn redirect(&self, request: &Head<'_>, permanent: bool, location: &'static str) -> Answer<'_> {
        let mut headers = self.unnegotiated_headers(request);
        let (status, cache) = match permanent {
            true => (StatusCode::MOVED_PERMANENTLY, REDIRECT_CACHE_CONTROL),
            false => (StatusCode::FOUND, SHORT_CACHE_CONTROL),
        };
        headers.insert(LOCATION, HeaderValue::from_static(location));
        headers.insert(CACHE_CONTROL, HeaderValue::from_static(cache));
        headers.insert(CONTENT_LENGTH, HeaderValue::from(0));
        build(status, headers, Bytes::new())
    }

    /// What the headers of an answer made per request start from: the common
    /// ones, and what a request's [`Shape`] adds when nothing was negotiated
    /// (`Strict-Transport-Security` over HTTPS).
    fn unnegotiated_headers(&self, request: &Head<'_>) -> HeaderMap {
        let mut headers = self.common_headers().clone();
        Shape::of(request, Vary::NONE).apply(&mut headers, None, self.config());
        headers
    }

    /// A status page in the language and format the URL fixes or the client
    /// prefers, varying on what was negotiated.
    fn status(
        &self,
        status: Status,
        request: &Head<'_>,
        lang: Option<Lang>,
        format: Option<Format>,
    ) -> Answer<'_> {
        let vary = Vary { accept: format.is_none(), accept_language: lang.is_none() };
        let lang = lang.unwrap_or_else(|| language_from(&request.accept_language));
        let format = status.format(format.or_else(|| format_from(&request.accept)));
        let Some(page) = self.status_page(status, Variant { lang, format }) else {
            return internal_error();
        };
        let mut headers = Cow::Borrowed(page.headers.get(Shape::of(request, vary)));
        if status == Status::MethodNotAllowed {
            headers.to_mut().insert(ALLOW, HeaderValue::from_static(ALLOWED_METHODS));
        }
        Answer { status: status.code(), headers, body: page.body.clone() }
    }
}

fn build(status: StatusCode, headers: HeaderMap, body: Bytes) -> Answer<'static> {
    Answer { status, headers: Cow::Owned(headers), body }
}

/// The answer when the embedded content failed to render: unreachable once
/// the tests pass, and still a response rather than a panic.
fn internal_error() -> Answer<'static> {
    build(StatusCode::INTERNAL_SERVER_ERROR, HeaderMap::new(), Bytes::from_static(b"Internal error\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_header_names_are_those_of_request_headers() {
        assert_eq!(REQUEST_HEADER_NAMES, REQUEST_HEADERS.each_ref().map(HeaderName::as_str).join("\n"));
    }
}
