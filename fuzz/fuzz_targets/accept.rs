//! `Accept` negotiation over any field lines: never a panic, never a hang,
//! and nothing past the byte cap changes the answer.

#![no_main]

use apropos_worker::negotiate::{negotiate_format, MAX_LIST_BYTES};
use apropos_worker_fuzz::{field_lines, value};
use http::header::{HeaderValue, ACCEPT};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut headers = field_lines(&ACCEPT, data);
    let format = negotiate_format(&value(&headers, &ACCEPT));
    if value(&headers, &ACCEPT).len() >= MAX_LIST_BYTES {
        headers.append(ACCEPT, HeaderValue::from_static("text/markdown"));
        assert_eq!(negotiate_format(&value(&headers, &ACCEPT)), format, "a field line past the cap was read");
    }
});
