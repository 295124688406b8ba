//! Comma-separated list headers (RFC 9110 §5.6.1), read within fixed bounds.
//!
//! A header may be sent as several field lines, each a list; they combine in
//! order. Elements are separated by commas outside quoted strings; empty
//! elements are skipped. Whatever the input, at most [`MAX_LIST_BYTES`] bytes
//! and [`MAX_LIST_ELEMENTS`] elements are read, so the cost of parsing a
//! header is bounded however large it is; an element cut by the byte cap is
//! dropped rather than read half.

use http::header::{GetAll, HeaderValue};

/// The most bytes of one header's field lines that are read.
pub const MAX_LIST_BYTES: usize = 4096;
/// The most elements of one header that are read.
pub const MAX_LIST_ELEMENTS: usize = 64;

/// The elements of a list header, trimmed of whitespace, within the bounds.
pub fn elements(values: GetAll<'_, HeaderValue>) -> impl Iterator<Item = &[u8]> {
    let mut budget = MAX_LIST_BYTES;
    values
        .into_iter()
        .map_while(move |value| {
            let bytes = value.as_bytes();
            if budget == 0 {
                return None;
            }
            if bytes.len() <= budget {
                budget -= bytes.len();
                return Some(bytes);
            }
            let cut = &bytes[..budget];
            budget = 0;
            // Keep only the elements that ended before the cap.
            Some(cut.iter().rposition(|b| *b == b',').map_or(&[][..], |comma| &cut[..comma]))
        })
        .flat_map(split_outside_quotes(b','))
        .map(trim)
        .filter(|element| !element.is_empty())
        .take(MAX_LIST_ELEMENTS)
}

/// An element's first part (before any `;`, trimmed) and the rest, where its
/// parameters are.
pub fn split_head(element: &[u8]) -> (&[u8], &[u8]) {
    let end = element.iter().position(|b| *b == b';').unwrap_or(element.len());
    let (head, rest) = element.split_at(end);
    (trim(head), rest)
}

/// The `;`-separated parameters after an element's first part, trimmed, empty ones skipped.
pub fn parameters(rest: &[u8]) -> impl Iterator<Item = &[u8]> {
    split_outside_quotes(b';')(rest).map(trim).filter(|p| !p.is_empty())
}

/// A splitter on `separator` that ignores separators inside quoted strings
/// (with their backslash escapes).
fn split_outside_quotes(separator: u8) -> impl Fn(&[u8]) -> SplitOutsideQuotes<'_> {
    move |bytes| SplitOutsideQuotes { rest: Some(bytes), separator }
}

struct SplitOutsideQuotes<'a> {
    rest: Option<&'a [u8]>,
    separator: u8,
}

impl<'a> Iterator for SplitOutsideQuotes<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let bytes = self.rest?;
        let (mut quoted, mut escaped) = (false, false);
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                _ if escaped => escaped = false,
                b'\\' if quoted => escaped = true,
                b'"' => quoted = !quoted,
                _ if b == self.separator && !quoted => {
                    self.rest = bytes.get(i + 1..);
                    return bytes.get(..i);
                }
                _ => {}
            }
        }
        self.rest = None;
        Some(bytes)
    }
}

/// `bytes` without leading and trailing spaces and tabs (OWS).
pub fn trim(bytes: &[u8]) -> &[u8] {
    let is_ows = |b: &u8| *b == b' ' || *b == b'\t';
    let start = bytes.iter().position(|b| !is_ows(b)).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| !is_ows(b)).map_or(start, |i| i + 1);
    bytes.get(start..end).unwrap_or_default()
}

/// Whether `bytes` is a non-empty token (RFC 9110 §5.6.2).
pub fn is_token(bytes: &[u8]) -> bool {
    !bytes.is_empty() && bytes.iter().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(b))
}

/// Splits a parameter `name=value` (the value unquoted, escapes kept);
/// `None` when it is not of that form.
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
    use http::header::ACCEPT;
    use http::HeaderMap;

    fn list(values: &[&str]) -> Vec<String> {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(ACCEPT, HeaderValue::from_str(value).unwrap());
        }
        elements(headers.get_all(ACCEPT)).map(|e| String::from_utf8_lossy(e).into_owned()).collect()
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
