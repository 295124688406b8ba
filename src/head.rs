//! The request head: what of a request the core reads. Its method, its path,
//! whether it came over HTTPS, and the values of the [`REQUEST_HEADERS`],
//! borrowed from wherever the request lives. No other part of a request can
//! change an answer, so the wasm entry copies nothing else out of the runtime.

use http::header::{HeaderName, ACCEPT, ACCEPT_LANGUAGE, IF_NONE_MATCH};
use http::Method;

use crate::syntax::is_field_value;

/// How many request headers the core reads.
pub const REQUEST_HEADER_COUNT: usize = 3;

/// The request headers the core reads, in the order [`Head::new`] takes
/// their values.
pub const REQUEST_HEADERS: [HeaderName; REQUEST_HEADER_COUNT] = [ACCEPT, ACCEPT_LANGUAGE, IF_NONE_MATCH];

/// The path of a request whose URL has none the core can read (no scheme
/// and no leading `/`): a path no route names.
pub const UNPARSABLE_URL: &str = "/.unparsable-url";

/// What the core reads of a request.
#[derive(Debug)]
pub struct Head<'a> {
    /// The method.
    pub method: Method,
    /// The URL's path, without its query or fragment (`/` if it is empty).
    pub path: &'a str,
    /// Whether the URL's scheme is `https`.
    pub secure: bool,
    /// `Accept`'s value (empty if it was not sent).
    pub accept: &'a [u8],
    /// `Accept-Language`'s value (empty if it was not sent).
    pub accept_language: &'a [u8],
    /// `If-None-Match`'s value (empty if it was not sent).
    pub if_none_match: &'a [u8],
}

impl<'a> Head<'a> {
    /// The head of a request with `method`, `url` (absolute, as a runtime
    /// serializes a request's URL, or a path), and the value of each of the
    /// [`REQUEST_HEADERS`] in order (`None` if not sent; a header sent in
    /// several lines is one value, its lines joined by `, `, as the runtime's
    /// `Headers.get` and [`crate::syntax::combined`] join them).
    ///
    /// Total: a method `http` cannot hold becomes `GET`'s default, a URL
    /// without a path [`UNPARSABLE_URL`]. A value `http` would reject (a
    /// control byte, DEL) is as if it was not sent, as `http` would not
    /// have held it.
    pub fn new(method: &str, url: &'a str, values: [Option<&'a [u8]>; REQUEST_HEADER_COUNT]) -> Head<'a> {
        let [accept, accept_language, if_none_match] =
            values.map(|value| value.filter(|value| is_field_value(value)).unwrap_or_default());
        let (secure, path) = split_url(url);
        // GET and HEAD without `Method::from_bytes`, whose code the wasm then
        // compiles only when another method comes.
        let method = match method {
            "GET" => Method::GET,
            "HEAD" => Method::HEAD,
            other => Method::from_bytes(other.as_bytes()).unwrap_or_default(),
        };
        Head { method, path, secure, accept, accept_language, if_none_match }
    }
}

/// Whether `url`'s scheme is `https`, and its path: what follows the
/// authority up to the query or fragment (`/` if nothing does). A path alone
/// (`/path?q`) is read as one too; anything else has [`UNPARSABLE_URL`].
fn split_url(url: &str) -> (bool, &str) {
    let bytes = url.as_bytes();
    let scheme_end =
        bytes.iter().position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')));
    let (secure, path_start) = match scheme_end {
        Some(end) if end > 0 && bytes[0].is_ascii_alphabetic() && bytes[end..].starts_with(b"://") => {
            let authority = end + 3;
            let path = bytes[authority..].iter().position(|&b| matches!(b, b'/' | b'?' | b'#'));
            (bytes[..end].eq_ignore_ascii_case(b"https"), path.map_or(bytes.len(), |at| authority + at))
        }
        _ if bytes.first() == Some(&b'/') => (false, 0),
        _ => return (false, UNPARSABLE_URL),
    };
    let path_end = bytes[path_start..].iter().position(|&b| matches!(b, b'?' | b'#'));
    match &url[path_start..path_end.map_or(url.len(), |at| path_start + at)] {
        "" => (secure, "/"),
        path => (secure, path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::uri::Scheme;

    #[test]
    fn a_head_borrows_its_values() {
        let values = [Some(&b"text/html"[..]), None, Some(&b"\"a\", W/\"b\""[..])];
        let head = Head::new("GET", "https://beta.gouv.fr/apropos/?x=1", values);
        assert_eq!((head.method, head.path, head.secure), (Method::GET, "/apropos/", true));
        assert_eq!((head.accept, head.accept_language), (&b"text/html"[..], &b""[..]));
        assert_eq!(head.if_none_match, b"\"a\", W/\"b\"");
    }

    #[test]
    fn paths_are_read_as_http_reads_them() {
        for url in [
            "http://h/fr/apropos/",
            "HTTPS://h:8443/apropos/index.json?q=1#top",
            "http://h",
            "http://h?x",
            "https://user@h/a/b#c",
            "/apropos/?x",
            "/",
            "http://h/a%20b/",
            "svc+v1.2://h/x",
        ] {
            let head = Head::new("GET", url, [None; 3]);
            let uri: http::Uri = url.parse().unwrap();
            assert_eq!(head.path, uri.path(), "{url}");
            assert_eq!(head.secure, uri.scheme() == Some(&Scheme::HTTPS), "{url}");
        }
    }

    #[test]
    fn what_has_no_path_is_not_found_not_fatal() {
        for url in ["", "h/apropos/", "1http://h/apropos/", "://h/apropos/", "*"] {
            assert_eq!(Head::new("GET", url, [None; 3]).path, UNPARSABLE_URL, "{url:?}");
        }
        let head = Head::new("BAD(METHOD)", "http://h/x", [None; 3]);
        assert_eq!((head.method, head.path), (Method::default(), "/x"));
        assert_eq!(Head::new("PROPFIND", "/", [None; 3]).method.as_str(), "PROPFIND");
    }

    #[test]
    fn values_http_would_refuse_are_not_sent() {
        let values = [Some(&b"a\x7f"[..]), Some(&b"fr\tx"[..]), Some(&b"\x01"[..])];
        let head = Head::new("GET", "http://h/", values);
        assert_eq!(
            (head.accept, head.accept_language, head.if_none_match),
            (&b""[..], &b"fr\tx"[..], &b""[..])
        );
    }
}
