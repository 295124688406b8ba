//! `Accept-Language` negotiation over any field lines: never a panic, never a
//! hang, and nothing past the byte cap changes the answer.

#![no_main]

use apropos_worker::negotiate::{negotiate_language, MAX_LIST_BYTES};
use apropos_worker_fuzz::{field_lines, value};
use http::header::{HeaderValue, ACCEPT_LANGUAGE};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut headers = field_lines(&ACCEPT_LANGUAGE, data);
    let lang = negotiate_language(&value(&headers, &ACCEPT_LANGUAGE));
    if value(&headers, &ACCEPT_LANGUAGE).len() >= MAX_LIST_BYTES {
        headers.append(ACCEPT_LANGUAGE, HeaderValue::from_static("en, fr;q=0.5"));
        assert_eq!(negotiate_language(&value(&headers, &ACCEPT_LANGUAGE)), lang, "a field line past the cap was read");
    }
});
