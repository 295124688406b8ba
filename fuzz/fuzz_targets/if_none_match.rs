//! `If-None-Match` over any field lines: never a panic, never a hang; the
//! first line names the representation's bytes (its ETag is theirs), the
//! others are the header. The tag itself, or `*`, sent first always matches.

#![no_main]

use apropos_worker::conditional::{etag_for, none_match};
use apropos_worker_fuzz::{field_lines, value};
use http::header::{HeaderMap, HeaderValue, IF_NONE_MATCH};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (body, rest) = match data.iter().position(|b| *b == b'\n') {
        Some(eol) => (&data[..eol], &data[eol + 1..]),
        None => (data, &[][..]),
    };
    let etag = etag_for(body);
    let headers = field_lines(&IF_NONE_MATCH, rest);
    let matched = none_match(&value(&headers, &IF_NONE_MATCH), &etag);
    if !headers.contains_key(IF_NONE_MATCH) {
        assert!(!matched, "no If-None-Match matched");
    }
    for first in [etag.clone(), HeaderValue::from_static("*")] {
        let mut ahead = HeaderMap::new();
        ahead.append(IF_NONE_MATCH, first);
        for value in headers.get_all(IF_NONE_MATCH) {
            ahead.append(IF_NONE_MATCH, value.clone());
        }
        assert!(none_match(&value(&ahead, &IF_NONE_MATCH), &etag), "the tag sent first did not match");
    }
});
