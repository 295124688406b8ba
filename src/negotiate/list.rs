//! Comma-separated list headers (RFC 9110 §5.6.1), read within fixed bounds.
//!
//! A header may be sent as several field lines, each a list; they combine in
//! order. Elements are separated by commas outside quoted strings; empty
//! elements are skipped. Whatever the input, at most [`MAX_LIST_BYTES`] bytes
//! and [`MAX_LIST_ELEMENTS`] elements are read, so the cost of parsing a
//! header is bounded however large it is; an element cut by the byte cap is
//! dropped rather than read half.

use crate::syntax::token_end;

/// The most bytes of one header's value that are read.
pub const MAX_LIST_BYTES: usize = 4096;
/// The most elements of one header that are read.
pub const MAX_LIST_ELEMENTS: usize = 64;

// Negotiation runs on every request, and the wasm is built for size, which
// inlines little: a chain of iterator adapters and closures costs a call per
// element or byte there. So the reading below is plain loops, in one pass:
// each element is read where it lies, not first cut out, then trimmed, then
// cut into parameters, each scanned again.

/// The valid elements of the list `value`, each read by `read` from a
/// [`Cursor`] at its first byte, within the bounds.
///
/// An element is what lies between commas outside quoted strings, without
/// whitespace around it; empty ones are skipped. `read` returns `None` for an
/// invalid element, and may stop before the element's end when what follows
/// does not matter; the cursor then moves on to the next element. Past
/// [`MAX_LIST_BYTES`], the element the cap cuts and all that follows are not
/// read; an element that ends right at the cap is read when a comma follows.
pub fn elements<'a, R>(value: &'a [u8], read: fn(&mut Cursor<'a>) -> Option<R>) -> Elements<'a, R> {
    let bytes = match value.get(..=MAX_LIST_BYTES) {
        // Keep only the elements that end within the cap: those a comma
        // follows, at the latest right after the cap's last byte.
        Some(cut) => cut.iter().rposition(|b| *b == b',').map_or(&[][..], |comma| &cut[..comma]),
        None => value,
    };
    Elements { cursor: Cursor { bytes, at: 0 }, left: MAX_LIST_ELEMENTS, read }
}

/// The iterator [`elements`] returns.
pub struct Elements<'a, R> {
    /// Where reading is at.
    cursor: Cursor<'a>,
    /// Elements that may still be read.
    left: usize,
    read: fn(&mut Cursor<'a>) -> Option<R>,
}

impl<'a, R> Iterator for Elements<'a, R> {
    type Item = R;

    fn next(&mut self) -> Option<R> {
        loop {
            self.cursor.skip_empty_elements();
            if self.cursor.at >= self.cursor.bytes.len() || self.left == 0 {
                return None;
            }
            self.left -= 1;
            let element = (self.read)(&mut self.cursor);
            self.cursor.skip_to_next_element();
            if element.is_some() {
                return element;
            }
        }
    }
}

/// A position in a field line, from which an element's parts are read.
/// Nothing here moves past a `"` but [`Cursor::parameter`], past a whole
/// quoted string: so where reading an element stops, a quoted string never
/// has begun, and the next comma outside quotes is found from there.
pub struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    /// The run of tchars from here (empty if there is none).
    #[inline(always)]
    pub fn token(&mut self) -> &'a [u8] {
        let start = self.at;
        self.at = token_end(self.bytes, start);
        &self.bytes[start..self.at]
    }

    /// The run from here of bytes `accept` takes (none of them `"`).
    pub fn run(&mut self, accept: fn(u8) -> bool) -> &'a [u8] {
        let start = self.at;
        while self.at < self.bytes.len() && accept(self.bytes[self.at]) {
            self.at += 1;
        }
        &self.bytes[start..self.at]
    }

    /// Moves past `byte` if it is next.
    #[inline(always)]
    pub fn eat(&mut self, byte: u8) -> bool {
        let next = self.bytes.get(self.at) == Some(&byte);
        self.at += usize::from(next);
        next
    }

    /// Moves past spaces and tabs (OWS).
    #[inline(always)]
    fn skip_whitespace(&mut self) {
        while self.at < self.bytes.len() && matches!(self.bytes[self.at], b' ' | b'\t') {
            self.at += 1;
        }
    }

    /// Moves past whitespace; then whether the element ends here (at a
    /// comma or at the end of the line).
    #[inline(always)]
    fn at_element_end(&mut self) -> bool {
        self.skip_whitespace();
        matches!(self.bytes.get(self.at), None | Some(b','))
    }

    /// The element's next parameter, `OWS ";" OWS name=value` (empty ones,
    /// `;;`, skipped; the value a token or a quoted string, returned without
    /// its quotes): `Some(None)` when the element ends instead, `None` if
    /// what follows is neither.
    pub fn parameter(&mut self) -> Option<Option<(&'a [u8], &'a [u8])>> {
        loop {
            if self.at_element_end() {
                return Some(None);
            }
            if !self.eat(b';') {
                return None;
            }
            self.skip_whitespace();
            if matches!(self.bytes.get(self.at), None | Some(b';' | b',')) {
                continue;
            }
            let name = self.token();
            if name.is_empty() || !self.eat(b'=') {
                return None;
            }
            let value = match self.bytes.get(self.at) {
                Some(b'"') => {
                    let end = quoted_string_end(self.bytes, self.at + 1)?;
                    let inner = &self.bytes[self.at + 1..end - 1];
                    self.at = end;
                    inner
                }
                _ => match self.token() {
                    b"" => return None,
                    token => token,
                },
            };
            // The value ends the parameter: whitespace, then `;`, `,` or the end.
            self.skip_whitespace();
            if !matches!(self.bytes.get(self.at), None | Some(b';' | b',')) {
                return None;
            }
            return Some(Some((name, value)));
        }
    }

    /// Moves past whitespace and commas: empty elements.
    #[inline(always)]
    fn skip_empty_elements(&mut self) {
        while self.at < self.bytes.len() && matches!(self.bytes[self.at], b' ' | b'\t' | b',') {
            self.at += 1;
        }
    }

    /// Moves to the next comma outside quoted strings (`\` escaping the next
    /// byte in them), or to the end of the line.
    #[inline(always)]
    fn skip_to_next_element(&mut self) {
        let bytes = self.bytes;
        while self.at < bytes.len() && bytes[self.at] != b',' {
            self.at = match bytes[self.at] {
                b'"' => quoted_string_end(bytes, self.at + 1).unwrap_or(bytes.len()),
                _ => self.at + 1,
            };
        }
    }
}

/// Where the quoted string whose content starts at `start` ends: past its
/// closing quote; `None` if it has none.
fn quoted_string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return Some(i + 1),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The elements of the field lines `values` as read by `read`, as strings.
    fn read_with(values: &[&str], read: fn(&mut Cursor<'_>) -> Option<String>) -> Vec<String> {
        elements(values.join(", ").as_bytes(), read).collect()
    }

    /// A token and its parameters, `name=value` each, joined by `;`.
    fn token_and_parameters(element: &mut Cursor<'_>) -> Option<String> {
        let mut read = String::from_utf8_lossy(element.token()).into_owned();
        while let Some((name, value)) = element.parameter()? {
            read += &format!(";{}={}", String::from_utf8_lossy(name), String::from_utf8_lossy(value));
        }
        Some(read)
    }

    fn list(values: &[&str]) -> Vec<String> {
        read_with(values, token_and_parameters)
    }

    #[test]
    fn elements_split_on_commas_outside_quotes() {
        assert_eq!(list(&["a, b ,c"]), ["a", "b", "c"]);
        assert_eq!(list(&["a;x=\"1,2\", b"]), ["a;x=1,2", "b"]);
        assert_eq!(list(&["a;x=\"q\\\",\", b"]), ["a;x=q\\\",", "b"]);
        assert_eq!(list(&[" , ,, a,\t,"]), ["a"]);
        assert_eq!(list(&["a", "b, c"]), ["a", "b", "c"]);
        assert_eq!(list(&[""]), Vec::<String>::new());
        // An invalid element is skipped to the next comma outside quotes.
        assert_eq!(list(&["\"x, y\", b"]), ["b"]);
        // Lines are joined before they are read, as the runtime joins them: an
        // unterminated quoted string runs to the end of the value.
        assert_eq!(list(&["a b, c", "a;x=\"unterminated, d", "e"]), ["c"]);
        assert_eq!(list(&["a/b, c"]), ["c"]);
    }

    #[test]
    fn elements_are_bounded() {
        let many = vec!["x"; 10_000].join(",");
        assert_eq!(list(&[&many]).len(), MAX_LIST_ELEMENTS);
        // Invalid elements count too.
        let invalid = vec!["x y"; 10_000].join(",") + ", z";
        assert!(list(&[&invalid]).is_empty());
        // An element that ends right at the cap is read when a comma follows…
        let exact = format!("{}, c", "a".repeat(MAX_LIST_BYTES - 3));
        assert_eq!(list(&[&exact, "d"]), ["a".repeat(MAX_LIST_BYTES - 3), "c".to_owned()]);
        assert_eq!(list(&[&exact]).len(), 2);
        // …but an element cut by the byte cap is dropped, not read half.
        let long = format!("{}, application/jsonx", "a".repeat(MAX_LIST_BYTES - 10));
        assert_eq!(list(&[&long]).len(), 1);
        let lines: Vec<String> = (0..100).map(|_| "b".repeat(100)).collect();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        assert_eq!(list(&lines).len(), MAX_LIST_BYTES / 102);
    }

    #[test]
    fn parameters_and_tokens() {
        assert_eq!(list(&["a; q=0.5 ;; level=1;"]), ["a;q=0.5;level=1"]);
        assert_eq!(list(&["a;charset=\"utf-8\";x=\"\""]), ["a;charset=utf-8;x="]);
        for invalid in ["a;q", "a;=1", "a;q=a b", "a;q =1", "a;q= 1", "a;q=", "a;q=1\"x\"", "a x"] {
            assert_eq!(list(&[invalid]), Vec::<String>::new(), "{invalid}");
        }
    }
}
