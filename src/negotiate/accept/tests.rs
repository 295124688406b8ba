//! One line per case: the `Accept` field lines sent, and the format chosen
//! (`None`: 406).

use http::header::{HeaderValue, ACCEPT};
use http::HeaderMap;

use crate::syntax::combined;

use super::negotiate_format;
use crate::variant::Format::{self, Html, Json, Markdown, Text};

const FIREFOX: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const CHROME: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,\
                      image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";
const SAFARI: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const GOOGLEBOT: &str =
    "text/html,application/xhtml+xml,application/signed-exchange;v=b3,application/xml;q=0.9,*/*;q=0.8";
const EDGE_IMAGE: &str = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";

fn negotiate(lines: &[&[u8]]) -> Option<Format> {
    let mut headers = HeaderMap::new();
    for line in lines {
        headers.append(ACCEPT, HeaderValue::from_bytes(line).expect("a valid field value"));
    }
    negotiate_format(&combined(headers.get_all(ACCEPT)))
}

#[test]
fn accept_table() {
    #[rustfmt::skip]
    let cases: &[(&[&[u8]], Option<Format>)] = &[
        // Absent, empty, or nothing valid: */*, so the server's first.
        (&[], Some(Html)),
        (&[b""], Some(Html)),
        (&[b"   "], Some(Html)),
        (&[b",,,"], Some(Html)),
        (&[b";;;"], Some(Html)),
        (&[b"garbage"], Some(Html)),
        (&[b"text/html;q=NaN"], Some(Html)),
        (&[b"*/html"], Some(Html)),
        // Real clients.
        (&[FIREFOX.as_bytes()], Some(Html)),
        (&[CHROME.as_bytes()], Some(Html)),
        (&[SAFARI.as_bytes()], Some(Html)),
        (&[GOOGLEBOT.as_bytes()], Some(Html)),
        (&[b"*/*"], Some(Html)),                                   // curl, Python requests
        (&[b"application/json, */*;q=0.5"], Some(Json)),          // HTTPie
        (&[b"application/json, text/plain, */*"], Some(Json)),    // axios
        (&[EDGE_IMAGE.as_bytes()], Some(Html)),                    // an <img> request: */* at 0.8
        // One type, or one family.
        (&[b"text/html"], Some(Html)),
        (&[b"application/json"], Some(Json)),
        (&[b"text/plain"], Some(Text)),
        (&[b"text/markdown"], Some(Markdown)),
        (&[b"text/*"], Some(Html)),
        (&[b"application/*"], Some(Json)),
        (&[b"text/plain, application/json"], Some(Text)),
        (&[b"application/json, text/plain"], Some(Json)),
        // Weights.
        (&[b"text/html;q=0.5, application/json"], Some(Json)),
        (&[b"text/html;q=0.5, text/markdown;q=0.9"], Some(Markdown)),
        (&[b"text/plain;q=0.001"], Some(Text)),
        (&[b"text/html;q=1.000, text/plain;q=1"], Some(Html)),
        // Equal weights: the more specific range, then the client's order.
        (&[b"text/*, text/plain"], Some(Text)),
        (&[b"*/*, text/markdown"], Some(Markdown)),
        (&[b"text/markdown;q=0.5, text/*;q=0.5, */*;q=0.5"], Some(Markdown)),
        // The most specific range sets a type's weight, wherever it is listed.
        (&[b"text/*;q=0.3, text/plain;q=0.7, text/plain;format=flowed, text/plain;format=fixed;q=0.4, */*;q=0.5"], Some(Text)),
        (&[b"text/plain; q=0.5, text/html, text/x-dvi; q=0.8, text/x-c"], Some(Html)), // RFC 9110
        (&[b"text/*, text/plain, text/plain;format=flowed, */*"], Some(Text)),            // RFC 9110
        (&[b"*/*;q=0.9, text/html;q=0.1"], Some(Json)),
        // q=0 excludes, even when a wider range accepts.
        (&[b"text/html;q=0, */*"], Some(Json)),
        (&[b"text/html;q=0, application/json;q=0, */*"], Some(Text)),
        (&[b"text/*;q=0, */*"], Some(Json)),
        (&[b"*/*, text/html;q=0, application/*;q=0"], Some(Text)),
        // Nothing acceptable: 406.
        (&[b"image/png"], None),
        (&[b"audio/*; q=0.2, audio/basic"], None),                 // RFC 9110
        (&[b"*/*;q=0"], None),
        (&[b"text/html;q=0"], None),
        (&[b"application/xml"], None),
        // A range appearing twice: the higher weight counts.
        (&[b"text/html;q=0.1, application/json;q=0.5, text/html;q=0.9"], Some(Html)),
        // Parameters: charset=utf-8 is satisfied, anything else is not.
        (&[b"text/plain;charset=utf-8"], Some(Text)),
        (&[b"text/plain;charset=\"UTF-8\""], Some(Text)),
        (&[b"text/plain;charset=iso-8859-1"], None),
        (&[b"text/html;level=1, text/plain;q=0.5"], Some(Text)),
        (&[b"text/plain;charset=utf-8;q=0.4, text/*;q=0.6"], Some(Html)),
        (&[b"text/plain;q=0.4;charset=latin1"], Some(Text)),        // after q: accept-ext, ignored
        // Case and whitespace.
        (&[b"TEXT/PLAIN"], Some(Text)),
        (&[b"Application/JSON; Q=0.5, text/markdown;q=0.4"], Some(Json)),
        (&[b"  text/markdown \t;\t q=0.8 , text/html ; q=0.7 "], Some(Markdown)),
        // Invalid elements are ignored, not the whole header.
        (&[b"text/html;q=2, application/json"], Some(Json)),
        (&[b"text/html;q=-1, text/plain;q=0.1"], Some(Text)),
        (&[b"text/html;q=1.0001, text/markdown"], Some(Markdown)),
        (&[b"text/html;q=0.1234, text/plain;q=0.5"], Some(Text)),
        (&[b"text/html;q, text/plain"], Some(Text)),
        (&[b"text/ html, text/plain"], Some(Text)),
        (&[b"text/html;q=\"0.5\";, text/plain;q=0.4"], Some(Html)),
        (&[b"text/html;x=\"a,b\";q=0.9, text/plain;q=0.5"], Some(Text)),
        (&[b"text/plain;x=\"a,b\", text/html;q=0.5"], Some(Html)),
        (&[b";, application/json"], Some(Json)),
        (&[b"\xff\xfe, text/plain"], Some(Text)),
        // Several field lines combine in order.
        (&[b"image/png", b"text/markdown"], Some(Markdown)),
        (&[b"text/html;q=0", b"*/*"], Some(Json)),
    ];
    assert!(cases.len() >= 40);
    for (lines, expected) in cases {
        let shown: Vec<_> = lines.iter().map(|l| String::from_utf8_lossy(l)).collect();
        assert_eq!(negotiate(lines), *expected, "Accept: {shown:?}");
    }
}

#[test]
fn the_choice_is_read_from_a_bounded_prefix() {
    let padding = "image/png, ".repeat(10_000);
    assert_eq!(negotiate(&[format!("{padding}application/json").as_bytes()]), None);
    assert_eq!(negotiate(&[format!("application/json, {padding}").as_bytes()]), Some(Json));
    let huge = format!("text/plain;q=0.5, {}", "x".repeat(65_536));
    assert_eq!(negotiate(&[huge.as_bytes()]), Some(Text));
}
