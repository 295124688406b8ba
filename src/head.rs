//! The request head: what of a request [`Site::answer`] reads — its method,
//! its path, whether it came over HTTPS, and the field lines of the
//! [`REQUEST_HEADERS`] — borrowed from wherever the request lives.
//!
//! A [`Head`] comes from one of two places:
//! - [`Head::of`] reads it off `http` request parts: what [`Site::respond`]
//!   does, for everything native (tests, benchmarks, fuzzing);
//! - [`Head::parse`] reads it off the one string the wasm entry gets from
//!   JavaScript per request ([`format()`]): `METHOD URL`, then one line per
//!   header of [`REQUEST_HEADERS`], in order: `=` and its value, or nothing
//!   when it was not sent. Lines end with `\n`, which neither a method, a
//!   serialized URL nor a header value may contain.
//!
//! Parsing the string into `http` types first (a `Uri`, validated
//! `HeaderValue`s in a `HeaderMap`) cost more than the whole answer: 6,800
//! instructions a request of the 18,000 (issue #7). The core reads nothing
//! those types would add: a path that is not a route is not found however it
//! is spelled, and negotiation is total over any bytes.
//!
//! [`Site::answer`]: crate::site::Site::answer
//! [`Site::respond`]: crate::site::Site::respond

use http::header::{GetAll, HeaderValue, ValueIter};
use http::uri::Scheme;
use http::{request, Method};

use crate::respond::REQUEST_HEADERS;

/// The path of a request whose URL has none the core can read (no scheme
/// and no leading `/`): a path no route names.
pub const UNPARSABLE_URL: &str = "/.unparsable-url";

/// What [`Site::answer`](crate::site::Site::answer) reads of a request.
#[derive(Debug)]
pub struct Head<'a> {
    /// The method.
    pub method: Method,
    /// The URL's path, without its query or fragment (`/` if it is empty).
    pub path: &'a str,
    /// Whether the URL's scheme is `https`.
    pub secure: bool,
    /// `Accept`.
    pub accept: Field<'a>,
    /// `Accept-Language`.
    pub accept_language: Field<'a>,
    /// `If-None-Match`.
    pub if_none_match: Field<'a>,
}

/// One request header, as the core reads it: its field lines, in order.
#[derive(Debug)]
pub enum Field<'a> {
    /// The lines of the header in an `http` header map (none if it was not sent).
    Map(GetAll<'a, HeaderValue>),
    /// The header's one line, as the runtime hands it to JavaScript (having
    /// joined its lines with `, `), or `None` if it was not sent.
    Line(Option<&'a [u8]>),
}

impl<'a> Field<'a> {
    /// The field lines, in order.
    pub fn lines(&self) -> Lines<'a> {
        match self {
            Field::Map(values) => Lines::Map(values.iter()),
            Field::Line(line) => Lines::Line(*line),
        }
    }
}

/// The iterator [`Field::lines`] returns.
pub enum Lines<'a> {
    /// What is left of a header map's lines.
    Map(ValueIter<'a, HeaderValue>),
    /// The one line, until it is read.
    Line(Option<&'a [u8]>),
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        match self {
            Lines::Map(values) => values.next().map(HeaderValue::as_bytes),
            Lines::Line(line) => line.take(),
        }
    }
}

impl<'a> Head<'a> {
    /// The head of a request given as `http` parts.
    pub fn of(request: &'a request::Parts) -> Head<'a> {
        let [accept, accept_language, if_none_match] =
            REQUEST_HEADERS.map(|name| Field::Map(request.headers.get_all(name)));
        Head {
            method: request.method.clone(),
            path: request.uri.path(),
            secure: request.uri.scheme() == Some(&Scheme::HTTPS),
            accept,
            accept_language,
            if_none_match,
        }
    }

    /// The head of a request sent as text by JavaScript, borrowing from
    /// `text`. Total: a method `http` cannot hold becomes `GET`'s default, a
    /// URL without a path [`UNPARSABLE_URL`], and missing lines headers
    /// that were not sent; lines past the last header are ignored. A value
    /// `http` would reject (a control byte, DEL) is as if it was not sent,
    /// as when [`Head::of`] reads a request built with `http`.
    pub fn parse(text: &'a str) -> Head<'a> {
        // Bytes and memchr, not `str` patterns, which go char by char (issue #7).
        let mut rest = text;
        let mut line = move || {
            let end = memchr::memchr(b'\n', rest.as_bytes());
            let line = &rest[..end.unwrap_or(rest.len())];
            rest = end.map_or("", |end| &rest[end + 1..]);
            line
        };
        let first = line();
        let space = memchr::memchr(b' ', first.as_bytes()).unwrap_or(first.len());
        let (secure, path) = split_url(first.get(space + 1..).unwrap_or_default());
        // GET and HEAD without `Method::from_bytes`, which the wasm then
        // compiles only when another method comes (start-up, issue #7).
        let method = match &first.as_bytes()[..space] {
            b"GET" => Method::GET,
            b"HEAD" => Method::HEAD,
            other => Method::from_bytes(other).unwrap_or_default(),
        };
        let mut field =
            || Field::Line(line().as_bytes().strip_prefix(b"=").filter(|value| is_field_value(value)));
        Head { method, path, secure, accept: field(), accept_language: field(), if_none_match: field() }
    }
}

/// Whether `url`'s scheme is `https`, and its path: what follows the
/// authority up to the query or fragment (`/` if nothing does). `url` is
/// absolute, as a runtime serializes a request's URL (`https://host/path?q`);
/// a path alone (`/path?q`) is read as one too. Anything else has
/// [`UNPARSABLE_URL`].
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

/// Whether `bytes` is a field value as `http`'s `HeaderValue` takes one: no
/// control byte but tab, no DEL (RFC 9110 §5.5). Eight bytes at a time: the
/// runtime lets such bytes through, and this runs over every header the core
/// reads, on every request.
pub fn is_field_value(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let valid = |byte: &u8| *byte >= b' ' && *byte != 0x7f || *byte == b'\t';
    let (words, rest) = bytes.as_chunks::<8>();
    for word in words {
        let x = u64::from_le_bytes(*word);
        // Whether some byte is below 0x20, or is 0x7f (exact, as a whole).
        let below_space = x.wrapping_sub(0x20 * ONES) & !x & HIGH;
        let del = x ^ (0x7f * ONES);
        let is_del = del.wrapping_sub(ONES) & !del & HIGH;
        if below_space | is_del != 0 && !word.iter().all(valid) {
            return false;
        }
    }
    rest.iter().all(valid)
}

/// The head of a request as [`Head::parse`] reads it: what JavaScript sends,
/// with the values of [`REQUEST_HEADERS`], in order.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(field: &Field<'_>) -> Vec<String> {
        field.lines().map(|line| String::from_utf8_lossy(line).into_owned()).collect()
    }

    #[test]
    fn a_head_is_read_off_its_text() {
        let text = format(
            "GET",
            "https://beta.gouv.fr/apropos/?x=1",
            &[Some("text/html"), None, Some("\"a\", W/\"b\"")],
        );
        assert_eq!(text, "GET https://beta.gouv.fr/apropos/?x=1\n=text/html\n\n=\"a\", W/\"b\"");
        let head = Head::parse(&text);
        assert_eq!((head.method, head.path, head.secure), (Method::GET, "/apropos/", true));
        assert_eq!(lines(&head.accept), ["text/html"]);
        assert_eq!(lines(&head.accept_language), Vec::<String>::new());
        assert_eq!(lines(&head.if_none_match), ["\"a\", W/\"b\""]);
    }

    #[test]
    fn empty_values_are_sent_values() {
        let text = format("HEAD", "http://h/", &[None, Some(""), None]);
        let head = Head::parse(&text);
        assert_eq!((head.method, head.secure), (Method::HEAD, false));
        assert_eq!(lines(&head.accept), Vec::<String>::new());
        assert_eq!(lines(&head.accept_language), [""]);
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
            let text = format!("GET {url}");
            let head = Head::parse(&text);
            let uri: http::Uri = url.parse().unwrap();
            assert_eq!(head.path, uri.path(), "{url}");
            assert_eq!(head.secure, uri.scheme() == Some(&Scheme::HTTPS), "{url}");
        }
    }

    #[test]
    fn what_has_no_path_is_not_found_not_fatal() {
        for url in ["", "h/apropos/", "1http://h/apropos/", "://h/apropos/", "*"] {
            let text = format!("GET {url}");
            assert_eq!(Head::parse(&text).path, UNPARSABLE_URL, "{url:?}");
        }
        // A method http cannot hold becomes GET's default; no line at all, a request without headers.
        let head = Head::parse("BAD(METHOD) http://h/x");
        assert_eq!((head.method, head.path), (Method::default(), "/x"));
        assert_eq!(lines(&head.if_none_match), Vec::<String>::new());
        assert_eq!(Head::parse("").path, UNPARSABLE_URL);
        // Lines past the declared headers are ignored.
        let head = Head::parse("GET http://h/\n\n\n\n=extra");
        assert!([&head.accept, &head.accept_language, &head.if_none_match]
            .iter()
            .all(|f| lines(f).is_empty()));
    }

    #[test]
    fn field_values_are_checked_as_http_checks_them() {
        let http_takes = |bytes: &[u8]| HeaderValue::from_bytes(bytes).is_ok();
        // Each byte, alone and at each place of a word and of the tail.
        for byte in 0..=u8::MAX {
            for at in 0..19 {
                let mut bytes = vec![b'a'; 19];
                bytes[at] = byte;
                assert_eq!(is_field_value(&bytes), http_takes(&bytes), "{byte:#04x} at {at}");
            }
        }
        // Mixed bytes, from a fixed xorshift sequence.
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let length = (state % 40) as usize;
            let bytes: Vec<u8> =
                (0..length).map(|i| (state >> (i % 8 * 8)) as u8 | (0x20 * u8::from(i % 3 > 0))).collect();
            assert_eq!(is_field_value(&bytes), http_takes(&bytes), "{bytes:?}");
        }
        let text = format("GET", "http://h/", &[Some("a\u{7f}"), Some("fr\tx"), Some("\u{1}")]);
        let head = Head::parse(&text);
        assert_eq!((lines(&head.accept), lines(&head.accept_language)), (vec![], vec!["fr\tx".to_owned()]));
        assert_eq!(lines(&head.if_none_match), Vec::<String>::new());
    }

    #[test]
    fn parts_give_the_same_head() {
        let (parts, ()) = http::Request::get("https://h/en/apropos/?x")
            .header("accept", "text/plain")
            .header("accept", "application/json")
            .header("if-none-match", "\"a\"")
            .body(())
            .unwrap()
            .into_parts();
        let head = Head::of(&parts);
        assert_eq!((head.method, head.path, head.secure), (Method::GET, "/en/apropos/", true));
        assert_eq!(lines(&head.accept), ["text/plain", "application/json"]);
        assert_eq!(lines(&head.accept_language), Vec::<String>::new());
        assert_eq!(lines(&head.if_none_match), ["\"a\""]);
    }
}
