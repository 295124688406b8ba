//! Comma-separated list headers (RFC 9110 §5.6.1), read within fixed bounds.
//!
//! A header may be sent as several field lines, each a list; they combine in
//! order. Elements are separated by commas outside quoted strings; empty
//! elements are skipped. Whatever the input, at most [`MAX_LIST_BYTES`] bytes
//! and [`MAX_LIST_ELEMENTS`] elements are read, so the cost of parsing a
//! header is bounded however large it is; an element cut by the byte cap is
//! dropped rather than read half.

use crate::head::{Field, Lines};

/// The most bytes of one header's field lines that are read.
pub const MAX_LIST_BYTES: usize = 4096;
/// The most elements of one header that are read.
pub const MAX_LIST_ELEMENTS: usize = 64;

// Negotiation runs on every request, and the wasm is built for size
// (`opt-level = "z"`), which inlines little: a chain of iterator adapters and
// closures costs a call per element or byte there. So the scanning below is
// plain loops (issue #7: with the precomputed headers of `headers::Shaped`,
// this took `Site::respond` for a browser's revalidation of `/apropos/` from
// 33,300 to 17,900 instructions, natively at that opt-level).

/// The elements of a list header, trimmed of whitespace, within the bounds.
pub fn elements<'a>(field: &Field<'a>) -> Elements<'a> {
    Elements {
        lines: field.lines(),
        line: Split::new(b"", b','),
        budget: MAX_LIST_BYTES,
        left: MAX_LIST_ELEMENTS,
    }
}

/// The iterator [`elements`] returns.
pub struct Elements<'a> {
    lines: Lines<'a>,
    /// What is left of the field line being read.
    line: Split<'a>,
    /// Bytes that may still be read.
    budget: usize,
    /// Elements that may still be read.
    left: usize,
}

impl<'a> Iterator for Elements<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        if self.left == 0 {
            return None;
        }
        loop {
            if let Some(element) = self.line.next() {
                self.left -= 1;
                return Some(element);
            }
            if self.budget == 0 {
                return None;
            }
            let bytes = self.lines.next()?;
            let line = if bytes.len() <= self.budget {
                self.budget -= bytes.len();
                bytes
            } else {
                let cut = &bytes[..self.budget];
                self.budget = 0;
                // Keep only the elements that ended before the cap.
                cut.iter().rposition(|b| *b == b',').map_or(&[][..], |comma| &cut[..comma])
            };
            self.line = Split::new(line, b',');
        }
    }
}

/// An element's head (a media range, a language range: what comes before the
/// first `;`), trimmed, and the rest, its parameters.
pub fn split_head(element: &[u8]) -> (&[u8], &[u8]) {
    let end = element.iter().position(|b| *b == b';').unwrap_or(element.len());
    let (head, rest) = element.split_at(end);
    (trim(head), rest)
}

/// The parameters in what follows an element's head: `;`-separated, trimmed,
/// empty ones skipped.
pub fn parameters(rest: &[u8]) -> Split<'_> {
    Split::new(rest, b';')
}

/// The parts of `bytes` between separators outside quoted strings (where
/// `\` escapes the next byte), trimmed, empty ones skipped.
pub struct Split<'a> {
    rest: &'a [u8],
    separator: u8,
}

impl<'a> Split<'a> {
    fn new(bytes: &'a [u8], separator: u8) -> Split<'a> {
        Split { rest: bytes, separator }
    }
}

impl<'a> Iterator for Split<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        while !self.rest.is_empty() {
            let bytes = self.rest;
            let mut end = 0;
            while end < bytes.len() && bytes[end] != self.separator {
                end = match bytes[end] {
                    b'"' => after_quoted_string(bytes, end + 1),
                    _ => end + 1,
                };
            }
            self.rest = bytes.get(end + 1..).unwrap_or_default();
            let part = trim(&bytes[..end]);
            if !part.is_empty() {
                return Some(part);
            }
        }
        None
    }
}

/// Where the quoted string whose content starts at `start` ends: past its
/// closing quote, or at the end of `bytes` if it has none.
fn after_quoted_string(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return i + 1,
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// `bytes` without leading and trailing spaces and tabs (OWS).
pub fn trim(bytes: &[u8]) -> &[u8] {
    let (mut start, mut end) = (0, bytes.len());
    while start < end && matches!(bytes[start], b' ' | b'\t') {
        start += 1;
    }
    while end > start && matches!(bytes[end - 1], b' ' | b'\t') {
        end -= 1;
    }
    &bytes[start..end]
}

/// Where the run of tchars of `bytes` that starts at `from` ends.
pub fn token_end(bytes: &[u8], from: usize) -> usize {
    let mut end = from;
    while end < bytes.len() && TCHAR[usize::from(bytes[end])] {
        end += 1;
    }
    end
}

/// Whether `bytes` is a token (RFC 9110 §5.6.2): one or more tchars.
pub fn is_token(bytes: &[u8]) -> bool {
    !bytes.is_empty() && bytes.iter().all(|&b| TCHAR[usize::from(b)])
}

/// Which bytes are tchars: `!#$%&'*+-.^_`|~`, digits and letters.
const TCHAR: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric()
            || matches!(b as u8, b'!' | b'#'..=b'\'' | b'*' | b'+' | b'-' | b'.' | b'^'..=b'`' | b'|' | b'~');
        b += 1;
    }
    table
};

/// A parameter `name=value` (the value a token or a quoted string, returned
/// without its quotes), or `None` if it is not one.
pub fn parameter(param: &[u8]) -> Option<(&[u8], &[u8])> {
    let eq = param.iter().position(|b| *b == b'=')?;
    let (name, value) = (param.get(..eq)?, param.get(eq + 1..)?);
    if !is_token(name) {
        return None;
    }
    let value = match value {
        [b'"', inner @ .., b'"'] => inner,
        _ if is_token(value) => value,
        _ => return None,
    };
    Some((name, value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::header::{HeaderValue, ACCEPT};
    use http::HeaderMap;

    fn list(values: &[&str]) -> Vec<String> {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(ACCEPT, HeaderValue::from_str(value).unwrap());
        }
        elements(&Field::Map(headers.get_all(ACCEPT)))
            .map(|e| String::from_utf8_lossy(e).into_owned())
            .collect()
    }

    #[test]
    fn elements_split_on_commas_outside_quotes() {
        assert_eq!(list(&["a, b ,c"]), ["a", "b", "c"]);
        assert_eq!(list(&["a;x=\"1,2\", b"]), ["a;x=\"1,2\"", "b"]);
        assert_eq!(list(&["a;x=\"q\\\",\", b"]), ["a;x=\"q\\\",\"", "b"]);
        assert_eq!(list(&[" , ,, a,\t,"]), ["a"]);
        assert_eq!(list(&["a", "b, c"]), ["a", "b", "c"]);
        assert_eq!(list(&[""]), Vec::<String>::new());
    }

    #[test]
    fn elements_are_bounded() {
        let many = vec!["x"; 10_000].join(",");
        assert_eq!(list(&[&many]).len(), MAX_LIST_ELEMENTS);
        // An element cut by the byte cap is dropped, not read half.
        let long = format!("{}, application/jsonx", "a".repeat(MAX_LIST_BYTES - 10));
        assert_eq!(list(&[&long]).len(), 1);
        let lines: Vec<String> = (0..100).map(|_| "b".repeat(100)).collect();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        assert_eq!(list(&lines).len(), MAX_LIST_BYTES / 100);
    }

    #[test]
    fn parameters_and_tokens() {
        let params: Vec<&[u8]> = parameters(b"; q=0.5 ;; level=1;").collect();
        assert_eq!(params, [&b"q=0.5"[..], b"level=1"]);
        assert_eq!(parameter(b"q=0.5"), Some((&b"q"[..], &b"0.5"[..])));
        assert_eq!(parameter(b"charset=\"utf-8\""), Some((&b"charset"[..], &b"utf-8"[..])));
        assert_eq!(parameter(b"q"), None);
        assert_eq!(parameter(b"=1"), None);
        assert_eq!(parameter(b"q=a b"), None);
        assert!(is_token(b"text") && !is_token(b"") && !is_token(b"te xt") && !is_token(b"a/b"));
        assert_eq!(trim(b" \t a b \t"), b"a b");
        assert_eq!(trim(b"   "), b"");
    }
}
