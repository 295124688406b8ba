//! The Rust side of N requests of one of the benchmark's scenarios, as the
//! wasm entry runs it: the request's head made of what the runtime hands over
//! (`Head::new`), then `respond::answer`. For counting its instructions:
//! bench/instructions.mjs runs this under callgrind, built with the release
//! profile (the wasm's `opt-level = "z"`). Instruction counts, unlike times,
//! do not depend on what else the machine is doing.
//!
//! `cargo run --release --example respond_loop -- <browser|curl|revalidate> <N>`

use apropos_worker::head::Head;
use apropos_worker::respond::answer;
use apropos_worker::{Config, Site};
use http::header::ETAG;

#[path = "../bench/headers.rs"]
mod headers;
use headers::{value, BROWSER, CURL};

fn main() {
    let mut args = std::env::args().skip(1);
    let scenario = args.next().unwrap_or_default();
    let count: usize = args.next().and_then(|n| n.parse().ok()).expect("usage: respond_loop <scenario> <N>");
    let headers = match scenario.as_str() {
        "browser" | "revalidate" => BROWSER,
        "curl" => CURL,
        _ => panic!("unknown scenario {scenario}"),
    };
    // The page the benchmark requests: where /apropos/ sends a French browser.
    let url = "http://127.0.0.1/fr/apropos/";
    // Only the headers the core reads cross from JavaScript.
    let (accept, accept_language) = (value(headers, "accept"), value(headers, "accept-language"));
    let bytes = |value: Option<&'static str>| value.map(str::as_bytes);
    let site = Site::new(Config::default());
    let first = answer(&site, &Head::new("GET", url, [bytes(accept), bytes(accept_language), None]));
    let etag = first.headers[ETAG].to_str().expect("an ASCII ETag").to_owned();
    let if_none_match = (scenario == "revalidate").then_some(etag.as_bytes());
    let expected = if scenario == "revalidate" { 304 } else { 200 };
    for _ in 0..count {
        // As in the wasm: fresh strings from JavaScript for each request.
        let (url, accept, accept_language, if_none_match) = std::hint::black_box((
            url.to_owned(),
            accept.map(str::to_owned),
            accept_language.map(str::to_owned),
            if_none_match.map(<[u8]>::to_vec),
        ));
        let values = [accept.as_deref().map(str::as_bytes), accept_language.as_deref().map(str::as_bytes)];
        let head = Head::new("GET", &url, [values[0], values[1], if_none_match.as_deref()]);
        let answer = answer(&site, &head);
        assert_eq!(answer.status, expected);
        std::hint::black_box(answer);
    }
}
