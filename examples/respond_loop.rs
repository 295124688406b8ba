//! `Site::answer` N times for one of the benchmark's requests, for counting
//! its instructions (bench/instructions.mjs runs this under callgrind, built
//! with the release profile: the wasm's `opt-level = "z"`). Instruction
//! counts, unlike times, do not depend on what else the machine is doing.
//!
//! `cargo run --release --example respond_loop -- <browser|curl|revalidate> <N>`

use apropos_worker::{Config, Site};
use http::header::{ETAG, IF_NONE_MATCH};
use http::Request;

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
    let mut request = Request::get("http://127.0.0.1/fr/apropos/");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let (mut parts, ()) = request.body(()).expect("a valid request").into_parts();
    let site = Site::new(Config::default());
    let first = site.respond(&parts);
    if scenario == "revalidate" {
        parts.headers.insert(IF_NONE_MATCH, first.headers()[ETAG].clone());
    }
    let expected = if scenario == "revalidate" { 304 } else { 200 };
    for _ in 0..count {
        let answer = site.answer(std::hint::black_box(&parts));
        assert_eq!(answer.status, expected);
        std::hint::black_box(answer);
    }
}
