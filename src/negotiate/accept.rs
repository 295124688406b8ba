//! `Accept`: proactive negotiation of the format (RFC 9110 §12.5.1).
//!
//! ```text
//! Accept      = #( media-range [ weight ] )
//! media-range = ( "*/*" / ( type "/" "*" ) / ( type "/" subtype ) ) parameters
//! weight      = OWS ";" OWS "q=" qvalue
//! ```

use http::header::ACCEPT;
use http::HeaderMap;

use crate::head::Field;

use super::list::{elements, parameter, parameters, token_end, trim};
use super::{negotiate, Outcome, Quality, Range};
use crate::variant::Format;

/// How a range's parameters (other than `q`) bear on the offered formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Parameters {
    /// None given.
    None,
    /// Only `charset=utf-8`, which every format satisfies (all are UTF-8).
    Satisfied,
    /// One no format has (`level=1`, `charset=latin1`, `profile=…`): the range matches nothing.
    Unsatisfiable,
}

/// One valid element of an `Accept` list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct MediaRange<'a> {
    kind: &'a [u8],
    subtype: &'a [u8],
    parameters: Parameters,
    quality: Quality,
}

impl<'a> MediaRange<'a> {
    /// Parses one list element; `None` if it is not a valid media range.
    fn parse(element: &'a [u8]) -> Option<MediaRange<'a>> {
        // `type/subtype`, two tokens, then nothing but whitespace before the
        // parameters: read in one scan (the element is trimmed already).
        let slash = token_end(element, 0);
        if slash == 0 || element.get(slash) != Some(&b'/') {
            return None;
        }
        let end = token_end(element, slash + 1);
        let (kind, subtype, rest) = (&element[..slash], &element[slash + 1..end], trim(&element[end..]));
        if subtype.is_empty() || rest.first().is_some_and(|b| *b != b';') || (kind == b"*" && subtype != b"*")
        {
            return None;
        }
        let mut range = MediaRange { kind, subtype, parameters: Parameters::None, quality: Quality::ONE };
        for param in parameters(rest) {
            let (name, value) = parameter(param)?;
            if name.eq_ignore_ascii_case(b"q") {
                range.quality = Quality::parse(value)?;
                break; // What follows the weight is accept-ext: ignored.
            }
            let utf8 = name.eq_ignore_ascii_case(b"charset") && value.eq_ignore_ascii_case(b"utf-8");
            range.parameters = match (range.parameters, utf8) {
                (Parameters::Unsatisfiable, _) | (_, false) => Parameters::Unsatisfiable,
                _ => Parameters::Satisfied,
            };
        }
        Some(range)
    }
}

impl Range<Format> for MediaRange<'_> {
    fn quality(&self) -> Quality {
        self.quality
    }

    /// How specifically this range matches `format` (type 4, subtype 2,
    /// parameters 1), or `None` if it does not match it.
    fn specificity(&self, format: Format) -> Option<u8> {
        let (kind, subtype) = format.media_type_parts();
        let mut specificity = 0;
        if self.kind != b"*" {
            if !self.kind.eq_ignore_ascii_case(kind) {
                return None;
            }
            specificity |= 4;
        }
        if self.subtype != b"*" {
            if !self.subtype.eq_ignore_ascii_case(subtype) {
                return None;
            }
            specificity |= 2;
        }
        match self.parameters {
            Parameters::None => {}
            Parameters::Satisfied => specificity |= 1,
            Parameters::Unsatisfiable => return None,
        }
        Some(specificity)
    }
}

/// The format to send for the request's `Accept` header(s), or `None` when
/// no format is acceptable (→ `406 Not Acceptable`).
///
/// Total over every input. The rules (RFC 9110 §12.5.1, with the precedence
/// of jshttp/negotiator, the library behind Express):
///
/// 1. The header is a list of media ranges; an invalid element is ignored,
///    not the whole header. No header, an empty one, or one without any
///    valid element means `*/*`. Reading is bounded ([`super::MAX_LIST_BYTES`], [`super::MAX_LIST_ELEMENTS`]).
/// 2. Each offered format ([`Format::ALL`], in server order) takes the `q` of
///    the most specific range that matches it (`type/subtype` > `type/*` >
///    `*/*`, a satisfied `charset=utf-8` adding to it); among equally
///    specific ranges, the higher `q`. A format no range matches, or whose
///    `q` is 0, is not acceptable.
/// 3. The highest `q` wins; ties go to the more specific range, then to the
///    range listed first by the client, then to the server's order.
///
/// ```
/// use apropos_worker::negotiate::negotiate_format;
/// use apropos_worker::Format;
/// use http::{header::ACCEPT, HeaderMap, HeaderValue};
///
/// let mut headers = HeaderMap::new();
/// headers.insert(ACCEPT, HeaderValue::from_static("text/plain, application/json"));
/// assert_eq!(negotiate_format(&headers), Some(Format::Text));
/// ```
pub fn negotiate_format(headers: &HeaderMap) -> Option<Format> {
    format_from(&Field::Map(headers.get_all(ACCEPT)))
}

/// [`negotiate_format`] of the field lines of `Accept`.
pub fn format_from(accept: &Field<'_>) -> Option<Format> {
    let ranges = elements(accept).filter_map(MediaRange::parse);
    match negotiate(ranges, Format::ALL) {
        Outcome::Chosen(format) => Some(format),
        Outcome::NoneAcceptable => None,
        Outcome::NoRanges => Format::ALL.first().copied(),
    }
}

#[cfg(test)]
mod tests;
