//! The Rust side of the benchmark sends the same headers as its JavaScript
//! side: bench/headers.rs against bench/headers.json.

#[path = "../bench/headers.rs"]
mod headers;

use std::collections::HashMap;

#[test]
fn the_rust_benchmarks_send_the_headers_of_bench_headers_json() {
    let json: HashMap<String, Vec<(String, String)>> =
        serde_json::from_str(include_str!("../bench/headers.json")).expect("bench/headers.json is JSON");
    for (scenario, rust) in [("browser", headers::BROWSER), ("curl", headers::CURL)] {
        let rust: Vec<(String, String)> = rust.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
        assert_eq!(json.get(scenario), Some(&rust), "{scenario}");
    }
}
