//! Conditional requests: entity tags and `If-None-Match` (RFC 9110 §8.8.3, §13.1.2).
//!
//! ```text
//! If-None-Match = "*" / #entity-tag
//! entity-tag    = [ "W/" ] DQUOTE *etagc DQUOTE
//! ```

use http::HeaderValue;

use crate::negotiate::{MAX_LIST_BYTES, MAX_LIST_ELEMENTS};
use crate::syntax::trim;

/// The most bytes of `If-None-Match` that are read; tags beyond are not seen
/// (the response is then a full 200, which is always correct).
pub const MAX_IF_NONE_MATCH_BYTES: usize = 4 * MAX_LIST_BYTES;
/// The most entity tags of `If-None-Match` that are compared.
pub const MAX_IF_NONE_MATCH_TAGS: usize = 4 * MAX_LIST_ELEMENTS;

/// A weak entity tag derived from a representation's bytes: the same bytes
/// always give the same tag, across isolates and deploys.
///
/// Weak (`W/`), because the edge compresses the body after the worker
/// answers: a strong tag names exact bytes (RFC 9110 §8.8.3), and the gzip
/// and the identity bytes would share it. A weak tag says the encodings are
/// one representation, which they are; `If-None-Match` compares weakly anyway.
pub fn etag_for(body: &[u8]) -> HeaderValue {
    // FNV-1a, 64 bits: a fingerprint, not a defence (the bytes are public).
    let hash = body.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    let tag = format!("W/\"{hash:016x}\"");
    HeaderValue::from_str(&tag).unwrap_or(HeaderValue::from_static("W/\"0\""))
}

/// Whether the request's `If-None-Match` value (empty if it was not sent)
/// matches `etag` by weak comparison (opaque tags equal, `W/` ignored), or
/// is `*`: then a GET or HEAD is answered `304 Not Modified`.
///
/// Total over every input: elements that are not entity tags are skipped,
/// and reading stops after [`MAX_IF_NONE_MATCH_BYTES`] bytes or
/// [`MAX_IF_NONE_MATCH_TAGS`] tags.
pub fn none_match(if_none_match: &[u8], etag: &HeaderValue) -> bool {
    let ours = opaque(etag.as_bytes());
    let mut rest = if_none_match.get(..MAX_IF_NONE_MATCH_BYTES).unwrap_or(if_none_match);
    let mut seen = 0;
    while let Some((tag, after)) = next_tag(rest) {
        if tag == b"*" || (ours.is_some() && opaque(tag) == ours) {
            return true;
        }
        seen += 1;
        if seen >= MAX_IF_NONE_MATCH_TAGS {
            return false;
        }
        rest = after;
    }
    false
}

/// The next list element of `bytes` (an entity tag, `*`, or junk up to the
/// next comma), and what follows it; `None` at the end.
fn next_tag(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let start = bytes.iter().position(|b| !matches!(b, b' ' | b'\t' | b','))?;
    let bytes = bytes.get(start..)?;
    let opening = usize::from(bytes.starts_with(b"W/\""));
    let quoted_end = match bytes.get(opening * 2..)? {
        // A quoted tag ends at its closing quote (etagc has no quote, and commas may appear inside)…
        [b'"', inner @ ..] => inner.iter().position(|b| *b == b'"').map(|i| opening * 2 + i + 2),
        _ => None,
    };
    // …if only whitespace separates it from the next comma; otherwise the element is junk.
    let ends_element = |end: &usize| {
        let after = trim(bytes.get(*end..).unwrap_or_default());
        after.is_empty() || after.starts_with(b",")
    };
    let end = quoted_end
        .filter(ends_element)
        .unwrap_or_else(|| bytes.iter().position(|b| *b == b',').unwrap_or(bytes.len()));
    Some((trim(bytes.get(..end)?), bytes.get(end..)?))
}

/// The opaque tag (`"…"`, quotes included) of an entity tag, weak or strong;
/// `None` if `tag` is not an entity tag.
fn opaque(tag: &[u8]) -> Option<&[u8]> {
    let tag = tag.strip_prefix(b"W/").unwrap_or(tag);
    let inner = tag.strip_prefix(b"\"")?.strip_suffix(b"\"")?;
    let etagc = |b: &u8| *b == 0x21 || (0x23..=0x7e).contains(b) || *b >= 0x80;
    inner.iter().all(etagc).then_some(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::syntax::combined;
    use http::header::IF_NONE_MATCH;
    use http::HeaderMap;

    fn matches(lines: &[&[u8]], etag: &str) -> bool {
        let mut headers = HeaderMap::new();
        for line in lines {
            headers.append(IF_NONE_MATCH, HeaderValue::from_bytes(line).expect("a valid field value"));
        }
        none_match(
            &combined(headers.get_all(IF_NONE_MATCH)),
            &HeaderValue::from_str(etag).expect("a valid etag"),
        )
    }

    #[test]
    fn if_none_match_table() {
        #[rustfmt::skip]
        let cases: &[(&[&[u8]], bool)] = &[
            (&[], false),
            (&[b""], false),
            (&[b"\"abc\""], true),
            (&[b"W/\"abc\""], true),
            (&[b"\"abd\""], false),
            (&[b"abc"], false),
            (&[b"\"ABC\""], false),
            (&[b"*"], true),
            (&[b" * "], true),
            (&[b"\"x\", \"abc\""], true),
            (&[b"\"x\",W/\"abc\""], true),
            (&[b"\"x\"", b"\"abc\""], true),
            (&[b"\"a,b\", \"abc\""], true),
            (&[b"\"abc"], false),
            (&[b"junk, \"abc\""], true),
            (&[b",,, \"abc\" ,,"], true),
            (&[b"w/\"abc\""], false),
            (&[b"\"abc\"x"], false),
            (&[b"\"\""], false),
            (&[b"\xff\"abc\""], false),
        ];
        for (lines, expected) in cases {
            let shown: Vec<_> = lines.iter().map(|l| String::from_utf8_lossy(l)).collect();
            assert_eq!(matches(lines, "\"abc\""), *expected, "If-None-Match: {shown:?}");
        }
    }

    #[test]
    fn reading_is_bounded() {
        let many: String = (0..10_000).map(|i| format!("\"{i}\", ")).collect();
        assert!(!matches(&[format!("{many}\"abc\"").as_bytes()], "\"abc\""));
        assert!(matches(&[format!("\"abc\", {many}").as_bytes()], "\"abc\""));
        let huge = format!("\"{}\"", "x".repeat(65_536));
        assert!(!matches(&[huge.as_bytes(), b"\"abc\""], "\"abc\""));
    }

    #[test]
    fn etags_are_weak_quoted_and_follow_the_bytes() {
        let (a, b) = (etag_for(b"page one"), etag_for(b"page two"));
        assert_ne!(a, b);
        assert_eq!(a, etag_for(b"page one"));
        assert!(opaque(a.as_bytes()).is_some() && a.as_bytes().starts_with(b"W/\""));
        assert_eq!(etag_for(b""), "W/\"cbf29ce484222325\"");
        // A client that sends the tag back, weak as it came or stripped of `W/`, matches.
        let tag = a.to_str().unwrap();
        assert!(matches(&[tag.as_bytes()], tag) && matches(&[&tag.as_bytes()[2..]], tag));
    }
}
