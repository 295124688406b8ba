//! The request head the wasm entry gets from JavaScript, as one string:
//! `METHOD URL`, then one line per header [`Site::answer`] reads, in the
//! order of [`REQUEST_HEADERS`]: `=` and its value, or nothing when it was not
//! sent. Lines end with `\n`, which neither a method, a serialized URL nor a
//! header value may contain. This is the whole of what crosses into the wasm
//! per request (issue #7); it is parsed here, natively testable, rather than
//! in the entry.
//!
//! [`Site::answer`]: crate::site::Site::answer

use bytes::Bytes;
use http::{request, HeaderValue, Method, Uri};

use crate::respond::REQUEST_HEADERS;

/// Where a request whose URL cannot be parsed is sent: a path no route names.
pub const UNPARSABLE_URL: &str = "/.unparsable-url";

/// The head of a request as [`parse`] reads it: what JavaScript sends, with
/// the values of [`REQUEST_HEADERS`], in order.
///
/// # Panics
///
/// If `headers` does not hold one value for each of [`REQUEST_HEADERS`].
pub fn format(method: &str, url: &str, headers: &[Option<&str>]) -> String {
    assert_eq!(headers.len(), REQUEST_HEADERS.len(), "one value per request header");
    let mut head = format!("{method} {url}");
    for value in headers {
        head.push('\n');
        if let Some(value) = value {
            head.push('=');
            head.push_str(value);
        }
    }
    head
}

/// The parts of a request from its head, whose URL and header values are
/// slices of it, not copies. A header the `http` types reject (a control
/// byte, say) is dropped, as if it had not been sent; a URL they cannot hold
/// (over 64 KiB: workerd passes up to ~128 KiB) becomes [`UNPARSABLE_URL`],
/// which names no resource, rather than `/`.
pub fn parse(head: Bytes) -> request::Parts {
    let (mut parts, ()) = http::Request::new(()).into_parts();
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', &head).chain([head.len()]);
    let mut lines = ends.map(|end| {
        let line = &head[start..end];
        start = end + 1;
        line
    });
    if let Some(first) = lines.next() {
        let space = first.iter().position(|&byte| byte == b' ').unwrap_or(first.len());
        parts.method = Method::from_bytes(&first[..space]).unwrap_or_default();
        let url = head.slice_ref(first.get(space + 1..).unwrap_or_default());
        parts.uri = Uri::from_maybe_shared(url).unwrap_or_else(|_| Uri::from_static(UNPARSABLE_URL));
    }
    for (name, line) in REQUEST_HEADERS.into_iter().zip(lines) {
        if let Some(value) = line.strip_prefix(b"=") {
            if let Ok(value) = HeaderValue::from_maybe_shared(head.slice_ref(value)) {
                parts.headers.insert(name, value);
            }
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::header::{ACCEPT, ACCEPT_LANGUAGE, IF_NONE_MATCH};

    fn parsed(head: &str) -> request::Parts {
        parse(Bytes::from(head.to_owned()))
    }

    #[test]
    fn a_head_becomes_parts() {
        let head = format(
            "GET",
            "https://beta.gouv.fr/apropos/?x=1",
            &[Some("text/html"), None, Some("\"a\", W/\"b\"")],
        );
        assert_eq!(head, "GET https://beta.gouv.fr/apropos/?x=1\n=text/html\n\n=\"a\", W/\"b\"");
        let parts = parsed(&head);
        assert_eq!(parts.method, Method::GET);
        assert_eq!(parts.uri, "https://beta.gouv.fr/apropos/?x=1");
        assert_eq!(parts.headers.len(), 2);
        assert_eq!(parts.headers[ACCEPT], "text/html");
        assert_eq!(parts.headers[IF_NONE_MATCH], "\"a\", W/\"b\"");
    }

    #[test]
    fn empty_values_are_sent_values() {
        let parts = parsed(&format("HEAD", "http://h/", &[None, Some(""), None]));
        assert_eq!(parts.method, Method::HEAD);
        assert_eq!(parts.headers.len(), 1);
        assert_eq!(parts.headers[ACCEPT_LANGUAGE], "");
    }

    #[test]
    fn what_the_http_types_reject_is_dropped_not_fatal() {
        let long = format!("http://h/{}", "a".repeat(70_000));
        let parts = parsed(&format("GET", &long, &[Some("a\u{1}b"), Some("fr"), None]));
        assert_eq!(parts.uri, UNPARSABLE_URL);
        assert_eq!(parts.headers.len(), 1);
        assert_eq!(parts.headers[ACCEPT_LANGUAGE], "fr");
        // A method http cannot hold becomes GET's default; a missing URL, `/`'s parse error.
        let parts = parsed("BAD(METHOD) http://h/x");
        assert_eq!(parts.method, Method::default());
        assert_eq!(parsed("").uri, UNPARSABLE_URL);
        // Lines past the declared headers are ignored.
        assert_eq!(parsed("GET http://h/\n\n\n\n=extra").headers.len(), 0);
    }
}
