//! The wasm entry's path, `Head::parse` then `Site::answer`, over any text
//! JavaScript could send: never a panic, never a 5xx, every answer well
//! framed; and when `http` can hold the same request, the very answer
//! `Site::respond` gives it.
//!
//! Inputs are the head as the entry gets it: `METHOD URL`, then one line per
//! header of `REQUEST_HEADERS` (`=value`, or empty when not sent).

#![no_main]

use std::sync::OnceLock;

use apropos_worker::head::Head;
use apropos_worker::respond::REQUEST_HEADERS;
use apropos_worker::{Config, Site};
use http::header::CONTENT_LENGTH;
use http::{Method, Request};
use libfuzzer_sys::fuzz_target;

/// One site for the whole run, as one isolate serves many requests.
static SITE: OnceLock<Site> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let site = SITE.get_or_init(|| Site::new(Config::default()));
    // JavaScript strings reach the wasm as UTF-8.
    let text = String::from_utf8_lossy(data);
    let head = Head::parse(&text);
    let method = head.method.clone();
    let response = site.answer(&head).into_response();
    let status = response.status();
    assert!(!status.is_server_error(), "{status} for {text:?}");
    for (name, value) in response.headers() {
        assert!(value.to_str().is_ok(), "{name} is not visible ASCII, the entry would drop it");
    }
    if method == Method::HEAD {
        assert!(response.body().is_empty(), "a body on HEAD");
    } else if let Some(length) = response.headers().get(CONTENT_LENGTH) {
        assert_eq!(length.to_str().unwrap_or_default(), response.body().len().to_string(), "Content-Length");
    }

    // The same request through `http`, when its types take every part of it.
    let mut lines = text.split('\n');
    let first = lines.next().unwrap_or_default();
    let Some((method, url)) = first.split_once(' ') else { return };
    let mut request = Request::builder().method(method).uri(url);
    for (name, line) in REQUEST_HEADERS.iter().zip(lines) {
        if let Some(value) = line.strip_prefix('=') {
            request = request.header(name, value);
        }
    }
    let Ok(request) = request.body(()) else { return };
    let (parts, ()) = request.into_parts();
    // Only http and https URLs, or paths: what a runtime hands a worker.
    // (`http` takes other schemes, `~` in one too, which `Head` does not
    // read: such a URL is not found either way, with other headers.)
    let web = matches!(parts.uri.scheme_str(), Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"));
    if !web && !url.starts_with('/') {
        return;
    }
    let expected = site.respond(&parts);
    assert_eq!(
        (response.status(), response.headers(), response.body()),
        (expected.status(), expected.headers(), expected.body()),
        "{text:?}"
    );
});
