//! The Rust side of N requests of one of the benchmark's scenarios, as the
//! wasm entry runs it: the request head JavaScript sends read (`Head::parse`),
//! then `Site::answer`. For counting its instructions:
//! bench/instructions.mjs runs this under callgrind, built with the release
//! profile (the wasm's `opt-level = "z"`). Instruction counts, unlike times,
//! do not depend on what else the machine is doing.
//!
//! `cargo run --release --example respond_loop -- <browser|curl|revalidate> <N>`

use apropos_worker::head::{self, Head};
use apropos_worker::{Config, Site};
use http::header::ETAG;

/// The headers `Site::answer` reads of a desktop Chrome's navigation (as in bench/scenarios.mjs).
const BROWSER: &[(&str, &str)] = &[
    ("accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"),
    ("accept-language", "fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7"),
];

fn main() {
    let mut args = std::env::args().skip(1);
    let scenario = args.next().unwrap_or_default();
    let count: usize = args.next().and_then(|n| n.parse().ok()).expect("usage: respond_loop <scenario> <N>");
    let headers: &[(&str, &str)] = match scenario.as_str() {
        "browser" | "revalidate" => BROWSER,
        "curl" => &[("accept", "*/*")],
        _ => panic!("unknown scenario {scenario}"),
    };
    // The page the benchmark requests: where /apropos/ sends a French browser.
    let url = "http://127.0.0.1/fr/apropos/";
    let value = |name: &str| headers.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    let (accept, accept_language) = (value("accept"), value("accept-language"));
    let site = Site::new(Config::default());
    let first = site.answer(&Head::parse(&head::format("GET", url, &[accept, accept_language, None])));
    let etag = first.headers[ETAG].to_str().expect("an ASCII ETag").to_owned();
    let if_none_match = (scenario == "revalidate").then_some(etag.as_str());
    let request_head = head::format("GET", url, &[accept, accept_language, if_none_match]);
    let expected = if scenario == "revalidate" { 304 } else { 200 };
    for _ in 0..count {
        // As in the wasm: a fresh string from JavaScript for each request.
        let text = std::hint::black_box(&request_head).clone();
        let answer = site.answer(&Head::parse(&text));
        assert_eq!(answer.status, expected);
        std::hint::black_box(answer);
    }
}
