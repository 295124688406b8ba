//! The headers of the benchmark's requests, for the Rust side of it
//! (benches/respond.rs, examples/respond_loop.rs): the same as
//! bench/headers.json, which bench/scenarios.mjs reads, as
//! tests/bench_headers.rs checks. Constants rather than that file read with
//! serde_json: linked in with fat LTO, serde_json changes how the core is
//! compiled, and so what is measured (+1.4 % of the instructions counted).

/// A desktop Chrome's headers for a top-level navigation, as a French reader's browser sends them.
pub const BROWSER: &[(&str, &str)] = &[
    ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"),
    ("Accept-Language", "fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7"),
    ("Accept-Encoding", "gzip, deflate, br, zstd"),
    ("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"),
    ("Upgrade-Insecure-Requests", "1"),
    ("Sec-Fetch-Dest", "document"),
    ("Sec-Fetch-Mode", "navigate"),
    ("Sec-Fetch-Site", "none"),
    ("Sec-Fetch-User", "?1"),
    ("sec-ch-ua", "\"Google Chrome\";v=\"131\", \"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\""),
    ("sec-ch-ua-mobile", "?0"),
    ("sec-ch-ua-platform", "\"Linux\""),
];

/// curl's own headers (`curl https://…/apropos/`).
pub const CURL: &[(&str, &str)] = &[("User-Agent", "curl/8.14.1"), ("Accept", "*/*")];

/// The value of `name` in `headers`, if it is there.
#[allow(dead_code)] // Not every user of this file needs it.
pub fn value<'a>(headers: &[(&str, &'a str)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| *v)
}
