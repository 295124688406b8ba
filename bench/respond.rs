//! `respond::respond` natively, warm: the time the core takes per request once
//! the isolate has rendered the page, for the requests `make bench` sends;
//! and cold (`first_visit`): a new `Site` answering its first request, which
//! renders the page, the part of an isolate's start-up that is ours.
//!
//! `cargo bench --bench respond` times it; `cargo test --bench respond` runs
//! each case once (the smoke pass of `make test`).

use apropos_worker::respond::respond;
use apropos_worker::{Config, Site};
use http::header::{ETAG, IF_NONE_MATCH};
use http::request::Parts;
use http::Request;

fn main() {
    divan::main();
}

#[path = "../bench/headers.rs"]
mod headers;
use headers::{BROWSER, CURL};

fn get(headers: &[(&str, &str)]) -> Parts {
    // The canonical URL, where a browser is served the page (`/apropos/` redirects it here).
    let mut request = Request::get("/fr/apropos/");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.body(()).expect("valid request").into_parts().0
}

/// A site that has already answered once, as in a warm isolate.
fn warm_site(request: &Parts) -> Site {
    let site = Site::new(Config::default());
    assert_eq!(respond(&site, request).status(), 200);
    site
}

#[divan::bench]
fn browser(bencher: divan::Bencher) {
    let request = get(BROWSER);
    let site = warm_site(&request);
    bencher.bench_local(|| respond(&site, divan::black_box(&request)));
}

#[divan::bench]
fn curl(bencher: divan::Bencher) {
    let request = get(CURL);
    let site = warm_site(&request);
    bencher.bench_local(|| respond(&site, divan::black_box(&request)));
}

/// The browser's reload with the first visit's ETag: the 304 path once the
/// site sends ETags, a 200 until then.
#[divan::bench]
fn revalidate(bencher: divan::Bencher) {
    let mut request = get(BROWSER);
    let site = warm_site(&request);
    if let Some(etag) = respond(&site, &request).headers().get(ETAG) {
        request.headers.insert(IF_NONE_MATCH, etag.clone());
    }
    bencher.bench_local(|| respond(&site, divan::black_box(&request)));
}

/// A fresh isolate's first request: `Site::new` is outside the timing, the
/// rendering of the negotiated variant inside it.
#[divan::bench]
fn first_visit(bencher: divan::Bencher) {
    let request = get(BROWSER);
    bencher
        .with_inputs(|| Site::new(Config::default()))
        .bench_local_refs(|site| respond(site, divan::black_box(&request)));
}
