//! The whole core, `respond::respond`, over any method, target and headers:
//! never a panic, never a hang, never a 5xx, and every answer well framed.

#![no_main]

use std::sync::OnceLock;

use apropos_worker::respond::respond;
use apropos_worker::{Config, Site};
use apropos_worker_fuzz::request;
use http::header::{CONTENT_LENGTH, ETAG};
use http::{Method, StatusCode};
use libfuzzer_sys::fuzz_target;

/// One site for the whole run, as one isolate serves many requests.
static SITE: OnceLock<Site> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let site = SITE.get_or_init(|| Site::new(Config::default()));
    let mut parts = request(data);
    let response = respond(site, &parts);
    let status = response.status();
    assert!(!status.is_server_error(), "{status} for {parts:?}");
    for (name, value) in response.headers() {
        assert!(value.to_str().is_ok(), "{name} is not visible ASCII, the entry would drop it");
    }
    let length = response.headers().get(CONTENT_LENGTH).map(|v| v.to_str().unwrap_or_default().to_owned());
    if parts.method == Method::HEAD {
        assert!(response.body().is_empty(), "a body on HEAD");
        parts.method = Method::GET;
        let get = respond(site, &parts);
        assert_eq!((get.status(), get.headers()), (status, response.headers()), "HEAD differs from GET");
    } else if let Some(length) = length {
        assert_eq!(length, response.body().len().to_string(), "Content-Length is not the body's");
    }
    if status == StatusCode::NOT_MODIFIED {
        assert!(
            response.body().is_empty() && response.headers().contains_key(ETAG),
            "a 304 needs an ETag, no body"
        );
    }
});
