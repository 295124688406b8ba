//! What the fuzz targets share: turning libFuzzer's bytes into `http`
//! values the way the worker's entry does.
//!
//! Inputs are line-oriented, so the seeds in `corpus/` read as what they are:
//!
//! - a header is its field lines, one per line (`\n`);
//! - a request is `METHOD TARGET`, then one `name: value` header per line.
//!
//! Whatever the `http` types refuse (a control byte in a value, a space in a
//! name) is skipped, as the entry drops it; a method or target they refuse
//! becomes `GET` or `/`, as in the entry.

use http::header::{HeaderMap, HeaderName, HeaderValue};
use http::{request, Method, Uri};

/// A header map holding `data`'s lines as field lines of `name`, in order.
pub fn field_lines(name: &HeaderName, data: &[u8]) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for line in data.split(|b| *b == b'\n') {
        if let Ok(value) = HeaderValue::from_bytes(line) {
            headers.append(name.clone(), value);
        }
    }
    headers
}

/// The value the core reads of `name` in `headers`: its field lines joined
/// by `, `, as the runtime hands them to the wasm entry.
pub fn value(headers: &HeaderMap, name: &HeaderName) -> Vec<u8> {
    apropos_worker::syntax::combined(headers.get_all(name)).into_owned()
}

/// The request `data` describes: `METHOD TARGET` on the first line, then
/// `name: value` lines (the value's leading spaces are not part of it).
pub fn request(data: &[u8]) -> request::Parts {
    let mut lines = data.split(|b| *b == b'\n');
    let first = lines.next().unwrap_or_default();
    let (method, target) = match first.iter().position(|b| *b == b' ') {
        Some(space) => (&first[..space], &first[space + 1..]),
        None => (first, &b"/"[..]),
    };
    let (mut parts, ()) = http::Request::new(()).into_parts();
    parts.method = Method::from_bytes(method).unwrap_or_default();
    parts.uri = Uri::try_from(target).unwrap_or_default();
    for line in lines {
        let Some(colon) = line.iter().position(|b| *b == b':') else { continue };
        let value = &line[colon + 1..];
        let value = &value[value.iter().position(|b| *b != b' ').unwrap_or(value.len())..];
        if let (Ok(name), Ok(value)) =
            (HeaderName::from_bytes(&line[..colon]), HeaderValue::from_bytes(value))
        {
            parts.headers.append(name, value);
        }
    }
    parts
}
