//! The wasm entry's path over any input the runtime could hand it: the
//! method, the URL and the values of `REQUEST_HEADERS` into `Head::new`, then
//! `respond::answer`: never a panic, never a 5xx, every answer well framed
//! and with its header set's status; and when `http` can hold the same
//! request, the very answer `respond::respond` gives it.
//!
//! Inputs are line-oriented: `METHOD URL`, then one line per header of
//! `REQUEST_HEADERS`, `=value`, or empty when not sent.

#![no_main]

use std::sync::OnceLock;

use apropos_worker::head::{Head, REQUEST_HEADERS, REQUEST_HEADER_COUNT};
use apropos_worker::respond::{answer, respond};
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
    let mut lines = text.split('\n');
    let first = lines.next().unwrap_or_default();
    let (method, url) = first.split_once(' ').unwrap_or((first, ""));
    let mut values: [Option<&str>; REQUEST_HEADER_COUNT] = [None; REQUEST_HEADER_COUNT];
    for (value, line) in values.iter_mut().zip(lines) {
        *value = line.strip_prefix('=');
    }
    let head = Head::new(method, url, values.map(|value| value.map(str::as_bytes)));
    let is_head = head.method == Method::HEAD;
    let answer = answer(site, &head);
    assert_eq!(answer.status, answer.set.status(), "{text:?}: a status its header set does not have");
    let response = answer.into_response();
    let status = response.status();
    assert!(!status.is_server_error(), "{status} for {text:?}");
    for (name, value) in response.headers() {
        assert!(value.to_str().is_ok(), "{name} is not visible ASCII, the entry would drop it");
    }
    if is_head {
        assert!(response.body().is_empty(), "a body on HEAD");
    } else if let Some(length) = response.headers().get(CONTENT_LENGTH) {
        assert_eq!(length.to_str().unwrap_or_default(), response.body().len().to_string(), "Content-Length");
    }

    // The same request through `http`, when its types take every part of it.
    let mut request = Request::builder().method(method).uri(url);
    for (name, value) in REQUEST_HEADERS.iter().zip(values) {
        if let Some(value) = value {
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
    let expected = respond(site, &parts);
    assert_eq!(
        (response.status(), response.headers(), response.body()),
        (expected.status(), expected.headers(), expected.body()),
        "{text:?}"
    );
});
