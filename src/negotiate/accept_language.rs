//! `Accept-Language`: proactive negotiation of the language (RFC 9110
//! §12.5.4, ranges as in RFC 4647).
//!
//! ```text
//! Accept-Language = #( language-range [ weight ] )
//! language-range  = ( 1*8ALPHA *( "-" 1*8alphanum ) ) / "*"
//! ```

use super::list::{elements, Cursor};
use super::{negotiate, Outcome, Range};
use crate::syntax::{same_ignoring_case, Quality};
use crate::variant::Lang;

/// One valid element of an `Accept-Language` list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct LanguageRange<'a> {
    tag: &'a [u8],
    quality: Quality,
}

impl<'a> LanguageRange<'a> {
    /// Reads one list element; `None` if it is not a valid language range
    /// with an optional weight.
    fn read(element: &mut Cursor<'a>) -> Option<LanguageRange<'a>> {
        let tag = element.run(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'*'));
        if !is_language_range(tag) {
            return None;
        }
        let mut quality = Quality::ONE;
        while let Some((name, value)) = element.parameter()? {
            if !same_ignoring_case(name, b"q") {
                return None;
            }
            quality = Quality::parse(value)?;
        }
        Some(LanguageRange { tag, quality })
    }
}

impl Range<Lang> for LanguageRange<'_> {
    fn quality(&self) -> Quality {
        self.quality
    }

    /// How specifically this range matches `lang`: exactly (2), as a more
    /// specific tag of it (`en-GB` for `en`: 1), or as `*` (0); `None` if not.
    fn specificity(&self, lang: Lang) -> Option<u8> {
        let code = lang.code().as_bytes();
        if same_ignoring_case(self.tag, code) {
            Some(2)
        } else if self.tag.len() > code.len()
            && self.tag.get(code.len()) == Some(&b'-')
            && self.tag.get(..code.len()).is_some_and(|prefix| same_ignoring_case(prefix, code))
        {
            Some(1)
        } else if self.tag == b"*" {
            Some(0)
        } else {
            None
        }
    }
}

/// `*`, or subtags of 1 to 8 characters joined by `-`: letters first, then letters or digits.
fn is_language_range(tag: &[u8]) -> bool {
    if tag == b"*" {
        return true;
    }
    let (mut length, mut primary) = (0, true);
    for &b in tag {
        if b == b'-' {
            if length == 0 {
                return false;
            }
            (length, primary) = (0, false);
        } else if b.is_ascii_alphabetic() || (!primary && b.is_ascii_digit()) {
            length += 1;
            if length > 8 {
                return false;
            }
        } else {
            return false;
        }
    }
    length > 0
}

/// The language to send for the request's `Accept-Language` value (empty if
/// it was not sent).
///
/// Total over every input; never fails: when no offered language is
/// acceptable the answer is French, the default (a page in another language
/// beats no page). The rules:
///
/// 1. The header is a list of language ranges; an invalid element is
///    ignored, not the whole header. Reading is bounded ([`super::MAX_LIST_BYTES`], [`super::MAX_LIST_ELEMENTS`]).
/// 2. A range matches an offered language ([`Lang::ALL`]) case-insensitively
///    if it equals it, or if the language is its prefix (`en-GB` → `en`,
///    `fr-CA` → `fr`); `*` matches the languages no other range names. Each
///    language takes the `q` of its most specific range (exact > prefix >
///    `*`; among equals, the higher `q`). `q=0` excludes it.
/// 3. The highest `q` wins; ties go to the more specific match, then to the
///    range listed first by the client, then to the server's order.
///
/// ```
/// use apropos_worker::negotiate::negotiate_language;
/// use apropos_worker::Lang;
///
/// assert_eq!(negotiate_language(b"en-GB,en;q=0.9,fr;q=0.8"), Lang::En);
/// assert_eq!(negotiate_language(b"de"), Lang::Fr);
/// ```
pub fn negotiate_language(accept_language: &[u8]) -> Lang {
    let ranges = elements(accept_language, LanguageRange::read);
    match negotiate(ranges, Lang::ALL) {
        Outcome::Chosen(lang) => lang,
        Outcome::NoneAcceptable | Outcome::NoRanges => Lang::Fr,
    }
}

#[cfg(test)]
mod tests;
