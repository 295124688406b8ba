//! HTTP's field syntax (RFC 9110 §5): tokens, whitespace, field values and
//! quality values, shared by negotiation, preconditions and configuration.

mod quality;

use std::borrow::Cow;

use http::header::{GetAll, HeaderValue};

pub use quality::Quality;

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

/// Whether `bytes` is a token (RFC 9110 §5.6.2): one or more tchars.
pub fn is_token(bytes: &[u8]) -> bool {
    !bytes.is_empty() && bytes.iter().all(|&b| TCHAR[usize::from(b)])
}

/// Where the run of tchars of `bytes` that starts at `from` ends.
#[inline(always)]
pub fn token_end(bytes: &[u8], from: usize) -> usize {
    let mut end = from;
    while end < bytes.len() && TCHAR[usize::from(bytes[end])] {
        end += 1;
    }
    end
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

/// Whether `bytes` is `lowercase` but for ASCII case (`lowercase` has no
/// uppercase letter). A plain loop: the wasm is built for size, where
/// `eq_ignore_ascii_case` is an out-of-line call, and negotiation makes a
/// dozen of these per request.
#[inline(always)]
pub fn same_ignoring_case(bytes: &[u8], lowercase: &[u8]) -> bool {
    if bytes.len() != lowercase.len() {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].to_ascii_lowercase() != lowercase[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `bytes` is a field value as `http`'s `HeaderValue` takes one: no
/// control byte but tab, no DEL (RFC 9110 §5.5). The runtime lets such bytes
/// through to the worker; checked eight bytes at a time, as it runs over
/// every header the core reads on every request.
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

/// A header's field lines as one value, joined by `, ` as a list's lines
/// combine (RFC 9110 §5.3), and as the runtime's `Headers.get` joins them:
/// empty when the header was not sent.
pub fn combined(lines: GetAll<'_, HeaderValue>) -> Cow<'_, [u8]> {
    let mut lines = lines.iter();
    let Some(first) = lines.next() else { return Cow::Borrowed(b"") };
    let Some(second) = lines.next() else { return Cow::Borrowed(first.as_bytes()) };
    let mut value = [first.as_bytes(), b", ", second.as_bytes()].concat();
    for line in lines {
        value.extend_from_slice(b", ");
        value.extend_from_slice(line.as_bytes());
    }
    Cow::Owned(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::header::ACCEPT;
    use http::HeaderMap;

    #[test]
    fn tokens_and_whitespace() {
        assert!(is_token(b"text") && !is_token(b"") && !is_token(b"te xt") && !is_token(b"a/b"));
        assert_eq!(token_end(b"ab/c", 0), 2);
        assert_eq!(trim(b" \t a b \t"), b"a b");
        assert_eq!(trim(b"   "), b"");
        assert!(same_ignoring_case(b"UTF-8", b"utf-8") && !same_ignoring_case(b"utf-16", b"utf-8"));
    }

    #[test]
    fn field_lines_combine_as_the_runtime_joins_them() {
        let mut headers = HeaderMap::new();
        assert_eq!(&combined(headers.get_all(ACCEPT))[..], b"");
        headers.append(ACCEPT, HeaderValue::from_static("text/html"));
        assert_eq!(&combined(headers.get_all(ACCEPT))[..], b"text/html");
        headers.append(ACCEPT, HeaderValue::from_static(""));
        headers.append(ACCEPT, HeaderValue::from_static("*/*;q=0.1"));
        assert_eq!(&combined(headers.get_all(ACCEPT))[..], b"text/html, , */*;q=0.1");
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
    }
}
